//! Parsing files and writing their documents, with periodic commits so that a reader sees
//! the archive fill while it is being indexed.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use rayon::prelude::*;
use tantivy::{IndexWriter, TantivyDocument};

use super::super::read::read_articles;
use super::super::scan::Found;
use super::owners::Owners;
use super::{
    FIRST_COMMIT_AFTER, FIRST_COMMIT_DOCS, MAX_COMMIT_INTERVAL, PARSED_AHEAD, REPORT_EVERY, Walked,
};
use crate::article::{Article, ArticleId, Meta, Problem};
use crate::catalog::id_hash;
use crate::index::Fields;
use crate::index::schema::{KIND_ARTICLE, KIND_SKIPPED};
use crate::index::tokenizer::tagged_body;
use crate::progress::Progress;
use crate::sanitize::sanitize;
use crate::store::{Store, StoreError, SyncReport};

/// One article of a file, or why a part of the file (a bad line) or the whole file is none.
struct Doc {
    file: Arc<Found>,
    position: u64,
    result: Result<Article, Problem>,
}

/// Documents parsed, and how many files they finish (a large file's articles come in several
/// batches, the files counted with the last).
type Parsed = (Vec<Doc>, u64);

/// A file of many articles (a JSON Lines dump) hands its documents to the writer in batches
/// of this many as they are parsed, so that its articles are never all held at once.
const FILE_BATCH: usize = 1024;

