//! Driving the pure app the way the event loop does, without threads: shared by tests and
//! benchmarks that need an article on screen (`#[path]`-included, so each crate compiles it).

use folio::app::{App, Effect, Loaded, Msg};

/// Updates and performs loads at once, as the loader worker would, and the turns of work
/// that the event loop would take between frames.
pub fn send(app: &mut App, msg: Msg) {
    for effect in app.update(msg) {
        match effect {
            Effect::Load {
                generation,
                entry,
                catalog,
                ..
            } => {
                let result = catalog.load(&entry);
                send(
                    app,
                    Msg::Loaded(Box::new(Loaded {
                        generation,
                        result,
                        position: None,
                    })),
                );
            }
            Effect::Continue(msg) => send(app, msg),
            _ => {}
        }
    }
}
