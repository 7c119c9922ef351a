//! The file under the article being read is rewritten, then deleted, while the real `folio`
//! binary shows it in a pseudo-terminal: the text stays, a notice says what happened, and R
//! reads the new version. Set `FOLIO_E2E_TIMEOUT_MS` to wait longer (default 10 s).

use std::time::{Duration, Instant};

#[path = "support/pty.rs"]
mod pty;
use pty::{Folio, timeout};

fn article(title: &str, body: &str) -> String {
    format!(
        " date 2022-01 https://news.example/20220105/story.html\n\n{title}\n\n\
         A lede about the story... 05.01.2022, Example News\n\n{body}\n"
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
    let deadline = Instant::now() + timeout();
    while Instant::now() < deadline {
        if let Ok(Some(status)) = folio.child.try_wait() {
            assert!(status.success(), "folio exited with {status:?}");
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!(
        "folio did not quit; the screen shows:\n{}",
        folio.contents()
    );
}
