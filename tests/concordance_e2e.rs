//! The concordance view in the real binary, in a pseudo-terminal: a search, `w`, the lines
//! of every hit, Enter to read the article at the hit, and back.

use std::path::Path;

mod support;

use support::archive::seed_text;
use support::pty::folio::Folio;

/// Two articles with the word, one without; the second has it deep in its body.
fn archive(root: &Path) -> std::path::PathBuf {
    let dir = root.join("archive");
    std::fs::create_dir_all(&dir).unwrap();
    let filler = "Une phrase sans rien de particulier. ".repeat(60);
    let files = [
        (
            "a.txt",
            "https://wire.example/20220102/a.html",
            "Premier titre sur le pont",
            "Un chapeau... 02.01.2022, Example Wire",
            format!(
                "Le pont est fermé.{filler}Le vieux pont de pierre restera ouvert aux piétons."
            ),
        ),
        (
            "b.txt",
            "https://wire.example/20220105/b.html",
            "Second titre",
            "Un autre chapeau... 05.01.2022, Example Wire",
            "Le nouveau pont suspendu ouvrira en mars.".to_string(),
        ),
        (
            "c.txt",
            "https://wire.example/20220107/c.html",
            "Troisième titre",
            "Rien ici... 07.01.2022, Example Wire",
            "Aucun ouvrage ici.".to_string(),
        ),
    ];
    for (name, url, title, lede, body) in files {
        std::fs::write(
            dir.join(name),
            seed_text("2022-01", url, title, lede, &body),
        )
        .unwrap();
    }
    dir
}

#[test]
fn w_lists_the_hits_and_enter_reads_the_article_at_one() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let mut folio = Folio::start(&archive(tmp.path()), tmp.path());
    folio.wait_for("Troisième titre");
    folio.keys("/pont\r");
    folio.wait_for("2 matches");
    folio.keys("w");
    folio.wait_for("4 hits of “pont”");
    let screen = folio.contents();
    assert!(screen.contains("Le nouveau pont suspendu"), "{screen}");
    assert!(screen.contains("Le vieux pont de pierre"), "{screen}");
    // The last line: the hit deep in the first article's body.
    folio.keys("G\r");
    folio.wait_for("hit 3 of 3");
    let screen = folio.contents();
    assert!(screen.contains("pont de pierre"), "{screen}");
    assert!(
        !screen.contains("hits of “pont”"),
        "the view closed: {screen}"
    );
    folio.keys("q");
    folio.wait_for("2 matches");
    folio.keys("w");
    folio.wait_for("4 hits of “pont”");
    folio.keys("\x1b");
    folio.wait_screen("the view to close", |s| {
        !s.contents().contains("hits of “pont”")
    });
    folio.keys("\x1b");
    folio.wait_screen("the search to close", |s| {
        !s.contents().contains("2 matches")
    });
    folio.keys("q");
    folio.wait_exit();
}
