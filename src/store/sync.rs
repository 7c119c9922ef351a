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

mod known;
mod owners;

use std::collections::HashSet;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use rayon::prelude::*;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::read::read_article;
use super::scan::{Found, Stamp, scan, walk_in_order};
use super::schema::{Fields, KIND_ARTICLE, KIND_SKIPPED};
use super::{Phase, Progress, Snapshot, Store, StoreError, SyncReport};
use crate::article::{Article, ArticleId, Problem};
use crate::catalog::id_hash;
use crate::sanitize::sanitize;
use crate::search::tokenizer::tagged_body;
use known::{Known, Verdict};
use owners::Owners;

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
    let mut state = Progress {
        phase: Phase::Scanning,
        files_seen: 0,
        to_index: None,
        indexed: 0,
        problems: 0,
        committed: false,
    };
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
    state.phase = Phase::Indexing;
    state.to_index = Some(todo.len() as u64);
    progress(state);
    if todo.is_empty() && removed.is_empty() {
        return Ok(false);
    }

    // A sync that writes most of the index (a rebuild after most files changed) ends with a
    // merge into one segment: every segment repeats the term dictionary, so this saves a
    // good part of the index size (a tenth at 100k articles).
    let merge_at_end = todo.len() as u64 * 2 >= report.unchanged + todo.len() as u64;
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

/// A chunk of files and what reading each of them gave.
type Parsed = (Vec<Found>, Vec<Result<Article, Problem>>);

struct Indexer<'a> {
    store: &'a Store,
    writer: IndexWriter,
    merge_at_end: bool,
    fields: Fields,
    owners: Owners<'a>,
    walked: &'a Walked,
    report: &'a mut SyncReport,
    state: &'a mut Progress,
}