pub struct Indexer<'a> {
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
    pub fn new(
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
    pub fn index(
        &mut self,
        files: impl Iterator<Item = Vec<Found>> + Send,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<(), StoreError> {
        let (tx, rx) = crossbeam_channel::bounded(PARSED_AHEAD);
        std::thread::scope(|s| {
            s.spawn(move || {
                for chunk in files {
                    let count = chunk.len() as u64;
                    let docs: Vec<Vec<Doc>> = chunk
                        .into_par_iter()
                        .map(|file| parse_file(Arc::new(file), &tx))
                        .collect();
                    if tx
                        .send((docs.into_iter().flatten().collect(), count))
                        .is_err()
                    {
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
                Ok((docs, files)) => {
                    pending += docs.len();
                    for Doc {
                        file,
                        position,
                        result,
                    } in docs
                    {
                        let doc = match result {
                            Ok(article) => self.article_doc(&file, position, article),
                            Err(problem) => self.skipped_doc(&file, position, problem),
                        };
                        self.writer
                            .add_document(doc)
                            .map_err(|e| self.store.index_error(e))?;
                    }
                    self.state.indexed += files;
                    self.state.problems = self.report.problems.len() as u64;
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
    pub fn finish(mut self, progress: &mut dyn FnMut(&Progress)) -> Result<(), StoreError> {
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
        store.regroup()?;
        store.publish()
    }

    fn article_doc(
        &mut self,
        file: &Found,
        position: u64,
        mut article: Article,
    ) -> TantivyDocument {
        self.dedupe(file, position, &mut article);
        self.report
            .problems
            .extend(article.problems.iter().cloned());
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, article.id.as_str());
        self.add_file(&mut doc, file, position, &article.problems);
        doc.add_u64(f.kind, KIND_ARTICLE);
        // The id is the URL for nearly every article: the URL is stored only when it is not
        // (no URL, or a duplicate's suffixed id), which saves a tenth of the stored bytes.
        match article.url.as_deref() {
            Some(url) if url == article.id.as_str() => {}
            url => doc.add_text(f.url, url.unwrap_or_default()),
        }
        f.add_searched(&mut doc, f.title, &article.title);
        f.add_searched(&mut doc, f.lede, &article.lede);
        let paragraphs = article.paragraphs.iter().map(|p| p.text());
        f.add_searched(
            &mut doc,
            f.body,
            &tagged_body(&article.language, paragraphs),
        );
        f.add_searched(&mut doc, f.source, &article.source);
        if let Some(host) = article.url.as_deref().and_then(crate::parse::url_host) {
            doc.add_text(f.host, host);
        }
        doc.add_text(f.language, &article.language);
        add_meta(f, &mut doc, &article.meta);
        let key = article.published.map_or(i32::MIN, |p| p.sort_key());
        doc.add_i64(f.date_key, i64::from(key));
        doc.add_u64(f.id_hash, id_hash(&article.id));
        if self.store.grouping() {
            super::super::copies::add_signature(&mut doc, f, &article);
        }
        doc
    }

    fn skipped_doc(&mut self, file: &Found, position: u64, problem: Problem) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        let problems = [problem];
        self.add_file(&mut doc, file, position, &problems);
        doc.add_u64(f.kind, KIND_SKIPPED);
        doc.add_i64(f.date_key, i64::from(i32::MIN));
        self.report.problems.extend(problems);
        doc
    }

    fn add_file(
        &self,
        doc: &mut TantivyDocument,
        file: &Found,
        position: u64,
        problems: &[Problem],
    ) {
        let f = &self.fields;
        doc.add_text(f.path, file.path.to_string_lossy());
        doc.add_u64(f.path_hash, file.key);
        doc.add_u64(f.position, position);
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

    /// Two articles with the same URL are both kept: the one indexed first keeps the URL as
    /// its id, the other gets the URL plus a suffix derived from its path and position
    /// (stable across syncs) and a problem naming both files.
    fn dedupe(&mut self, file: &Found, position: u64, article: &mut Article) {
        let Some(other) = self.owners.claim(id_hash(&article.id), file, position) else {
            return;
        };
        let id = match position {
            0 => format!("{}#duplicate-{:08x}", article.id, file.key as u32),
            n => format!("{}#duplicate-{:08x}-{n}", article.id, file.key as u32),
        };
        let id = ArticleId(id);
        let mut problem = Problem::repaired(
            &*file.path,
            format!("the same URL as {}", sanitize(&other.to_string_lossy())),
            format!("kept both; this one has the id {id}"),
        );
        // Placed like the article's other problems, if it has any to copy from.
        problem.at = article.problems.iter().find_map(|p| p.at);
        article.problems.push(problem);
        self.owners.give(id_hash(&id), file, position);
        article.id = id;
    }
}

/// The names `author:` and `tag:` search, one value each so a phrase stays within a name,
/// and the whole [`Meta`] stored for the rows of `folio list --json`.
fn add_meta(f: &Fields, doc: &mut TantivyDocument, meta: &Meta) {
    if *meta == Meta::default() {
        return;
    }
    for author in &meta.authors {
        doc.add_text(f.author, author);
    }
    for tag in meta.categories.iter().chain(&meta.tags) {
        doc.add_text(f.tag, tag);
    }
    doc.add_text(f.meta, serde_json::to_string(meta).unwrap_or_default());
}

/// Reads every article of a file, sending a large file's documents on in batches as they are
/// parsed (see [`FILE_BATCH`]); the rest are returned.
fn parse_file(file: Arc<Found>, tx: &Sender<Parsed>) -> Vec<Doc> {
    if let Some(problem) = &file.skip {
        let result = Err(Problem::clone(problem));
        return vec![Doc {
            file: Arc::clone(&file),
            position: 0,
            result,
        }];
    }
    let mut docs = Vec::new();
    let outcome = read_articles(&file.path, &mut |position, result| {
        docs.push(Doc {
            file: Arc::clone(&file),
            position: position as u64,
            result,
        });
        if docs.len() >= FILE_BATCH {
            // A writer gone (it stopped on an error) drops the rest, as for whole chunks.
            let _ = tx.send((std::mem::take(&mut docs), 0));
        }
    });
    if let Err(problem) = outcome {
        docs.push(Doc {
            file: Arc::clone(&file),
            position: 0,
            result: Err(problem),
        });
    }
    docs
}
