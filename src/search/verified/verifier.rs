//! What the phrase checks of one query share, and the check ahead on every core.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use rayon::iter::ParallelIterator;
use rayon::slice::ParallelSlice;
use tantivy::collector::DocSetCollector;
use tantivy::index::SegmentId;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::{Field, Value};
use tantivy::store::StoreReader;
use tantivy::{DocAddress, DocId, Searcher, TantivyDocument};

use super::STORE_BLOCKS;
use super::verdicts::{Verdicts, cached_verdicts};
use crate::search::phrase::Phrase;
use crate::store::read_body_text;

type StopFn = Box<dyn Fn() -> bool + Send + Sync>;

/// A phrase and the query for its words.
type Registered = (Box<dyn Query>, Arc<Phrase>);

/// The text last read, and the document it belongs to.
type LastRead = (SegmentId, DocId, Arc<str>);

/// What the phrase checks of one query share: where files are, the restriction, the stop
/// signal, and the text last read (a document is often checked for two phrases in a row,
/// such as a phrase and the same phrase without its stop words).
pub struct Verifier {
    path: Field,
    position: Field,
    only: RwLock<Option<HashMap<SegmentId, HashSet<DocId>>>>,
    stop: OnceLock<StopFn>,
    stopped: AtomicBool,
    files_read: AtomicUsize,
    last_text: Mutex<Option<LastRead>>,
    /// The phrases of the query, with the query for their words, for [`Verifier::check_ahead`].
    phrases: Mutex<Vec<Registered>>,
    /// The verdicts this query uses, held here so that the shared cache starting afresh
    /// cannot take them away halfway through.
    in_use: Mutex<HashMap<(Arc<Phrase>, SegmentId), Verdicts>>,
    /// Set by [`Verifier::check_ahead`]: every document that can still matter has its
    /// verdict, so one without is no match and is not read.
    settled: AtomicBool,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("files_read", &self.files_read())
            .field("stopped", &self.stopped())
            .finish_non_exhaustive()
    }
}

impl Verifier {
    /// `path`, `position`: the stored fields that hold each article's file path and its
    /// position in the file.
    pub fn new(path: Field, position: Field) -> Verifier {
        Verifier {
            path,
            position,
            only: RwLock::new(None),
            stop: OnceLock::new(),
            stopped: AtomicBool::new(false),
            files_read: AtomicUsize::new(0),
            last_text: Mutex::new(None),
            phrases: Mutex::default(),
            in_use: Mutex::default(),
            settled: AtomicBool::new(false),
        }
    }

    pub(super) fn verdicts_for(&self, phrase: &Arc<Phrase>, segment: SegmentId) -> Verdicts {
        match self.in_use.lock() {
            Ok(mut in_use) => in_use
                .entry((phrase.clone(), segment))
                .or_insert_with(|| cached_verdicts(phrase, segment))
                .clone(),
            Err(_) => cached_verdicts(phrase, segment),
        }
    }

    pub(super) fn register(&self, candidates: &dyn Query, phrase: &Arc<Phrase>) {
        if let Ok(mut phrases) = self.phrases.lock() {
            phrases.push((candidates.box_clone(), phrase.clone()));
        }
    }

    /// Checks, on every core, the candidates of each phrase that `among` also matches (the
    /// query with its phrases unchecked) and that have no verdict yet, so that the scorers
    /// of the exact query then find their verdicts waiting instead of reading one file at a
    /// time. Stops, like the scorers, once the stop signal says so.
    pub fn check_ahead(&self, searcher: &Searcher, among: &dyn Query) -> tantivy::Result<()> {
        let phrases: Vec<Registered> = match self.phrases.lock() {
            Ok(phrases) => phrases
                .iter()
                .map(|(q, p)| (q.box_clone(), p.clone()))
                .collect(),
            Err(_) => return Ok(()),
        };
        for (candidates, phrase) in phrases {
            let both = BooleanQuery::new(vec![
                (Occur::Must, among.box_clone()),
                (Occur::Must, candidates),
            ]);
            let docs = searcher.search(&both, &DocSetCollector)?;
            let mut per_segment: HashMap<u32, Verdicts> = HashMap::new();
            let mut unknown: Vec<(DocAddress, Verdicts)> = Vec::new();
            for address in docs {
                let verdicts = per_segment
                    .entry(address.segment_ord)
                    .or_insert_with(|| {
                        let segment = searcher.segment_reader(address.segment_ord).segment_id();
                        self.verdicts_for(&phrase, segment)
                    })
                    .clone();
                let known = verdicts
                    .lock()
                    .is_ok_and(|v| v.contains_key(&address.doc_id));
                if !known {
                    unknown.push((address, verdicts));
                }
            }
            // In document order and in runs, each run with its own stored-block cache:
            // neighbouring candidates often share a compressed block of the store.
            unknown.sort_unstable_by_key(|(address, _)| *address);
            let run = unknown
                .len()
                .div_ceil(rayon::current_num_threads() * 8)
                .max(1);
            unknown.par_chunks(run).for_each(|chunk| {
                let mut store: Option<(u32, StoreReader)> = None;
                for (address, verdicts) in chunk {
                    if self.should_stop() {
                        return;
                    }
                    if store
                        .as_ref()
                        .is_none_or(|(s, _)| *s != address.segment_ord)
                    {
                        let reader = searcher.segment_reader(address.segment_ord);
                        store = reader
                            .get_store_reader(STORE_BLOCKS)
                            .ok()
                            .map(|r| (address.segment_ord, r));
                    }
                    let verdict = store
                        .as_ref()
                        .and_then(|(_, store)| store.get::<TantivyDocument>(address.doc_id).ok())
                        .and_then(|stored| self.read_text(&stored))
                        .is_some_and(|text| phrase.occurs_in(&text));
                    if let Ok(mut verdicts) = verdicts.lock() {
                        verdicts.insert(address.doc_id, verdict);
                    }
                }
            });
        }
        self.settled.store(true, Ordering::Relaxed);
        Ok(())
    }

