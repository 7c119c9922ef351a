//! Bringing the index up to date with the files, committing periodically so that a reader
//! sees the archive fill while it is being indexed.
//!
//! Two ways, by what the index holds:
//! - empty (a first build, a rebuild): nothing to compare with, so files go from the walk
//!   straight to parsing and indexing, and the first articles show while the walk goes on;
//! - not empty: the walk compares each file (path, size, mtime) with the index, and only when
//!   it is over are the new and changed files indexed and the missing ones deleted (a file
//!   moved elsewhere in the archive must be seen gone before its article is re-indexed, or
//!   its URL would read as a duplicate).

mod folders;
mod indexer;
mod known;
mod owners;
mod paths;

use std::collections::HashSet;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crossbeam_channel::{RecvTimeoutError, Sender};
use tantivy::Term;

use super::scan::{Found, Stamp, scan, walk_in_order};
use super::{Snapshot, Store, StoreError, SyncReport};
use crate::progress::{Phase, Progress};
use indexer::Indexer;
use known::{Known, Verdict};
use owners::Owners;

pub use folders::run_folders;
pub use paths::{PathChanges, run_paths};

/// Files parsed in parallel between two writes; small enough for frequent progress reports.
const CHUNK: usize = 256;
/// Parsed chunks waiting for the writer: enough to keep parsing through a commit (about a
/// second at the end of a large build) without holding much text in memory.
const PARSED_AHEAD: usize = 16;
/// Documents in the first commit, and files in the first build's first chunk: enough to fill
/// a screen. Few, because a commit waits until tantivy's threads have indexed every document
/// added (a thousand took 0.4 s on two busy cores: the first rows showed a second after
/// opening).
const FIRST_COMMIT_DOCS: usize = 64;
/// ... or fewer, if parsing them takes longer than this (a busy machine, large files): the
/// first rows should show within a second of opening.
const FIRST_COMMIT_AFTER: Duration = Duration::from_millis(300);
/// Even a slow sync (network drive, huge files) shows its progress this often.
const MAX_COMMIT_INTERVAL: Duration = Duration::from_secs(20);
/// Progress reports between commits are at most this frequent.
const REPORT_EVERY: Duration = Duration::from_millis(50);

/// How far the walk has got, shared between the walk and the writer's progress reports.
#[derive(Default)]
struct Walked {
    seen: AtomicU64,
    /// Files to index, once the walk has ended.
    total: OnceLock<u64>,
}

/// The walk of a first build: hands each file found to its argument until that returns false.
type Walk<'a> = &'a (dyn Fn(&mut dyn FnMut(Found) -> bool) + Sync);

pub fn run(store: &Store, progress: &mut dyn FnMut(&Progress)) -> Result<SyncReport, StoreError> {
    let walk = |each: &mut dyn FnMut(Found) -> bool| {
        walk_in_order(&store.roots, &store.location.dir, each);
    };
    run_walking(store, progress, &walk)
}

/// [`run`], with the first build's walk given (tests slow it down).
fn run_walking(
    store: &Store,
    progress: &mut dyn FnMut(&Progress),
    walk: Walk,
) -> Result<SyncReport, StoreError> {
    let before = store.current();
    let mut state = Progress::starting();
    progress(&state);
    let mut report = SyncReport::default();
    let published = if before.searcher().num_docs() == 0 {
        first_build(store, &before, &mut report, &mut state, progress, walk)
    } else {
        update(store, &before, &mut report, &mut state, progress)
    };
    // Before `Done`, so that memory looked at then is what stays.
    super::memory::release_freed();
    let published = published?;
    state.phase = Phase::Done;
    // The final commit (and merge) published a snapshot the reader has not seen yet.
    state.committed = published;
    progress(&state);
    Ok(report)
}

