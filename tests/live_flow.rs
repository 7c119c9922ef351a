//! Snapshots from the folder watcher reaching the app once the start-up sync is over: the
//! user's article keeps its selection and screen row, a note counts what arrived, and the
//! `newest` key jumps to it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Msg};

mod support;
use support::app::{key, open, selected_title};
use support::articles::{article, catalog, day};
use support::drive::send;

/// Articles `0..n`, article `k` published on day `k + 1` of March 2022 (the last is newest).
fn archive(n: usize) -> std::sync::Arc<dyn folio::catalog::Catalog> {
    let articles = (0..n)
        .map(|k| article(k, day(2022, 3, 1 + k as u32), "Wire", "Words."))
        .collect();
    catalog(articles, Vec::new())
}

fn started(n: usize) -> App {
    let mut app = open(archive(n), 80, 24);
    send(&mut app, Msg::SyncFinished(Ok(())));
    app
}

fn ctrl_n() -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL))
}

#[test]
fn arrivals_above_the_chosen_article_leave_it_in_place_and_are_counted() {
    let mut app = started(5);
    send(&mut app, key('j'));
    send(&mut app, key('j'));
    assert_eq!(selected_title(&app), "Article 2");
    let row = app.timeline.selected_index() - app.timeline.top();
    assert_eq!(app.arrivals_note(), None);

    send(&mut app, Msg::Snapshot(archive(8)));
    assert_eq!(selected_title(&app), "Article 2");
    assert_eq!(app.timeline.selected_index() - app.timeline.top(), row);
    assert_eq!(
        app.arrivals_note().as_deref(),
        Some("3 new articles (ctrl-n: newest)")
    );

    send(&mut app, ctrl_n());
    assert_eq!(selected_title(&app), "Article 7");
    assert_eq!(app.arrivals_note(), None);
}

#[test]
fn with_nothing_chosen_the_newest_arrival_is_selected_on_top() {
    let mut app = started(3);
    send(&mut app, Msg::Snapshot(archive(4)));
    assert_eq!(selected_title(&app), "Article 3");
    assert_eq!(app.timeline.top(), 0);
}

#[test]
fn the_status_bar_says_how_the_folders_are_followed() {
    let mut app = started(3);
    send(&mut app, key('j'));
    send(&mut app, Msg::Watching("polling every 1 s".into()));
    send(&mut app, Msg::Snapshot(archive(4)));
    let bar = support::screen::rows(&app).join("\n");
    assert!(
        bar.contains("1 new article (ctrl-n: newest) · polling every 1 s"),
        "{bar}"
    );
}
