//! The `folio` binary over a small archive written in the test, with its cache in the test's
//! own folder.

use std::path::Path;

use assert_cmd::Command;

use super::archive::Folder;

/// Three articles in three languages' worth of names: one in a sub-folder, one whose file
/// name has a space and accents.
pub fn archive() -> Folder {
    let archive = Folder::new();
    archive.write_seed(
        "vienna.txt",
        "2023-03",
        "https://wire.example/20230314/vienna-talks.html",
        "Talks resume in Vienna over grain corridor",
        "Negotiators met again on Tuesday... 14.03.2023, Example Wire",
        "Delegations arrived early.Progress on the corridorBoth sides agreed on inspections.",
    );
    archive.write_seed(
        "nested/lisbon.txt",
        "2023-05",
        "https://tribune.example/20230502/lisbon-port.html",
        "Lisbon port strike enters second week",
        "Dockworkers kept the cranes idle... 02.05.2023, Lisbon Tribune",
        "The strike began over pay. Ships are waiting offshore with grain.",
    );
    archive.write_seed(
        "geneve sécurité.txt",
        "2022-11",
        "https://journal.example/20221120/geneve.html",
        "Sommet de Genève sur la sécurité alimentaire",
        "Les ministres se sont réunis à Genève... 20.11.2022, Journal Exemple",
        "Le sommet a porté sur les céréales et la sécurité des routes maritimes.",
    );
    archive
}

impl Folder {
    /// `folio ARGS... <archive>`, with the cache in the test's own folder.
    pub fn folio(&self, args: &[&str]) -> Command {
        let mut cmd = folio(self.cache.path());
        cmd.args(args).arg(self.root());
        cmd
    }
}

pub fn folio(cache: &Path) -> Command {
    let mut cmd = Command::cargo_bin("folio").expect("the folio binary is built");
    cmd.env("FOLIO_CACHE_DIR", cache)
        .env("FOLIO_DATA_DIR", cache.join("data"))
        .env_remove("HOME");
    cmd
}

/// The standard output of a command that must succeed.
pub fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone())
        .expect("folio prints UTF-8")
}

/// What `folio check` prints over the archive, its exit code asserted: 0 when nothing was
/// skipped or repaired, 1 when something was.
pub fn check(folder: &Folder, code: i32) -> String {
    let out = folder
        .folio(&["check"])
        .assert()
        .code(code)
        .get_output()
        .clone();
    String::from_utf8(out.stdout).expect("folio prints UTF-8")
}

pub fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}
