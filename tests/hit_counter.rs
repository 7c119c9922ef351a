//! The reader's hit counter ("hit 3 of 7") and what `n`/`N` say at the first and last hit of
//! an article, where the screen may not move and the next press leaves the article.

use folio::app::{App, Focus};

mod support;
use support::app::{key, open, status, titles};
use support::archive::{self, Archive};
use support::articles::{article, day};
use support::drive::send;
use support::screen::rows as screen;
use support::search::search;

/// Four articles, on disk and indexed; 1 and 2 say "needle" in each of their twelve paragraphs.
fn app() -> (App, Archive) {
    let articles: Vec<_> = (0..4)
        .map(|n| {
            let body = if n == 1 || n == 2 {
                "A needle in the hay."
            } else {
                "Only hay."
            };
            article(n, day(2022, 1, 20 - n as u32), "Wire", body)
        })
        .collect();
    let archive = archive::of(&articles);
    (open(archive.catalog(), 120, 30), archive)
}

/// Searches for "needle" with the real engine: articles 1 and 2 match.
fn search_needle(app: &mut App, archive: &Archive) {
    search(app, &archive.store, "needle");
    assert_eq!(titles(app), ["Article 1", "Article 2"]);
}

fn title(app: &App) -> String {
    app.reader
        .article()
        .map(|a| a.title.clone())
        .unwrap_or_default()
}

#[test]
fn n_counts_the_hits_and_says_when_the_next_press_leaves_the_article() {
    let (mut app, archive) = app();
    search_needle(&mut app, &archive);
    send(&mut app, key('n'));
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(title(&app), "Article 1");
    assert_eq!(app.hit_count(), Some((1, 12)));
    let rows = screen(&app);
    assert!(
        rows.iter().any(|r| r.contains("hit 1 of 12")),
        "the status bar shows the count: {rows:#?}"
    );
    for expected in 2..=11 {
        send(&mut app, key('n'));
        assert_eq!(app.hit_count(), Some((expected, 12)));
        assert_eq!(status(&app), "", "nothing to say between the ends");
    }
    send(&mut app, key('n'));
    assert_eq!(app.hit_count(), Some((12, 12)));
    assert_eq!(
        status(&app),
        "Last hit in this article: n opens the next match."
    );
    send(&mut app, key('n'));
    assert_eq!(title(&app), "Article 2");
    assert_eq!(app.hit_count(), Some((1, 12)));
    // Backwards, the first hit says where N goes.
    send(&mut app, key('N'));
    assert_eq!(title(&app), "Article 1");
    assert_eq!(app.hit_count(), Some((12, 12)));
    for _ in 0..11 {
        send(&mut app, key('N'));
    }
    assert_eq!(app.hit_count(), Some((1, 12)));
    assert_eq!(
        status(&app),
        "First hit in this article, and no previous matching article."
    );
}

#[test]
fn the_count_follows_the_width() {
    let (mut app, archive) = app();
    search_needle(&mut app, &archive);
    send(&mut app, key('n'));
    send(&mut app, key('n'));
    assert_eq!(app.hit_count(), Some((2, 12)));
    // Narrower: the lines are numbered anew, and the next press counts again.
    send(
        &mut app,
        folio::app::Msg::Resize {
            width: 60,
            height: 30,
        },
    );
    send(&mut app, key('n'));
    let (index, total) = app.hit_count().expect("counted again");
    assert_eq!(total, 12);
    assert!(index >= 2, "{index}");
}
