//! End to end: the real `folio` binary in a pseudo-terminal selects a passage, attaches a
//! note, and finds it again after a restart, in the notes overlay and in `folio notes`.

use std::path::{Path, PathBuf};

mod support;
use support::archive::seed_text;
use support::pty::folio::Folio;

/// Two articles on two days of January 2022.
fn archive(root: &Path) -> PathBuf {
    let dir = root.join("archive");
    std::fs::create_dir_all(&dir).expect("the archive folder");
    for (n, day) in [(1, "03"), (2, "05")] {
        let text = seed_text(
            "2022-01",
            &format!("https://fr.sputniknews.com/202201{day}/article-{n}.html"),
            &format!("Titre numéro {n}"),
            &format!("Un chapeau court... {day}.01.2022, Sputnik France"),
            "Le conseil a voté lundi. Le pont sera fermé en mars.",
        );
        std::fs::write(dir.join(format!("{n}.txt")), text).expect("the article is written");
    }
    dir
}

#[test]
fn a_note_added_in_the_reader_is_listed_after_a_restart_and_by_folio_notes() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let dir = archive(tmp.path());
    let mut folio = Folio::start(&dir, tmp.path());
    folio.wait_for("Titre numéro 2");
    // Read the newest article, select its first sentence and note it.
    folio.keys("\r");
    folio.wait_for("Le conseil a voté lundi.");
    folio.keys("V");
    folio.wait_for("Selecting:");
    folio.keys(")");
    folio.keys("\r");
    folio.wait_for("Note:");
    folio.keys("à vérifier\r");
    folio.wait_for("Note added");
    folio.keys("q");
    folio.wait_for("read the article");
    folio.keys("q");
    folio.wait_exit();

    let mut folio = Folio::start(&dir, tmp.path());
    folio.wait_for("Titre numéro 2");
    folio.keys("\r");
    folio.wait_for("Le conseil a voté lundi.");
    folio.keys("H");
    folio.wait_for("1 notes and highlights");
    folio.wait_for("à vérifier");
    folio.keys("\x1b");
    folio.wait_screen("the overlay closed", |s| {
        !s.contents().contains("à vérifier")
    });
    folio.keys("q");
    folio.wait_for("read the article");
    folio.keys("q");
    folio.wait_exit();

    let output = support::cli::folio(&tmp.path().join("cache"))
        .env("FOLIO_DATA_DIR", tmp.path().join("data"))
        .args(["notes", "--json", "--"])
        .arg(&dir)
        .output()
        .expect("folio notes runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}");
    let notes = support::cli::json_lines(&text);
    assert_eq!(notes.len(), 1, "{text}");
    assert_eq!(notes[0]["quote"], "Le conseil a voté lundi.");
    assert_eq!(notes[0]["note"], "à vérifier");
    assert_eq!(notes[0]["title"], "Titre numéro 2");
    assert_eq!(notes[0]["anchored"], true);
}
