//! End to end: the real `folio` binary in a pseudo-terminal labels an article, finds it by
//! `label:`, and undoes the label after a restart.

use std::path::{Path, PathBuf};

mod support;
use support::archive::seed_text;
use support::pty::folio::Folio;

/// Three articles on three days of January 2022.
fn archive(root: &Path) -> PathBuf {
    let dir = root.join("archive");
    std::fs::create_dir_all(&dir).expect("the archive folder");
    for (n, day) in [(1, "03"), (2, "05"), (3, "09")] {
        let text = seed_text(
            "2022-01",
            &format!("https://fr.sputniknews.com/202201{day}/article-{n}.html"),
            &format!("Titre numéro {n}"),
            &format!("Un chapeau court... {day}.01.2022, Sputnik France"),
            "Un corps de texte.Avec deux phrases.",
        );
        std::fs::write(dir.join(format!("{n}.txt")), text).expect("the article is written");
    }
    dir
}

#[test]
fn labels_an_article_finds_it_by_label_and_undoes_it_after_a_restart() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let dir = archive(tmp.path());
    let mut folio = Folio::start(&dir, tmp.path());
    folio.wait_for("Titre numéro 1");
    // The newest article is selected: label it, completing nothing (a new label).
    folio.keys("L");
    folio.wait_for("Label this article:");
    folio.keys("F:Eco\r");
    folio.wait_screen("the label on the newest row", |s| {
        s.contents()
            .lines()
            .any(|row| row.contains("Titre numéro 3") && row.contains("#f:eco"))
    });
    // label: finds it and only it.
    folio.keys("/label:f:eco");
    folio.wait_for("1 match");
    folio.wait_screen("only the labelled article", |s| {
        let text = s.contents();
        text.contains("Titre numéro 3") && !text.contains("Titre numéro 1")
    });
    folio.keys("\r");
    folio.keys("\x1b");
    folio.wait_screen("every article again", |s| {
        s.contents().contains("Titre numéro 1")
    });
    folio.keys("q");
    folio.wait_exit();

    // After a restart the label is still there, and U undoes it.
    let mut folio = Folio::start(&dir, tmp.path());
    folio.wait_for("#f:eco");
    folio.keys("U");
    folio.wait_for("Undid label +f:eco on 1 article.");
    folio.wait_screen("the label gone", |s| !s.contents().contains("#f:eco"));
    folio.keys("q");
    folio.wait_exit();
}
