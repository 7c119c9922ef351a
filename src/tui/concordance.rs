//! The concordance reader: reads the articles of a search's results for the concordance view
//! a batch at a time, each batch on both cores, and answers each batch as it is done, so the
//! first lines show at once. A newer request (the results changed, the view was opened again)
//! stops the older one between batches.

use crossbeam_channel::Sender;

use super::serve::{Pending, newest, serve};
use crate::app::concordance::read;
use crate::app::{ConcordanceRequest, Msg};

/// Articles per batch: the first screenful arrives after a few reads, later batches are
/// larger so that a long list costs few messages.
const FIRST_BATCH: usize = 32;
const BATCH: usize = 256;

pub fn spawn<M: Send + 'static>(tx: Sender<M>, wrap: fn(Msg) -> M) -> Sender<ConcordanceRequest> {
    serve(
        newest,
        move |request: ConcordanceRequest, pending: &Pending<_>| {
            let mut start = 0;
            let mut batch = FIRST_BATCH;
            loop {
                if pending.any() {
                    return true;
                }
                let end = (start + batch).min(request.entries.len());
                let answer = read(&request, start..end);
                let done = answer.done;
                if tx.send(wrap(Msg::Concordance(Box::new(answer)))).is_err() {
                    return false;
                }
                if done {
                    return true;
                }
                start = end;
                batch = BATCH;
            }
        },
    )
}
