//! Labels, row marks, bulk actions and undo: the state database (actions, undo across a
//! reopen, the migration from the schema before labels, export and import), the app's update
//! (prompt, completion, marks, confirmation, undo, the labels overlay), the screen, a search
//! by `label:` answered by the real engine, and the `folio label` and `folio state` commands.

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, BulkAction, Effect, Msg, Overlay, Scope};
use folio::article::ArticleId;
use folio::catalog::id_hash;
use folio::state::{
    Bulk, Label, LabelEdit, Op, ReadingState, Reverted, StateChange, StateSnapshot, Target, Undone,
    default_path,
};

mod support;
use support::app::{Setup, code, key, open_with, persisted, status, titles, typed};
use support::articles::{catalog, five};
use support::drive::send;

fn id(n: usize) -> ArticleId {
    ArticleId(format!("https://example.org/{n}"))
}

fn label(name: &str) -> Label {
    Label::parse(name).unwrap()
}

fn labelled(state: &ReadingState, n: usize) -> Vec<String> {
    let snapshot = state.snapshot().unwrap();
    snapshot
        .labels
        .get(&id_hash(&id(n)))
        .cloned()
        .unwrap_or_default()
}

// --- the state database -----------------------------------------------------------------

#[test]
fn a_bulk_action_counts_only_what_changed_and_undo_reverts_it_after_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = default_path(dir.path());
    {
        let mut state = ReadingState::open(&path).unwrap();
        let first = Bulk::new(vec![id(1)], vec![Op::Starred(true)], "star");
        assert_eq!(state.apply_bulk(&first).unwrap(), 1);
        let ids = (0..4).map(id).collect();
        let ops = vec![Op::Label(label("Security"), true), Op::Starred(true)];
        let bulk = Bulk::new(ids, ops, "label +security");
        assert_eq!(
            state.apply_bulk(&bulk).unwrap(),
            4,
            "every article got the label"
        );
        assert_eq!(
            state.apply_bulk(&bulk).unwrap(),
            0,
            "nothing left to change"
        );
        assert_eq!(labelled(&state, 2), ["security"]);
        assert_eq!(
            state.snapshot().unwrap().undo.as_deref(),
            Some("label +security")
        );
    }
    let mut state = ReadingState::open(&path).unwrap();
    let undone = state.undo().unwrap().expect("a step to undo");
    assert_eq!(undone.what, "label +security");
    assert_eq!(undone.articles, 4);
    let snapshot = state.snapshot().unwrap();
    assert!(snapshot.labels.is_empty(), "{:?}", snapshot.labels);
    assert_eq!(
        snapshot.starred,
        [id_hash(&id(1))].into(),
        "the star given before the action stays"
    );
    let undone = state.undo().unwrap().expect("the single star");
    assert_eq!(undone.reverted.len(), 1);
    assert!(state.snapshot().unwrap().starred.is_empty());
    assert_eq!(state.undo().unwrap(), None);
}

#[test]
fn removing_a_label_and_undoing_puts_it_back() {
    let mut state = ReadingState::open_in_memory().unwrap();
    let add = vec![Op::Label(label("a"), true), Op::Label(label("b"), true)];
    state
        .apply_bulk(&Bulk::new(vec![id(0), id(1)], add, "+a +b"))
        .unwrap();
    let remove = vec![Op::Label(label("a"), false)];
    assert_eq!(
        state
            .apply_bulk(&Bulk::new(vec![id(0), id(2)], remove, "-a"))
            .unwrap(),
        1,
        "article 2 had no label a"
    );
    assert_eq!(labelled(&state, 0), ["b"]);
    let undone = state.undo().unwrap().unwrap();
    assert_eq!(
        undone.reverted,
        [Reverted {
            id_hash: id_hash(&id(0)),
            target: Target::Label("a".into()),
            on: true
        }]
    );
    assert_eq!(labelled(&state, 0), ["a", "b"]);
}

