//! Answering a [`Query`] from one [`Snapshot`] in two steps, as search-as-you-type needs:
//! [`first_page`] (the top entries for the screen, in date or relevance order) and then
//! [`tally`] (count, matches per day, and which documents matched), from which
//! [`timeline_positions`] lists every match in timeline order without fetching a stored
//! document.
//!
//! A phrase over article bodies is checked on the files ([`super::verified`]). For the first
//! page that check is kept to the newest candidates: a cheap superset query (the phrase's
//! words) ranks them by date, and only as many as the page needs are checked, more rounds
//! taking more of them when too few hold the phrase. The tally checks every candidate that
//! the rest of the query lets through, on every core, before it counts.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tantivy::collector::{FilterCollector, TopDocs};
use tantivy::index::SegmentId;
use tantivy::query::{AllQuery, EnableScoring, Query as TQuery};
use tantivy::{DocAddress, DocId, DocSet, Order};

use super::build::{BodyPhrases, build};
use super::collect::{DocBits, FlagFilter, Tally, TallyCollector};
use super::query::{Clause, Field, Query};
use super::verified::Verifier;
use super::{SearchError, SortBy};
use crate::catalog::{Catalog, Entry};
use crate::index::DATE_FIELD;
use crate::store::{Snapshot, doc_address};

/// How long the first page may spend checking phrases on files before it shows the matches
/// it has confirmed (the count, and with it the full list, follows on the search thread).
pub const FIRST_PAGE_BUDGET: Duration = Duration::from_millis(20);

/// A query ready to run on one snapshot: the tantivy query is built once (prefix expansion
/// reads the term dictionary) and used for both steps.
pub struct Prepared<'a> {
    snapshot: &'a Snapshot,
    index_query: Box<dyn TQuery>,
    /// With a phrase over bodies: the query with each such phrase unchecked (see
    /// [`BodyPhrases::Candidates`]).
    candidates_query: Option<Box<dyn TQuery>>,
    verifier: Arc<Verifier>,
    first_page_budget: Duration,
    flags: Option<Arc<FlagFilter>>,
    /// Whether the query can match documents that are not articles (it is "everything minus
    /// something" somewhere), so results must be checked against the id-hash column.
    unrestricted: bool,
    id_hash_field: String,
}

/// Prepares `query`. `flags` answers its `is:` clauses; without it they are ignored.
pub fn prepare<'a>(
    snapshot: &'a Snapshot,
    query: &Query,
    flags: Option<Arc<FlagFilter>>,
) -> Prepared<'a> {
    let searcher = snapshot.searcher();
    let verifier = Arc::new(Verifier::new(
        snapshot.fields().path,
        snapshot.fields().position,
    ));
    let checked = BodyPhrases::Checked(verifier.clone());
    // The merged source names take a pass over every document: only `source:` needs them.
    let sources = names_a_source(query).then(|| snapshot.source_names());
    let fields = snapshot.fields();
    let built = build(searcher, fields, sources, query, &checked);
    let candidates_query = if built.has_body_phrase {
        build(searcher, fields, sources, query, &BodyPhrases::Candidates).query
    } else {
        None
    };
    let index_query = built.query;
    let unrestricted = index_query.is_none() || can_match_all(query);
    let flags = flags.filter(|f| !f.wanted.is_empty());
    Prepared {
        snapshot,
        index_query: index_query.unwrap_or_else(|| Box::new(AllQuery)),
        candidates_query,
        verifier,
        first_page_budget: FIRST_PAGE_BUDGET,
        flags,
        unrestricted,
        id_hash_field: searcher
            .schema()
            .get_field_name(snapshot.fields().id_hash)
            .to_string(),
    }
}

/// True when some way of satisfying `query` needs no word, date or language to match.
fn can_match_all(query: &Query) -> bool {
    let index_clause = query.must.iter().any(|c| !matches!(c, Clause::Is(_)));
    !index_clause
        && query
            .any_of
            .iter()
            .all(|group| group.iter().any(can_match_all))
}

