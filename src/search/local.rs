//! The local tantivy index as a [`Backend`]: a store [`Snapshot`] answers through the
//! two-step [`engine`], and its entries' addresses are the index's own.

use std::sync::Arc;

use super::backend::{Answer, Backend, Totals};
use super::engine::{self, Prepared};
use super::query::Query;
use super::{FlagFilter, SearchError, SortBy};
use crate::catalog::Catalog;
use crate::store::Snapshot;

impl Backend for Snapshot {
    fn ask<'a>(&'a self, query: &Query, flags: Option<Arc<FlagFilter>>) -> Box<dyn Answer + 'a> {
        Box::new(engine::prepare(self, query, flags))
    }
}

impl Answer for Prepared<'_> {
    fn stop_when(&self, stop: Box<dyn Fn() -> bool + Send + Sync>) {
        Prepared::stop_when(self, stop);
    }

    fn first_page(&self, sort: SortBy, limit: usize) -> Result<Vec<u32>, SearchError> {
        let entries = Prepared::first_page(self, sort, limit)?;
        Ok(engine::locate_all(self.snapshot().timeline(), &entries))
    }

    fn tally(&self, sort: SortBy, limit: usize) -> Result<Totals, SearchError> {
        let tally = Prepared::tally(self)?;
        let positions = match sort {
            // A count: the timeline, which placing matches on it needs, is not built.
            _ if limit == 0 => Vec::new(),
            SortBy::Date => {
                let mut all = engine::all_positions(self.snapshot(), &tally);
                all.truncate(limit);
                all
            }
            // Ranked by the engine, then placed on the timeline: a few binary searches.
            SortBy::Relevance => Answer::first_page(self, SortBy::Relevance, limit)?,
        };
        Ok(Totals {
            count: tally.count,
            days: tally.days,
            positions,
        })
    }
}
