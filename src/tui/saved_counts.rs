//! The counts worker of the searches overlay: each saved search's matches and unread matches,
//! counted on the archive's newest [`Backend`] (whichever engine that is), one answer per
//! search as it is counted, so the overlay fills in row by row. A newer request (the overlay
//! opened again, a search renamed) drops the rest of an older one.

use std::sync::Arc;

use crossbeam_channel::Sender;

use super::serve::{self, serve};
use crate::app::{CountRequest, Counted, Msg, SearchCount};
use crate::search::query::Query;
use crate::search::{Backend, FlagFilter, SearchError, SortBy};

/// The archive's newest version, as the search worker gets it.
pub type Newest = Arc<dyn Fn() -> Arc<dyn Backend> + Send + Sync>;

pub fn spawn<M: Send + 'static>(
    newest: Newest,
    tx: Sender<M>,
    wrap: fn(Msg) -> M,
) -> Sender<CountRequest> {
    serve(serve::newest, move |request: CountRequest, pending| {
        let pending = pending.clone();
        count(
            newest(),
            &request,
            move || pending.any(),
            |counted| tx.send(wrap(Msg::SearchCount(Box::new(counted)))).is_ok(),
        )
    })
}

/// Counts each search of `request` on `backend` and `send`s each answer; stops early when
/// `newer_waiting` says a newer request came. False once `send` says the app is gone.
pub fn count(
    backend: Arc<dyn Backend>,
    request: &CountRequest,
    newer_waiting: impl Fn() -> bool + Send + Sync + 'static,
    mut send: impl FnMut(SearchCount) -> bool,
) -> bool {
    let newer_waiting: Arc<dyn Fn() -> bool + Send + Sync> = Arc::new(newer_waiting);
    for job in &request.searches {
        if newer_waiting() {
            return true;
        }
        let tally = |query: &Query, flags: &Option<Arc<FlagFilter>>| {
            let answer = backend.ask(query, flags.clone());
            let stop = Arc::clone(&newer_waiting);
            answer.stop_when(Box::new(move || stop()));
            // A limit of 0 asks for the count alone.
            answer.tally(SortBy::Date, 0).map(|totals| totals.count)
        };
        let counted = tally(&job.all, &job.all_flags).and_then(|matches| {
            let unread = tally(&job.unread, &job.unread_flags)?;
            Ok(Counted { matches, unread })
        });
        let counted = match counted {
            Ok(counted) => Ok(counted),
            Err(SearchError::Cancelled) => return true,
            Err(e) => Err(e.to_string()),
        };
        let answer = SearchCount {
            generation: request.generation,
            name: job.name.clone(),
            counted,
        };
        if !send(answer) {
            return false;
        }
    }
    true
}
