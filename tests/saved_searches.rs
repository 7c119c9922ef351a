//! Saved searches (`[[search]]` in config.toml) named as `@name` in the CLI's queries and in
//! the reader's search line.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Msg, Overlay};
use folio::article::{Article, Paragraph};
use folio::config::Config;
use folio::search::query::SavedSearch;
use folio::state::{ReadingState, StateChange, StateSnapshot, default_path};

mod support;

use support::app::{Setup, code, key, open_with, persisted, status, titles, typed};
use support::archive::{self, Archive, Folder};
use support::articles::day;
use support::cli::{archive as cli_archive, stdout};
use support::drive::send;
use support::search::answer;

const GRAIN: &str = "[[search]]\nname = \"grain\"\nquery = \"grain\"\n\n\
                     [[search]]\nname = \"may-grain\"\nquery = \"@grain date:2023-05\"\n";

/// A config file in its own folder (kept alive by the returned guard).
fn config_file(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).expect("the config is written");
    (dir, path)
}

/// `folio ARGS... <archive>` with this config file.
fn folio(archive: &Folder, config: &std::path::Path, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = archive.folio(args);
    cmd.env("FOLIO_CONFIG", config);
    cmd
}

fn titles_of(out: &str) -> Vec<String> {
    out.lines()
        .map(|l| l.rsplit("  ").next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn search_expands_a_saved_search_and_narrows_it() {
    let archive = cli_archive();
    let (_dir, config) = config_file(GRAIN);
    let search =
        |query: &str| titles_of(&stdout(&mut folio(&archive, &config, &["search", query])));
    assert_eq!(
        search("@grain"),
        [
            "Lisbon port strike enters second week",
            "Talks resume in Vienna over grain corridor"
        ]
    );
    assert_eq!(
        search("@grain date:2023-03"),
        ["Talks resume in Vienna over grain corridor"]
    );
    assert_eq!(
        search("@may-grain"),
        ["Lisbon port strike enters second week"]
    );
    assert_eq!(
        search("NOT @grain"),
        ["Sommet de Genève sur la sécurité alimentaire"]
    );
    // `--config` after the command names the file as well.
    let flag = stdout(&mut archive.folio(&[
        "search",
        "--config",
        config.to_str().expect("a UTF-8 path"),
        "@may-grain",
    ]));
    assert_eq!(titles_of(&flag), ["Lisbon port strike enters second week"]);
    let out = stdout(&mut folio(
        &archive,
        &config,
        &["search", "--count", "@grain OR sommet"],
    ));
    assert_eq!(out.trim(), "3");
}

#[test]
fn an_unknown_name_is_an_error_listing_the_saved_ones() {
    let archive = cli_archive();
    let (_dir, config) = config_file(GRAIN);
    let output = folio(&archive, &config, &["search", "@grian"])
        .assert()
        .failure()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no saved search @grian"), "{stderr}");
    assert!(stderr.contains("@grain, @may-grain"), "{stderr}");
}

#[test]
fn a_saved_search_that_uses_itself_is_refused_with_the_file_named() {
    let archive = cli_archive();
    let looping = "[[search]]\nname = \"a\"\nquery = \"@b\"\n\n\
                   [[search]]\nname = \"b\"\nquery = \"x OR @a\"\n";
    let (_dir, config) = config_file(looping);
    let output = folio(&archive, &config, &["search", "@a"])
        .assert()
        .failure()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("uses itself"), "{stderr}");
    assert!(stderr.contains("config.toml"), "{stderr}");
    // A query without a name does not read the file, so its fault does not stop it.
    let out = stdout(&mut folio(
        &archive,
        &config,
        &["search", "--count", "grain"],
    ));
    assert_eq!(out.trim(), "2");
}

#[test]
fn kwic_and_export_take_saved_searches_too() {
    let archive = cli_archive();
    let (_dir, config) = config_file(GRAIN);
    let kwic = stdout(&mut folio(&archive, &config, &["kwic", "@may-grain"]));
    assert_eq!(kwic.lines().count(), 1, "{kwic}");
    assert!(kwic.contains("grain"), "{kwic}");
    let export = stdout(&mut folio(
        &archive,
        &config,
        &["export", "@grain", "--format", "jsonl"],
    ));
    assert_eq!(export.lines().count(), 2, "{export}");
}

/// Article `n` of day `2022-01-(28 - n)`: 0 and 4 tell of an old bridge, 2 of a new one,
/// the odd ones of the harbour.
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

fn app_with(config: &str) -> (App, Archive) {
    app_with_state(config, StateSnapshot::default())
}

fn app_with_state(config: &str, state: StateSnapshot) -> (App, Archive) {
    let articles: Vec<Article> = (0..6).map(article).collect();
    let archive = archive::of(&articles);
    let mut setup = Setup {
        state,
        ..Setup::default()
    };
    let mut loaded = Config::defaults(true);
    loaded.apply_user(config, true).expect("a valid config");
    setup.config = loaded;
    (open_with(archive.catalog(), setup, 80, 24), archive)
}

#[test]
fn the_search_line_expands_saved_searches() {
    let config = "[[search]]\nname = \"bridge\"\nquery = \"bridge\"\n";
    let (mut app, archive) = app_with(config);
    send(&mut app, key('/'));
    let requests = support::app::searches(support::app::typed(&mut app, "@bridge"));
    answer(
        &mut app,
        &archive.store,
        requests.last().expect("a request"),
    );
    assert_eq!(titles(&app), ["Article 0", "Article 2", "Article 4"]);
    let requests = support::app::searches(support::app::typed(&mut app, " -new "));
    answer(
        &mut app,
        &archive.store,
        requests.last().expect("a request"),
    );
    assert_eq!(
        app.search.text, "@bridge -new ",
        "the line keeps what was typed"
    );
    assert_eq!(titles(&app), ["Article 0", "Article 4"]);
}

#[test]
fn an_unknown_name_in_the_search_line_is_shown_under_it() {
    let config = "[[search]]\nname = \"bridge\"\nquery = \"bridge\"\n";
    let (mut app, _archive) = app_with(config);
    send(&mut app, key('/'));
    let requests = support::app::searches(support::app::typed(&mut app, "@tunnel "));
    let error = app.search.error.clone().expect("an error");
    assert!(error.message.contains("@bridge"), "{}", error.message);
    assert_eq!(&app.search.text[error.span.clone()], "@tunnel");
    assert!(
        requests
            .iter()
            .all(|r| !format!("{:?}", r.query).contains("tunnel")),
        "no search for an unknown name"
    );
}

#[test]
fn label_labels_what_a_saved_search_finds() {
    let archive = cli_archive();
    let (_dir, config) = config_file(GRAIN);
    let out = stdout(&mut folio(
        &archive,
        &config,
        &["label", "+food", "@may-grain"],
    ));
    assert!(out.contains('1'), "{out}");
    let labelled = stdout(&mut folio(&archive, &config, &["search", "label:food"]));
    assert_eq!(
        titles_of(&labelled),
        ["Lisbon port strike enters second week"]
    );
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// `/`, `text`, the engine's answer.
fn search(app: &mut App, archive: &Archive, text: &str) {
    send(app, key('/'));
    let requests = support::app::searches(typed(app, text));
    answer(app, &archive.store, requests.last().expect("a request"));
}

#[test]
fn the_save_key_names_the_search_and_at_name_finds_it_at_once() {
    let (mut app, archive) = app_with("");
    search(&mut app, &archive, "bridge");
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, ctrl('s'));
    assert_eq!(app.overlay, Overlay::SaveSearch(String::new()));
    typed(&mut app, "@br");
    let screen = support::screen::render(&app, false);
    assert!(screen.contains("Save \"bridge\" as @br"), "{screen}");
    let effects = send(&mut app, code(KeyCode::Enter));
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(
        persisted(&effects),
        [&StateChange::SavedSearch {
            name: "br".into(),
            query: "bridge".into()
        }]
    );
    assert!(
        status(&app).contains("@br finds \"bridge\""),
        "{}",
        status(&app)
    );
    send(&mut app, code(KeyCode::Esc));
    search(&mut app, &archive, "@br -new ");
    assert_eq!(titles(&app), ["Article 0", "Article 4"]);
}

#[test]
fn a_bad_name_or_no_search_is_refused_with_a_reason() {
    let (mut app, archive) = app_with("");
    send(&mut app, ctrl('s'));
    assert_eq!(app.overlay, Overlay::None);
    assert!(
        status(&app).contains("No search to save"),
        "{}",
        status(&app)
    );
    search(&mut app, &archive, "bridge");
    send(&mut app, ctrl('s'));
    typed(&mut app, "two words");
    let effects = send(&mut app, code(KeyCode::Enter));
    assert!(persisted(&effects).is_empty());
    assert!(status(&app).contains("letters, digits"), "{}", status(&app));
    assert!(app.config.searches.is_empty());
}

#[test]
fn searches_saved_in_an_earlier_session_are_there_and_ones_that_broke_are_said() {
    let state = StateSnapshot {
        searches: vec![
            SavedSearch {
                name: "old".into(),
                query: "bridge".into(),
            },
            SavedSearch {
                name: "broken".into(),
                query: "@gone".into(),
            },
        ],
        ..StateSnapshot::default()
    };
    let (mut app, archive) = app_with_state("", state);
    assert!(status(&app).contains("@broken"), "{}", status(&app));
    search(&mut app, &archive, "@old ");
    assert_eq!(titles(&app), ["Article 0", "Article 2", "Article 4"]);
}

#[test]
fn saved_searches_survive_reopening_and_the_migration_keeps_what_was_there() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = default_path(dir.path());
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("created");
    {
        let mut state = ReadingState::open(&path).expect("opens");
        state
            .apply(&StateChange::Searched {
                query: "otan".into(),
            })
            .expect("saved");
    }
    // Back to the schema before saved searches, as that build left it.
    {
        let raw = rusqlite::Connection::open(&path).expect("opens");
        raw.execute_batch("DROP TABLE saved_search; PRAGMA user_version = 3;")
            .expect("downgraded");
    }
    let mut state = ReadingState::open(&path).expect("opens");
    assert!(state.warnings().is_empty(), "{:?}", state.warnings());
    let snapshot = state.snapshot().expect("a snapshot");
    assert_eq!(snapshot.history, ["otan"]);
    assert!(snapshot.searches.is_empty());
    for (name, query) in [
        ("Bridge", "bridge"),
        ("bridge", "bridge -is:read"),
        ("x", "y"),
    ] {
        state
            .apply(&StateChange::SavedSearch {
                name: name.into(),
                query: query.into(),
            })
            .expect("saved");
    }
    drop(state);
    let snapshot = ReadingState::open(&path)
        .expect("opens")
        .snapshot()
        .expect("a snapshot");
    let saved: Vec<(&str, &str)> = snapshot
        .searches
        .iter()
        .map(|s| (s.name.as_str(), s.query.as_str()))
        .collect();
    assert_eq!(saved, [("bridge", "bridge -is:read"), ("x", "y")]);
}
