//! Bringing the index up to date with the files: scan, compare (path, size, mtime) with what
//! the index holds, parse what is new or changed in parallel, delete what is gone, and commit
//! periodically so that a reader sees the archive fill while it is being indexed.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tantivy::{DocAddress, IndexWriter, TantivyDocument, Term};

use super::read::read_article;
use super::scan::{Found, scan};
use super::schema::{self, Fields, KIND_ARTICLE, KIND_SKIPPED};
use super::{Phase, Progress, Snapshot, Store, StoreError, SyncReport};
use crate::article::{Article, ArticleId, Problem};
use crate::catalog::id_hash;
use crate::sanitize::sanitize;
use crate::search::tokenizer::tagged_body;

/// Files parsed in parallel between two writes; small enough for frequent progress reports.
const CHUNK: usize = 256;
/// Parsed chunks waiting for the writer: enough to keep parsing through a commit (about a
/// second at the end of a large build) without holding much text in memory.
const PARSED_AHEAD: usize = 16;
/// Documents in the first commit: enough to fill a screen, soon after the start.
const FIRST_COMMIT_DOCS: usize = 1000;
/// Even a slow sync (network drive, huge files) shows its progress this often.
const MAX_COMMIT_INTERVAL: Duration = Duration::from_secs(20);
/// Progress reports between commits are at most this frequent.
const REPORT_EVERY: Duration = Duration::from_millis(50);

/// What the index holds for one path.
struct Known {
    size: u64,
    mtime: i64,
    /// More than one document for the path: an interrupted sync; re-index it.
    twice: bool,
}

/// Who holds an article id, to tell a duplicated URL from a re-indexed file.
struct Owner {
    key: u64,
    path: Option<PathBuf>,
    address: Option<DocAddress>,
}

pub fn run(store: &Store, progress: &mut dyn FnMut(&Progress)) -> Result<SyncReport, StoreError> {
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
    let found = scan_with_progress(store, &mut state, progress)?;

    let known = known_files(&before).map_err(|e| store.index_error(e))?;
    let mut report = SyncReport::default();
    let mut todo = Vec::new();
    let mut seen_keys = HashMap::with_capacity(found.len());
    for file in found {
        if seen_keys.insert(file.key, ()).is_some() {
            continue; // the same file reached through two roots
        }
        match known.get(&file.key) {
            Some(k) if !k.twice && k.size == file.size && k.mtime == file.mtime => {
                report.unchanged += 1;
            }
            Some(_) => {
                report.changed += 1;
                todo.push(file);
            }
            None => {
                report.added += 1;
                todo.push(file);
            }
        }
    }
    let removed: Vec<u64> = known
        .keys()
        .filter(|k| !seen_keys.contains_key(k))
        .copied()
        .collect();
    report.removed = removed.len() as u64;
    state.phase = Phase::Indexing;
    state.to_index = Some(todo.len() as u64);
    progress(&state);

    let mut published = false;
    if !todo.is_empty() || !removed.is_empty() {
        // A sync that writes most of the index (a first build, a rebuild) ends with a merge
        // into one segment: every segment repeats the term dictionary, so this saves a good
        // part of the index size (a tenth at 100k articles).
        let merge_at_end = todo.len() as u64 * 2 >= report.unchanged + todo.len() as u64;
        let writer = store.writer(merge_at_end)?;
        let fields = store.fields;
        for key in removed.iter().chain(todo.iter().map(|f| &f.key)) {
            writer.delete_term(Term::from_field_u64(fields.path_hash, *key));
        }
        let gone: HashMap<u64, ()> = removed
            .iter()
            .chain(todo.iter().map(|f| &f.key))
            .map(|k| (*k, ()))
            .collect();
        let owners = id_owners(&before, &gone).map_err(|e| store.index_error(e))?;
        todo.sort_by(|a, b| a.path.cmp(&b.path));
        let mut indexer = Indexer {
            store,
            writer,
            merge_at_end,
            fields,
            before: &before,
            owners,
            report: &mut report,
            state: &mut state,
            progress,
        };
        indexer.index(&todo)?;
        indexer.finish()?;
        published = true;
    }
    state.phase = Phase::Done;
    // The final commit (and merge) published a snapshot the reader has not seen yet.
    state.committed = published;
    progress(&state);
    Ok(report)
}

