//! The reading state database: round trips, reopening, and every fault the user can meet.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use folio::article::ArticleId;
use folio::catalog::id_hash;
use folio::state::{HISTORY_CAP, ReadingState, StateChange, StateError, Timing, default_path};
use rusqlite::Connection;

fn id(s: &str) -> ArticleId {
    ArticleId(s.to_string())
}

fn read(s: &str) -> StateChange {
    StateChange::Read {
        id: id(s),
        read: true,
    }
}

fn star(s: &str) -> StateChange {
    StateChange::Starred {
        id: id(s),
        starred: true,
    }
}

fn searched(q: &str) -> StateChange {
    StateChange::Searched { query: q.into() }
}

fn db_in(dir: &tempfile::TempDir) -> PathBuf {
    default_path(dir.path())
}

fn apply_all(state: &mut ReadingState, changes: &[StateChange]) {
    for change in changes {
        if let Err(e) = state.apply(change) {
            panic!("{change:?} was not saved: {e}");
        }
    }
}

fn open(path: &Path) -> ReadingState {
    ReadingState::open(path).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn marks_stars_positions_and_searches_round_trip() {
    let mut state = ReadingState::open_in_memory().unwrap();
    let url = "https://fr.sputniknews.com/20220102/slug-1054161238.html";
    apply_all(
        &mut state,
        &[
            read(url),
            read("b"),
            star(url),
            StateChange::Position {
                id: id(url),
                line: 42,
                width: 80,
            },
            searched("poutine"),
            StateChange::Read {
                id: id("b"),
                read: false,
            },
        ],
    );
    let snapshot = state.snapshot().unwrap();
    assert_eq!(snapshot.read, [id_hash(&id(url))].into());
    assert_eq!(snapshot.starred, [id_hash(&id(url))].into());
    assert_eq!(snapshot.history, ["poutine"]);
    assert_eq!(state.position(&id(url)).unwrap(), Some((42, 80)));
    assert_eq!(state.position(&id("b")).unwrap(), None);
    assert!(state.warnings().is_empty());
}

#[test]
fn state_survives_reopening_and_creates_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not/yet/there/state.db");
    {
        let mut state = open(&path);
        apply_all(
            &mut state,
            &[
                read("a"),
                star("b"),
                StateChange::Position {
                    id: id("a"),
                    line: 7,
                    width: 100,
                },
            ],
        );
    }
    let state = open(&path);
    let snapshot = state.snapshot().unwrap();
    assert!(snapshot.read.contains(&id_hash(&id("a"))));
    assert!(snapshot.starred.contains(&id_hash(&id("b"))));
    assert_eq!(state.position(&id("a")).unwrap(), Some((7, 100)));
    assert!(state.warnings().is_empty(), "{:?}", state.warnings());

    let raw = Connection::open(&path).unwrap();
    let mode: String = raw
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn a_damaged_file_is_moved_aside_with_a_timestamp_and_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let garbage: Vec<u8> = (0..8192_u32).map(|i| (i * 7 + 3) as u8).collect();
    fs::write(&path, &garbage).unwrap();
    // A journal left beside the damaged file must not end up in the fresh database.
    fs::write(dir.path().join("state.db-wal"), b"stale wal").unwrap();

    let mut state = open(&path);
    apply_all(&mut state, &[read("after")]);

    let moved: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("state.db.corrupt-") && !name.ends_with("-wal"))
        .collect();
    assert_eq!(moved.len(), 1, "{moved:?}");
    let stamp = moved[0].trim_start_matches("state.db.corrupt-");
    assert!(
        chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ").is_ok(),
        "not a timestamp: {stamp}"
    );
    assert_eq!(fs::read(dir.path().join(&moved[0])).unwrap(), garbage);

    let [warning] = state.warnings() else {
        panic!("expected one warning, got {:?}", state.warnings());
    };
    assert!(warning.contains("was damaged"), "{warning}");
    assert!(warning.contains(&moved[0]), "{warning}");

    drop(state);
    let state = open(&path);
    assert!(state.warnings().is_empty(), "{:?}", state.warnings());
    assert_eq!(
        state.snapshot().unwrap().read,
        [id_hash(&id("after"))].into()
    );
}

fn set_user_version(path: &Path, version: i64) {
    let raw = Connection::open(path).unwrap();
    raw.pragma_update(None, "user_version", version).unwrap();
}

#[test]
fn a_newer_schema_is_shown_but_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    apply_all(&mut open(&path), &[read("old")]);
    set_user_version(&path, 99);
    let before = fs::read(&path).unwrap();

    let mut state = open(&path);
    let [warning] = state.warnings() else {
        panic!("expected one warning, got {:?}", state.warnings());
    };
    assert!(warning.contains("newer version of folio"), "{warning}");
    // Changes are accepted (the warning already told the user) and seen in this session.
    apply_all(&mut state, &[read("new"), star("old"), searched("otan")]);
    assert_eq!(state.unsaved(), 3);
    let snapshot = state.snapshot().unwrap();
    assert_eq!(
        snapshot.read,
        [id_hash(&id("old")), id_hash(&id("new"))].into()
    );
    assert_eq!(snapshot.starred, [id_hash(&id("old"))].into());
    assert_eq!(snapshot.history, ["otan"]);
    drop(state);

    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "the newer database was modified"
    );
}

