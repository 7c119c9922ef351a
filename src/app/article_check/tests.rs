//! What `update` tells the event loop about the displayed file: when to draw, when to wake.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::Loaded;
use crate::article::{Article, ArticleId, Paragraph};
use crate::catalog::MemoryCatalog;
use crate::config::Config;
use crate::state::StateSnapshot;

fn article(n: usize) -> Article {
    Article {
        id: ArticleId(format!("https://example.org/{n}")),
        path: PathBuf::from(format!("archive/{n}.txt")),
        url: None,
        title: format!("Article {n}"),
        lede: format!("The lede of article {n}."),
        lede_truncated: false,
        source: "Example".into(),
        language: "en".into(),
        published: None,
        paragraphs: (0..30)
            .map(|p| Paragraph::Text(format!("Paragraph {p} of article {n}. ").repeat(5)))
            .collect(),
        meta: Default::default(),
        problems: Vec::new(),
    }
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn stamp(len: u64) -> Option<FileStamp> {
    Some(FileStamp {
        len,
        modified: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1000)),
    })
}

fn checked(app: &App, stamp: Option<FileStamp>) -> Msg {
    Msg::FileChecked(FileCheck {
        same_article: false,
        generation: app.reader.generation(),
        stamp,
        at: Local::now(),
    })
}

/// Updates, and answers the loads asked for as the loader would (without a baseline).
fn send(app: &mut App, msg: Msg) -> Vec<Effect> {
    let mut others = Vec::new();
    for effect in app.update(msg) {
        match effect {
            Effect::Load {
                generation,
                entry,
                catalog,
            } => {
                let loaded = Loaded {
                    generation,
                    result: catalog.load(&entry),
                    position: None,
                };
                others.extend(send(app, Msg::Loaded(Box::new(loaded))));
            }
            other => others.push(other),
        }
    }
    others
}

fn redraws(effects: &[Effect]) -> bool {
    effects.iter().any(|e| matches!(e, Effect::Redraw))
}

/// How long until the idle tick, if one is asked for.
fn wake(effects: &[Effect]) -> Option<Duration> {
    let mut wakes = effects.iter().filter_map(|e| match e {
        Effect::WhenIdle {
            after,
            msg: Msg::FileTick,
        } => Some(*after),
        _ => None,
    });
    let first = wakes.next();
    assert!(wakes.next().is_none(), "one wake per update");
    first
}

#[test]
fn only_a_look_at_the_file_that_changes_the_notice_is_drawn() {
    let catalog = MemoryCatalog::new(vec![article(0), article(1)], Vec::new()).into_shared();
    let config = Config::defaults(true);
    let mut app = App::new(catalog, StateSnapshot::default(), config, "test".into());
    assert!(redraws(&send(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24
        }
    )));
    let opened = send(&mut app, key(KeyCode::Enter));
    assert!(redraws(&opened));
    assert_eq!(wake(&opened), None, "no baseline yet: nothing to watch");

    let baseline = checked(&app, stamp(100));
    let fx = send(&mut app, baseline);
    assert!(!redraws(&fx), "the baseline shows nothing");
    assert_eq!(wake(&fx), Some(CHECK_INTERVAL));

    let fx = send(&mut app, key(KeyCode::Char('j')));
    assert!(redraws(&fx));
    assert_eq!(wake(&fx), Some(CHECK_INTERVAL), "every update asks again");

    let fx = send(&mut app, Msg::FileTick);
    assert!(!redraws(&fx), "a tick only asks for a look");
    assert!(fx.iter().any(|e| matches!(e, Effect::CheckFile { .. })));
    assert_eq!(wake(&fx), Some(CHECK_INTERVAL));

    let same = checked(&app, stamp(100));
    assert!(!redraws(&send(&mut app, same)), "nothing new: no frame");
    let rewritten = checked(&app, stamp(101));
    assert!(redraws(&send(&mut app, rewritten)), "the notice appears");
    let again = checked(&app, stamp(101));
    assert!(!redraws(&send(&mut app, again)), "the same notice");
    let undone = checked(&app, stamp(100));
    assert!(redraws(&send(&mut app, undone)), "the notice goes");

    // Back on the timeline in a single pane, no article is on screen: no more wakes.
    let fx = send(&mut app, key(KeyCode::Char('q')));
    assert!(redraws(&fx));
    assert_eq!(wake(&fx), None);
}
