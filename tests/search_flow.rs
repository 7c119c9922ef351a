//! Search in the app, driven through `App::update`: the search line, generation-tagged
//! requests and answers (given here as the worker would give them), Esc, `n`/`N`, history.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Effect, Focus, Loaded, Msg, ResultPart, SearchRequest, SearchResults};
use folio::article::{Article, ArticleId, Paragraph, Published};
use folio::catalog::{Catalog, MemoryCatalog};
use folio::config::Config;
use folio::search::SortBy;
use folio::state::{StateChange, StateSnapshot};

/// Article `n` of day `2022-01-(28 - n)`: newest first they are 0, 1, 2...; the ones in
/// `with_needle` mention "needle" in two paragraphs far apart.
fn article(n: usize, with_needle: bool) -> Article {
    let paragraph = |p: usize| {
        let filler = format!("Paragraph {p} of article {n} says little of note. ").repeat(5);
        if with_needle && (p == 3 || p == 30) {
            Paragraph::Text(format!("{filler}A needle is found here."))
        } else {
            Paragraph::Text(filler)
        }
    };
    Article {
        id: ArticleId(format!("https://example.org/{n}")),
        path: PathBuf::from(format!("archive/{n}.txt")),
        url: Some(format!("https://example.org/{n}")),
        title: format!("Article {n}"),
        lede: format!("The lede of article {n}."),
        lede_truncated: false,
        source: "Wire".into(),
        language: "en".into(),
        published: NaiveDate::from_ymd_opt(2022, 1, 28 - n as u32).map(Published::day),
        paragraphs: (0..40).map(paragraph).collect(),
        problems: Vec::new(),
    }
}

fn app(history: Vec<String>) -> App {
    let articles = (0..8).map(|n| article(n, n % 3 == 1)).collect();
    let catalog = MemoryCatalog::new(articles, Vec::new()).into_shared();
    let state = StateSnapshot {
        history,
        ..StateSnapshot::default()
    };
    let mut app = App::new(catalog, state, Config::defaults(true), "test".into());
    app.update(Msg::Resize {
        width: 80,
        height: 24,
    });
    app
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Performs the loads the app asks for, as the loader would; returns the other effects.
fn send(app: &mut App, msg: Msg) -> Vec<Effect> {
    let mut rest = Vec::new();
    for effect in app.update(msg) {
        match effect {
            Effect::Load {
                generation,
                entry,
                catalog,
                ..
            } => rest.extend(send(
                app,
                Msg::Loaded(Box::new(Loaded {
                    generation,
                    result: catalog.load(&entry),
                    position: None,
                })),
            )),
            other => rest.push(other),
        }
    }
    rest
}

fn typed(app: &mut App, text: &str) -> Vec<SearchRequest> {
    let mut requests = Vec::new();
    for c in text.chars() {
        requests.extend(searches(send(app, key(c))));
    }
    requests
}

fn searches(effects: Vec<Effect>) -> Vec<SearchRequest> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Search(r) => Some(*r),
            _ => None,
        })
        .collect()
}

/// The worker's full answer: these timeline positions of the version shown match.
fn answer(app: &mut App, request: &SearchRequest, positions: &[u32]) {
    let shown = Arc::clone(app.catalog());
    answer_from(app, request, shown, positions);
}

/// The worker's full answer on `catalog`, the archive's newest version when it searched.
fn answer_from(
    app: &mut App,
    request: &SearchRequest,
    catalog: Arc<dyn Catalog>,
    positions: &[u32],
) {
    let msg = |part| {
        Msg::Search(Box::new(SearchResults {
            generation: request.generation,
            catalog: Arc::clone(&catalog),
            part,
        }))
    };
    send(app, msg(ResultPart::First(positions.to_vec())));
    send(
        app,
        msg(ResultPart::Full {
            positions: positions.to_vec(),
            count: positions.len(),
            days: Vec::new(),
        }),
    );
}

fn titles(app: &App) -> Vec<String> {
    (0..app.timeline.len())
        .filter_map(|i| app.timeline.entry(i))
        .filter_map(|e| app.catalog().row(&e))
        .map(|r| r.title)
        .collect()
}

fn selected_title(app: &App) -> String {
    let entry = app.timeline.selected().expect("a selection");
    app.catalog().row(&entry).expect("a row").title
}