impl<'a> Indexer<'a> {
    fn new(
        store: &'a Store,
        writer: IndexWriter,
        merge_at_end: bool,
        owners: Owners<'a>,
        walked: &'a Walked,
        report: &'a mut SyncReport,
        state: &'a mut Progress,
    ) -> Indexer<'a> {
        Indexer {
            store,
            writer,
            merge_at_end,
            fields: store.fields,
            owners,
            walked,
            report,
            state,
        }
    }

    /// Parsing runs on its own thread (and the rayon pool) ahead of the writer, so that it
    /// goes on while a commit flushes segments.
    fn index(
        &mut self,
        files: impl Iterator<Item = Vec<Found>> + Send,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<(), StoreError> {
        let (tx, rx) = crossbeam_channel::bounded(PARSED_AHEAD);
        std::thread::scope(|s| {
            s.spawn(move || {
                for chunk in files {
                    let parsed: Vec<Result<Article, Problem>> = chunk
                        .par_iter()
                        .map(|file| match &file.skip {
                            Some(problem) => Err(Problem::clone(problem)),
                            None => read_article(&file.path),
                        })
                        .collect();
                    if tx.send((chunk, parsed)).is_err() {
                        break; // the writer stopped on an error
                    }
                }
            });
            let result = self.write(&rx, progress);
            drop(rx);
            result
        })
    }

    fn write(
        &mut self,
        parsed: &Receiver<Parsed>,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<(), StoreError> {
        let (mut pending, mut committed) = (0usize, 0usize);
        let started = Instant::now();
        let mut last_commit = started;
        let mut last_report = started;
        loop {
            match parsed.recv_timeout(REPORT_EVERY) {
                Ok((chunk, results)) => {
                    for (file, result) in chunk.iter().zip(results) {
                        let doc = match result {
                            Ok(article) => self.article_doc(file, article),
                            Err(problem) => self.skipped_doc(file, problem),
                        };
                        self.writer
                            .add_document(doc)
                            .map_err(|e| self.store.index_error(e))?;
                    }
                    self.state.indexed += chunk.len() as u64;
                    self.state.problems = self.report.problems.len() as u64;
                    pending += chunk.len();
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return Ok(()),
            }
            // The first commit comes early so that a reader sees articles at once; after that
            // each waits for four times as many new documents as are already committed, so
            // there are O(log n) commits (each flushes segments and rebuilds the snapshot)
            // and they cost little of the indexing time. A time cap keeps a slow run
            // visibly progressing.
            let first_due = committed == 0 && started.elapsed() >= FIRST_COMMIT_AFTER;
            let due = pending >= (committed * 4).max(FIRST_COMMIT_DOCS)
                || first_due
                || last_commit.elapsed() >= MAX_COMMIT_INTERVAL;
            if due && pending > 0 {
                self.commit(progress)?;
                committed += pending;
                pending = 0;
                last_commit = Instant::now();
            } else if last_report.elapsed() >= REPORT_EVERY {
                self.state.committed = false;
                self.report_walk();
                progress(self.state);
                last_report = Instant::now();
            }
        }
    }

    /// Brings the walk's figures into the progress report.
    fn report_walk(&mut self) {
        self.state.files_seen = self.walked.seen.load(Ordering::Relaxed);
        self.state.to_index = self.walked.total.get().copied();
    }

    fn commit(&mut self, progress: &mut dyn FnMut(&Progress)) -> Result<(), StoreError> {
        self.writer
            .commit()
            .map_err(|e| self.store.index_error(e))?;
        self.store.publish()?;
        self.state.committed = true;
        self.report_walk();
        progress(self.state);
        Ok(())
    }

    /// Commits what is left (the archive is then fully searchable) and merges, so that the
    /// index is compact (and searches fast) when the sync returns: into one segment after a
    /// sync that wrote most of the index, else as tantivy's merge policy chose.
    fn finish(mut self, progress: &mut dyn FnMut(&Progress)) -> Result<(), StoreError> {
        self.commit(progress)?;
        let store = self.store;
        let segments = store
            .index
            .searchable_segment_ids()
            .map_err(|e| store.index_error(e))?;
        if self.merge_at_end && segments.len() > 1 {
            self.writer
                .merge(&segments)
                .wait()
                .map_err(|e| store.index_error(e))?;
        }
        self.writer
            .wait_merging_threads()
            .map_err(|e| store.index_error(e))?;
        store.publish()
    }

    fn article_doc(&mut self, file: &Found, mut article: Article) -> TantivyDocument {
        self.dedupe(file, &mut article);
        self.report
            .problems
            .extend(article.problems.iter().cloned());
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, article.id.as_str());
        self.add_file(&mut doc, file, &article.problems);
        doc.add_u64(f.kind, KIND_ARTICLE);
        // The id is the URL for nearly every article: the URL is stored only when it is not
        // (no URL, or a duplicate's suffixed id), which saves a tenth of the stored bytes.
        match article.url.as_deref() {
            Some(url) if url == article.id.as_str() => {}
            url => doc.add_text(f.url, url.unwrap_or_default()),
        }
        doc.add_text(f.title, &article.title);
        doc.add_text(f.lede, &article.lede);
        doc.add_text(
            f.body,
            tagged_body(
                &article.language,
                article.paragraphs.iter().map(|p| p.text()),
            ),
        );
        doc.add_text(f.source, &article.source);
        if let Some(host) = article.url.as_deref().and_then(crate::parse::url_host) {
            doc.add_text(f.host, host);
        }
        doc.add_text(f.language, &article.language);
        let key = article.published.map_or(i32::MIN, |p| p.sort_key());
        doc.add_i64(f.date_key, i64::from(key));
        doc.add_u64(f.id_hash, id_hash(&article.id));
        doc
    }

    fn skipped_doc(&mut self, file: &Found, problem: Problem) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        let problems = [problem];
        self.add_file(&mut doc, file, &problems);
        doc.add_u64(f.kind, KIND_SKIPPED);
        doc.add_i64(f.date_key, i64::from(i32::MIN));
        self.report.problems.extend(problems);
        doc
    }

    fn add_file(&self, doc: &mut TantivyDocument, file: &Found, problems: &[Problem]) {
        let f = &self.fields;
        doc.add_text(f.path, file.path.to_string_lossy());
        doc.add_u64(f.path_hash, file.key);
        doc.add_u64(f.size, file.size);
        doc.add_i64(f.mtime, file.mtime);
        doc.add_u64(f.problem_count, problems.len() as u64);
        if !problems.is_empty() {
            doc.add_text(
                f.problems,
                serde_json::to_string(problems).unwrap_or_default(),
            );
        }
    }

    /// Two files with the same URL are both kept: the one indexed first keeps the URL as its
    /// id, the other gets the URL plus a suffix derived from its path (stable across syncs)
    /// and a problem naming both files.
    fn dedupe(&mut self, file: &Found, article: &mut Article) {
        let Some(other) = self.owners.claim(id_hash(&article.id), file) else {
            return;
        };
        let id = ArticleId(format!("{}#duplicate-{:08x}", article.id, file.key as u32));
        article.problems.push(Problem::repaired(
            &*file.path,
            format!("the same URL as {}", sanitize(&other.to_string_lossy())),
            format!("kept both; this one has the id {id}"),
        ));
        self.owners.give(id_hash(&id), file);
        article.id = id;
    }
}

#[cfg(test)]
mod tests;
