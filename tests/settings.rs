//! Settings and what the app tells about them. Choices made in the app (justification,
//! hyphenation, the layout, the split) outlive the session: the app persists them like read
//! marks, and a new app over the reopened database starts with them. Messages in the status
//! bar are read whole enough to act on.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Effect, Mode, MouseAction, Msg};
use folio::article::{Article, ArticleId, Paragraph, Published};
use folio::catalog::id_hash;
use folio::config::Config;
use folio::state::{ReadingState, Setting, Settings, StateChange, default_path};
use rusqlite::Connection;

mod support;
use support::app::{Setup, before_resize};
use support::articles::catalog;
use support::drive::send;

fn archive() -> Vec<Article> {
    (0..3)
        .map(|n| Article {
            id: ArticleId(format!("https://example.org/{n}")),
            path: PathBuf::from(format!("archive/{n}.txt")),
            url: Some(format!("https://example.org/{n}")),
            title: format!("Article {n}"),
            lede: "A lede.".into(),
            lede_truncated: false,
            source: "Alpha".into(),
            language: "en".into(),
            published: chrono::NaiveDate::from_ymd_opt(2022, 1, 3).map(Published::day),
            paragraphs: vec![Paragraph::Text("Some words to wrap. ".repeat(40))],
            meta: Default::default(),
            problems: Vec::new(),
        })
        .collect()
}

