//! Search in the app, driven through `App::update` over an archive on disk: the search line,
//! generation-tagged requests and the real engine's answers (given in the order a test
//! chooses, as a slow worker might), Esc, `n`/`N`, history.

use crossterm::event::KeyCode;
use folio::app::{App, Focus, Msg, SearchRequest};
use folio::article::{Article, Paragraph};
use folio::search::SortBy;
use folio::state::{StateChange, StateSnapshot};

mod support;
use support::app::{Setup, code, key, open_with, persisted, searches, selected_title, titles};
use support::archive::{self, Archive};
use support::articles::day;
use support::drive::send;
use support::search::{answer, count};

/// The paragraphs that say "needle", by article: article 4 says it most, 7 least, so that
/// relevance orders them 4, 1, 7 while the date orders them 1, 4, 7.
fn needles(n: usize) -> &'static [usize] {
    match n {
        1 => &[3, 30],
        4 => &[3, 20, 30],
        7 => &[30],
        _ => &[],
    }
}

/// Article `n` of day `2022-01-(28 - n)`: newest first they are 0, 1, 2... Forty paragraphs
/// of filler, some with a needle (see [`needles`]); 0 and 2 mention a nail, 2 a xylophone,
/// so that "n" matches 0, 1, 2, 4 and 7, "ne" 1, 4 and 7, "x" 2 alone.
fn article(n: usize) -> Article {
    let paragraph = |p: usize| {
        let mut text = format!("Paragraph {p} of article {n} says little of interest. ").repeat(5);
        if needles(n).contains(&p) {
            text.push_str("A needle is found here.");
        }
        if p == 5 && (n == 0 || n == 2) {
            text.push_str("A nail is found here.");
        }
        if p == 6 && n == 2 {
            text.push_str("A xylophone plays.");
        }
        Paragraph::Text(text.trim_end().to_string())
    };
    Article {
        paragraphs: (0..40).map(paragraph).collect(),
        ..support::articles::article(n, day(2022, 1, 28 - n as u32), "Wire", "")
    }
}

/// The app on eight articles written to disk and indexed, with this search history.
fn app(history: Vec<String>) -> (App, Archive) {
    let articles: Vec<Article> = (0..8).map(article).collect();
    let archive = archive::of(&articles);
    let setup = Setup {
        state: StateSnapshot {
            history,
            ..StateSnapshot::default()
        },
        ..Setup::default()
    };
    (open_with(archive.catalog(), setup, 80, 24), archive)
}

/// Searches for "needle" and gives the app the engine's answer: articles 1, 4 and 7.
fn find_needles(app: &mut App, archive: &Archive) {
    send(app, key('/'));
    let requests = typed(app, "needle");
    answer(app, &archive.store, requests.last().expect("a request"));
    assert_eq!(titles(app), ["Article 1", "Article 4", "Article 7"]);
}

/// Types `text`; the searches it asks for, unanswered.
fn typed(app: &mut App, text: &str) -> Vec<SearchRequest> {
    searches(support::app::typed(app, text))
}

#[test]
fn typing_asks_for_each_new_query_with_a_newer_generation() {
    let (mut app, _archive) = app(Vec::new());
    send(&mut app, key('/'));
    assert!(app.search.editing);
    let requests = typed(&mut app, "needle");
    assert_eq!(app.search.text, "needle");
    assert_eq!(requests.len(), 6, "one request per keystroke");
    assert!(
        requests
            .windows(2)
            .all(|w| w[0].generation < w[1].generation)
    );
    assert_eq!(requests[5].sort, SortBy::Date);
    // The keys went to the line: `n` did not walk hits, `e` did nothing else.
    assert_eq!(app.focus, Focus::Timeline);
}