#[test]
fn a_newer_schema_this_build_cannot_read_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    drop(open(&path));
    {
        let raw = Connection::open(&path).unwrap();
        raw.execute_batch("DROP TABLE article; CREATE TABLE article_v2 (key TEXT);")
            .unwrap();
        raw.pragma_update(None, "user_version", 50).unwrap();
    }
    let before = fs::read(&path).unwrap();

    let mut state = open(&path);
    assert_eq!(state.warnings().len(), 1, "{:?}", state.warnings());
    apply_all(&mut state, &[read("a")]);
    assert_eq!(state.snapshot().unwrap().read, [id_hash(&id("a"))].into());
    drop(state);
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_path_that_cannot_hold_a_database_still_gives_a_session() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the database file should be.
    let path = db_in(&dir);
    fs::create_dir(&path).unwrap();

    let mut state = open(&path);
    let [warning] = state.warnings() else {
        panic!("expected one warning, got {:?}", state.warnings());
    };
    assert!(warning.contains("this session only"), "{warning}");
    apply_all(&mut state, &[star("a")]);
    assert_eq!(
        state.snapshot().unwrap().starred,
        [id_hash(&id("a"))].into()
    );
}

#[test]
fn two_instances_interleave_writes_without_losing_any() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let mut a = open(&path);
    let mut b = open(&path);
    for i in 0..50 {
        apply_all(&mut a, &[read(&format!("a{i}"))]);
        apply_all(&mut b, &[star(&format!("b{i}")), read(&format!("b{i}"))]);
    }
    // Each sees the other's commits without reopening.
    assert_eq!(a.snapshot().unwrap().read.len(), 100);
    assert_eq!(b.snapshot().unwrap().starred.len(), 50);

    // And truly concurrent writers neither fail nor lose anything.
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut state = open(&path);
                for i in 0..100 {
                    apply_all(&mut state, &[read(&format!("t{w}-{i}"))]);
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    drop((a, b));
    assert_eq!(open(&path).snapshot().unwrap().read.len(), 300);
}

#[test]
fn search_history_is_capped_deduplicated_and_newest_last() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    {
        let mut state = open(&path);
        for i in 0..HISTORY_CAP + 100 {
            apply_all(&mut state, &[searched(&format!("query {i}"))]);
        }
        apply_all(
            &mut state,
            &[
                searched("query 300"),
                searched("   "),
                searched(" erdogan "),
            ],
        );
    }
    let history = open(&path).snapshot().unwrap().history;
    assert_eq!(history.len(), HISTORY_CAP);
    assert_eq!(history[HISTORY_CAP - 2..], ["query 300", "erdogan"]);
    assert_eq!(history.iter().filter(|q| *q == "query 300").count(), 1);
    assert!(!history.contains(&"query 0".to_string()), "oldest kept");
    assert!(history.contains(&format!("query {}", HISTORY_CAP + 99)));
}

#[test]
fn a_failing_save_reports_once_keeps_changes_and_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let timing = Timing {
        busy_timeout: Duration::from_millis(50),
        retry_interval: Duration::from_millis(100),
    };
    let mut state = ReadingState::open_with(&path, timing).unwrap();

    // Another process holding the write lock far longer than the busy timeout.
    let blocker = Connection::open(&path).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();

    let first = state.apply(&read("a"));
    assert!(
        matches!(first, Err(StateError::Unwritable { .. })),
        "{first:?}"
    );
    for change in [star("a"), read("b")] {
        assert!(state.apply(&change).is_ok(), "only one error per failure");
    }
    assert_eq!(state.unsaved(), 3);
    let snapshot = state.snapshot().unwrap();
    assert_eq!(snapshot.read, [id_hash(&id("a")), id_hash(&id("b"))].into());

    blocker.execute_batch("COMMIT").unwrap();
    std::thread::sleep(Duration::from_millis(150));
    apply_all(&mut state, &[read("c")]);
    assert_eq!(state.unsaved(), 0, "the retry saved everything");
    drop(state);

    let reopened = open(&path).snapshot().unwrap();
    assert_eq!(reopened.read.len(), 3);
    assert_eq!(reopened.starred, [id_hash(&id("a"))].into());
}

#[test]
fn changes_that_failed_to_save_are_saved_at_close_once_possible() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(&dir);
    let timing = Timing {
        busy_timeout: Duration::from_millis(50),
        retry_interval: Duration::from_secs(3600),
    };
    let mut state = ReadingState::open_with(&path, timing).unwrap();
    let blocker = Connection::open(&path).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    assert!(state.apply(&star("kept")).is_err());
    assert!(matches!(state.flush(), Err(StateError::Unwritable { .. })));
    blocker.execute_batch("COMMIT").unwrap();
    // No later change comes to trigger the retry: closing does it.
    drop(state);
    assert_eq!(
        open(&path).snapshot().unwrap().starred,
        [id_hash(&id("kept"))].into()
    );
}
