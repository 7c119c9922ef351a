//! Threads doing slow work for the event loop: the store sync, the article loader and the
//! snippet reader. They own no UI state; they answer with messages on the loop's channel.

use std::sync::Arc;

use crossbeam_channel::Sender;

use super::serve::{Fold, Pending, newest, serve};

use crate::app::snippets::body_snippet;
use crate::app::{FileCheck, Loaded, Msg, SnippetAnswer, SnippetRequest};
use crate::article::ArticleId;
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
}

/// Loads articles off the UI thread, with the reading position `position` remembers for
/// each; only the newest request queued behind a slow load is served.
pub fn spawn_loader<M: Send + 'static>(
    tx: Sender<M>,
    wrap: fn(Msg) -> M,
    position: impl Fn(&ArticleId) -> Option<(u32, u16)> + Send + 'static,
) -> Sender<LoadRequest> {
    serve(newest, move |request: LoadRequest, _: &Pending<_>| {
        let row = request.catalog.row(&request.entry);
        // The file's stamp before reading is the baseline the app compares later checks
        // with: a change during the read shows as a change, never the other way round.
        let baseline = FileCheck {
            same_article: false,
            generation: request.generation,
            stamp: row
                .as_ref()
                .and_then(|r| super::article_check::stamp(&r.path)),
            at: chrono::Local::now(),
        };
        let result = request.catalog.load(&request.entry);
        if tx.send(wrap(Msg::FileChecked(baseline))).is_err() {
            return false;
        }
        let msg = Msg::Loaded(Box::new(Loaded {
            generation: request.generation,
            result,
            position: row.and_then(|r| position(&r.id)),
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
    serve(
        same_query,
        move |request: SnippetRequest, _: &Pending<_>| {
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
        },
    )
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::time::Duration;

    use super::*;
    use crate::article::{Article, Paragraph};
    use crate::catalog::MemoryCatalog;
    use crate::state::{ReadingState, StateChange};

    fn article(n: usize) -> Article {
        Article {
            id: ArticleId(format!("https://example.org/{n}")),
            path: PathBuf::from(format!("archive/{n}.txt")),
            url: None,
            title: format!("Article {n}"),
            lede: String::new(),
            lede_truncated: false,
            source: "Example".into(),
            language: "en".into(),
            published: None,
            paragraphs: vec![Paragraph::Text(format!("The text of article {n}."))],
            meta: Default::default(),
            problems: Vec::new(),
        }
    }

    #[test]
    fn the_loader_answers_with_the_position_saved_for_the_article() {
        let mut state = ReadingState::open_in_memory().expect("an in-memory database");
        let saved = StateChange::Position {
            id: ArticleId("https://example.org/1".into()),
            line: 12,
            width: 70,
        };
        state.apply(&saved).expect("saved");
        let catalog = MemoryCatalog::new(vec![article(0), article(1)], Vec::new()).into_shared();
        let (tx, rx) = crossbeam_channel::unbounded();
        let loader = spawn_loader(tx, std::convert::identity, move |id| {
            state.position(id).ok().flatten()
        });
        let mut positions = Vec::new();
        for &entry in catalog.timeline() {
            let catalog = Arc::clone(&catalog);
            let request = LoadRequest {
                generation: 1,
                entry,
                catalog,
            };
            loader.send(request).expect("the loader is running");
            let loaded = loop {
                match rx.recv_timeout(Duration::from_secs(5)) {
                    Ok(Msg::Loaded(loaded)) => break loaded,
                    Ok(_) => continue,
                    Err(e) => panic!("no answer from the loader: {e}"),
                }
            };
            let title = loaded.result.map(|a| a.title).unwrap_or_default();
            positions.push((title, loaded.position));
        }
        positions.sort();
        assert_eq!(
            positions,
            [
                ("Article 0".to_string(), None),
                ("Article 1".to_string(), Some((12, 70)))
            ]
        );
    }
}
