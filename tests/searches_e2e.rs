//! End to end: the real `folio` binary in a pseudo-terminal opens the searches overlay, sees a
//! saved search's counts arrive, and runs it with Enter.

use std::path::{Path, PathBuf};

mod support;
use support::archive::seed_text;
use support::pty::folio::Folio;

/// Three articles on three days of January 2022; the second is about a bridge.
fn archive(root: &Path) -> PathBuf {
    let dir = root.join("archive");
    std::fs::create_dir_all(&dir).expect("the archive folder");
    for (n, day) in [(1, "03"), (2, "05"), (3, "09")] {
        let body = if n == 2 {
            "Le pont est fermé.Avec deux phrases."
        } else {
            "Un corps de texte.Avec deux phrases."
        };
        let text = seed_text(
            "2022-01",
            &format!("https://fr.sputniknews.com/202201{day}/article-{n}.html"),
            &format!("Titre numéro {n}"),
            &format!("Un chapeau court... {day}.01.2022, Sputnik France"),
            body,
        );
        std::fs::write(dir.join(format!("{n}.txt")), text).expect("the article is written");
    }
    dir
}

#[test]
fn the_searches_overlay_shows_counts_and_enter_runs_the_search() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let dir = archive(tmp.path());
    let config = tmp.path().join("config.toml");
    std::fs::write(&config, "[[search]]\nname = \"pont\"\nquery = \"pont\"\n")
        .expect("the config is written");
    let config = config.to_str().expect("a UTF-8 path");
    let mut folio = Folio::start_with(&dir, tmp.path(), &[("FOLIO_CONFIG", config)]);
    folio.wait_for("Titre numéro 1");
    folio.keys("@");
    folio.wait_for("1 saved search (");
    folio.wait_for("1 · 1 unread");
    folio.keys("\r");
    folio.wait_for("1 match");
    folio.wait_screen("only the article about the bridge", |s| {
        let text = s.contents();
        text.contains("Titre numéro 2") && !text.contains("Titre numéro 1")
    });
    folio.keys("q");
    folio.wait_exit();
}
