//! The search worker: its own thread, answering [`SearchRequest`]s against the newest version
//! of the archive's [`Backend`], whichever engine that is. The newest request wins: requests
//! queued behind a running one are dropped unanswered, and the full count of a request is
//! skipped when a newer one is already waiting. The app drops answers of older generations
//! anyway.

use std::sync::Arc;

use crossbeam_channel::{Receiver, Sender};

use crate::app::{Msg, ResultPart, SearchRequest, SearchResults};
use crate::catalog::Catalog;
use crate::search::{Answer, Backend, SearchError, SortBy};

/// In relevance order the list holds the best this many: ranking every match of a
/// one-letter prefix over a million articles is work nobody scrolls through.
pub const RELEVANCE_LIMIT: usize = 1000;

/// Starts the worker. `newest` gives the archive's newest version at each request (the
/// store's last commit for the local index), so that results follow a sync.
pub fn spawn<M: Send + 'static>(
    newest: impl Fn() -> Arc<dyn Backend> + Send + 'static,
    tx: Sender<M>,
    wrap: fn(Msg) -> M,
) -> Sender<SearchRequest> {
    let (req_tx, req_rx): (Sender<SearchRequest>, Receiver<SearchRequest>) =
        crossbeam_channel::unbounded();
    std::thread::spawn(move || {
        while let Ok(mut request) = req_rx.recv() {
            while let Ok(newer) = req_rx.try_recv() {
                request = newer;
            }
            let backend = newest();
            let send = |part: ResultPart| {
                let catalog: Arc<dyn Catalog> = backend.clone();
                tx.send(wrap(Msg::Search(Box::new(SearchResults {
                    generation: request.generation,
                    catalog,
                    part,
                }))))
                .is_ok()
            };
            let answer = backend.ask(&request.query, request.flags.clone());
            // Checking a phrase on the files can take a while in a large archive: a newer
            // request stops it.
            let waiting = req_rx.clone();
            answer.stop_when(Box::new(move || !waiting.is_empty()));
            let Some(first) = first_page(answer.as_ref(), &request) else {
                continue;
            };
            let failed = matches!(first, ResultPart::Failed(_));
            if !send(first) {
                break;
            }
            if failed || !req_rx.is_empty() {
                continue;
            }
            let Some(full) = full(answer.as_ref(), request.sort) else {
                continue;
            };
            if !send(full) {
                break;
            }
        }
    });
    req_tx
}

/// `None` when a newer request stopped it.
fn first_page(answer: &dyn Answer, request: &SearchRequest) -> Option<ResultPart> {
    match answer.first_page(request.sort, request.first_page) {
        Ok(positions) => Some(ResultPart::First(positions)),
        Err(SearchError::Cancelled) => None,
        Err(e) => Some(ResultPart::Failed(e.to_string())),
    }
}

/// `None` when a newer request stopped it.
fn full(answer: &dyn Answer, sort: SortBy) -> Option<ResultPart> {
    let limit = match sort {
        SortBy::Date => usize::MAX,
        SortBy::Relevance => RELEVANCE_LIMIT,
    };
    match answer.tally(sort, limit) {
        Ok(totals) => Some(ResultPart::Full {
            positions: totals.positions,
            count: totals.count,
            days: totals.days,
        }),
        Err(SearchError::Cancelled) => None,
        Err(e) => Some(ResultPart::Failed(e.to_string())),
    }
}
