//! Files written, rewritten, replaced and deleted in the open archive reach the timeline of
//! the real `folio` binary within two seconds, with no key pressed, while the selection stays
//! on the user's article. Set `FOLIO_LIVE_MS` to allow longer than 2 s on a slow machine.

use std::path::Path;
use std::time::{Duration, Instant};

mod support;
use support::pty::folio::Folio;

/// How soon a change must show: the issue's promise.
fn live() -> Duration {
    let ms = std::env::var("FOLIO_LIVE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000);
    Duration::from_millis(ms)
}

fn story(dir: &Path, name: &str, day: u32, title: &str) {
    let text = format!(
        " date 2022-01 https://news.example/202201{day:02}/{name}.html\n\n{title}\n\n\
         A lede about {title}... {day:02}.01.2022, Example News\n\nThe body of {title}.\n"
    );
    std::fs::write(dir.join(name), text).expect("written");
}

fn archive() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let archive = tmp.path().join("archive");
    std::fs::create_dir_all(archive.join("deeper")).expect("the archive folder");
    story(&archive, "alpha.txt", 3, "Alpha story");
    story(&archive, "bravo.txt", 2, "Bravo story");
    story(&archive.join("deeper"), "charlie.txt", 1, "Charlie story");
    (tmp, archive)
}

fn selected(folio: &Folio) -> String {
    folio.selected().unwrap_or_default()
}

/// Waits (at most [`live`]) for `ok`; says how long the change took to show.
fn shows(folio: &Folio, what: &str, ok: impl Fn(&str) -> bool) -> Duration {
    let started = Instant::now();
    folio.wait_until(what, live(), ok);
    let took = started.elapsed();
    // Seen with `--nocapture`: the time from the change on disk to the screen.
    eprintln!("{what}: on screen after {} ms", took.as_millis());
    took
}

#[test]
fn changes_in_the_open_archive_reach_the_timeline_and_the_selection_stays() {
    let (tmp, archive) = archive();
    let mut folio = Folio::start(&archive, tmp.path());
    folio.wait_for("Charlie story");
    folio.wait_for("watching");
    folio.keys("j");
    folio.wait_until("Bravo selected", live(), |_| {
        selected(&folio).contains("Bravo")
    });

    let row = folio.selected_row();
    story(&archive, "delta.txt", 5, "Delta story");
    // Above the user's article, which keeps its row: the note says it came.
    shows(&folio, "the new article counted", |s| {
        s.contains("4 articles") && s.contains("1 new article (ctrl-n: newest)")
    });
    assert!(
        selected(&folio).contains("Bravo story"),
        "{}",
        folio.contents()
    );
    assert_eq!(folio.selected_row(), row, "{}", folio.contents());

    story(&archive.join("deeper"), "echo.txt", 4, "Echo story");
    shows(&folio, "a new article in a subfolder", |s| {
        s.contains("5 articles") && s.contains("2 new articles")
    });

    story(&archive, "alpha.txt", 3, "Alpha rewritten");
    shows(&folio, "the rewritten title", |s| {
        s.contains("Alpha rewritten") && !s.contains("Alpha story")
    });

    std::fs::remove_file(archive.join("deeper/charlie.txt")).expect("deleted");
    shows(&folio, "the deleted article gone", |s| {
        !s.contains("Charlie story")
    });
    assert!(
        selected(&folio).contains("Bravo story"),
        "{}",
        folio.contents()
    );

    // An atomic save: a temporary file renamed over the article.
    story(&archive, "bravo.txt.partial", 2, "Bravo replaced");
    std::fs::rename(archive.join("bravo.txt.partial"), archive.join("bravo.txt")).expect("renamed");
    shows(&folio, "the replaced article", |s| {
        s.contains("Bravo replaced")
    });
    assert!(
        selected(&folio).contains("Bravo replaced"),
        "{}",
        folio.contents()
    );

    folio.keys("\x0e"); // ctrl-n
    folio.wait_until("the newest selected", live(), |_| {
        selected(&folio).contains("Delta")
    });
    assert!(
        !folio.contents().contains("new article") && folio.contents().contains("Echo story"),
        "{}",
        folio.contents()
    );
}

#[test]
fn a_polling_watcher_says_so_and_still_sees_new_files() {
    let (tmp, archive) = archive();
    let folio = Folio::start_with(&archive, tmp.path(), &[("FOLIO_WATCH", "poll")]);
    folio.wait_for("Charlie story");
    folio.wait_for("polling every 1 s");
    // Nothing chosen yet: the first row stays the newest article, the one just written.
    story(&archive, "delta.txt", 5, "Delta story");
    shows(&folio, "the new article", |s| s.contains("Delta story"));
    assert!(
        selected(&folio).contains("Delta story"),
        "{}",
        folio.contents()
    );
}

