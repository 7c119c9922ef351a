//! The file under the article being read is rewritten, then deleted, while the real `folio`
//! binary shows it in a pseudo-terminal: the text stays, a notice says what happened, and R
//! reads the new version. Set `FOLIO_E2E_TIMEOUT_MS` to wait longer (default 10 s).

mod support;
use support::archive::seed_text;
use support::pty::folio::Folio;

fn article(title: &str, body: &str) -> String {
    let url = "https://news.example/20220105/story.html";
    seed_text(
        "2022-01",
        url,
        title,
        "A lede about the story... 05.01.2022, Example News",
        body,
    )
}

#[test]
fn a_file_rewritten_then_deleted_while_read_keeps_its_view_with_a_notice() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let archive = tmp.path().join("archive");
    std::fs::create_dir_all(&archive).expect("the archive folder");
    let file = archive.join("story.txt");
    std::fs::write(&file, article("The first version", "Original words.")).expect("written");

    let mut folio = Folio::start(&archive, tmp.path());
    folio.wait_for("The first version");
    folio.keys("\r");
    folio.wait_for("Original words.");

    std::fs::write(
        &file,
        article("The second version", "Rewritten words, and more of them."),
    )
    .expect("rewritten");
    folio.wait_for("changed on disk since it was opened; press R to reload");
    assert!(
        folio.contents().contains("Original words."),
        "the copy read stays"
    );
    folio.keys("R");
    folio.wait_for("Rewritten words, and more of them.");
    assert!(!folio.contents().contains("changed on disk"));

    std::fs::remove_file(&file).expect("deleted");
    folio.wait_for("This file no longer exists; showing the copy read at");
    assert!(
        folio.contents().contains("Rewritten words"),
        "the copy read stays"
    );
    folio.keys("R");
    folio.wait_for("Nothing to reload");
    assert!(folio.contents().contains("Rewritten words"));

    folio.keys("qq");
    folio.wait_exit();
}
