//! Search: the query language ([`query`]), hit positions in text for highlighting
//! ([`highlight`]), the [`Backend`] seam every engine answers through, and its first
//! implementation over the store's index: the tantivy query built from a parsed query
//! ([`build`]) with the index's own tokenizer (`crate::index`), and the two-step engine
//! ([`engine`]).
//!
//! This module is the seam the design keeps for larger archives: a backend over a search
//! server answers the same [`query::Query`] with the same first page and tally
//! ([`backend`]).

pub mod backend;
pub mod build;
pub mod collect;
pub mod engine;
pub mod highlight;
mod local;
pub mod phrase;
pub mod prefix;
pub mod query;
pub mod rank;
mod sources;
pub mod verified;

use std::sync::Arc;

use crate::catalog::Entry;
use crate::store::Snapshot;

pub use backend::{Answer, Backend, Totals};
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
    /// A remote archive could not answer (unreachable, timed out, refused the query).
    #[error("{0}")]
    Remote(String),
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

/// Runs `text` in the query language on the local index, the way `folio search` does:
/// `limit` entries in the asked order (date order is the timeline's, ties included) and the
/// count of every match. `is:` clauses match everything.
pub fn search(
    snapshot: &Snapshot,
    text: &str,
    options: &SearchOptions,
) -> Result<Hits, SearchError> {
    search_with(snapshot, &Query::parse(text)?, None, options)
}

/// [`search`] on any backend, with `flags` answering `is:` clauses.
pub fn search_with(
    backend: &dyn Backend,
    query: &Query,
    flags: Option<Arc<FlagFilter>>,
    options: &SearchOptions,
) -> Result<Hits, SearchError> {
    if query.is_empty() {
        let timeline = backend.timeline();
        return Ok(Hits {
            count: timeline.len(),
            entries: timeline.iter().take(options.limit).copied().collect(),
        });
    }
    let totals = backend
        .ask(query, flags)
        .tally(options.sort, options.limit)?;
    // A count asks for no positions, and then the timeline (built on first use) is not needed.
    let entries = match totals.positions.is_empty() {
        true => Vec::new(),
        false => {
            let timeline = backend.timeline();
            totals
                .positions
                .iter()
                .filter_map(|&i| timeline.get(i as usize).copied())
                .collect()
        }
    };
    Ok(Hits {
        count: totals.count,
        entries,
    })
}
