//! Driving the pure app the way the event loop does, without threads: the loads and snippets
//! it asks for are performed at once, as its workers would. Searches are handed back, for
//! [`super::search`] to answer with the real engine.

use folio::app::snippets::body_snippet;
use folio::app::{App, Effect, Loaded, Msg, SnippetAnswer, SnippetRequest};

/// Updates and performs loads at once, as the loader worker would, and the turns of work
/// that the event loop would take between frames. Hands back every other effect, in order
/// (state to persist, URLs to open, ...).
pub fn send(app: &mut App, msg: Msg) -> Vec<Effect> {
    let mut others = Vec::new();
    let mut next = turn_collecting(app, msg, &mut others);
    while let Some(msg) = next {
        next = turn_collecting(app, msg, &mut others);
    }
    others
}

/// One turn of the event loop: the update and the loads it asks for, performed at once; the
/// continuation the loop would take after the next frame (a paused find) is handed back.
pub fn turn(app: &mut App, msg: Msg) -> Option<Msg> {
    turn_collecting(app, msg, &mut Vec::new())
}

fn turn_collecting(app: &mut App, msg: Msg, others: &mut Vec<Effect>) -> Option<Msg> {
    let mut next = None;
    for effect in app.update(msg) {
        match effect {
            Effect::Load {
                generation,
                entry,
                catalog,
                ..
            } => {
                let loaded = Msg::Loaded(Box::new(Loaded {
                    generation,
                    result: catalog.load(&entry),
                    position: None,
                }));
                next = turn_collecting(app, loaded, others).or(next);
            }
            Effect::Snippets(request) => {
                next = turn_collecting(app, read_snippets(&request), others).or(next);
            }
            Effect::Concordance(request) => {
                // In two batches, as the worker streams them.
                let half = request.entries.len() / 2;
                for range in [0..half, half..request.entries.len()] {
                    let answer = folio::app::concordance::read(&request, range);
                    let msg = Msg::Concordance(Box::new(answer));
                    next = turn_collecting(app, msg, others).or(next);
                }
            }
            Effect::Diff(request) => {
                let diff = folio::app::diff::compare(&request);
                next = turn_collecting(app, diff, others).or(next);
            }
            Effect::Continue(msg) => next = Some(msg),
            other => others.push(other),
        }
    }
    next
}

/// The snippet reader's answer to `request`, as the runtime's worker gives it.
pub fn read_snippets(request: &SnippetRequest) -> Msg {
    let found = request
        .entries
        .iter()
        .map(|e| {
            let article = request.catalog.load(e).ok();
            let snippet = article.and_then(|a| body_snippet(&a, &request.matcher));
            (e.id_hash, snippet)
        })
        .collect();
    Msg::Snippets(Box::new(SnippetAnswer {
        generation: request.generation,
        found,
    }))
}