#[test]
fn the_undo_log_keeps_a_bounded_number_of_steps() {
    let mut state = ReadingState::open_in_memory().unwrap();
    for n in 0..folio::state::UNDO_STEPS + 10 {
        let ops = vec![Op::Read(true)];
        state
            .apply_bulk(&Bulk::new(vec![id(n)], ops, format!("read {n}")))
            .unwrap();
    }
    let mut steps = 0;
    while state.undo().unwrap().is_some() {
        steps += 1;
    }
    assert_eq!(steps, folio::state::UNDO_STEPS);
    assert_eq!(
        state.snapshot().unwrap().read.len(),
        10,
        "the oldest stay read"
    );
}

#[test]
fn labels_are_validated_with_a_reason() {
    assert_eq!(label("Frame:Economy").as_str(), "frame:economy");
    let error = Label::parse("to check").unwrap_err().to_string();
    assert!(error.contains("\"to check\" is not a label"), "{error}");
    assert!(Label::parse(&"x".repeat(65)).is_err());
    assert!(Label::parse("a\u{1b}[31m").is_err());
    assert!(LabelEdit::parse("+a -a").is_err());
}

/// The schema of folio before labels (version 2), written by hand as that build wrote it.
const SCHEMA_2: &str = "
    CREATE TABLE article (
        id TEXT PRIMARY KEY NOT NULL, id_hash INTEGER NOT NULL, read_at INTEGER,
        starred_at INTEGER, line INTEGER, width INTEGER, updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE search_history (query TEXT PRIMARY KEY NOT NULL, seq INTEGER NOT NULL);
    CREATE INDEX search_history_seq ON search_history (seq);
    CREATE TABLE setting (
        name TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL, updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    PRAGMA user_version = 2;";

#[test]
fn the_migration_from_the_schema_before_labels_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = default_path(dir.path());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    {
        let old = rusqlite::Connection::open(&path).unwrap();
        old.execute_batch(SCHEMA_2).unwrap();
        for n in 0..200 {
            let key = id(n);
            old.execute(
                "INSERT INTO article VALUES (?1, ?2, ?3, ?4, ?5, 80, 1700000000)",
                rusqlite::params![
                    key.as_str(),
                    id_hash(&key) as i64,
                    (n % 2 == 0).then_some(1_700_000_000 + n as i64),
                    (n % 3 == 0).then_some(1_700_000_100_i64),
                    n as i64,
                ],
            )
            .unwrap();
        }
        old.execute_batch(
            "INSERT INTO search_history VALUES ('otan', 1), ('poutine', 2);
             INSERT INTO setting VALUES ('justify', 'true', 1700000000);",
        )
        .unwrap();
    }
    // A copy of the old database, to compare with after the migration.
    let copy = dir.path().join("old-copy.db");
    std::fs::copy(&path, &copy).unwrap();

    let mut state = ReadingState::open(&path).unwrap();
    assert!(state.warnings().is_empty(), "{:?}", state.warnings());
    let snapshot = state.snapshot().unwrap();
    assert_eq!(snapshot.read.len(), 100);
    assert_eq!(snapshot.starred.len(), 67);
    assert!(snapshot.read.contains(&id_hash(&id(198))));
    assert_eq!(snapshot.history, ["otan", "poutine"]);
    assert_eq!(snapshot.settings.justify, Some(true));
    assert_eq!(state.position(&id(150)).unwrap(), Some((150, 80)));
    // Every row of the old article table is there, value for value.
    let old = rusqlite::Connection::open(&copy).unwrap();
    let rows = |conn: &rusqlite::Connection| -> Vec<(String, Option<i64>, Option<i64>, i64)> {
        let mut stmt = conn
            .prepare("SELECT id, read_at, starred_at, line FROM article ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let migrated = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(rows(&old), rows(&migrated));
    // And the new tables work.
    let bulk = Bulk::new(vec![id(0)], vec![Op::Label(label("kept"), true)], "+kept");
    assert_eq!(state.apply_bulk(&bulk).unwrap(), 1);
    assert_eq!(labelled(&state, 0), ["kept"]);
}

#[test]
fn export_and_import_merge_two_peoples_coding_without_losing_anything() {
    let mut alice = ReadingState::open_in_memory().unwrap();
    let mut bob = ReadingState::open_in_memory().unwrap();
    let label_as = |state: &mut ReadingState, n: usize, name: &str| {
        let ops = vec![Op::Label(label(name), true)];
        state.apply_bulk(&Bulk::new(vec![id(n)], ops, "+")).unwrap();
    };
    label_as(&mut alice, 0, "security");
    label_as(&mut alice, 1, "economy");
    alice
        .apply(&StateChange::Read {
            id: id(0),
            read: true,
        })
        .unwrap();
    alice
        .apply(&StateChange::Position {
            id: id(2),
            line: 10,
            width: 80,
        })
        .unwrap();
    label_as(&mut bob, 0, "to-check");
    bob.apply(&StateChange::Starred {
        id: id(3),
        starred: true,
    })
    .unwrap();
    bob.apply(&StateChange::Position {
        id: id(2),
        line: 40,
        width: 80,
    })
    .unwrap();

    let mut exported = Vec::new();
    assert_eq!(folio::state::export(&alice, &mut exported).unwrap(), 3);
    let text = String::from_utf8(exported.clone()).unwrap();
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains(r#""labels":["security"]"#),
        "{text}"
    );
    let report = folio::state::import(&mut bob, &mut exported.as_slice()).unwrap();
    assert_eq!(report.articles, 3);
    assert_eq!(report.new_articles, 1, "only article 1 was unknown to bob");
    assert_eq!(report.labels_added, 2);
    assert_eq!(report.read_added, 1);
    assert_eq!(report.conflicts.len(), 1, "{:?}", report.conflicts);
    assert!(
        report.conflicts[0].contains("position"),
        "{:?}",
        report.conflicts
    );

    let merged = bob.snapshot().unwrap();
    assert_eq!(labelled(&bob, 0), ["security", "to-check"], "the union");
    assert_eq!(labelled(&bob, 1), ["economy"]);
    assert!(merged.read.contains(&id_hash(&id(0))));
    assert!(
        merged.starred.contains(&id_hash(&id(3))),
        "bob's own star stays"
    );
    assert!(bob.position(&id(2)).unwrap().is_some());

    // Importing the same file again changes nothing.
    let again = folio::state::import(&mut bob, &mut exported.as_slice()).unwrap();
    assert_eq!(
        (again.new_articles, again.labels_added, again.read_added),
        (0, 0, 0)
    );

    // A broken line is reported and skipped; the others land.
    let mixed = b"{\"id\":\"https://example.org/9\",\"labels\":[\"ok\",\"not ok\"]}\nnot json\n";
    let report = folio::state::import(&mut bob, &mut &mixed[..]).unwrap();
    assert_eq!(report.labels_added, 1);
    assert_eq!(report.skipped.len(), 2, "{:?}", report.skipped);
    assert!(
        report.skipped[0].starts_with("line 2"),
        "{:?}",
        report.skipped
    );
}

// --- the app's update -----------------------------------------------------------------------

/// The app on the five articles; article 1 labelled `security`, article 2 `security` and
/// `to-check`.
fn app() -> App {
    let mut state = StateSnapshot::default();
    state
        .labels
        .insert(id_hash(&id(1)), vec!["security".into()]);
    state
        .labels
        .insert(id_hash(&id(2)), vec!["security".into(), "to-check".into()]);
    let setup = Setup {
        state,
        ..Setup::default()
    };
    open_with(catalog(five(), Vec::new()), setup, 100, 24)
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn bulk_of(change: &StateChange) -> &Bulk {
    match change {
        StateChange::Bulk(bulk) => bulk,
        other => panic!("not a bulk change: {other:?}"),
    }
}

#[test]
fn the_label_prompt_completes_from_labels_in_use_and_labels_the_article() {
    let mut app = app();
    let selected = app.timeline.selected().unwrap();
    send(&mut app, key('L'));
    assert!(matches!(
        app.overlay,
        Overlay::Label {
            scope: Scope::Current,
            ..
        }
    ));
    typed(&mut app, "+sec");
    send(&mut app, code(KeyCode::Tab));
    typed(&mut app, "Frame:Economy -to");
    send(&mut app, code(KeyCode::Tab));
    let Overlay::Label { text, .. } = &app.overlay else {
        panic!("the prompt closed: {:?}", app.overlay);
    };
    assert_eq!(text, "+security Frame:Economy -to-check ");
    let fx = send(&mut app, code(KeyCode::Enter));
    assert_eq!(app.overlay, Overlay::None);
    let changes = persisted(&fx);
    assert_eq!(changes.len(), 1);
    let bulk = bulk_of(changes[0]);
    assert_eq!(bulk.ids.len(), 1);
    assert_eq!(
        bulk.ops,
        [
            Op::Label(label("security"), true),
            Op::Label(label("frame:economy"), true),
            Op::Label(label("to-check"), false)
        ]
    );
    assert_eq!(
        app.labels_of(selected.id_hash),
        ["frame:economy", "security"]
    );
}

#[test]
fn a_bad_label_is_refused_with_a_reason_and_the_prompt_keeps_the_text() {
    let mut app = app();
    send(&mut app, key('L'));
    typed(&mut app, "+ok \"quoted\"");
    let fx = send(&mut app, code(KeyCode::Enter));
    assert!(persisted(&fx).is_empty());
    assert!(status(&app).contains("is not a label"), "{}", status(&app));
    assert!(matches!(&app.overlay, Overlay::Label { text, .. } if text == "+ok \"quoted\""));
    send(&mut app, code(KeyCode::Esc));
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn marked_rows_are_starred_after_a_confirmation_naming_the_count_and_undo_reverts() {
    let mut app = app();
    send(&mut app, key('x'));
    send(&mut app, key('x'));
    assert_eq!(app.picked_count(), 2);
    assert!(
        status(&app).contains("2 articles marked"),
        "{}",
        status(&app)
    );
    send(&mut app, key('A'));
    assert_eq!(app.overlay, Overlay::Bulk { count: 2 });
    let fx = send(&mut app, key('s'));
    assert!(persisted(&fx).is_empty(), "nothing before the yes");
    assert_eq!(
        app.overlay,
        Overlay::Confirm {
            action: BulkAction::Starred(true),
            count: 2
        }
    );
    let fx = send(&mut app, key('y'));
    let changes = persisted(&fx);
    let bulk = bulk_of(changes[0]);
    assert_eq!(bulk.ids.len(), 2);
    assert_eq!(bulk.ops, [Op::Starred(true)]);
    assert_eq!(app.marks.starred.len(), 2);
    assert_eq!(app.picked_count(), 0, "marks are cleared once used");

    let fx = send(&mut app, key('U'));
    assert!(fx.iter().any(|e| matches!(e, Effect::Undo)));
    // The runtime's answer: what the state database reverted.
    let reverted = bulk
        .ids
        .iter()
        .map(|i| Reverted {
            id_hash: id_hash(i),
            target: Target::Starred,
            on: false,
        })
        .collect();
    send(
        &mut app,
        Msg::Undone(Ok(Some(Undone {
            what: "star".into(),
            articles: 2,
            reverted,
        }))),
    );
    assert!(app.marks.starred.is_empty());
    assert_eq!(status(&app), "Undid star on 2 articles.");
    send(&mut app, Msg::Undone(Ok(None)));
    assert_eq!(status(&app), "Nothing to undo.");
}

#[test]
fn with_no_marks_a_bulk_action_covers_every_row_shown_and_no_cancels() {
    let mut app = app();
    send(&mut app, key('A'));
    assert_eq!(app.overlay, Overlay::Bulk { count: 5 });
    send(&mut app, key('l'));
    assert!(matches!(
        app.overlay,
        Overlay::Label {
            scope: Scope::Bulk,
            ..
        }
    ));
    typed(&mut app, "+reviewed");
    send(&mut app, code(KeyCode::Enter));
    assert!(matches!(app.overlay, Overlay::Confirm { count: 5, .. }));
    let fx = send(&mut app, key('n'));
    assert!(persisted(&fx).is_empty());
    assert!(
        status(&app).starts_with("Nothing changed"),
        "{}",
        status(&app)
    );

    send(&mut app, key('A'));
    send(&mut app, key('r'));
    let fx = send(&mut app, key('y'));
    assert_eq!(bulk_of(persisted(&fx)[0]).ids.len(), 5);
    assert_eq!(app.unread, 0);
    assert_eq!(status(&app), "Mark read on 5 of 5 articles.");
}

#[test]
fn mark_all_and_clear_marks() {
    let mut app = app();
    send(&mut app, key('X'));
    assert_eq!(app.picked_count(), 5);
    send(&mut app, ctrl('x'));
    assert_eq!(app.picked_count(), 0);
}

#[test]
fn the_labels_overlay_counts_labels_and_enter_searches_for_one() {
    let mut app = app();
    assert_eq!(
        app.label_counts(),
        [("security".to_string(), 2), ("to-check".to_string(), 1)]
    );
    send(&mut app, key('#'));
    assert_eq!(app.overlay, Overlay::Labels { selected: 0 });
    send(&mut app, key('j'));
    let fx = send(&mut app, code(KeyCode::Enter));
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.search.ran, "label:to-check");
    assert!(fx.iter().any(|e| matches!(e, Effect::Search(_))));
}

#[test]
fn starring_one_article_is_undoable_too() {
    let mut app = app();
    let fx = send(&mut app, key('s'));
    assert_eq!(bulk_of(persisted(&fx)[0]).what, "star");
    assert_eq!(app.undo_hint(), Some("star"));
}

// --- the screen -----------------------------------------------------------------------------

#[test]
fn rows_and_the_reader_header_show_labels() {
    let mut app = app();
    send(&mut app, key('j'));
    send(&mut app, key('x'));
    let screen = support::screen::render(&app, false);
    insta::assert_snapshot!("labels_rows_and_header", screen);
    let rows = support::screen::rows(&app);
    assert!(
        rows.iter()
            .any(|r| r.contains("Article 1") && r.contains("#security")),
        "{screen}"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains("labels: #security #to-check")),
        "{screen}"
    );
}

// --- the real engine ------------------------------------------------------------------------

#[test]
fn an_article_labelled_in_the_app_is_found_by_label_search() {
    let archive = support::archive::open(|dir| {
        for (n, title) in ["Grain talks", "Port strike", "Summit", "Harvest", "Ships"]
            .iter()
            .enumerate()
        {
            support::archive::article(dir, &format!("a{n}"), n as u32 + 1, title, "Words.");
        }
    });
    let mut app = open_with(archive.catalog(), Setup::default(), 100, 24);
    let store = &archive.store;
    send(&mut app, key('j'));
    let chosen = support::app::selected_title(&app);
    send(&mut app, key('L'));
    typed(&mut app, "Security");
    send(&mut app, code(KeyCode::Enter));
    support::search::send_searching(&mut app, store, key('/'));
    for c in "label:security".chars() {
        support::search::send_searching(&mut app, store, key(c));
    }
    support::search::send_searching(&mut app, store, code(KeyCode::Enter));
    assert_eq!(titles(&app), std::slice::from_ref(&chosen));
    assert_eq!(app.search.count, Some(1));
    // And `-label:` and `is:labelled` over the same state.
    support::search::send_searching(&mut app, store, key('/'));
    for _ in 0.."label:security".len() {
        support::search::send_searching(&mut app, store, code(KeyCode::Backspace));
    }
    for c in "-label:security".chars() {
        support::search::send_searching(&mut app, store, key(c));
    }
    support::search::send_searching(&mut app, store, code(KeyCode::Enter));
    assert_eq!(app.search.count, Some(4));
    assert!(!titles(&app).contains(&chosen));
}

// --- the command line -------------------------------------------------------------------------

fn run(cache: &Path, args: &[&str]) -> (i32, String, String) {
    let output = support::cli::folio(cache).args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn folio_label_changes_what_a_query_finds_and_dry_run_only_lists() {
    let archive = support::cli::archive();
    let root = archive.root().to_string_lossy().into_owned();
    let cache = archive.cache.path();
    let (code, out, _) = run(
        cache,
        &["label", "+Grain", "-to-check", "grain", "--dry-run", &root],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("https://wire.example/20230314/vienna-talks.html"),
        "{out}"
    );
    assert!(out.contains("2023-05"), "the date: {out}");
    assert!(
        out.contains("would change 2 of 2 matching articles (+grain -to-check)"),
        "{out}"
    );
    let (_, found, _) = run(cache, &["search", "label:grain", &root]);
    assert_eq!(found, "", "a dry run changes nothing");

    let (code, out, _) = run(cache, &["label", "+Grain", "-to-check", "grain", &root]);
    assert_eq!(
        (code, out.as_str()),
        (0, "changed 2 of 2 matching articles (+grain -to-check)\n")
    );
    let (_, again, _) = run(cache, &["label", "+grain", "grain", &root]);
    assert_eq!(again, "changed 0 of 2 matching articles (+grain)\n");
    let (_, found, _) = run(cache, &["search", "label:GRAIN", &root]);
    assert_eq!(found.lines().count(), 2, "{found}");
    let (_, found, _) = run(cache, &["search", "--count", "--", "-label:grain", &root]);
    assert_eq!(found, "1\n");
    let (_, found, _) = run(cache, &["search", "--count", "is:labelled", &root]);
    assert_eq!(found, "2\n");

    let (code, _, err) = run(cache, &["label", "+two words", "grain", &root]);
    assert_eq!(code, 2);
    assert!(err.contains("is not a label"), "{err}");
    let (code, _, err) = run(cache, &["label", "grain", &root]);
    assert_eq!(code, 2);
    assert!(err.contains("no labels to add or remove"), "{err}");
}

#[test]
fn folio_state_export_and_import_round_trip_between_two_databases() {
    let archive = support::cli::archive();
    let root = archive.root().to_string_lossy().into_owned();
    let cache = archive.cache.path();
    run(cache, &["label", "+grain", "grain", &root]);
    let (code, exported, _) = run(cache, &["state", "export"]);
    assert_eq!(code, 0);
    assert_eq!(exported.lines().count(), 2, "{exported}");
    let file = archive.cache.path().join("state.jsonl");
    std::fs::write(&file, &exported).unwrap();

    let other = tempfile::tempdir().unwrap();
    let import = support::cli::folio(cache)
        .env("FOLIO_DATA_DIR", other.path())
        .args(["state", "import"])
        .arg(&file)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&import.stdout);
    assert!(import.status.success(), "{said}");
    assert!(said.starts_with("imported 2 articles"), "{said}");
    assert!(said.contains("2 new, 2 labels added"), "{said}");
    let export = support::cli::folio(cache)
        .env("FOLIO_DATA_DIR", other.path())
        .args(["state", "export"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&export.stdout), exported);

    let (code, _, err) = run(cache, &["state", "import", "/no/such/file.jsonl"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read /no/such/file.jsonl"), "{err}");
}