#[test]
fn an_open_search_runs_again_when_a_matching_file_arrives() {
    let (tmp, archive) = archive();
    let mut folio = Folio::start(&archive, tmp.path());
    folio.wait_for("Charlie story");
    folio.wait_for("watching");
    folio.keys("/story\r");
    folio.wait_for("3 matches");
    story(&archive, "delta.txt", 5, "Delta story");
    shows(&folio, "the new result counted", |s| {
        s.contains("4 matches") && s.contains("Delta story")
    });
}

#[test]
fn a_folder_deleted_while_open_keeps_the_timeline_and_says_so() {
    let (tmp, archive) = archive();
    let folio = Folio::start(&archive, tmp.path());
    folio.wait_for("Charlie story");
    folio.wait_for("watching");
    std::fs::remove_dir_all(&archive).expect("deleted");
    shows(&folio, "the notice", |s| {
        s.contains("The folder archive is gone")
    });
    let screen = folio.contents();
    for title in ["Alpha story", "Bravo story", "Charlie story"] {
        assert!(screen.contains(title), "{screen}");
    }
}

#[test]
fn an_open_article_deleted_stays_readable_with_the_notice() {
    let (tmp, archive) = archive();
    let mut folio = Folio::start(&archive, tmp.path());
    folio.wait_for("Charlie story");
    folio.wait_for("watching");
    folio.keys("j\r");
    folio.wait_for("The body of Bravo story.");
    std::fs::remove_file(archive.join("bravo.txt")).expect("deleted");
    shows(&folio, "the notice", |s| {
        s.contains("This file no longer exists; showing the copy read at")
    });
    assert!(folio.contents().contains("The body of Bravo story."));
}

#[test]
fn a_symlink_loop_made_while_open_counts_nothing_twice_and_watching_goes_on() {
    symlink_loop_while_open(&[], "watching");
}

#[test]
fn a_symlink_loop_made_while_polling_counts_nothing_twice() {
    symlink_loop_while_open(&[("FOLIO_WATCH", "poll")], "polling every 1 s");
}

/// A folio started with `env` (and saying `watching`) meets links back to the archive.
fn symlink_loop_while_open(env: &[(&str, &str)], watching: &str) {
    let (tmp, archive) = archive();
    let folio = Folio::start_with(&archive, tmp.path(), env);
    folio.wait_for("Charlie story");
    folio.wait_for(watching);
    // A link in a known folder back to the archive, then a new folder holding an article
    // and a link back to the archive: neither brings the archive in a second time.
    std::os::unix::fs::symlink("..", archive.join("deeper/up")).expect("a link");
    std::fs::create_dir(archive.join("new")).expect("a folder");
    std::os::unix::fs::symlink(&archive, archive.join("new/root")).expect("a link");
    story(&archive.join("new"), "delta.txt", 5, "Delta story");
    shows(&folio, "the article beside the loop", |s| {
        s.contains("Delta story") && s.contains("4 articles")
    });
    // Still watching: a later file shows too, and the count stays true.
    story(&archive, "echo.txt", 4, "Echo story");
    shows(&folio, "a later article", |s| {
        s.contains("Echo story") && s.contains("5 articles")
    });
    std::thread::sleep(Duration::from_millis(600));
    let screen = folio.contents();
    assert!(screen.contains("5 articles"), "{screen}");
}

#[test]
fn a_rename_storm_while_open_ends_with_each_article_once() {
    const FILES: usize = 200;
    let (tmp, archive) = archive();
    let storm = archive.join("storm");
    std::fs::create_dir(&storm).expect("a folder");
    for n in 0..FILES {
        story(
            &storm,
            &format!("a-{n}.txt"),
            n as u32 % 28 + 1,
            &format!("Storm {n}"),
        );
    }
    let folio = Folio::start(&archive, tmp.path());
    folio.wait_for("203 articles");
    folio.wait_for("watching");
    // Renamed back and forth, ending on the other names, while the watcher's syncs run.
    for round in 0..9 {
        let (from, to) = if round % 2 == 0 {
            ("a", "b")
        } else {
            ("b", "a")
        };
        for n in 0..FILES {
            let from = storm.join(format!("{from}-{n}.txt"));
            std::fs::rename(from, storm.join(format!("{to}-{n}.txt"))).expect("renamed");
        }
    }
    // The newest article, so that its row is on the first screen.
    story(&archive, "delta.txt", 31, "Delta story");
    shows(
        &folio,
        "every article once, and the one written after",
        |s| s.contains("Delta story") && s.contains("204 articles"),
    );
    // Nothing left over to arrive later.
    std::thread::sleep(Duration::from_millis(1_500));
    let screen = folio.contents();
    assert!(screen.contains("204 articles"), "{screen}");
}