/// A session as `folio` runs one: the app over the database's snapshot, each persist effect
/// applied to the database as the event loop does.
fn session(path: &Path, keys: &[Msg]) -> App {
    let mut state = ReadingState::open(path).unwrap_or_else(|e| panic!("{e}"));
    let snapshot = state.snapshot().unwrap_or_else(|e| panic!("{e}"));
    let setup = Setup {
        state: snapshot,
        ..Setup::default()
    };
    let mut app = before_resize(catalog(archive(), Vec::new()), setup);
    let resize = Msg::Resize {
        width: 120,
        height: 40,
    };
    for msg in std::iter::once(resize).chain(keys.iter().map(clone_key)) {
        for effect in send(&mut app, msg) {
            if let Effect::Persist(change) = effect {
                state.apply(&change).unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }
    app
}

fn clone_key(msg: &Msg) -> Msg {
    match msg {
        Msg::Key(k) => Msg::Key(*k),
        Msg::Mouse {
            action,
            column,
            row,
        } => Msg::Mouse {
            action: *action,
            column: *column,
            row: *row,
        },
        _ => unreachable!("the sessions here only type and click"),
    }
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn mouse(action: MouseAction, column: u16) -> Msg {
    Msg::Mouse {
        action,
        column,
        row: 10,
    }
}

#[test]
fn reader_and_layout_choices_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = default_path(dir.path());
    let fresh = session(&path, &[]);
    assert!(!fresh.reader.options().justify && !fresh.reader.options().hyphenate);
    assert_eq!(fresh.layout.mode, Mode::Auto);
    assert_eq!(fresh.layout.timeline_percent, 40);

    // Enter to the reader, `=` and `-` there, `v` twice (split, stacked), `>` once.
    let first = session(
        &path,
        &[
            Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            key('='),
            key('-'),
            key('v'),
            key('v'),
            key('>'),
        ],
    );
    assert_eq!(first.layout.mode, Mode::Stacked);
    assert_eq!(first.layout.timeline_percent, 45);

    let second = session(&path, &[]);
    assert!(second.reader.options().justify, "justification kept");
    assert!(second.reader.options().hyphenate, "hyphenation kept");
    assert_eq!(second.layout.mode, Mode::Stacked);
    assert_eq!(second.layout.timeline_percent, 45);

    // Back to split (`v` three times: one pane, auto, split) and a dragged divider.
    let third = session(
        &path,
        &[
            key('v'),
            key('v'),
            key('v'),
            mouse(MouseAction::Click, 54),
            mouse(MouseAction::Drag, 84),
            mouse(MouseAction::Release, 84),
        ],
    );
    assert_eq!(third.layout.mode, Mode::Split);
    assert_eq!(third.layout.timeline_percent, 70, "the divider was dragged");
    let fourth = session(&path, &[]);
    assert_eq!(fourth.layout.mode, Mode::Split);
    assert_eq!(fourth.layout.timeline_percent, 70);
    assert!(fourth.reader.options().justify);
}

/// A database written before settings were kept (schema 1, as that folio created it) gains
/// the settings table and loses nothing; settings then round-trip through a reopen.
#[test]
fn the_settings_migration_keeps_everything_and_settings_survive_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = default_path(dir.path());
    {
        let raw = Connection::open(&path).unwrap();
        raw.execute_batch(
            "CREATE TABLE article (
                 id TEXT PRIMARY KEY NOT NULL, id_hash INTEGER NOT NULL, read_at INTEGER,
                 starred_at INTEGER, line INTEGER, width INTEGER, updated_at INTEGER NOT NULL
             ) WITHOUT ROWID;
             CREATE TABLE search_history (query TEXT PRIMARY KEY NOT NULL, seq INTEGER NOT NULL);
             CREATE INDEX search_history_seq ON search_history (seq);
             PRAGMA user_version = 1;",
        )
        .unwrap();
        let hash = id_hash(&ArticleId("old".into())) as i64;
        raw.execute(
            "INSERT INTO article VALUES ('old', ?1, 10, 11, 7, 80, 12)",
            [hash],
        )
        .unwrap();
        raw.execute("INSERT INTO search_history VALUES ('otan', 1)", [])
            .unwrap();
    }
    let mut state = ReadingState::open(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(state.warnings().is_empty(), "{:?}", state.warnings());
    let snapshot = state.snapshot().unwrap();
    assert_eq!(snapshot.read, [id_hash(&ArticleId("old".into()))].into());
    assert_eq!(snapshot.starred, [id_hash(&ArticleId("old".into()))].into());
    assert_eq!(snapshot.history, ["otan"]);
    assert_eq!(
        state.position(&ArticleId("old".into())).unwrap(),
        Some((7, 80))
    );
    assert_eq!(snapshot.settings, Settings::default());
    for change in [
        StateChange::Setting(Setting::Justify(true)),
        StateChange::Setting(Setting::Layout("stacked".into())),
        StateChange::Setting(Setting::TimelinePercent(55)),
        StateChange::Setting(Setting::TimelinePercent(60)),
    ] {
        state.apply(&change).unwrap_or_else(|e| panic!("{e}"));
    }
    drop(state);

    let settings = ReadingState::open(&path)
        .unwrap()
        .snapshot()
        .unwrap()
        .settings;
    assert_eq!(settings.justify, Some(true));
    assert_eq!(settings.hyphenate, None, "never chosen");
    assert_eq!(settings.layout.as_deref(), Some("stacked"));
    assert_eq!(settings.timeline_percent, Some(60));
}

/// The screen's rows as text.
fn screen(app: &App) -> Vec<String> {
    let (w, h) = (app.size.width, app.size.height);
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("a terminal");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("drawing never fails on a test backend");
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

fn status_line(app: &App) -> String {
    screen(app).swap_remove(usize::from(app.size.height) - 2)
}

/// `v` cycles the layouts that the keymap's description, the help overlay and the README
/// name, in the order it visits them.
#[test]
fn the_layouts_v_cycles_are_the_ones_documented() {
    let named: Vec<&str> = Mode::CYCLE.iter().map(|m| m.label()).collect();
    let desc = named.join(" / ");
    let row = Config::defaults(true)
        .keymap
        .bindings()
        .iter()
        .find(|b| b.action == folio::config::Action::CycleLayout)
        .map(|b| b.desc.clone());
    assert_eq!(row.as_deref(), Some(desc.as_str()), "the keymap");
    let readme = include_str!("../README.md");
    assert!(
        readme.contains(&format!("`v` {desc}")),
        "README: `v` {desc}"
    );

    let dir = tempfile::tempdir().unwrap();
    let mut app = session(&default_path(dir.path()), &[key('?')]);
    send(
        &mut app,
        Msg::Resize {
            width: 100,
            height: 90,
        },
    );
    let listed = screen(&app).iter().any(|line| {
        let row = line.trim_start_matches([' ', '│']);
        row.starts_with("v ") && row[1..].trim_start().starts_with(&desc)
    });
    assert!(listed, "the help overlay:\n{}", screen(&app).join("\n"));
    send(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
    );
    for (mode, label) in Mode::CYCLE.into_iter().zip(named) {
        send(&mut app, key('v'));
        assert_eq!(app.layout.mode, mode);
        let status = app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default();
        let first_word = label.split(' ').next().unwrap_or(label);
        assert!(status.contains(first_word), "{status:?} for {label}");
    }
}

/// A message longer than the room beside the archive's counts takes their place, and one
/// longer than the bar loses its middle: what it says to do, at its end, stays in view.
#[test]
fn a_long_status_message_keeps_what_to_do_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = session(&default_path(dir.path()), &[]);
    let url = format!("https://example.org/{}", "a-long-slug-".repeat(12));
    let text = format!(
        "Could not open a browser for {url} (Launcher \"xdg-open\" failed with exit status 3); \
         press y to copy the URL."
    );
    for width in [80, 160] {
        send(&mut app, Msg::Resize { width, height: 24 });
        send(&mut app, Msg::Status(text.clone()));
        let line = status_line(&app);
        assert!(line.contains("press y to copy the URL."), "{width}: {line}");
        assert!(line.contains("Could not open a browser"), "{width}: {line}");
    }
    send(&mut app, Msg::Status("Press y to copy the URL.".into()));
    let line = status_line(&app);
    assert!(
        line.contains("3 articles"),
        "a short message leaves the counts: {line}"
    );
}
