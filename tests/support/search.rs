//! Searches answered by the real engine over the real store, by the search worker's own
//! answer (`folio::tui::search_worker::answer`): a first page, then the full list with the
//! count and the matches per day, or a failure.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Effect, Msg, ResultPart, SearchRequest};
use folio::store::Store;
use folio::tui::search_worker;

use super::app::{code, key};
use super::drive::send;

/// The worker's answers to `request` over the store's current version, in order.
pub fn answers(store: &Store, request: &SearchRequest) -> Vec<Msg> {
    let mut answers = Vec::new();
    search_worker::answer(
        store.current(),
        request,
        || false,
        |results| {
            answers.push(Msg::Search(Box::new(results)));
            true
        },
    );
    answers
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
