//! Search over the store's index: the query language ([`query`]), the tantivy query built from
//! a parsed query ([`build`]) with the index's own tokenizer (`crate::index`), the two-step
//! engine the TUI's worker runs ([`engine`]), and hit positions in text for highlighting
//! ([`highlight`]).
//!
//! This module is the seam the design keeps for larger archives: a backend over a search
//! server would answer the same [`query::Query`] with the same first page and tally.

pub mod build;
pub mod collect;
pub mod engine;
pub mod highlight;
pub mod phrase;
pub mod prefix;
pub mod query;
pub mod rank;
mod sources;
pub mod verified;

use std::sync::Arc;

use crate::catalog::{Catalog, Entry};
use crate::store::Snapshot;

pub use collect::{FlagFilter, Tally};
pub use highlight::Matcher;
pub use query::{Query, QueryError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Newest first, like the timeline.
    #[default]
    Date,
    /// Best match first.
    Relevance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    pub sort: SortBy,
    /// How many entries to return; the count is always of every match.
    pub limit: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hits {
    pub count: usize,
    pub entries: Vec<Entry>,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the search failed: {0}. Rebuilding the index may help: delete the cache folder.")]
    Index(#[from] tantivy::TantivyError),
    #[error("{}", describe(.0))]
    Query(#[from] QueryError),
    /// A newer search replaced this one while it was checking phrases.
    #[error("the search was replaced by a newer one")]
    Cancelled,
}

fn describe(error: &QueryError) -> String {
    format!(
        "cannot understand the query at characters {}-{}: {}",
        error.span.start + 1,
        error.span.end.max(error.span.start + 1),
        error.message
    )
}

/// Runs `text` in the query language, the way `folio search` does: `limit` entries in the
/// asked order (date order is the timeline's, ties included) and the count of every match.
/// `flags` answers `is:` clauses; without it they match everything.
pub fn search(
    snapshot: &Snapshot,
    text: &str,
    options: &SearchOptions,
) -> Result<Hits, SearchError> {
    search_with(snapshot, &Query::parse(text)?, None, options)
}

pub fn search_with(
    snapshot: &Snapshot,
    query: &Query,
    flags: Option<Arc<FlagFilter>>,
    options: &SearchOptions,
) -> Result<Hits, SearchError> {
    if query.is_empty() {
        let timeline = snapshot.timeline();
        return Ok(Hits {
            count: timeline.len(),
            entries: timeline.iter().take(options.limit).copied().collect(),
        });
    }
    let prepared = engine::prepare(snapshot, query, flags);
    let tally = prepared.tally()?;
    let entries = match options.sort {
        // A count: the timeline (built on first use) is not needed.
        _ if options.limit == 0 => Vec::new(),
        SortBy::Date => {
            let timeline = snapshot.timeline();
            engine::timeline_positions(timeline, &tally.matched)
                .into_iter()
                .take(options.limit)
                .filter_map(|i| timeline.get(i as usize).copied())
                .collect()
        }
        SortBy::Relevance => prepared.first_page(SortBy::Relevance, options.limit)?,
    };
    Ok(Hits {
        count: tally.count,
        entries,
    })
}
