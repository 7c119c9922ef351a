//! What folio asks of the engine that holds an archive, whichever engine it is: the local
//! tantivy index (`search/local.rs`) today, a search server for archives beyond one machine
//! next. A [`Backend`] is one consistent version of an archive: a [`Catalog`] (timeline, rows,
//! article text) that also answers queries in folio's query language, with a first page
//! quickly, then the count with its matches per day, and says what to mark in text.
//!
//! The search worker, the headless `folio search` and the tests speak only this; `app` and
//! `ui` see the catalog and timeline positions, never the engine or its addresses
//! ([`crate::catalog::DocRef`] is a number only the backend that made it reads).

use std::sync::Arc;

use super::query::Query;
use super::{FlagFilter, Matcher, SearchError, SortBy};
use crate::catalog::Catalog;

/// One version of an archive that answers queries.
///
/// Why a trait object rather than a generic parameter: which engine answers is chosen at run
/// time (a local folder or, later, a server's URL), the worker swaps versions as the archive
/// changes, and the app's messages carry them; a generic would spread a type parameter
/// through the worker, the CLI and `app`. The price is a few virtual calls per query, none
/// per result: the passes over a million-entry timeline stay inside the implementation.
pub trait Backend: Catalog {
    /// Starts answering `query` on this version. `flags` answers its `is:` clauses (reading
    /// state is the user's own, never the engine's); without it they match everything.
    fn ask<'a>(&'a self, query: &Query, flags: Option<Arc<FlagFilter>>) -> Box<dyn Answer + 'a>;

    /// What to mark in titles and text for `query`. By default the query's own words found
    /// with folio's tokenizer, which is what every backend must match on to answer folio's
    /// query language the same way; one that matches more (stems, say) marks more.
    fn highlights(&self, query: &Query) -> Matcher {
        Matcher::new(&query.highlights())
    }
}

/// A query being answered by one [`Backend`] version. Positions are in that version's
/// [`Catalog::timeline`], the form the app lists results in.
pub trait Answer {
    /// Gives up once `stop` returns true (a newer keystroke is waiting): the step running
    /// then, and every later one, is [`SearchError::Cancelled`].
    fn stop_when(&self, stop: Box<dyn Fn() -> bool + Send + Sync>);

    /// The first `limit` matches in `sort` order, quickly, for the screen. Ties on one day
    /// come in no particular order, and in date order it may hold fewer than `limit` when
    /// checking them takes too long; [`Answer::tally`] gives the full list.
    fn first_page(&self, sort: SortBy, limit: usize) -> Result<Vec<u32>, SearchError>;

    /// Every match counted, the matches per day, and the first `limit` of them in `sort`
    /// order (in date order the timeline's own, ties included).
    fn tally(&self, sort: SortBy, limit: usize) -> Result<Totals, SearchError>;

    /// What the reader should know about these results beyond them: a remote archive says
    /// here that some of its shards did not answer. `None` for the local index.
    fn notice(&self) -> Option<String> {
        None
    }
}

/// What [`Answer::tally`] finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    /// Every match, whatever the limit.
    pub count: usize,
    /// Matches per day (days from CE), for the strip's histogram.
    pub days: Vec<(i32, u32)>,
    /// Timeline positions of the first matches in the asked order.
    pub positions: Vec<u32>,
}
