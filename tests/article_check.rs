//! The check of the open article's file, driven through `App::update` with messages: the
//! timer asks for it, a changed file keeps the view with a notice and R reloads in place, a
//! vanished one keeps the copy read, and a check for an article left is ignored.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use chrono::{Local, TimeZone};
use crossterm::event::KeyCode;
use folio::app::{App, Effect, FileCheck, FileNotice, FileStamp, Msg};

mod support;
use support::app::{code, key, open};
use support::articles::{catalog, five};
use support::drive::send;

fn stamp(len: u64, secs: u64) -> Option<FileStamp> {
    Some(FileStamp {
        len,
        modified: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs)),
    })
}

fn checked(app: &App, stamp: Option<FileStamp>) -> Msg {
    let at = Local
        .with_ymd_and_hms(2022, 1, 3, 14, 3, 0)
        .single()
        .expect("a valid local time");
    Msg::FileChecked(FileCheck {
        same_article: false,
        generation: app.reader.generation(),
        stamp,
        at,
    })
}

/// An article opened in the reader, with the loader's baseline stamp for its file.
fn reading() -> App {
    let mut app = open(catalog(five(), Vec::new()), 80, 24);
    send(&mut app, code(KeyCode::Enter));
    let baseline = checked(&app, stamp(100, 1000));
    send(&mut app, baseline);
    app
}

fn checks(effects: &[Effect]) -> Vec<(u64, PathBuf)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::CheckFile {
                generation, path, ..
            } => Some((*generation, path.clone())),
            _ => None,
        })
        .collect()
}

fn shown_title(app: &App) -> Option<String> {
    app.reader.article().map(|a| a.title.clone())
}

#[test]
fn the_timer_asks_to_check_the_displayed_file_and_nothing_else() {
    let mut app = reading();
    let fx = send(&mut app, Msg::FileTick);
    let path = PathBuf::from("archive/0.txt");
    assert_eq!(checks(&fx), vec![(app.reader.generation(), path.clone())]);
    assert_eq!(app.watched_file(), Some(path));
    // A new snapshot from the store sync is a reason to look too.
    let catalog = catalog(five(), Vec::new());
    assert_eq!(checks(&send(&mut app, Msg::Snapshot(catalog))).len(), 1);
    // Back on the timeline in a single pane, no article is on screen: no checks.
    send(&mut app, key('q'));
    assert_eq!(app.watched_file(), None);
    assert!(checks(&send(&mut app, Msg::FileTick)).is_empty());
}

#[test]
fn without_a_baseline_nothing_is_watched() {
    let mut app = open(catalog(five(), Vec::new()), 80, 24);
    send(&mut app, code(KeyCode::Enter));
    let gone_when_loaded = checked(&app, None);
    send(&mut app, gone_when_loaded);
    assert!(checks(&send(&mut app, Msg::FileTick)).is_empty());
    let again = checked(&app, None);
    send(&mut app, again);
    assert_eq!(app.file_notice(), None);
}

#[test]
fn a_changed_file_keeps_the_view_with_a_notice_and_r_reloads_in_place() {
    let mut app = reading();
    for _ in 0..12 {
        send(&mut app, key('j'));
    }
    let scroll = app.reader.scroll();
    let height = app.reader.height();
    let unchanged = checked(&app, stamp(100, 1000));
    send(&mut app, unchanged);
    assert_eq!(app.file_notice(), None);
    let rewritten = checked(&app, stamp(100, 1001));
    send(&mut app, rewritten);
    assert_eq!(app.file_notice(), Some(FileNotice::Changed));
    assert_eq!(shown_title(&app).as_deref(), Some("Article 0"));
    assert_eq!(app.reader.scroll(), scroll);
    let text = app.file_notice_text().expect("a notice");
    assert!(
        text.contains("changed on disk") && text.contains("press R"),
        "{text}"
    );
    assert_eq!(app.reader.height(), height - 1, "the notice takes a row");

    let generation = app.reader.generation();
    send(&mut app, key('R'));
    assert!(
        app.reader.generation() > generation,
        "the article is read again"
    );
    assert_eq!(shown_title(&app).as_deref(), Some("Article 0"));
    assert_eq!(app.reader.scroll(), scroll, "the place is kept");
    assert_eq!(app.file_notice(), None);
    assert_eq!(app.reader.height(), height);
}

#[test]
fn a_vanished_file_keeps_the_copy_read_and_says_when() {
    let mut app = reading();
    let gone = checked(&app, None);
    send(&mut app, gone);
    assert!(matches!(app.file_notice(), Some(FileNotice::Gone { .. })));
    let text = app.file_notice_text().expect("a notice");
    assert!(
        text.contains("no longer exists") && text.contains("read at 14:03"),
        "{text}"
    );
    let generation = app.reader.generation();
    let fx = send(&mut app, key('R'));
    let shown = |e: &Effect| matches!(e, Effect::Redraw | Effect::WhenIdle { .. });
    assert!(fx.iter().all(shown), "nothing to do but draw the status");
    assert_eq!(
        app.reader.generation(),
        generation,
        "nothing to reload from"
    );
    assert_eq!(shown_title(&app).as_deref(), Some("Article 0"));
    let status = app.status.as_ref().map(|s| s.text.as_str()).unwrap_or("");
    assert!(status.contains("Nothing to reload"), "{status}");
    // The file comes back as it was: the notice goes.
    let back = checked(&app, stamp(100, 1000));
    send(&mut app, back);
    assert_eq!(app.file_notice(), None);
}

#[test]
fn a_check_for_an_article_left_is_ignored() {
    let mut app = reading();
    let late = checked(&app, None);
    send(&mut app, key('J'));
    assert_eq!(shown_title(&app).as_deref(), Some("Article 1"));
    send(&mut app, late);
    assert_eq!(app.file_notice(), None);
    // Nor does the old article's baseline count for the new one.
    assert!(checks(&send(&mut app, Msg::FileTick)).is_empty());
}

/// A file of many articles (a JSON Lines dump) changed in another article: the check found
/// the one shown reads the same, so the reader says nothing.
#[test]
fn a_change_to_another_article_of_the_file_says_nothing() {
    let mut app = reading();
    let mut same = checked(&app, stamp(180, 1010));
    if let Msg::FileChecked(check) = &mut same {
        check.same_article = true;
    }
    send(&mut app, same);
    assert_eq!(app.file_notice(), None);
    let edited = checked(&app, stamp(200, 1020));
    send(&mut app, edited);
    assert_eq!(app.file_notice(), Some(FileNotice::Changed));
}

/// The timer's check carries what it needs to read the article shown again.
#[test]
fn the_check_names_the_article_shown() {
    let mut app = reading();
    let fx = send(&mut app, Msg::FileTick);
    let probe = fx
        .iter()
        .find_map(|e| match e {
            Effect::CheckFile { probe, .. } => probe.clone(),
            _ => None,
        })
        .expect("a probe");
    assert_eq!(Some(probe.entry), app.reader.entry());
    let shown = app.reader.article().expect("an article");
    assert_eq!(probe.fingerprint, folio::app::fingerprint(shown));
    assert_eq!(Some(probe.baseline), stamp(100, 1000));
}
