//! The searches overlay (`@`): every saved search with its counts, counted by the real
//! counts worker over the real store; Enter runs one; `d` deletes and `r` renames those
//! saved in the reader, never the config file's.

use crossterm::event::KeyCode;
use folio::app::{App, CountRequest, Effect, Msg, Overlay};
use folio::article::{Article, Paragraph};
use folio::catalog::id_hash;
use folio::config::Config;
use folio::search::query::SavedSearch;
use folio::state::{ReadingState, StateChange, StateSnapshot};

mod support;

use support::app::{Setup, code, key, open_with, persisted, status, titles, typed};
use support::archive::{self, Archive};
use support::articles::day;
use support::drive::send;
use support::search::answer;

const CONFIG: &str = "[[search]]\nname = \"bridge\"\nquery = \"bridge\"\n";

fn article(n: usize) -> Article {
    let text = match n {
        0 | 4 => "This is about the old bridge.",
        2 => "This is about the new bridge.",
        _ => "This is about the harbour.",
    }
    .to_string();
    Article {
        paragraphs: vec![Paragraph::Text(text)],
        ..support::articles::article(n, day(2022, 1, 28 - n as u32), "Wire", "")
    }
}

/// Six articles (0, 2 and 4 about a bridge, the others about the harbour), `Article 0` and
/// `Article 1` read, the config's `@bridge` and `@harbour` saved in the reader.
fn app() -> (App, Archive) {
    let articles: Vec<Article> = (0..6).map(article).collect();
    let archive = archive::of(&articles);
    let catalog = archive.catalog();
    let read = catalog
        .timeline()
        .iter()
        .filter_map(|e| catalog.row(e))
        .filter(|r| r.title == "Article 0" || r.title == "Article 1")
        .map(|r| id_hash(&r.id))
        .collect();
    let state = StateSnapshot {
        read,
        searches: vec![SavedSearch {
            name: "harbour".into(),
            query: "harbour".into(),
        }],
        ..StateSnapshot::default()
    };
    let mut config = Config::defaults(true);
    config.apply_user(CONFIG, true).expect("a valid config");
    let setup = Setup {
        state,
        config,
        ..Setup::default()
    };
    (open_with(catalog, setup, 100, 16), archive)
}

fn count_requests(effects: Vec<Effect>) -> Vec<CountRequest> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::CountSearches(request) => Some(*request),
            _ => None,
        })
        .collect()
}

/// The counts worker's answers to `request` over the store, given to the app one by one.
fn count(app: &mut App, archive: &Archive, request: &CountRequest) {
    let mut answers = Vec::new();
    folio::tui::saved_counts::count(
        archive.store.current(),
        request,
        || false,
        |counted| {
            answers.push(counted);
            true
        },
    );
    for counted in answers {
        send(app, Msg::SearchCount(Box::new(counted)));
    }
}

fn screen(app: &App) -> String {
    support::screen::render(app, false)
}

#[test]
fn the_overlay_lists_every_saved_search_and_fills_in_their_counts() {
    let (mut app, archive) = app();
    let requests = count_requests(send(&mut app, key('@')));
    let [request] = requests.as_slice() else {
        panic!("one count request: {}", requests.len());
    };
    assert!(matches!(app.overlay, Overlay::Searches(_)));
    let before = screen(&app);
    assert!(
        before.contains("@bridge") && before.contains("counting…"),
        "{before}"
    );
    count(&mut app, &archive, request);
    let after = screen(&app);
    assert!(after.contains("3 · 2 unread"), "{after}");
    insta::assert_snapshot!("searches_overlay", after);
}

