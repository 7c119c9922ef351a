//! Searches answered by the real engine over the real store, the way the search worker
//! (`tui/search_worker.rs`) answers them: a first page, then the full list with the count
//! and the matches per day, or a failure. The worker is private to the binary's runtime, so
//! its few lines of glue are repeated here; everything that finds, ranks and counts is the
//! engine's own. When the worker's answer becomes a public function, call it here instead.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Effect, Msg, ResultPart, SearchRequest, SearchResults};
use folio::catalog::Catalog;
use folio::search::SortBy;
use folio::search::engine;
use folio::store::Store;

use super::app::{code, key};
use super::drive::send;

/// As the worker's `RELEVANCE_LIMIT`: in relevance order the full list holds the best 1000.
const RELEVANCE_LIMIT: usize = 1000;

/// The worker's answers to `request` over the store's current version, in order.
pub fn answers(store: &Store, request: &SearchRequest) -> Vec<Msg> {
    let snapshot = store.current();
    let prepared = engine::prepare(&snapshot, &request.query, request.flags.clone());
    let failed = |e: folio::search::SearchError| vec![ResultPart::Failed(e.to_string())];
    let parts = match prepared.first_page(request.sort, request.first_page) {
        Err(e) => failed(e),
        Ok(first) => {
            let first = ResultPart::First(engine::locate_all(snapshot.timeline(), &first));
            let full = prepared.tally().and_then(|tally| {
                let positions = match request.sort {
                    SortBy::Date => engine::all_positions(&snapshot, &tally),
                    SortBy::Relevance => engine::locate_all(
                        snapshot.timeline(),
                        &prepared.first_page(SortBy::Relevance, RELEVANCE_LIMIT)?,
                    ),
                };
                Ok(ResultPart::Full {
                    positions,
                    count: tally.count,
                    days: tally.days,
                })
            });
            match full {
                Ok(full) => vec![first, full],
                Err(e) => vec![first, ResultPart::Failed(e.to_string())],
            }
        }
    };
    let catalog: Arc<dyn Catalog> = snapshot.clone();
    parts
        .into_iter()
        .map(|part| {
            Msg::Search(Box::new(SearchResults {
                generation: request.generation,
                catalog: Arc::clone(&catalog),
                part,
            }))
        })
        .collect()
}

/// The count in the worker's full answer to `request`; `None` when it fails.
pub fn count(store: &Store, request: &SearchRequest) -> Option<usize> {
    answers(store, request).iter().find_map(|msg| match msg {
        Msg::Search(results) => match results.part {
            ResultPart::Full { count, .. } => Some(count),
            _ => None,
        },
        _ => None,
    })
}

/// Gives the app the worker's answers to `request`; hands back the effects the driver did not
/// perform.
pub fn answer(app: &mut App, store: &Store, request: &SearchRequest) -> Vec<Effect> {
    answers(store, request)
        .into_iter()
        .flat_map(|msg| send(app, msg))
        .collect()
}

/// Sends `msg` and answers every search it asks for at once, as a worker faster than the
/// typist would; hands back the other effects.
pub fn send_searching(app: &mut App, store: &Store, msg: Msg) -> Vec<Effect> {
    let mut others = Vec::new();
    for effect in send(app, msg) {
        match effect {
            Effect::Search(request) => others.extend(answer_all(app, store, &request)),
            other => others.push(other),
        }
    }
    others
}

/// As [`answer`], answering the searches the answers lead to as well.
fn answer_all(app: &mut App, store: &Store, request: &SearchRequest) -> Vec<Effect> {
    let mut others = Vec::new();
    for effect in answer(app, store, request) {
        match effect {
            Effect::Search(newer) => others.extend(answer_all(app, store, &newer)),
            other => others.push(other),
        }
    }
    others
}

/// Types `text` on the search line, each keystroke answered at once.
pub fn type_searching(app: &mut App, store: &Store, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| send_searching(app, store, key(c)))
        .collect()
}

/// Opens the search line, clears it (Ctrl-U), types `text` with every search answered, and
/// keeps the results with Enter (the line closes).
pub fn search(app: &mut App, store: &Store, text: &str) {
    send(app, key('/'));
    let clear = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    send_searching(app, store, Msg::Key(clear));
    type_searching(app, store, text);
    send_searching(app, store, code(KeyCode::Enter));
}