#[test]
fn results_narrow_the_timeline_and_stale_ones_are_ignored() {
    let (mut app, archive) = app(Vec::new());
    send(&mut app, key('/'));
    let requests = typed(&mut app, "ne");
    let (older, newer) = (&requests[0], &requests[1]);
    // "n" would show five articles (nail and needle), "ne" three (needle).
    assert_eq!(count(&archive.store, older), Some(5));
    assert_eq!(count(&archive.store, newer), Some(3));
    answer(&mut app, &archive.store, older);
    assert_eq!(
        app.timeline.len(),
        8,
        "an answer to an older query is dropped"
    );
    answer(&mut app, &archive.store, newer);
    assert_eq!(titles(&app), ["Article 1", "Article 4", "Article 7"]);
    assert_eq!(app.search.count, Some(3));
    answer(&mut app, &archive.store, older);
    assert_eq!(titles(&app), ["Article 1", "Article 4", "Article 7"]);
}

#[test]
fn a_query_that_does_not_parse_keeps_the_results_and_says_why() {
    let (mut app, archive) = app(Vec::new());
    find_needles(&mut app, &archive);
    typed(&mut app, " date:2022-13");
    let requests = typed(&mut app, " x");
    assert!(requests.is_empty(), "no search while it does not parse");
    let error = app.search.error.clone().expect("an error");
    assert!(error.message.contains("12"), "{}", error.message);
    assert!(app.search.text[error.span.clone()].contains("2022-13"));
    assert_eq!(
        titles(&app),
        ["Article 1", "Article 4", "Article 7"],
        "kept"
    );
}

#[test]
fn an_empty_line_shows_the_whole_timeline() {
    let (mut app, archive) = app(Vec::new());
    send(&mut app, key('/'));
    let requests = typed(&mut app, "x");
    answer(&mut app, &archive.store, &requests[0]);
    assert_eq!(titles(&app), ["Article 2"], "only 2 has a word in x");
    let after = searches(send(&mut app, code(KeyCode::Backspace)));
    assert!(after.is_empty(), "nothing to ask for");
    assert_eq!(app.timeline.len(), 8);
}

#[test]
fn esc_restores_the_selection_article_and_scroll() {
    let (mut app, archive) = app(Vec::new());
    for _ in 0..3 {
        send(&mut app, key('j'));
    }
    send(&mut app, code(KeyCode::Enter));
    for _ in 0..7 {
        send(&mut app, key('j'));
    }
    let (article, scroll) = (app.reader.entry(), app.reader.scroll());
    assert!(scroll > 0);
    find_needles(&mut app, &archive);
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, key('n'));
    assert_ne!(app.reader.entry(), article, "n opened a result");
    send(&mut app, code(KeyCode::Esc));
    assert_eq!(app.focus, Focus::Timeline, "Esc leaves the reader first");
    send(&mut app, code(KeyCode::Esc));
    assert!(!app.search.is_open());
    assert_eq!(app.timeline.len(), 8);
    assert_eq!(selected_title(&app), "Article 3");
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(app.reader.entry(), article);
    assert_eq!(app.reader.scroll(), scroll);
}

#[test]
fn n_walks_the_hits_then_the_next_matching_article() {
    let (mut app, archive) = app(Vec::new());
    find_needles(&mut app, &archive);
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, key('n'));
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(app.reader.article().unwrap().title, "Article 1");
    let first = app.current_hit().expect("on a hit");
    let on_screen = |app: &App| {
        let line = app.current_hit().unwrap() - app.reader.scroll();
        app.reader.visible()[line]
            .text
            .to_lowercase()
            .contains("needle")
    };
    assert!(on_screen(&app));
    send(&mut app, key('n'));
    let second = app.current_hit().expect("on a hit");
    assert!(second > first && on_screen(&app));
    send(&mut app, key('n'));
    assert_eq!(app.reader.article().unwrap().title, "Article 4");
    assert_eq!(
        app.current_hit(),
        Some(first),
        "the next article at its first hit"
    );
    send(&mut app, key('N'));
    assert_eq!(app.reader.article().unwrap().title, "Article 1");
    assert_eq!(
        app.current_hit(),
        Some(second),
        "back to the last hit of the previous one"
    );
    // Article 4's three hits, then article 7's one, the last of the last result.
    for _ in 0..4 {
        send(&mut app, key('n'));
    }
    assert_eq!(app.reader.article().unwrap().title, "Article 7");
    send(&mut app, key('n'));
    assert_eq!(app.reader.article().unwrap().title, "Article 7");
    assert!(app.status.as_ref().unwrap().text.contains("No more hits"));
}

