//! Threads doing slow work for the event loop: the store sync, the article loader and the
//! snippet reader. They own no UI state; they answer with messages on the loop's channel.

use std::sync::Arc;

use crossbeam_channel::Sender;

use super::serve::{Fold, newest, serve};

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
/// query queued behind a newer one are dropped; those of the same query (the user scrolled)
/// are all answered, each entry as it is read, so the first rows fill first.
pub fn spawn_snippets<M: Send + 'static>(
    tx: Sender<M>,
    wrap: fn(Msg) -> M,
) -> Sender<SnippetRequest> {
    serve(same_query, move |request: SnippetRequest| {
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
                return false;
            }
        }
        true
    })
}

/// Snippet requests of one query are all wanted (each names other rows, perhaps of another
/// snapshot of the catalog, so they are not merged); a newer query drops the older ones.
fn same_query(older: SnippetRequest, newer: SnippetRequest) -> Fold<SnippetRequest> {
    if older.generation == newer.generation {
        Fold::Apart(older, newer)
    } else {
        Fold::Into(newer)
    }
}
