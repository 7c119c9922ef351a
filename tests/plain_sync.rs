//! What a plain headless command (no flag) sees without walking every file: files added,
//! deleted, renamed and atomically replaced change their folder's time, so listing only the
//! folders whose time changed finds them; a file rewritten in place keeps its folder's time,
//! and only `--sync full` sees it.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use assert_cmd::Command;

struct Archive {
    dir: tempfile::TempDir,
    cache: tempfile::TempDir,
}

impl Archive {
    /// Two folders of articles about grain, and one about ports.
    fn new() -> Archive {
        let archive = Archive {
            dir: tempfile::tempdir().unwrap(),
            cache: tempfile::tempdir().unwrap(),
        };
        archive.write("one.txt", 1, "Grain talks resume");
        archive.write("wire/two.txt", 2, "Grain ships wait");
        archive.write("wire/deep/three.txt", 3, "Port strike goes on");
        archive
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, day: u32, title: &str) {
        let path = self.path(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text(name, day, title)).unwrap();
    }

    /// The number of articles a plain `folio search --count WORD` finds (with `flags`).
    fn count(&self, word: &str, flags: &[&str]) -> u64 {
        let output = Command::cargo_bin("folio")
            .unwrap()
            .env("FOLIO_CACHE_DIR", self.cache.path())
            .env("FOLIO_DATA_DIR", self.cache.path().join("data"))
            .env_remove("HOME")
            .args(["search", "--count", word])
            .args(flags)
            .arg(self.dir.path())
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        text.trim()
            .parse()
            .unwrap_or_else(|_| panic!("a count, not {text:?}"))
    }
}

fn text(name: &str, day: u32, title: &str) -> String {
    let slug = name.replace('/', "-");
    format!(
        " date 2022-01 https://wire.example/202201{day:02}/{slug}.html\n\n{title}\n\n\
         A lede about {title}... {day:02}.01.2022, Example Wire\n\nThe body of {title}.\n"
    )
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

/// Puts a folder's modification time back, as if nothing had been added to it.
fn set_mtime(path: &Path, time: SystemTime) {
    std::fs::File::open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

#[test]
fn a_plain_search_sees_files_added_deleted_renamed_and_replaced() {
    let archive = Archive::new();
    assert_eq!(archive.count("grain", &[]), 2);

    archive.write("wire/deep/four.txt", 4, "Grain prices fall");
    assert_eq!(archive.count("grain", &[]), 3, "added in a subfolder");

    std::fs::remove_file(archive.path("one.txt")).unwrap();
    assert_eq!(archive.count("grain", &[]), 2, "deleted");

    std::fs::rename(archive.path("wire/two.txt"), archive.path("two.txt")).unwrap();
    assert_eq!(archive.count("grain", &[]), 2, "renamed: counted once");
    std::fs::rename(archive.path("two.txt"), archive.path("wire/two.txt")).unwrap();

    // An atomic save: a temporary file renamed over the old one.
    let temporary = archive.path("wire/deep/three.txt.partial");
    std::fs::write(
        &temporary,
        text("wire/deep/three.txt", 3, "Grain port strike"),
    )
    .unwrap();
    std::fs::rename(&temporary, archive.path("wire/deep/three.txt")).unwrap();
    assert_eq!(archive.count("grain", &[]), 3, "replaced");
    assert_eq!(archive.count("port", &[]), 1);
}

#[test]
fn a_new_folder_and_a_deleted_folder_are_seen() {
    let archive = Archive::new();
    assert_eq!(archive.count("grain", &[]), 2);
    archive.write("wire/new/deeper/five.txt", 5, "Grain convoy leaves");
    assert_eq!(archive.count("grain", &[]), 3, "a new folder");
    std::fs::remove_dir_all(archive.path("wire")).unwrap();
    assert_eq!(archive.count("grain", &[]), 1, "a folder deleted");
}

#[test]
fn an_unchanged_folder_is_not_listed_and_sync_full_sees_a_rewrite_in_place() {
    let archive = Archive::new();
    assert_eq!(archive.count("grain", &[]), 2);
    let folder = archive.path("wire");
    let before = mtime(&folder);

    // Rewritten in place: the folder keeps its time, so a plain command trusts the index.
    archive.write("wire/two.txt", 2, "Barley ships wait");
    assert_eq!(mtime(&folder), before);
    assert_eq!(archive.count("barley", &[]), 0);
    assert_eq!(archive.count("barley", &["--sync", "full"]), 1);
    assert_eq!(archive.count("grain", &[]), 1);

    // Proof that the plain command does not list an unchanged folder: a file added with the
    // folder's time put back as recorded is not seen until `--sync full`.
    let recorded = mtime(&folder);
    archive.write("wire/seven.txt", 7, "Rye arrives");
    set_mtime(&folder, recorded);
    assert_eq!(archive.count("rye", &[]), 0);
    assert_eq!(archive.count("rye", &["--sync", "full"]), 1);
    assert_eq!(archive.count("rye", &["--no-sync"]), 1);
}

#[test]
fn a_symlink_loop_made_between_plain_commands_counts_nothing_twice() {
    let archive = Archive::new();
    assert_eq!(archive.count("grain", &[]), 2);
    // A link back to the archive's root in a known folder, and in a new folder.
    std::os::unix::fs::symlink("..", archive.path("wire/up")).unwrap();
    archive.write("loops/eight.txt", 8, "Grain silo fills");
    std::os::unix::fs::symlink(archive.dir.path(), archive.path("loops/root")).unwrap();
    assert_eq!(archive.count("grain", &[]), 3);
    assert_eq!(archive.count("grain", &["--sync", "full"]), 3);
    archive.write("wire/nine.txt", 9, "Grain barge sails");
    assert_eq!(archive.count("grain", &[]), 4);
}