impl<'a> Prepared<'a> {
    /// The snapshot the query runs on.
    pub fn snapshot(&self) -> &'a Snapshot {
        self.snapshot
    }

    /// How long [`Prepared::first_page`] may check phrases on files; [`FIRST_PAGE_BUDGET`]
    /// unless set.
    pub fn with_first_page_budget(mut self, budget: Duration) -> Self {
        self.first_page_budget = budget;
        self
    }

    /// Stops the checks of phrases over bodies once `stop` returns true: the search is then
    /// [`SearchError::Cancelled`].
    pub fn stop_when(&self, stop: impl Fn() -> bool + Send + Sync + 'static) {
        self.verifier.stop_when(stop);
    }

    /// How many article files the phrase checks have read so far.
    pub fn files_read(&self) -> usize {
        self.verifier.files_read()
    }

    fn checked<T>(&self, result: T) -> Result<T, SearchError> {
        if self.verifier.stopped() {
            return Err(SearchError::Cancelled);
        }
        Ok(result)
    }

    /// The first `limit` matches in `sort` order. Ties on the same day come in no particular
    /// order; [`Prepared::tally`] gives the full, timeline-ordered list. In date order, with
    /// a phrase over bodies to check, it may hold fewer: the newest matches confirmed within
    /// the time budget.
    pub fn first_page(&self, sort: SortBy, limit: usize) -> Result<Vec<Entry>, SearchError> {
        let searcher = self.snapshot.searcher();
        // tantivy allocates room for twice the limit up front.
        let limit = limit.min(searcher.num_docs() as usize);
        if limit == 0 {
            return Ok(Vec::new());
        }
        let addresses = match (sort, &self.candidates_query) {
            (SortBy::Date, Some(candidates)) => self.newest_checked(candidates.as_ref(), limit)?,
            (SortBy::Date, None) => self.newest(self.index_query.as_ref(), limit)?,
            (SortBy::Relevance, _) => self.best(limit)?,
        };
        self.checked(
            addresses
                .into_iter()
                .filter_map(|a| self.snapshot.entry_at(a))
                .collect(),
        )
    }

    fn accept(&self) -> impl Fn(u64) -> bool + Send + Sync + Clone + 'static {
        let flags = self.flags.clone();
        move |id_hash: u64| flags.as_ref().is_none_or(|f| f.accepts(id_hash))
    }

    /// The `limit` newest matches of `query`, newest first.
    fn newest(&self, query: &dyn TQuery, limit: usize) -> Result<Vec<DocAddress>, SearchError> {
        let by_date =
            TopDocs::with_limit(limit).order_by_fast_field::<i64>(DATE_FIELD, Order::Desc);
        let collector = FilterCollector::new(self.id_hash_field.clone(), self.accept(), by_date);
        let hits = self.snapshot.searcher().search(query, &collector)?;
        Ok(hits.into_iter().map(|(_, a)| a).collect())
    }

    /// The `limit` newest matches, checking phrases only on the newest candidates: rounds of
    /// twice as many candidates until enough hold or none are left. Past its time budget it
    /// returns what it has: every match newer than the oldest
    /// candidate checked, newest first, which is the top of the full list the tally gives.
    fn newest_checked(
        &self,
        candidates: &dyn TQuery,
        limit: usize,
    ) -> Result<Vec<DocAddress>, SearchError> {
        let started = Instant::now();
        let all = self.snapshot.searcher().num_docs() as usize;
        let mut pool_size = (limit * 2).max(256).min(all);
        loop {
            let pool = self.newest(candidates, pool_size)?;
            let exhausted = pool.len() < pool_size || pool_size >= all;
            let held = self.holding(&pool)?;
            let found: Vec<DocAddress> = pool.into_iter().filter(|a| held.contains(a)).collect();
            let done = found.len() >= limit || exhausted || self.verifier.stopped();
            if done || started.elapsed() > self.first_page_budget {
                return Ok(found.into_iter().take(limit).collect());
            }
            pool_size = pool_size.saturating_mul(2).min(all);
        }
    }

    /// Which of `pool` match the full, checked query; only they are read.
    fn holding(&self, pool: &[DocAddress]) -> Result<HashSet<DocAddress>, SearchError> {
        let searcher = self.snapshot.searcher();
        let mut by_segment: HashMap<u32, Vec<DocId>> = HashMap::new();
        for address in pool {
            by_segment
                .entry(address.segment_ord)
                .or_default()
                .push(address.doc_id);
        }
        let only: HashMap<SegmentId, HashSet<DocId>> = by_segment
            .iter()
            .map(|(&segment, docs)| {
                let id = searcher.segment_reader(segment).segment_id();
                (id, docs.iter().copied().collect())
            })
            .collect();
        self.verifier.restrict_to(Some(only));
        let held = self.seek_each(&mut by_segment);
        self.verifier.restrict_to(None);
        held
    }

    fn seek_each(
        &self,
        by_segment: &mut HashMap<u32, Vec<DocId>>,
    ) -> Result<HashSet<DocAddress>, SearchError> {
        let searcher = self.snapshot.searcher();
        let weight = self
            .index_query
            .weight(EnableScoring::disabled_from_searcher(searcher))?;
        let mut held = HashSet::new();
        for (&segment, docs) in by_segment.iter_mut() {
            docs.sort_unstable();
            let mut scorer = weight.scorer(searcher.segment_reader(segment), 1.0)?;
            for &doc in docs.iter() {
                if scorer.doc() <= doc && scorer.seek(doc) == doc {
                    held.insert(DocAddress::new(segment, doc));
                }
            }
        }
        Ok(held)
    }

    /// The `limit` best matches by relevance.
    fn best(&self, limit: usize) -> Result<Vec<DocAddress>, SearchError> {
        let searcher = self.snapshot.searcher();
        let top = TopDocs::with_limit(limit);
        let filtered = self.flags.is_some() || self.unrestricted;
        let accept = self.accept();
        let hits = if filtered {
            let collector = FilterCollector::new(self.id_hash_field.clone(), accept, top);
            searcher.search(self.index_query.as_ref(), &collector)?
        } else {
            // Unwrapped, tantivy can skip blocks that cannot make the top k.
            searcher.search(self.index_query.as_ref(), &top)?
        };
        Ok(hits.into_iter().map(|(_, a)| a).collect())
    }

    /// The count, the matches per day and the set of matching documents.
    pub fn tally(&self) -> Result<Tally, SearchError> {
        if let Some(candidates) = &self.candidates_query {
            self.verifier
                .check_ahead(self.snapshot.searcher(), candidates.as_ref())?;
        }
        let collector = TallyCollector {
            date_field: DATE_FIELD.to_string(),
            id_hash_field: self.id_hash_field.clone(),
            flags: self.flags.clone(),
        };
        let tally = self
            .snapshot
            .searcher()
            .search(self.index_query.as_ref(), &collector)?;
        self.checked(tally)
    }
}

