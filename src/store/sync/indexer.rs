//! Parsing files and writing their documents, with periodic commits so that a reader sees
//! the archive fill while it is being indexed.

use std::sync::atomic::Ordering;
use std::time::Instant;

use crossbeam_channel::{Receiver, RecvTimeoutError};
use rayon::prelude::*;
use tantivy::{IndexWriter, TantivyDocument};

use super::super::read::read_article;
use super::super::scan::Found;
use super::owners::Owners;
use super::{
    FIRST_COMMIT_AFTER, FIRST_COMMIT_DOCS, MAX_COMMIT_INTERVAL, PARSED_AHEAD, REPORT_EVERY, Walked,
};
use crate::article::{Article, ArticleId, Problem};
use crate::catalog::id_hash;
use crate::copies::Signature;
use crate::index::Fields;
use crate::index::schema::{KIND_ARTICLE, KIND_SKIPPED};
use crate::index::tokenizer::tagged_body;
use crate::progress::Progress;
use crate::sanitize::sanitize;
use crate::store::{Store, StoreError, SyncReport};

/// A chunk of files, what reading each of them gave, and each article's signature for
/// copies (made beside the parsing, on the same threads, off the writer's).
type Parsed = (
    Vec<Found>,
    Vec<(Result<Article, Problem>, Option<Signature>)>,
);

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
        let grouping = self.store.grouping();
        std::thread::scope(|s| {
            s.spawn(move || {
                for chunk in files {
                    let parsed: Vec<_> = chunk
                        .par_iter()
                        .map(|file| {
                            let article = match &file.skip {
                                Some(problem) => Err(Problem::clone(problem)),
                                None => read_article(&file.path),
                            };
                            let signature = match &article {
                                Ok(a) if grouping => super::super::copies::signature_of(a),
                                _ => None,
                            };
                            (article, signature)
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
                    for (file, (result, signature)) in chunk.iter().zip(results) {
                        let doc = match result {
                            Ok(article) => self.article_doc(file, article, signature),
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
        mut article: Article,
        signature: Option<Signature>,
    ) -> TantivyDocument {
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
        let key = article.published.map_or(i32::MIN, |p| p.sort_key());
        doc.add_i64(f.date_key, i64::from(key));
        doc.add_u64(f.id_hash, id_hash(&article.id));
        if let Some(signature) = signature {
            super::super::copies::add_signature(&mut doc, f, &signature);
        }
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
