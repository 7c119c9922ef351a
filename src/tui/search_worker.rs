//! The search worker: its own thread, answering [`SearchRequest`]s against the store's
//! current snapshot. The newest request wins: requests queued behind a running one are
//! dropped unanswered, and the full count of a request is skipped when a newer one is
//! already waiting. The app drops answers of older generations anyway.

use std::sync::Arc;

use crossbeam_channel::{Receiver, Sender};

use crate::app::{Msg, ResultPart, SearchRequest, SearchResults};
use crate::catalog::Catalog;
use crate::search::engine::{self, Prepared};
use crate::search::{SearchError, SortBy};
use crate::store::{Snapshot, Store};

/// In relevance order the list holds the best this many: ranking every match of a
/// one-letter prefix over a million articles is work nobody scrolls through.
pub const RELEVANCE_LIMIT: usize = 1000;

pub fn spawn<M: Send + 'static>(
    store: Arc<Store>,
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
            let snapshot = store.current();
            let send = |part: ResultPart| {
                let catalog: Arc<dyn Catalog> = snapshot.clone();
                tx.send(wrap(Msg::Search(Box::new(SearchResults {
                    generation: request.generation,
                    catalog,
                    part,
                }))))
                .is_ok()
            };
            let prepared = engine::prepare(&snapshot, &request.query, request.flags.clone());
            // Checking a phrase on the files can take a while in a large archive: a newer
            // request stops it.
            let waiting = req_rx.clone();
            prepared.stop_when(move || !waiting.is_empty());
            let Some(first) = first_page(&snapshot, &prepared, &request) else {
                continue;
            };
            let failed = matches!(first, ResultPart::Failed(_));
            if !send(first) {
                break;
            }
            if failed || !req_rx.is_empty() {
                continue;
            }
            let Some(full) = full(&snapshot, &prepared, request.sort) else {
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
fn first_page(
    snapshot: &Snapshot,
    prepared: &Prepared,
    request: &SearchRequest,
) -> Option<ResultPart> {
    match prepared.first_page(request.sort, request.first_page) {
        Ok(entries) => Some(ResultPart::First(engine::locate_all(
            snapshot.timeline(),
            &entries,
        ))),
        Err(SearchError::Cancelled) => None,
        Err(e) => Some(ResultPart::Failed(e.to_string())),
    }
}

/// `None` when a newer request stopped it.
fn full(snapshot: &Snapshot, prepared: &Prepared, sort: SortBy) -> Option<ResultPart> {
    let tally = match prepared.tally() {
        Ok(tally) => tally,
        Err(SearchError::Cancelled) => return None,
        Err(e) => return Some(ResultPart::Failed(e.to_string())),
    };
    let positions = match sort {
        SortBy::Date => engine::all_positions(snapshot, &tally),
        SortBy::Relevance => match prepared.first_page(SortBy::Relevance, RELEVANCE_LIMIT) {
            Ok(entries) => engine::locate_all(snapshot.timeline(), &entries),
            Err(SearchError::Cancelled) => return None,
            Err(e) => return Some(ResultPart::Failed(e.to_string())),
        },
    };
    Some(ResultPart::Full {
        positions,
        count: tally.count,
        days: tally.days,
    })
}