/// Indexes every file as the walk finds it, in path order (so that of two files with the
/// same URL, the first by path keeps it, as on any later sync).
fn first_build(
    store: &Store,
    before: &Snapshot,
    report: &mut SyncReport,
    state: &mut Progress,
    progress: &mut dyn FnMut(&Progress),
    walk: Walk,
) -> Result<bool, StoreError> {
    let writer = store.writer(true)?;
    let walked = Walked::default();
    // Unbounded, so that the walk (far faster than indexing) ends early and the progress bar
    // has its total: the files waiting cost ~150 bytes each, ~150 MB for a while at a
    // million, all freed by the end of the build.
    let (tx, rx) = crossbeam_channel::unbounded();
    state.phase = Phase::Indexing;
    let owners = Owners::new(before, HashSet::new());
    std::thread::scope(|s| {
        let walker = s.spawn(|| walk_to(walk, &walked, tx));
        let mut indexer = Indexer::new(store, writer, true, owners, &walked, report, state);
        indexer.index(rx.into_iter(), progress)?;
        let finished = walker.join().is_ok() && walked.total.get().is_some();
        if !finished {
            return Err(StoreError::Io {
                path: store.roots.first().cloned().unwrap_or_default(),
                source: std::io::Error::other("the folder scan stopped unexpectedly"),
            });
        }
        indexer.finish(progress)
    })?;
    report.added = state.indexed;
    Ok(true)
}

/// The walk of a first build: files go to the parsers in chunks, as soon as a chunk is full
/// or has waited a moment (a slow disk still shows its first files early). The first chunk
/// is just what the first commit needs.
fn walk_to(walk: Walk, walked: &Walked, tx: Sender<Vec<Found>>) {
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut last_sent = Instant::now();
    let mut open = true;
    let mut found_so_far = 0;
    walk(&mut |found| {
        chunk.push(found);
        found_so_far += 1;
        walked.seen.fetch_add(1, Ordering::Relaxed);
        let full = chunk.len() >= CHUNK || found_so_far == FIRST_COMMIT_DOCS;
        if full || last_sent.elapsed() >= REPORT_EVERY {
            let next = Vec::with_capacity(CHUNK);
            open = tx.send(std::mem::replace(&mut chunk, next)).is_ok();
            last_sent = Instant::now();
        }
        open
    });
    if open && (chunk.is_empty() || tx.send(chunk).is_ok()) {
        let _ = walked.total.set(walked.seen.load(Ordering::Relaxed));
    }
}

/// Compares the whole walk with the index, then indexes what is new or changed and deletes
/// what is gone. Returns whether it committed anything.
fn update(
    store: &Store,
    before: &Snapshot,
    report: &mut SyncReport,
    state: &mut Progress,
    progress: &mut dyn FnMut(&Progress),
) -> Result<bool, StoreError> {
    let known = Known::read(before).map_err(|e| store.index_error(e))?;
    let (unchanged, changed) = (AtomicU64::new(0), AtomicU64::new(0));
    let keep = |stamp: &Stamp| match known.check(stamp) {
        Verdict::Unchanged => {
            unchanged.fetch_add(1, Ordering::Relaxed);
            false
        }
        Verdict::Changed => {
            changed.fetch_add(1, Ordering::Relaxed);
            true
        }
        Verdict::Added => true,
        Verdict::Again => false,
    };
    let mut todo = scan_with_progress(store, state, progress, &keep)?;
    todo.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    // A new file reached through two nested roots (a known one is caught by `check`).
    todo.dedup_by_key(|f| f.key);
    let removed = known.unseen();
    drop(known);
    report.unchanged = unchanged.into_inner();
    report.changed = changed.into_inner();
    report.added = todo.len() as u64 - report.changed;
    report.removed = removed.len() as u64;
    // A sync that writes most of the index (a rebuild after most files changed) ends with a
    // merge into one segment: every segment repeats the term dictionary, so this saves a
    // good part of the index size (a tenth at 100k articles).
    let merge_at_end = todo.len() as u64 * 2 >= report.unchanged + todo.len() as u64;
    let changes = Changes {
        todo,
        removed,
        merge_at_end,
    };
    write_changes(store, before, changes, report, state, progress)
}

