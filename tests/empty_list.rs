//! An empty list says what narrows it and how to widen it again, for every combination of
//! filters and for a search without a match, in the list, the reader beside it and the
//! status bar.

use crossterm::event::KeyCode;
use folio::app::App;
use folio::article::Article;

mod support;
use support::app::{code, key, open, status};
use support::archive;
use support::articles::{article, catalog, day};
use support::drive::send;
use support::screen::rows as screen;
use support::search::{send_searching, type_searching};

/// Three articles from two sources.
fn articles() -> Vec<Article> {
    vec![
        article(0, day(2022, 1, 3), "Alpha", "Grain."),
        article(1, day(2022, 1, 2), "Beta", "Grain."),
        article(2, day(2022, 1, 1), "Alpha", "Grain."),
    ]
}

/// The app on [`articles`] in memory, none read or starred.
fn app(width: u16) -> App {
    open(catalog(articles(), Vec::new()), width, 24)
}

fn on_screen(app: &App, needle: &str) -> usize {
    screen(app)
        .iter()
        .filter(|row| row.contains(needle))
        .count()
}

/// Picks source `n` (1 is the first) in the `f` picker.
fn pick_source(app: &mut App, n: usize) {
    send(app, key('f'));
    send(app, key('g'));
    for _ in 0..n {
        send(app, key('j'));
    }
    send(app, code(KeyCode::Enter));
}

#[test]
fn every_filter_combination_says_what_is_filtered_and_how_to_clear_it() {
    for combination in 1..8u8 {
        let (unread, starred, source) = (
            combination & 1 != 0,
            combination & 2 != 0,
            combination & 4 != 0,
        );
        let mut app = app(140);
        // Everything read, so that any filter on unread leaves nothing; nothing starred.
        for _ in 0..3 {
            send(&mut app, key('m'));
            send(&mut app, key('j'));
        }
        if source {
            pick_source(&mut app, 1);
        }
        if starred {
            send(&mut app, key('*'));
        }
        if unread {
            send(&mut app, key('u'));
        }
        if !(unread || starred) {
            // A source filter alone still shows its articles.
            assert!(!app.timeline.is_empty());
            continue;
        }
        assert!(app.timeline.is_empty(), "combination {combination}");
        let mut expected = String::from("No ");
        if unread {
            expected.push_str("unread ");
        }
        if starred {
            expected.push_str("starred ");
        }
        expected.push_str("articles");
        if source {
            expected.push_str(" from Alpha");
        }
        expected.push_str(" · F clears filters");
        assert_eq!(app.nothing_shown(), expected);
        assert_eq!(status(&app), expected, "the status bar says it at once");
        // The list, the reader beside it and the status bar say it: no pane is left blank.
        assert_eq!(on_screen(&app, &expected), 3, "{:#?}", screen(&app));
        send(&mut app, key('F'));
        assert_eq!(app.timeline.len(), 3);
    }
}

#[test]
fn the_message_names_the_keys_the_keymap_binds() {
    let mut app = app(80);
    let user = "[[keys]]\nkeys = [\"x\"]\naction = \"clear_filters\"\ndesc = \"all\"\ncontext = \"timeline\"\n";
    app.config
        .apply_user(user, true)
        .expect("a valid user keymap");
    send(&mut app, key('*'));
    assert_eq!(
        app.nothing_shown(),
        "No starred articles · x clears filters"
    );
}

#[test]
fn a_search_without_a_match_says_so_and_how_to_end_it() {
    // On disk, so that the real engine answers the search.
    let archive = archive::of(&articles());
    let mut app = open(archive.catalog(), 140, 24);
    send(&mut app, key('/'));
    type_searching(&mut app, &archive.store, "zebra");
    assert!(app.timeline.is_empty());
    let expected = "No articles matching “zebra” · esc ends the search";
    assert_eq!(app.nothing_shown(), expected);
    assert_eq!(on_screen(&app, expected), 2, "{:#?}", screen(&app));
    // With a filter on as well, both ways out are named.
    send_searching(&mut app, &archive.store, code(KeyCode::Enter));
    send_searching(&mut app, &archive.store, key('*'));
    assert_eq!(
        app.nothing_shown(),
        "No starred articles matching “zebra” · F clears filters · esc ends the search"
    );
}

#[test]
fn a_line_that_does_not_parse_leaves_the_message_naming_the_query_that_ran() {
    // Reported: "No articles matching “erdo date:2022-13 x”" while the search line said it
    // could not read that query. The list shows the last query read; the message names it.
    let archive = archive::of(&articles());
    let mut app = open(archive.catalog(), 140, 24);
    send(&mut app, key('/'));
    type_searching(&mut app, &archive.store, "grai");
    assert_eq!(app.timeline.len(), 3, "the word being typed is a start");
    // A space ends the word (README): "grai" followed by a clause is the whole word.
    type_searching(&mut app, &archive.store, " date:2022-1");
    assert!(app.timeline.is_empty());
    let ran = "No articles matching “grai date:2022-1” · esc ends the search";
    assert_eq!(app.nothing_shown(), ran);
    type_searching(&mut app, &archive.store, "3 x");
    assert!(app.search.error.is_some(), "2022-13 is not a month");
    let expected =
        "No articles matching “grai date:2022-1”, the last query read · esc ends the search";
    assert_eq!(app.nothing_shown(), expected);
    // Both panes name the query shown (the list cuts the sentence); only the search line
    // shows the text that does not parse.
    assert_eq!(
        on_screen(&app, "“grai date:2022-1”"),
        2,
        "{:#?}",
        screen(&app)
    );
    assert_eq!(on_screen(&app, "2022-13"), 1, "{:#?}", screen(&app));
    // Fixed, the line runs again and the message follows it.
    for _ in 0.."3 x".len() {
        send_searching(&mut app, &archive.store, code(KeyCode::Backspace));
    }
    type_searching(&mut app, &archive.store, " x");
    assert!(app.search.error.is_none());
    assert_eq!(
        app.nothing_shown(),
        "No articles matching “grai date:2022-1 x” · esc ends the search"
    );
}