#[test]
fn up_and_down_walk_the_history_and_enter_records_the_search() {
    let (mut app, _archive) = app(vec!["older".into(), "newer".into()]);
    send(&mut app, key('/'));
    typed(&mut app, "dra");
    send(&mut app, code(KeyCode::Up));
    assert_eq!(app.search.text, "newer");
    send(&mut app, code(KeyCode::Up));
    assert_eq!(app.search.text, "older");
    send(&mut app, code(KeyCode::Up));
    assert_eq!(app.search.text, "older", "stays on the oldest");
    send(&mut app, code(KeyCode::Down));
    assert_eq!(app.search.text, "newer");
    send(&mut app, code(KeyCode::Down));
    assert_eq!(app.search.text, "dra", "back to what was typed");
    typed(&mut app, "w");
    let effects = send(&mut app, code(KeyCode::Enter));
    let saved: Vec<&StateChange> = persisted(&effects);
    assert_eq!(
        saved,
        [&StateChange::Searched {
            query: "draw".into()
        }]
    );
    assert_eq!(app.search.history, ["older", "newer", "draw"]);
    assert!(!app.search.editing);
}

#[test]
fn the_order_key_asks_again_by_relevance() {
    let (mut app, archive) = app(Vec::new());
    send(&mut app, key('/'));
    typed(&mut app, "needle");
    send(&mut app, code(KeyCode::Enter));
    let requests = searches(send(&mut app, key('S')));
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].sort, SortBy::Relevance);
    answer(&mut app, &archive.store, &requests[0]);
    assert_eq!(
        titles(&app),
        ["Article 4", "Article 1", "Article 7"],
        "best first: three needles, two, one"
    );
}

#[test]
fn snippets_add_a_line_under_each_result() {
    let (mut app, archive) = app(Vec::new());
    send(&mut app, key('/'));
    // Every lede says "lede"; the two newest articles are of these two days.
    let requests = typed(&mut app, "lede date:2022-01-27..2022-01-28");
    answer(
        &mut app,
        &archive.store,
        requests.last().expect("a request"),
    );
    assert_eq!(titles(&app), ["Article 0", "Article 1"]);
    send(&mut app, code(KeyCode::Enter));
    let lines = |app: &App| app.timeline.visible(20).len();
    let before = lines(&app);
    send(&mut app, key('i'));
    assert_eq!(lines(&app), before + 2);
}

#[test]
fn a_newer_archive_version_asks_again() {
    let (mut app, archive) = app(Vec::new());
    send(&mut app, key('/'));
    typed(&mut app, "needle");
    // The archive changes on disk: one article left, and that one now says needle.
    for n in 1..8 {
        std::fs::remove_file(archive.dir.path().join(format!("{n}.txt"))).expect("removed");
    }
    let mut only = article(0);
    only.paragraphs[9] = Paragraph::Text("A needle at last.".into());
    archive::write_article(archive.dir.path(), &only);
    archive.resync();
    let requests = searches(send(&mut app, Msg::Snapshot(archive.catalog())));
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].catalog.timeline().len(), 1);
    assert_eq!(
        app.catalog().timeline().len(),
        8,
        "the results on screen keep their version"
    );
    answer(&mut app, &archive.store, &requests[0]);
    assert_eq!(
        app.catalog().timeline().len(),
        1,
        "until the new results arrive"
    );
    assert_eq!(titles(&app), ["Article 0"]);
}