#[test]
fn typing_asks_for_each_new_query_with_a_newer_generation() {
    let mut app = app(Vec::new());
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
    let mut app = app(Vec::new());
    send(&mut app, key('/'));
    let requests = typed(&mut app, "ne");
    let (older, newer) = (&requests[0], &requests[1]);
    answer(&mut app, older, &[0, 1, 2, 3]);
    assert_eq!(
        app.timeline.len(),
        8,
        "an answer to an older query is dropped"
    );
    answer(&mut app, newer, &[1, 4, 7]);
    assert_eq!(titles(&app), ["Article 1", "Article 4", "Article 7"]);
    assert_eq!(app.search.count, Some(3));
    answer(&mut app, older, &[0]);
    assert_eq!(app.timeline.len(), 3);
}

#[test]
fn a_query_that_does_not_parse_keeps_the_results_and_says_why() {
    let mut app = app(Vec::new());
    send(&mut app, key('/'));
    let requests = typed(&mut app, "needle");
    answer(&mut app, requests.last().unwrap(), &[1, 4]);
    typed(&mut app, " date:2022-13");
    let requests = typed(&mut app, " x");
    assert!(requests.is_empty(), "no search while it does not parse");
    let error = app.search.error.clone().expect("an error");
    assert!(error.message.contains("12"), "{}", error.message);
    assert!(app.search.text[error.span.clone()].contains("2022-13"));
    assert_eq!(titles(&app), ["Article 1", "Article 4"]);
}

#[test]
fn an_empty_line_shows_the_whole_timeline() {
    let mut app = app(Vec::new());
    send(&mut app, key('/'));
    let requests = typed(&mut app, "x");
    answer(&mut app, &requests[0], &[2]);
    assert_eq!(app.timeline.len(), 1);
    let after = searches(send(&mut app, code(KeyCode::Backspace)));
    assert!(after.is_empty(), "nothing to ask for");
    assert_eq!(app.timeline.len(), 8);
}

#[test]
fn esc_restores_the_selection_article_and_scroll() {
    let mut app = app(Vec::new());
    for _ in 0..3 {
        send(&mut app, key('j'));
    }
    send(&mut app, code(KeyCode::Enter));
    for _ in 0..7 {
        send(&mut app, key('j'));
    }
    let (article, scroll) = (app.reader.entry(), app.reader.scroll());
    assert!(scroll > 0);
    send(&mut app, key('/'));
    let requests = typed(&mut app, "needle");
    answer(&mut app, requests.last().unwrap(), &[1, 4, 7]);
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
    let mut app = app(Vec::new());
    send(&mut app, key('/'));
    let requests = typed(&mut app, "needle");
    answer(&mut app, requests.last().unwrap(), &[1, 4]);
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
    send(&mut app, key('n'));
    send(&mut app, key('n'));
    send(&mut app, key('n'));
    assert_eq!(app.reader.article().unwrap().title, "Article 4");
    assert!(app.status.as_ref().unwrap().text.contains("No more hits"));
}

#[test]
fn up_and_down_walk_the_history_and_enter_records_the_search() {
    let mut app = app(vec!["older".into(), "newer".into()]);
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
    let saved: Vec<&StateChange> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Persist(c) => Some(c),
            _ => None,
        })
        .collect();
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
    let mut app = app(Vec::new());
    send(&mut app, key('/'));
    typed(&mut app, "needle");
    send(&mut app, code(KeyCode::Enter));
    let requests = searches(send(&mut app, key('S')));
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].sort, SortBy::Relevance);
    answer(&mut app, &requests[0], &[4, 1]);
    assert_eq!(titles(&app), ["Article 4", "Article 1"], "best first");
}

#[test]
fn snippets_add_a_line_under_each_result() {
    let mut app = app(Vec::new());
    send(&mut app, key('/'));
    let requests = typed(&mut app, "lede");
    answer(&mut app, requests.last().unwrap(), &[0, 1]);
    send(&mut app, code(KeyCode::Enter));
    let lines = |app: &App| app.timeline.visible(20).len();
    let before = lines(&app);
    send(&mut app, key('i'));
    assert_eq!(lines(&app), before + 2);
}

#[test]
fn a_newer_archive_version_asks_again() {
    let mut app = app(Vec::new());
    send(&mut app, key('/'));
    typed(&mut app, "needle");
    let catalog: Arc<dyn Catalog> =
        MemoryCatalog::new(vec![article(0, true)], Vec::new()).into_shared();
    let requests = searches(send(&mut app, Msg::Snapshot(Arc::clone(&catalog))));
    assert_eq!(requests.len(), 1);
    assert_eq!(
        app.catalog().timeline().len(),
        8,
        "the results on screen keep their version"
    );
    answer_from(&mut app, &requests[0], catalog, &[0]);
    assert_eq!(
        app.catalog().timeline().len(),
        1,
        "until the new results arrive"
    );
    assert_eq!(titles(&app), ["Article 0"]);
}
