//! Moving through the timeline, driven through `App::update` with messages (no terminal, no
//! threads): the selection, filters, date jumps, the sort order, new versions of the archive.

use chrono::NaiveDate;
use crossterm::event::KeyCode;
use folio::app::{App, Msg};
use folio::article::{Article, Published};
use folio::catalog::MemoryCatalog;

mod support;
use support::app::{code, key, open, selected_title, typed};
use support::articles::{catalog, day, five, long};
use support::drive::send;

/// Jumps to `date` with the `d` prompt.
fn jump(app: &mut App, date: &str) {
    typed(app, &format!("d{date}"));
    send(app, code(KeyCode::Enter));
}

/// The app on the five articles, nothing read or starred.
fn on_five(width: u16, height: u16) -> App {
    open(catalog(five(), Vec::new()), width, height)
}

#[test]
fn moving_walks_the_timeline_newest_first_and_stops_at_the_ends() {
    let mut app = on_five(80, 24);
    assert_eq!(selected_title(&app), "Article 0");
    send(&mut app, key('j'));
    assert_eq!(selected_title(&app), "Article 1");
    send(&mut app, key('G'));
    assert_eq!(selected_title(&app), "Article 4");
    send(&mut app, key('j'));
    assert_eq!(selected_title(&app), "Article 4");
    send(&mut app, key('g'));
    send(&mut app, key('k'));
    assert_eq!(selected_title(&app), "Article 0");
}

#[test]
fn filters_show_unread_starred_and_one_source() {
    let mut app = on_five(80, 24);
    send(&mut app, key('m')); // Article 0 read
    send(&mut app, key('j'));
    send(&mut app, key('s')); // Article 1 starred
    send(&mut app, key('u'));
    assert_eq!(app.timeline.len(), 4);
    assert_eq!(
        selected_title(&app),
        "Article 1",
        "the selection survives filtering"
    );
    send(&mut app, key('u'));
    send(&mut app, key('*'));
    assert_eq!(app.timeline.len(), 1);
    send(&mut app, key('F'));
    assert_eq!(app.timeline.len(), 5);
    // The picker lists "all", then the sources in catalog order: Alpha, Beta.
    send(&mut app, key('f'));
    send(&mut app, key('j'));
    send(&mut app, key('j'));
    send(&mut app, code(KeyCode::Enter));
    assert_eq!(app.timeline.len(), 2, "Beta has two articles");
    let titles: Vec<String> = (0..app.timeline.len())
        .filter_map(|i| app.timeline.entry(i))
        .filter_map(|e| app.catalog().row(&e))
        .map(|r| r.source)
        .collect();
    assert_eq!(titles, ["Beta", "Beta"]);
}

#[test]
fn jumps_to_dates_and_between_groups() {
    let mut app = on_five(80, 24);
    jump(&mut app, "2022-01-02");
    assert_eq!(selected_title(&app), "Article 2");
    jump(&mut app, "2021-12");
    assert_eq!(selected_title(&app), "Article 4");
    // A day with no articles lands on the nearest older one and says so.
    jump(&mut app, "2022-01-01");
    assert_eq!(selected_title(&app), "Article 3");
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("nearest"))
    );
    // Nonsense is refused with an explanation, and the selection stays.
    jump(&mut app, "2022-99");
    assert_eq!(selected_title(&app), "Article 3");
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("not a date"))
    );

    send(&mut app, key('g'));
    send(&mut app, key('}'));
    assert_eq!(selected_title(&app), "Article 2", "next day");
    send(&mut app, key('}'));
    assert_eq!(selected_title(&app), "Article 3", "the month-only group");
    send(&mut app, key('{'));
    assert_eq!(selected_title(&app), "Article 2");
    send(&mut app, key(']'));
    assert_eq!(selected_title(&app), "Article 4", "next month");
    send(&mut app, key('['));
    assert_eq!(
        selected_title(&app),
        "Article 0",
        "at a month's start: the month above"
    );
    send(&mut app, key('j'));
    send(&mut app, key('['));
    assert_eq!(
        selected_title(&app),
        "Article 0",
        "mid-month: the month's start"
    );
}

#[test]
fn sort_flip_keeps_the_selection() {
    let mut app = on_five(80, 24);
    send(&mut app, key('j'));
    send(&mut app, key('j'));
    send(&mut app, key('r'));
    assert_eq!(selected_title(&app), "Article 2");
    send(&mut app, key('g'));
    assert_eq!(selected_title(&app), "Article 4", "oldest first");
    send(&mut app, key('}'));
    assert_eq!(selected_title(&app), "Article 3");
}

#[test]
fn a_new_snapshot_keeps_the_selection_by_id() {
    let mut app = on_five(80, 24);
    send(&mut app, key('j'));
    send(&mut app, key('j'));
    assert_eq!(selected_title(&app), "Article 2");
    // Indexing went on: newer articles arrive, pushing it down the list.
    let mut more = five();
    more.push(long(5, day(2022, 2, 1), "Gamma"));
    more.push(long(6, day(2022, 2, 2), "Gamma"));
    send(
        &mut app,
        Msg::Snapshot(MemoryCatalog::new(more, Vec::new()).into_shared()),
    );
    assert_eq!(selected_title(&app), "Article 2");
    assert_eq!(app.timeline.selected_index(), 4);
    assert_eq!(app.unread, 7);
    // The article vanished: the nearest one by date is selected instead.
    let fewer: Vec<Article> = five()
        .into_iter()
        .filter(|a| a.title != "Article 2")
        .collect();
    send(
        &mut app,
        Msg::Snapshot(MemoryCatalog::new(fewer, Vec::new()).into_shared()),
    );
    assert_eq!(selected_title(&app), "Article 3");
}

#[test]
fn ten_thousand_articles_page_and_jump_correctly() {
    let start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let articles: Vec<Article> = (0..10_000)
        .map(|i| {
            let mut a = long(
                i,
                Some(Published::day(start + chrono::Days::new(i as u64 / 3))),
                "S",
            );
            a.paragraphs.clear();
            a
        })
        .collect();
    let mut app = open(catalog(articles, Vec::new()), 80, 24);
    assert_eq!(app.timeline.len(), 10_000);
    send(&mut app, code(KeyCode::PageDown));
    let page = app.timeline.selected_index();
    assert!(page > 5 && page < 24, "a page is about a screen: {page}");
    send(&mut app, key('G'));
    assert_eq!(app.timeline.selected_index(), 9_999);
    assert!(app.timeline.top() > 9_980, "the list scrolled to the end");
    jump(&mut app, "2005-06-15");
    let entry = app.timeline.selected().unwrap();
    let row = app.catalog().row(&entry).unwrap();
    assert_eq!(
        row.published.map(|p| p.to_string()).as_deref(),
        Some("2005-06-15")
    );
}
