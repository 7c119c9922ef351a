//! Threads doing slow work for the event loop: the store sync, the article loader and the
//! snippet reader. They own no UI state; they answer with messages on the loop's channel.

use std::sync::Arc;

use crossbeam_channel::{Receiver, Sender};

use crate::app::snippets::body_snippet;
use crate::app::{FileCheck, Loaded, Msg, SnippetAnswer, SnippetRequest};
use crate::catalog::{Catalog, Entry};
use crate::store::Store;

/// Runs `store.sync` once, forwarding progress and, after each commit, the fresh snapshot, so
/// the timeline fills while indexing.
pub fn spawn_sync<M: Send + 'static>(store: Arc<Store>, tx: Sender<M>, wrap: fn(Msg) -> M) {
    std::thread::spawn(move || {
        let result = store.sync(&mut |p| {
            let _ = tx.send(wrap(Msg::Progress(p.clone())));
            if p.committed {
                let _ = tx.send(wrap(Msg::Snapshot(store.snapshot())));
            }
        });
        let result = result
            .map(|_| ())
            .map_err(|e| format!("Index not updated, showing the last one: {e}"));
        let _ = tx.send(wrap(Msg::SyncFinished(result)));
    });
}

pub struct LoadRequest {
    pub generation: u64,
    pub entry: Entry,
    pub catalog: Arc<dyn Catalog>,
    pub position: Option<(u32, u16)>,
}

/// Serves requests on a thread of its own, one at a time. Requests queued behind a slow one
/// are folded into one by `merge` before it is served (for most workers the newest wins:
/// the user moved on). Stops when `handle` returns false (the loop is gone) or every sender
/// is dropped.
pub fn serve<R: Send + 'static>(
    merge: fn(R, R) -> R,
    mut handle: impl FnMut(R) -> bool + Send + 'static,
) -> Sender<R> {
    let (req_tx, req_rx): (Sender<R>, Receiver<R>) = crossbeam_channel::unbounded();
    std::thread::spawn(move || {
        while let Ok(mut request) = req_rx.recv() {
            while let Ok(newer) = req_rx.try_recv() {
                request = merge(request, newer);
            }
            if !handle(request) {
                break;
            }
        }
    });
    req_tx
}

/// The `merge` of workers whose older requests no longer matter.
pub fn newest<R>(_older: R, newer: R) -> R {
    newer
}

/// Loads articles off the UI thread; only the newest request queued behind a slow load is
/// served.
pub fn spawn_loader<M: Send + 'static>(tx: Sender<M>, wrap: fn(Msg) -> M) -> Sender<LoadRequest> {
    serve(newest, move |request: LoadRequest| {
        // The file's stamp before reading is the baseline the app compares later checks
        // with: a change during the read shows as a change, never the other way round.
        let path = request.catalog.row(&request.entry).map(|r| r.path);
        let baseline = FileCheck {
            generation: request.generation,
            stamp: path.as_deref().and_then(super::article_check::stamp),
            at: chrono::Local::now(),
        };
        let result = request.catalog.load(&request.entry);
        if tx.send(wrap(Msg::FileChecked(baseline))).is_err() {
            return false;
        }
        let msg = Msg::Loaded(Box::new(Loaded {
            generation: request.generation,
            result,
            position: request.position,
        }));
        tx.send(wrap(msg)).is_ok()
    })
}

/// Reads the bodies of search results on screen for their snippets. Requests for an older
/// query queued behind a newer one are skipped; those of the same query (the user scrolled)
/// are all answered, each as it is read, so the first rows fill first.
pub fn spawn_snippets<M: Send + 'static>(
    tx: Sender<M>,
    wrap: fn(Msg) -> M,
) -> Sender<SnippetRequest> {
    let (req_tx, req_rx): (Sender<SnippetRequest>, Receiver<SnippetRequest>) =
        crossbeam_channel::unbounded();
    std::thread::spawn(move || {
        let mut queue: Vec<SnippetRequest> = Vec::new();
        loop {
            if queue.is_empty() {
                match req_rx.recv() {
                    Ok(request) => queue.push(request),
                    Err(_) => break,
                }
            }
            queue.extend(req_rx.try_iter());
            let newest = queue.iter().map(|r| r.generation).max().unwrap_or_default();
            queue.retain(|r| r.generation == newest);
            if queue.is_empty() {
                continue;
            }
            let request = queue.remove(0);
            for entry in &request.entries {
                let found = request
                    .catalog
                    .load(entry)
                    .ok()
                    .and_then(|article| body_snippet(&article, &request.matcher));
                let answer = SnippetAnswer {
                    generation: request.generation,
                    found: vec![(entry.id_hash, found)],
                };
                if tx.send(wrap(Msg::Snippets(Box::new(answer)))).is_err() {
                    return;
                }
            }
        }
    });
    req_tx
}

#[cfg(test)]
mod tests {
    use super::*;

    fn union(mut older: Vec<u32>, newer: Vec<u32>) -> Vec<u32> {
        older.extend(newer);
        older
    }

    #[test]
    fn requests_queued_behind_a_slow_one_are_merged() {
        let (release_tx, release_rx) = crossbeam_channel::unbounded::<()>();
        let (started_tx, started_rx) = crossbeam_channel::unbounded::<()>();
        let (done_tx, done_rx) = crossbeam_channel::unbounded();
        let requests = serve(union, move |request: Vec<u32>| {
            let _ = started_tx.send(());
            let _ = release_rx.recv();
            done_tx.send(request).is_ok()
        });
        let wait = std::time::Duration::from_secs(5);
        requests.send(vec![0]).expect("the worker is running");
        started_rx
            .recv_timeout(wait)
            .expect("the first request is served");
        for n in 1..4 {
            requests.send(vec![n]).expect("the worker is running");
        }
        release_tx.send(()).expect("the worker waits");
        release_tx.send(()).expect("the worker waits");
        assert_eq!(done_rx.recv_timeout(wait), Ok(vec![0]));
        assert_eq!(done_rx.recv_timeout(wait), Ok(vec![1, 2, 3]));
    }

    #[test]
    fn the_newest_request_wins() {
        assert_eq!(newest(1, 2), 2);
    }
}