/// Whether a clause of `query` (or of one of its alternatives) is a `source:` one.
fn names_a_source(query: &Query) -> bool {
    let is_source = |clause: &Clause| {
        matches!(
            clause,
            Clause::Term {
                field: Field::Source,
                ..
            } | Clause::Phrase {
                field: Field::Source,
                ..
            }
        )
    };
    query.must.iter().chain(&query.must_not).any(is_source)
        || query.any_of.iter().flatten().any(names_a_source)
}

/// Positions in `timeline` of the matched documents, in timeline order. One pass over the
/// timeline: a few milliseconds for a million entries.
pub fn timeline_positions(timeline: &[Entry], matched: &[DocBits]) -> Vec<u32> {
    timeline
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            let address = doc_address(e.doc);
            matched
                .get(address.segment_ord as usize)
                .is_some_and(|bits| bits.contains(address.doc_id))
        })
        .map(|(i, _)| i as u32)
        .collect()
}

/// The position of `entry` in `timeline` (sorted newest first): a binary search to its day,
/// then a walk through that day's articles.
pub fn locate(timeline: &[Entry], entry: &Entry) -> Option<u32> {
    let start = timeline.partition_point(|e| e.sort_key > entry.sort_key);
    timeline
        .get(start..)?
        .iter()
        .take_while(|e| e.sort_key == entry.sort_key)
        .position(|e| e.doc == entry.doc)
        .map(|i| (start + i) as u32)
}

/// Positions of `entries` in `timeline`, keeping their order; entries not found are dropped.
pub fn locate_all(timeline: &[Entry], entries: &[Entry]) -> Vec<u32> {
    entries.iter().filter_map(|e| locate(timeline, e)).collect()
}

/// Convenience for callers that have the whole snapshot: the timeline positions of every
/// match, in timeline order.
pub fn all_positions(snapshot: &Snapshot, tally: &Tally) -> Vec<u32> {
    timeline_positions(snapshot.timeline(), &tally.matched)
}
