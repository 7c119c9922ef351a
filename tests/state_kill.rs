//! `kill -9` at any moment never damages the reading state nor loses a committed change.
//!
//! The test binary re-executes itself as the writer (`kill_child_writer`, which does nothing
//! unless told to by environment), kills it with SIGKILL at varied moments, and checks what is
//! on disk against what the child reported as committed. The number of kills is 20 by default;
//! for a long run: `FOLIO_KILL_ITERATIONS=500 cargo test --test state_kill -- --nocapture`.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use folio::article::ArticleId;
use folio::catalog::id_hash;
use folio::state::{Bulk, Label, Note, Op, ReadingState, Setting, StateChange, default_path};

const CHILD_DB: &str = "FOLIO_KILL_CHILD_DB";
const CHILD_START: &str = "FOLIO_KILL_CHILD_START";

/// Sequence number `seq` is encoded in the change, so the parent can check each one.
fn change(seq: u64) -> StateChange {
    let id = ArticleId(format!("kill-{seq}"));
    match seq % KINDS {
        0 => StateChange::Read { id, read: true },
        1 => StateChange::Starred { id, starred: true },
        2 => StateChange::Position {
            id,
            line: seq as u32,
            width: 80,
        },
        3 => StateChange::Searched {
            query: format!("kill {seq}"),
        },
        4 => StateChange::Setting(Setting::TimelinePercent(percent(seq))),
        // A saved search, renamed by the next change and deleted by the one after.
        6 => StateChange::SavedSearch {
            name: format!("s{seq}"),
            query: "kill".into(),
        },
        7 => StateChange::SavedSearchRenamed {
            from: format!("s{}", seq - 1),
            to: format!("t{}", seq - 1),
        },
        8 => StateChange::SavedSearchDeleted {
            name: format!("t{}", seq - 2),
        },
        // A note, with its undo step.
        9 => StateChange::Note {
            note: Box::new(Note {
                article: id.0,
                quote: "the passage".into(),
                note: format!("kill {seq}"),
                paragraph: 0,
                start: 4,
                end: 15,
                prefix: "And ".into(),
                suffix: " goes on.".into(),
                created_at: seq as i64,
            }),
            add: true,
        },
        // A label action, with its undo step, over this article and two others.
        _ => {
            let ids = vec![
                id,
                ArticleId(format!("kill-{seq}-b")),
                ArticleId(format!("kill-{seq}-c")),
            ];
            let ops = vec![Op::Label(label(), true), Op::Starred(true)];
            StateChange::Bulk(Bulk::new(ids, ops, "label +kill"))
        }
    }
}

/// How many kinds of change the writer cycles through.
const KINDS: u64 = 10;

fn label() -> Label {
    Label::parse("kill").unwrap()
}

/// The split a settings change of sequence number `seq` saves.
fn percent(seq: u64) -> u16 {
    (seq % 81 + 10) as u16
}

/// The writer, run only inside the child process.
#[test]
fn kill_child_writer() {
    let Some(path) = std::env::var_os(CHILD_DB) else {
        return;
    };
    let start: u64 = std::env::var(CHILD_START)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut state = ReadingState::open(Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
    // Straight to the process's stdout, past the test harness's capture.
    let mut out = std::io::stdout().lock();
    for seq in start.. {
        if let Err(e) = state.apply(&change(seq)) {
            panic!("change {seq} failed: {e}");
        }
        writeln!(out, "committed {seq}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn kill_9_never_loses_a_committed_change() {
    let iterations: u64 = std::env::var("FOLIO_KILL_ITERATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let dir = tempfile::tempdir().unwrap();
    let path = default_path(dir.path());
    let exe = std::env::current_exe().unwrap();
    let (mut total, mut before_first_commit) = (0, 0);
    for i in 0..iterations {
        // From "before the database exists" to "hundreds of commits in": the early ones land
        // while the child starts, opens and migrates, the later ones mid-transaction.
        let delay = [0, 2, 8, 20, 45, 90, 160][(i % 7) as usize] + (i * 13) % 11;
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "kill_child_writer",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DB, &path)
            .env(CHILD_START, (i * 1_000_000).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        // Read while the child runs, so a full pipe never blocks it.
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|line| line.strip_prefix("committed ")?.parse::<u64>().ok())
                .collect::<Vec<u64>>()
        });
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert!(!status.success(), "the writer stopped on its own: {status}");
        let committed = reader.join().unwrap();

        verify(&path, &committed, i);
        total += committed.len();
        before_first_commit += usize::from(committed.is_empty());
    }
    eprintln!(
        "{iterations} kills, {total} committed changes checked, \
         {before_first_commit} kills before the first commit"
    );
    // The undo log survived the kills whole: its newest step reverts cleanly.
    let mut state = ReadingState::open(&path).unwrap();
    if let Some(undone) = state.undo().unwrap() {
        assert!(
            ["label +kill", "add note"].contains(&undone.what.as_str()),
            "{undone:?}"
        );
        assert!((1..=3).contains(&undone.articles), "{undone:?}");
    }
}

fn verify(path: &Path, committed: &[u64], iteration: u64) {
    if path.exists() {
        let raw = rusqlite::Connection::open(path).unwrap();
        let check: String = raw
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "after kill {iteration}");
    }
    let state = ReadingState::open(path).unwrap();
    assert!(
        state.warnings().is_empty(),
        "after kill {iteration}: {:?}",
        state.warnings()
    );
    let snapshot = state.snapshot().unwrap();
    // The history keeps only the newest searches; this kill's are the newest.
    let recent_searches: Vec<u64> = committed
        .iter()
        .copied()
        .filter(|seq| seq % KINDS == 3)
        .rev()
        .take(400)
        .collect();
    let saved = |name: &str| snapshot.searches.iter().any(|s| s.name == name);
    for &seq in committed {
        let id = ArticleId(format!("kill-{seq}"));
        let present = match seq % KINDS {
            0 => snapshot.read.contains(&id_hash(&id)),
            1 => snapshot.starred.contains(&id_hash(&id)),
            2 => state.position(&id).unwrap() == Some((seq as u32, 80)),
            3 => {
                !recent_searches.contains(&seq) || snapshot.history.contains(&format!("kill {seq}"))
            }
            // Only the latest setting is kept: the last one this kill reported, or the next
            // one, committed by the child just before the kill but not yet reported.
            4 => {
                let saved = snapshot.settings.timeline_percent;
                committed.iter().rev().find(|s| *s % KINDS == 4) != Some(&seq)
                    || saved == Some(percent(seq))
                    || saved == Some(percent(seq + KINDS))
            }
            // Saved under its name or the one it was renamed to, unless the delete after the
            // rename was committed (reported, or the one commit the kill left unreported).
            6 => {
                saved(&format!("s{seq}"))
                    || saved(&format!("t{seq}"))
                    || committed.contains(&(seq + 2))
                    || committed.last() == Some(&(seq + 1))
            }
            7 => !saved(&format!("s{}", seq - 1)),
            8 => !saved(&format!("t{}", seq - 2)),
            9 => snapshot
                .notes
                .get(&id_hash(&id))
                .is_some_and(|notes| notes.iter().any(|n| n.note == format!("kill {seq}"))),
            // All three articles of the action have the label and the star, or none would.
            _ => ["", "-b", "-c"].iter().all(|suffix| {
                let hash = id_hash(&ArticleId(format!("kill-{seq}{suffix}")));
                snapshot.labels.get(&hash).is_some_and(|l| l == &["kill"])
                    && snapshot.starred.contains(&hash)
            }),
        };
        assert!(
            present,
            "after kill {iteration}: committed change {seq} lost"
        );
    }
}
