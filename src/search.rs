//! Search over the store's index: the shared tokenizer, query building, and running a query
//! against one [`Snapshot`] so that results are timeline [`Entry`] values of that snapshot.

pub mod plain;
pub mod query;
pub mod tokenizer;

use tantivy::collector::{Count, TopDocs};
use tantivy::{DocAddress, Order};

use crate::catalog::{Catalog, Entry};
use crate::store::Snapshot;

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
#[error("the search failed: {0}. Rebuilding the index may help: delete the cache folder.")]
pub struct SearchError(#[from] tantivy::TantivyError);

/// Runs a plain-word query; an empty query matches every article.
pub fn search(
    snapshot: &Snapshot,
    text: &str,
    options: &SearchOptions,
) -> Result<Hits, SearchError> {
    let searcher = snapshot.searcher();
    let Some(query) = plain::plain_query(searcher, snapshot.fields(), text) else {
        let timeline = snapshot.timeline();
        return Ok(Hits {
            count: timeline.len(),
            entries: timeline.iter().take(options.limit).copied().collect(),
        });
    };
    if options.limit == 0 {
        let count = searcher.search(&query, &Count)?;
        return Ok(Hits {
            count,
            entries: Vec::new(),
        });
    }
    let top = TopDocs::with_limit(options.limit);
    let (count, addresses): (usize, Vec<DocAddress>) = match options.sort {
        SortBy::Date => {
            let by_date = top.order_by_fast_field::<i64>(crate::store::DATE_FIELD, Order::Desc);
            let (count, hits) = searcher.search(&query, &(Count, by_date))?;
            (count, hits.into_iter().map(|(_, a)| a).collect())
        }
        SortBy::Relevance => {
            let (count, hits) = searcher.search(&query, &(Count, top))?;
            (count, hits.into_iter().map(|(_, a)| a).collect())
        }
    };
    Ok(Hits {
        count,
        entries: addresses
            .into_iter()
            .filter_map(|a| snapshot.entry_at(a))
            .collect(),
    })
}
