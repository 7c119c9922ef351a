//! The search worker: its own thread, answering [`SearchRequest`]s against the newest version
//! of the archive's [`Backend`], whichever engine that is. The newest request wins: requests
//! queued behind a running one are dropped unanswered, and the full count of a request is
//! skipped when a newer one is already waiting. The app drops answers of older generations
//! anyway.

use std::sync::Arc;

use crossbeam_channel::Sender;

use super::serve::{self, serve};
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
    serve(serve::newest, move |request: SearchRequest, pending| {
        let pending = pending.clone();
        answer(
            newest(),
            &request,
            move || pending.any(),
            |results| tx.send(wrap(Msg::Search(Box::new(results)))).is_ok(),
        )
    })
}

/// Answers `request` on `backend` as the worker does: the first page, then, unless
/// `newer_waiting` says a newer request came meanwhile, the full list with the count and the
/// matches per day (or the failure, as a sentence). `newer_waiting` also stops a long phrase
/// check, and then nothing more is sent. False once `send` says the app is gone.
pub fn answer(
    backend: Arc<dyn Backend>,
    request: &SearchRequest,
    newer_waiting: impl Fn() -> bool + Send + Sync + 'static,
    mut send: impl FnMut(SearchResults) -> bool,
) -> bool {
    let catalog: Arc<dyn Catalog> = backend.clone();
    let mut send = |part: ResultPart| {
        send(SearchResults {
            generation: request.generation,
            catalog: Arc::clone(&catalog),
            part,
        })
    };
    let answer = backend.ask(&request.query, request.flags.clone());
    let newer_waiting = Arc::new(newer_waiting);
    // Checking a phrase on the files can take a while in a large archive: a newer request
    // stops it.
    let stop = Arc::clone(&newer_waiting);
    answer.stop_when(Box::new(move || stop()));
    let Some(first) = first_page(answer.as_ref(), request) else {
        return true;
    };
    let failed = matches!(first, ResultPart::Failed(_));
    if !send(first) {
        return false;
    }
    if failed || newer_waiting() {
        return true;
    }
    let sent = match full(answer.as_ref(), request.sort) {
        Some(full) => send(full),
        None => return true,
    };
    // A shared archive answered without some of its shards: the results stand, and say so.
    match answer.notice() {
        Some(text) if sent => send(ResultPart::Notice(text)),
        _ => sent,
    }
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