    /// Whether checks should give up now; the first time the stop signal says so, remembers it.
    fn should_stop(&self) -> bool {
        if self.stopped() {
            return true;
        }
        if self.stop.get().is_some_and(|stop| stop()) {
            self.stopped.store(true, Ordering::Relaxed);
            return true;
        }
        false
    }

    /// The body text of a stored document's article, read from its file as the reader reads
    /// it; `None` when it cannot be read any more (deleted or replaced since the last sync):
    /// such an article does not match, and the next sync reports the file.
    fn read_text(&self, stored: &TantivyDocument) -> Option<Arc<str>> {
        let path = stored.get_first(self.path).and_then(|v| v.as_str())?;
        self.files_read.fetch_add(1, Ordering::Relaxed);
        let position = stored.get_first(self.position).and_then(|v| v.as_u64());
        let position = usize::try_from(position.unwrap_or(0)).ok()?;
        read_body_text(Path::new(path), position)
            .ok()
            .map(Arc::from)
    }

    /// From now on, checks give up (and count as no match) once `stop` returns true. Set once;
    /// later calls are ignored.
    pub fn stop_when(&self, stop: impl Fn() -> bool + Send + Sync + 'static) {
        let _ = self.stop.set(Box::new(stop));
    }

    /// Whether a check gave up: the results of the search that saw it are incomplete.
    pub fn stopped(&self) -> bool {
        self.stopped.load(Ordering::Relaxed)
    }

    /// How many files the checks have read so far.
    pub fn files_read(&self) -> usize {
        self.files_read.load(Ordering::Relaxed)
    }

    /// Only these documents can match until [`Verifier::restrict_to`] is called with `None`.
    pub fn restrict_to(&self, only: Option<HashMap<SegmentId, HashSet<DocId>>>) {
        if let Ok(mut current) = self.only.write() {
            *current = only;
        }
    }

    fn allows(&self, segment: SegmentId, doc: DocId) -> bool {
        let Ok(only) = self.only.read() else {
            return true;
        };
        only.as_ref()
            .is_none_or(|only| only.get(&segment).is_some_and(|docs| docs.contains(&doc)))
    }

    pub(super) fn holds(
        &self,
        phrase: &Phrase,
        verdicts: &Verdicts,
        segment: SegmentId,
        doc: DocId,
        store: &StoreReader,
    ) -> bool {
        if self.stopped() || !self.allows(segment, doc) {
            return false;
        }
        if let Some(&verdict) = verdicts.lock().ok().as_ref().and_then(|v| v.get(&doc)) {
            return verdict;
        }
        if self.settled.load(Ordering::Relaxed) || self.should_stop() {
            return false;
        }
        let verdict = self
            .text(segment, doc, store)
            .is_some_and(|text| phrase.occurs_in(&text));
        if let Ok(mut verdicts) = verdicts.lock() {
            verdicts.insert(doc, verdict);
        }
        verdict
    }

    /// The body text of a document (see [`Verifier::read_text`]).
    fn text(&self, segment: SegmentId, doc: DocId, store: &StoreReader) -> Option<Arc<str>> {
        if let Ok(last) = self.last_text.lock()
            && let Some((s, d, text)) = last.as_ref()
            && *s == segment
            && *d == doc
        {
            return Some(text.clone());
        }
        let stored: TantivyDocument = store.get(doc).ok()?;
        let text = self.read_text(&stored)?;
        if let Ok(mut last) = self.last_text.lock() {
            *last = Some((segment, doc, text.clone()));
        }
        Some(text)
    }
}
