//! A first open, while the first indexing fills the timeline snapshot by snapshot: the
//! selection stays on the newest article until the user moves, then on the user's article.

use crossterm::event::KeyCode;
use folio::app::{Focus, Msg};
use folio::article::Article;

mod support;
use support::app::{code, key, open, selected_title};
use support::articles::{article, catalog, day};
use support::drive::send;

/// Files in path order, as the first indexing reads them: their dates go back and forth, and
/// the newest ones come last (as in Reuters-21578, whose files run from February to October).
fn walk() -> Vec<Article> {
    (0..30)
        .map(|n| {
            let month = 2 + (n as u32 * 7) % 9;
            article(n, day(1987, month, 1 + (n as u32 % 27)), "Wire", "Cocoa.")
        })
        .collect()
}

/// The snapshots a first indexing commits: the first `n` files of the walk, for growing `n`.
fn snapshots() -> impl Iterator<Item = Msg> {
    [0, 4, 9, 17, 30]
        .into_iter()
        .map(|n| Msg::Snapshot(catalog(walk().into_iter().take(n).collect(), Vec::new())))
}

fn newest_title(n: usize) -> String {
    let c = catalog(walk().into_iter().take(n).collect(), Vec::new());
    let entry = c.timeline().first().copied().expect("an article");
    c.row(&entry).expect("a row").title
}

#[test]
fn a_cold_open_stays_on_the_newest_article_while_rows_arrive() {
    for (width, height) in [(80, 24), (160, 40)] {
        let mut app = open(catalog(Vec::new(), Vec::new()), width, height);
        for (snapshot, n) in snapshots().zip([0, 4, 9, 17, 30]) {
            send(&mut app, snapshot);
            if n == 0 {
                assert!(app.timeline.selected().is_none());
                continue;
            }
            assert_eq!(
                app.timeline.selected_index(),
                0,
                "{n} articles indexed at {width}"
            );
            assert_eq!(app.timeline.top(), 0, "the first row is on screen");
            assert_eq!(selected_title(&app), newest_title(n));
        }
        if width >= 100 {
            // Split view previews the selection: the newest article too.
            let shown = app.reader.article().map(|a| a.title.clone());
            assert_eq!(shown, Some(newest_title(30)));
        }
    }
}

#[test]
fn once_the_user_moved_the_selection_stays_on_their_article() {
    let mut app = open(
        catalog(walk().into_iter().take(9).collect(), Vec::new()),
        80,
        24,
    );
    send(&mut app, key('j'));
    let chosen = selected_title(&app);
    for snapshot in snapshots().skip(3) {
        send(&mut app, snapshot);
        assert_eq!(selected_title(&app), chosen);
    }
    assert!(
        app.timeline.selected_index() > 1,
        "newer articles came above it"
    );
}

#[test]
fn an_article_opened_without_moving_stays_selected() {
    let mut app = open(
        catalog(walk().into_iter().take(4).collect(), Vec::new()),
        80,
        24,
    );
    send(&mut app, code(KeyCode::Enter));
    assert_eq!(app.focus, Focus::Reader);
    let reading = selected_title(&app);
    for snapshot in snapshots().skip(2) {
        send(&mut app, snapshot);
    }
    send(&mut app, key('q'));
    assert_eq!(app.focus, Focus::Timeline);
    assert_eq!(selected_title(&app), reading);
    assert_ne!(reading, newest_title(30));
}