#[test]
fn enter_runs_the_selected_search_and_late_counts_are_dropped() {
    let (mut app, archive) = app();
    let first = count_requests(send(&mut app, key('@')));
    send(&mut app, key('j'));
    let effects = send(&mut app, code(KeyCode::Enter));
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.search.text, "@harbour");
    let requests = support::app::searches(effects);
    answer(&mut app, &archive.store, requests.last().expect("a search"));
    assert_eq!(titles(&app), ["Article 1", "Article 3", "Article 5"]);
    // Counts asked for by an overlay since closed change nothing; a newer overlay asks anew.
    count(&mut app, &archive, &first[0]);
    let again = count_requests(send(&mut app, key('@')));
    assert_eq!(again.len(), 1);
    assert!(again[0].generation > first[0].generation);
    count(&mut app, &archive, &first[0]);
    assert!(screen(&app).contains("counting…"), "{}", screen(&app));
}

#[test]
fn deleting_asks_first_and_the_config_files_searches_are_not_deleted() {
    let (mut app, _archive) = app();
    send(&mut app, key('@'));
    // @bridge is the config file's.
    let effects = send(&mut app, key('d'));
    assert!(persisted(&effects).is_empty());
    assert!(status(&app).contains("config file"), "{}", status(&app));
    assert!(matches!(app.overlay, Overlay::Searches(_)));
    send(&mut app, key('j'));
    send(&mut app, key('d'));
    let asked = screen(&app);
    assert!(
        asked.contains("Delete the saved search @harbour (\"harbour\")? y: yes"),
        "{asked}"
    );
    let effects = send(&mut app, key('n'));
    assert!(persisted(&effects).is_empty());
    assert!(status(&app).contains("Not deleted"), "{}", status(&app));
    send(&mut app, key('d'));
    let effects = send(&mut app, key('y'));
    assert_eq!(
        persisted(&effects),
        [&StateChange::SavedSearchDeleted {
            name: "harbour".into()
        }]
    );
    assert!(
        status(&app).contains("Deleted @harbour"),
        "{}",
        status(&app)
    );
    let names: Vec<String> = app.saved_rows().into_iter().map(|r| r.name).collect();
    assert_eq!(names, ["bridge"]);
    // `@harbour` no longer expands.
    send(&mut app, code(KeyCode::Esc));
    send(&mut app, key('/'));
    typed(&mut app, "@harbour ");
    assert!(app.search.error.is_some());
}

#[test]
fn renaming_keeps_the_query_and_refuses_a_taken_or_bad_name() {
    let (mut app, archive) = app();
    send(&mut app, key('@'));
    send(&mut app, key('j'));
    send(&mut app, key('r'));
    let prompt = screen(&app);
    assert!(prompt.contains("Rename @harbour to @harbour"), "{prompt}");
    send(
        &mut app,
        Msg::Key(crossterm::event::KeyEvent::new(
            KeyCode::Char('u'),
            crossterm::event::KeyModifiers::CONTROL,
        )),
    );
    typed(&mut app, "bridge");
    let effects = send(&mut app, code(KeyCode::Enter));
    assert!(persisted(&effects).is_empty());
    assert!(
        status(&app).contains("@bridge is taken"),
        "{}",
        status(&app)
    );
    for _ in 0.."bridge".len() {
        send(&mut app, code(KeyCode::Backspace));
    }
    typed(&mut app, "port side");
    let effects = send(&mut app, code(KeyCode::Enter));
    assert!(persisted(&effects).is_empty());
    assert!(status(&app).contains("letters, digits"), "{}", status(&app));
    for _ in 0.." side".len() {
        send(&mut app, code(KeyCode::Backspace));
    }
    let effects = send(&mut app, code(KeyCode::Enter));
    assert_eq!(
        persisted(&effects),
        [&StateChange::SavedSearchRenamed {
            from: "harbour".into(),
            to: "port".into()
        }]
    );
    assert!(
        status(&app).contains("Renamed @harbour to @port"),
        "{}",
        status(&app)
    );
    send(&mut app, code(KeyCode::Esc));
    send(&mut app, key('/'));
    let requests = support::app::searches(typed(&mut app, "@port "));
    answer(&mut app, &archive.store, requests.last().expect("a search"));
    assert_eq!(titles(&app), ["Article 1", "Article 3", "Article 5"]);
}

