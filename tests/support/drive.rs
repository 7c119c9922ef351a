//! Driving the pure app the way the event loop does, without threads: shared by tests and
//! benchmarks that need an article on screen (`#[path]`-included, so each crate compiles it).

use folio::app::{App, Effect, Loaded, Msg};

/// Updates and performs loads at once, as the loader worker would, and the turns of work
/// that the event loop would take between frames.
pub fn send(app: &mut App, msg: Msg) {
    let mut next = turn(app, msg);
    while let Some(msg) = next {
        next = turn(app, msg);
    }
}

/// One turn of the event loop: the update and the loads it asks for, performed at once; the
/// continuation the loop would take after the next frame (a paused find) is handed back.
pub fn turn(app: &mut App, msg: Msg) -> Option<Msg> {
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
                next = turn(app, loaded).or(next);
            }
            Effect::Continue(msg) => next = Some(msg),
            _ => {}
        }
    }
    next
}