/// The end of a sync of some paths (named by the watcher, or listed from changed folders):
/// the files found are sorted against the index (`known` holds their keys and the gone
/// ones'), the new and changed are indexed, the gone deleted, and Done is reported.
fn write_listed(
    store: &Store,
    before: &Snapshot,
    known: Known,
    found: Vec<Found>,
    gone: Vec<u64>,
    state: &mut Progress,
    progress: &mut dyn FnMut(&Progress),
) -> Result<SyncReport, StoreError> {
    let mut report = SyncReport::default();
    let mut todo = Vec::with_capacity(found.len());
    for file in found {
        let stamp = Stamp {
            key: file.key,
            size: file.size,
            mtime: file.mtime,
        };
        match known.check(&stamp) {
            Verdict::Unchanged | Verdict::Again => report.unchanged += 1,
            Verdict::Changed => {
                report.changed += 1;
                todo.push(file);
            }
            Verdict::Added => {
                report.added += 1;
                todo.push(file);
            }
        }
    }
    let removed: Vec<u64> = gone.into_iter().filter(|k| known.holds(*k)).collect();
    report.removed = removed.len() as u64;
    drop(known);
    let changes = Changes {
        todo,
        removed,
        merge_at_end: false,
    };
    let published = write_changes(store, before, changes, &mut report, state, progress)?;
    state.phase = Phase::Done;
    state.committed = published;
    progress(state);
    Ok(report)
}

/// What a sync found to do: files to (re-)index, sorted by path, and paths whose files are gone.
struct Changes {
    todo: Vec<Found>,
    removed: Vec<u64>,
    merge_at_end: bool,
}

/// Deletes the documents of the gone and changed files and indexes the new and changed
/// ones. Returns whether it committed anything.
fn write_changes(
    store: &Store,
    before: &Snapshot,
    changes: Changes,
    report: &mut SyncReport,
    state: &mut Progress,
    progress: &mut dyn FnMut(&Progress),
) -> Result<bool, StoreError> {
    let Changes {
        todo,
        removed,
        merge_at_end,
    } = changes;
    state.phase = Phase::Indexing;
    state.to_index = Some(todo.len() as u64);
    progress(state);
    if todo.is_empty() && removed.is_empty() {
        return Ok(false);
    }
    let writer = store.writer(merge_at_end)?;
    let gone: HashSet<u64> = removed
        .iter()
        .copied()
        .chain(todo.iter().map(|f| f.key))
        .collect();
    for key in &gone {
        writer.delete_term(Term::from_field_u64(store.fields.path_hash, *key));
    }
    let walked = Walked {
        seen: AtomicU64::new(state.files_seen),
        total: OnceLock::from(todo.len() as u64),
    };
    let owners = Owners::new(before, gone);
    let mut indexer = Indexer::new(store, writer, merge_at_end, owners, &walked, report, state);
    let mut todo = todo.into_iter();
    let chunks = std::iter::from_fn(|| {
        let chunk: Vec<Found> = todo.by_ref().take(CHUNK).collect();
        (!chunk.is_empty()).then_some(chunk)
    });
    indexer.index(chunks, progress)?;
    indexer.finish(progress)?;
    Ok(true)
}

/// Runs the walk on its own threads while this one reports how many files it has seen: the
/// progress callback may only be called from the caller's thread.
fn scan_with_progress(
    store: &Store,
    state: &mut Progress,
    progress: &mut dyn FnMut(&Progress),
    keep: &(dyn Fn(&Stamp) -> bool + Sync),
) -> Result<Vec<Found>, StoreError> {
    let seen = AtomicU64::new(0);
    let (tx, rx) = crossbeam_channel::bounded(1);
    std::thread::scope(|s| {
        s.spawn(|| {
            let found = scan(&store.roots, &store.location.dir, &seen, keep);
            let _ = tx.send(found);
        });
        loop {
            match rx.recv_timeout(REPORT_EVERY) {
                Ok(found) => {
                    state.files_seen = seen.load(Ordering::Relaxed);
                    return Ok(found);
                }
                Err(RecvTimeoutError::Timeout) => {
                    state.files_seen = seen.load(Ordering::Relaxed);
                    progress(state);
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(StoreError::Io {
                        path: store.roots.first().cloned().unwrap_or_default(),
                        source: std::io::Error::other("the folder scan stopped unexpectedly"),
                    });
                }
            }
        }
    })
}

#[cfg(test)]
mod tests;
