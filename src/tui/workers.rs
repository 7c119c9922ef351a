//! Threads doing slow work for the event loop: the store sync and the article loader. They
//! own no UI state; they answer with messages on the loop's channel.

use std::sync::Arc;

use crossbeam_channel::{Receiver, Sender};

use crate::app::{FileCheck, Loaded, Msg};
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

/// Loads articles off the UI thread. Requests queued behind a slow load are skipped: only the
/// newest one matters (the user moved on).
pub fn spawn_loader<M: Send + 'static>(tx: Sender<M>, wrap: fn(Msg) -> M) -> Sender<LoadRequest> {
    let (req_tx, req_rx): (Sender<LoadRequest>, Receiver<LoadRequest>) =
        crossbeam_channel::unbounded();
    std::thread::spawn(move || {
        while let Ok(mut request) = req_rx.recv() {
            while let Ok(newer) = req_rx.try_recv() {
                request = newer;
            }
            // The file's stamp before reading is the baseline the app compares later checks
            // with: a change during the read shows as a change, never the other way round.
            let path = request.catalog.row(&request.entry).map(|r| r.path);
            let baseline = FileCheck {
                generation: request.generation,
                stamp: path.as_deref().and_then(super::file_watch::stamp),
                at: chrono::Local::now(),
            };
            let result = request.catalog.load(&request.entry);
            if tx.send(wrap(Msg::FileChecked(baseline))).is_err() {
                break;
            }
            let msg = Msg::Loaded(Box::new(Loaded {
                generation: request.generation,
                result,
                position: request.position,
            }));
            if tx.send(wrap(msg)).is_err() {
                break;
            }
        }
    });
    req_tx
}