#[test]
fn a_search_another_uses_is_neither_deleted_nor_renamed() {
    let (mut app, _archive) = app();
    // Save `@near` as `@harbour -bridge` in the reader.
    send(&mut app, key('/'));
    typed(&mut app, "@harbour -bridge");
    send(&mut app, code(KeyCode::Enter));
    send(
        &mut app,
        Msg::Key(crossterm::event::KeyEvent::new(
            KeyCode::Char('s'),
            crossterm::event::KeyModifiers::CONTROL,
        )),
    );
    typed(&mut app, "near");
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, key('@'));
    send(&mut app, key('j'));
    send(&mut app, key('d'));
    let effects = send(&mut app, key('y'));
    assert!(persisted(&effects).is_empty());
    assert!(status(&app).contains("Not deleted"), "{}", status(&app));
    send(&mut app, key('r'));
    typed(&mut app, "2");
    let effects = send(&mut app, code(KeyCode::Enter));
    assert!(persisted(&effects).is_empty());
    assert!(status(&app).contains("Not renamed"), "{}", status(&app));
}

#[test]
fn with_no_saved_search_the_key_says_how_to_make_one() {
    let articles: Vec<Article> = (0..2).map(article).collect();
    let archive = archive::of(&articles);
    let mut app = open_with(archive.catalog(), Setup::default(), 100, 16);
    let effects = send(&mut app, key('@'));
    assert!(count_requests(effects).is_empty());
    assert_eq!(app.overlay, Overlay::None);
    assert!(
        status(&app).contains("No saved searches yet"),
        "{}",
        status(&app)
    );
}

#[test]
fn deleted_and_renamed_searches_stay_so_in_the_database() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = folio::state::default_path(dir.path());
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("created");
    {
        let mut state = ReadingState::open(&path).expect("opens");
        for (name, query) in [("a", "alpha"), ("b", "beta"), ("c", "gamma")] {
            state
                .apply(&StateChange::SavedSearch {
                    name: name.into(),
                    query: query.into(),
                })
                .expect("saved");
        }
        state
            .apply(&StateChange::SavedSearchDeleted { name: "B".into() })
            .expect("deleted");
        state
            .apply(&StateChange::SavedSearchRenamed {
                from: "c".into(),
                to: "sea".into(),
            })
            .expect("renamed");
    }
    let state = ReadingState::open(&path).expect("opens");
    let searches = state.snapshot().expect("a snapshot").searches;
    let pairs: Vec<(&str, &str)> = searches
        .iter()
        .map(|s| (s.name.as_str(), s.query.as_str()))
        .collect();
    assert!(pairs.contains(&("a", "alpha")), "{pairs:?}");
    assert!(pairs.contains(&("sea", "gamma")), "{pairs:?}");
    assert_eq!(pairs.len(), 2, "{pairs:?}");
}

#[test]
fn a_newer_archive_version_is_counted_again_while_the_overlay_is_open() {
    let (mut app, archive) = app();
    let first = count_requests(send(&mut app, key('@')));
    count(&mut app, &archive, &first[0]);
    let again = count_requests(send(&mut app, Msg::Snapshot(archive.catalog())));
    assert_eq!(again.len(), 1, "counted again");
    assert!(again[0].generation > first[0].generation);
    // The counts shown stay until the new ones come.
    assert!(screen(&app).contains("3 · 2 unread"), "{}", screen(&app));
    count(&mut app, &archive, &again[0]);
    assert!(screen(&app).contains("3 · 2 unread"), "{}", screen(&app));
    // Closed, a new version asks for nothing.
    send(&mut app, code(KeyCode::Esc));
    let none = count_requests(send(&mut app, Msg::Snapshot(archive.catalog())));
    assert!(none.is_empty());
}
