//! Answering a [`Query`] from one [`Snapshot`] in two steps, as search-as-you-type needs:
//! [`first_page`] (the top entries for the screen, in date or relevance order) and then
//! [`tally`] (count, matches per day, and which documents matched), from which
//! [`timeline_positions`] lists every match in timeline order without fetching a stored
//! document.

use std::sync::Arc;

use tantivy::collector::{FilterCollector, TopDocs};
use tantivy::query::{AllQuery, Query as TQuery};
use tantivy::{DocAddress, Order};

use super::build::build;
use super::collect::{DocBits, FlagFilter, Tally, TallyCollector};
use super::query::{Clause, Query};
use super::{SearchError, SortBy};
use crate::catalog::{Catalog, Entry};
use crate::store::{DATE_FIELD, Snapshot};

/// A query ready to run on one snapshot: the tantivy query is built once (prefix expansion
/// reads the term dictionary) and used for both steps.
pub struct Prepared<'a> {
    snapshot: &'a Snapshot,
    index_query: Box<dyn TQuery>,
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
    let index_query = build(searcher, snapshot.fields(), query);
    let unrestricted = index_query.is_none() || can_match_all(query);
    let flags = flags.filter(|f| !f.wanted.is_empty());
    Prepared {
        snapshot,
        index_query: index_query.unwrap_or_else(|| Box::new(AllQuery)),
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

impl Prepared<'_> {
    /// The first `limit` matches in `sort` order. Ties on the same day come in no particular
    /// order; [`Prepared::tally`] gives the full, timeline-ordered list.
    pub fn first_page(&self, sort: SortBy, limit: usize) -> Result<Vec<Entry>, SearchError> {
        let searcher = self.snapshot.searcher();
        // tantivy allocates room for twice the limit up front.
        let limit = limit.min(searcher.num_docs() as usize);
        if limit == 0 {
            return Ok(Vec::new());
        }
        let top = TopDocs::with_limit(limit);
        let flags = self.flags.clone();
        let accept = move |id_hash: u64| flags.as_ref().is_none_or(|f| f.accepts(id_hash));
        let filtered = self.flags.is_some() || self.unrestricted;
        let addresses: Vec<DocAddress> = match (sort, filtered) {
            (SortBy::Date, _) => {
                let by_date = top.order_by_fast_field::<i64>(DATE_FIELD, Order::Desc);
                let collector = FilterCollector::new(self.id_hash_field.clone(), accept, by_date);
                let hits = searcher.search(self.index_query.as_ref(), &collector)?;
                hits.into_iter().map(|(_, a)| a).collect()
            }
            (SortBy::Relevance, true) => {
                let collector = FilterCollector::new(self.id_hash_field.clone(), accept, top);
                let hits = searcher.search(self.index_query.as_ref(), &collector)?;
                hits.into_iter().map(|(_, a)| a).collect()
            }
            // Unwrapped, tantivy can skip blocks that cannot make the top k.
            (SortBy::Relevance, false) => {
                let hits = searcher.search(self.index_query.as_ref(), &top)?;
                hits.into_iter().map(|(_, a)| a).collect()
            }
        };
        Ok(addresses
            .into_iter()
            .filter_map(|a| self.snapshot.entry_at(a))
            .collect())
    }

    /// The count, the matches per day and the set of matching documents.
    pub fn tally(&self) -> Result<Tally, SearchError> {
        let collector = TallyCollector {
            date_field: DATE_FIELD.to_string(),
            id_hash_field: self.id_hash_field.clone(),
            flags: self.flags.clone(),
        };
        Ok(self
            .snapshot
            .searcher()
            .search(self.index_query.as_ref(), &collector)?)
    }
}

/// Positions in `timeline` of the matched documents, in timeline order. One pass over the
/// timeline: a few milliseconds for a million entries.
pub fn timeline_positions(timeline: &[Entry], matched: &[DocBits]) -> Vec<u32> {
    timeline
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            matched
                .get(e.doc.segment as usize)
                .is_some_and(|bits| bits.contains(e.doc.doc))
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