/// Runs the walk on its own threads while this one reports how many files it has seen: the
/// progress callback may only be called from the caller's thread.
fn scan_with_progress(
    store: &Store,
    state: &mut Progress,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Vec<Found>, StoreError> {
    let seen = AtomicU64::new(0);
    let (tx, rx) = crossbeam_channel::bounded(1);
    std::thread::scope(|s| {
        s.spawn(|| {
            let found = scan(&store.roots, &store.location.dir, &seen);
            let _ = tx.send(found);
        });
        loop {
            match rx.recv_timeout(REPORT_EVERY) {
                Ok(found) => {
                    state.files_seen = found.len() as u64;
                    return Ok(found);
                }
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => {
                    state.files_seen = seen.load(Ordering::Relaxed);
                    progress(state);
                }
                Err(crossbeam_channel::RecvTimeoutError::Disconnected) => {
                    return Err(StoreError::Io {
                        path: store.roots.first().cloned().unwrap_or_default(),
                        source: std::io::Error::other("the folder scan stopped unexpectedly"),
                    });
                }
            }
        }
    })
}

/// Path key -> (size, mtime) of every document in the index.
fn known_files(snapshot: &Snapshot) -> tantivy::Result<HashMap<u64, Known>> {
    let mut known = HashMap::new();
    for reader in snapshot.searcher().segment_readers() {
        let ff = reader.fast_fields();
        let (keys, sizes, mtimes) = (
            ff.u64(schema::PATH_HASH)?,
            ff.u64(schema::SIZE)?,
            ff.i64(schema::MTIME)?,
        );
        for doc in reader.doc_ids_alive() {
            let Some(key) = keys.first(doc) else { continue };
            let size = sizes.first(doc).unwrap_or(0);
            let mtime = mtimes.first(doc).unwrap_or(0);
            known
                .entry(key)
                .and_modify(|k: &mut Known| k.twice = true)
                .or_insert(Known {
                    size,
                    mtime,
                    twice: false,
                });
        }
    }
    Ok(known)
}

/// Id hash -> owner, for the articles that stay in the index.
fn id_owners(snapshot: &Snapshot, gone: &HashMap<u64, ()>) -> tantivy::Result<HashMap<u64, Owner>> {
    let mut owners = HashMap::new();
    for (segment, reader) in snapshot.searcher().segment_readers().iter().enumerate() {
        let ff = reader.fast_fields();
        let (keys, ids, kinds) = (
            ff.u64(schema::PATH_HASH)?,
            ff.u64(schema::ID_HASH)?,
            ff.u64(schema::KIND)?,
        );
        for doc in reader.doc_ids_alive() {
            let (Some(key), Some(id)) = (keys.first(doc), ids.first(doc)) else {
                continue;
            };
            if kinds.first(doc) != Some(KIND_ARTICLE) || gone.contains_key(&key) {
                continue;
            }
            owners.insert(
                id,
                Owner {
                    key,
                    path: None,
                    address: Some(DocAddress::new(segment as u32, doc)),
                },
            );
        }
    }
    Ok(owners)
}

/// A chunk of files and what reading each of them gave.
type Parsed<'a> = (&'a [Found], Vec<Result<Article, Problem>>);

struct Indexer<'a> {
    store: &'a Store,
    writer: IndexWriter,
    merge_at_end: bool,
    fields: Fields,
    before: &'a Snapshot,
    owners: HashMap<u64, Owner>,
    report: &'a mut SyncReport,
    state: &'a mut Progress,
    progress: &'a mut dyn FnMut(&Progress),
}

impl Indexer<'_> {
    /// Parsing runs on its own thread (and the rayon pool) ahead of the writer, so that it
    /// goes on while a commit flushes segments.
    fn index(&mut self, todo: &[Found]) -> Result<(), StoreError> {
        let (tx, rx) = crossbeam_channel::bounded(PARSED_AHEAD);
        std::thread::scope(|s| {
            s.spawn(move || {
                for chunk in todo.chunks(CHUNK) {
                    let parsed: Vec<Result<Article, Problem>> = chunk
                        .par_iter()
                        .map(|file| match &file.skip {
                            Some(problem) => Err(problem.clone()),
                            None => read_article(&file.path),
                        })
                        .collect();
                    if tx.send((chunk, parsed)).is_err() {
                        break; // the writer stopped on an error
                    }
                }
            });
            let result = self.write(&rx);
            drop(rx);
            result
        })
    }

    fn write(&mut self, parsed: &crossbeam_channel::Receiver<Parsed>) -> Result<(), StoreError> {
        let (mut pending, mut committed) = (0usize, 0usize);
        let mut last_commit = Instant::now();
        let mut last_report = Instant::now();
        for (chunk, results) in parsed {
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
            // The first commit comes early so that a reader sees articles at once; after that
            // each waits for four times as many new documents as are already committed, so
            // there are O(log n) commits (each flushes segments and rebuilds the snapshot)
            // and they cost little of the indexing time. A time cap keeps a slow run
            // visibly progressing.
            pending += chunk.len();
            let due = pending >= (committed * 4).max(FIRST_COMMIT_DOCS)
                || last_commit.elapsed() >= MAX_COMMIT_INTERVAL;
            if due {
                self.commit()?;
                committed += pending;
                pending = 0;
                last_commit = Instant::now();
            } else if last_report.elapsed() >= REPORT_EVERY {
                self.state.committed = false;
                (self.progress)(self.state);
                last_report = Instant::now();
            }
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<(), StoreError> {
        self.writer
            .commit()
            .map_err(|e| self.store.index_error(e))?;
        self.store.publish()?;
        self.state.committed = true;
        (self.progress)(self.state);
        Ok(())
    }

    /// Commits what is left (the archive is then fully searchable) and merges, so that the
    /// index is compact (and searches fast) when the sync returns: into one segment after a
    /// sync that wrote most of the index, else as tantivy's merge policy chose.
    fn finish(mut self) -> Result<(), StoreError> {
        self.commit()?;
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
        let hash = id_hash(&article.id);
        let other = match self.owners.get(&hash) {
            Some(owner) if owner.key != file.key => owner
                .path
                .clone()
                .or_else(|| {
                    let doc = owner.address?;
                    let doc = crate::catalog::DocRef {
                        segment: doc.segment_ord,
                        doc: doc.doc_id,
                    };
                    Some(self.before.stored(doc)?.row.path)
                })
                .unwrap_or_default(),
            _ => {
                self.owners.insert(hash, self.owner(file));
                return;
            }
        };
        let id = ArticleId(format!("{}#duplicate-{:08x}", article.id, file.key as u32));
        article.problems.push(Problem::repaired(
            &file.path,
            format!("the same URL as {}", sanitize(&other.to_string_lossy())),
            format!("kept both; this one has the id {id}"),
        ));
        self.owners.insert(id_hash(&id), self.owner(file));
        article.id = id;
    }

    fn owner(&self, file: &Found) -> Owner {
        Owner {
            key: file.key,
            path: Some(file.path.clone()),
            address: None,
        }
    }
}
