//! Reading, driven through `App::update` with messages (no terminal, no threads): opening
//! and marking, scrolling and moving on, where reading stopped and how it is saved, resizing,
//! links.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Effect, Focus, Loaded, Msg};
use folio::article::ArticleId;
use folio::catalog::id_hash;
use folio::state::StateChange;

mod support;
use support::app::{code, key, open, persisted, selected_title};
use support::articles::{catalog, five};
use support::drive::send;

/// The app on the five articles, nothing read or starred.
fn on_five(width: u16, height: u16) -> App {
    open(catalog(five(), Vec::new()), width, height)
}

#[test]
fn opening_marks_read_and_persists_it() {
    let mut app = on_five(80, 24);
    assert_eq!(app.unread, 5);
    let fx = send(&mut app, code(KeyCode::Enter));
    assert_eq!(app.focus, Focus::Reader);
    let id = ArticleId("https://example.org/0".into());
    assert!(persisted(&fx).contains(&&StateChange::Read {
        id: id.clone(),
        read: true
    }));
    assert!(app.marks.read.contains(&id_hash(&id)));
    assert_eq!(app.unread, 4);
    assert_eq!(
        app.reader.article().map(|a| a.title.as_str()),
        Some("Article 0")
    );
    // Opening it again does not persist twice.
    send(&mut app, key('q'));
    let fx = send(&mut app, code(KeyCode::Enter));
    assert!(
        !persisted(&fx)
            .iter()
            .any(|c| matches!(c, StateChange::Read { .. }))
    );
}

#[test]
fn toggles_read_and_star_with_persist_effects() {
    use folio::state::{Bulk, Op};
    let mut app = on_five(80, 24);
    let id = ArticleId("https://example.org/0".into());
    // Each toggle is one undoable action over the one article.
    let action =
        |ops: Vec<Op>, what: &str| StateChange::Bulk(Bulk::new(vec![id.clone()], ops, what));
    let fx = send(&mut app, key('s'));
    assert_eq!(
        persisted(&fx),
        vec![&action(vec![Op::Starred(true)], "star")]
    );
    let fx = send(&mut app, key('s'));
    assert_eq!(
        persisted(&fx),
        vec![&action(vec![Op::Starred(false)], "unstar")]
    );
    let fx = send(&mut app, key('m'));
    assert_eq!(
        persisted(&fx),
        vec![&action(vec![Op::Read(true)], "mark read")]
    );
    assert_eq!(app.unread, 4);
    send(&mut app, key('m'));
    assert_eq!(app.unread, 5);
}

#[test]
fn the_reader_scrolls_and_moves_to_the_next_article() {
    let mut app = on_five(80, 24);
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, key('j'));
    send(&mut app, key('j'));
    assert_eq!(app.reader.scroll(), 2);
    send(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)),
    );
    assert!(app.reader.scroll() > 2);
    send(&mut app, key('G'));
    assert_eq!(app.reader.percent(), 100);
    let fx = send(&mut app, key('J'));
    assert_eq!(
        app.reader.article().map(|a| a.title.as_str()),
        Some("Article 1")
    );
    assert_eq!(selected_title(&app), "Article 1");
    assert_eq!(app.reader.scroll(), 0);
    let changes = persisted(&fx);
    assert!(
        changes
            .iter()
            .any(|c| matches!(c, StateChange::Position { id, line, .. }
            if id.as_str() == "https://example.org/0" && *line > 0)),
        "leaving an article saves where it was read: {changes:?}"
    );
    assert!(changes.contains(&&StateChange::Read {
        id: ArticleId("https://example.org/1".into()),
        read: true
    }));
    send(&mut app, key('K'));
    assert_eq!(selected_title(&app), "Article 0");
}

#[test]
fn a_saved_position_is_restored() {
    let mut app = on_five(80, 24);
    let fx = app.update(code(KeyCode::Enter));
    let Some(Effect::Load {
        generation,
        entry,
        catalog,
        ..
    }) = fx.into_iter().find(|e| matches!(e, Effect::Load { .. }))
    else {
        panic!("opening loads the article");
    };
    let width = app.reader.options().width;
    app.update(Msg::Loaded(Box::new(Loaded {
        generation,
        result: catalog.load(&entry),
        position: Some((12, width)),
    })));
    assert_eq!(app.reader.scroll(), 12);
}

#[test]
fn a_late_load_for_an_article_left_is_ignored() {
    let mut app = on_five(120, 40);
    // Side by side, moving previews each article: two loads, the first answered last.
    let first = app.update(key('j'));
    let second = app.update(key('j'));
    let load = |fx: Vec<Effect>| {
        fx.into_iter()
            .find_map(|e| match e {
                Effect::Load {
                    generation,
                    entry,
                    catalog,
                    ..
                } => Some((generation, entry, catalog)),
                _ => None,
            })
            .expect("a preview load")
    };
    let (g1, e1, c1) = load(first);
    let (g2, e2, c2) = load(second);
    app.update(Msg::Loaded(Box::new(Loaded {
        generation: g2,
        result: c2.load(&e2),
        position: None,
    })));
    app.update(Msg::Loaded(Box::new(Loaded {
        generation: g1,
        result: c1.load(&e1),
        position: None,
    })));
    assert_eq!(
        app.reader.article().map(|a| a.title.as_str()),
        Some("Article 2")
    );
    assert!(
        !app.marks.read.contains(&e2.id_hash),
        "a preview does not mark read"
    );
}

#[test]
fn resizing_keeps_the_selection_and_the_reading_position() {
    let mut app = on_five(120, 40);
    send(&mut app, key('G'));
    send(&mut app, key('k'));
    send(&mut app, code(KeyCode::Enter));
    for _ in 0..30 {
        send(&mut app, key('j'));
    }
    let line = app
        .reader
        .visible()
        .first()
        .cloned()
        .expect("text on screen");
    send(
        &mut app,
        Msg::Resize {
            width: 60,
            height: 20,
        },
    );
    assert_eq!(selected_title(&app), "Article 3");
    let after = app
        .reader
        .visible()
        .first()
        .cloned()
        .expect("text on screen");
    assert_eq!(after.block, line.block, "the same paragraph stays on top");
    send(
        &mut app,
        Msg::Resize {
            width: 30,
            height: 8,
        },
    );
    send(
        &mut app,
        Msg::Resize {
            width: 120,
            height: 40,
        },
    );
    assert_eq!(selected_title(&app), "Article 3");
}

#[test]
fn quitting_saves_the_reading_position() {
    let mut app = on_five(80, 24);
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, code(KeyCode::PageDown));
    let fx = send(&mut app, Msg::Quit);
    assert!(app.quitting);
    assert!(
        persisted(&fx)
            .iter()
            .any(|c| matches!(c, StateChange::Position { .. }))
    );
    assert!(fx.iter().any(|e| matches!(e, Effect::Quit)));
}

/// The idle tick (every two seconds while an article is shown) saves a moved position, so a
/// crash loses at most that much scrolling, and does not write again when nothing moved.
#[test]
fn an_idle_reader_saves_its_position_once_it_moved() {
    let mut app = on_five(80, 24);
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, code(KeyCode::PageDown));
    let positions = |fx: &[Effect]| -> Vec<u32> {
        persisted(fx)
            .iter()
            .filter_map(|c| match c {
                StateChange::Position { line, .. } => Some(*line),
                _ => None,
            })
            .collect()
    };
    let first = positions(&send(&mut app, Msg::FileTick));
    assert_eq!(first.len(), 1, "the moved position is saved");
    assert!(first[0] > 0);
    assert!(
        positions(&send(&mut app, Msg::FileTick)).is_empty(),
        "unchanged: no write"
    );
    send(&mut app, code(KeyCode::PageDown));
    let again = positions(&send(&mut app, Msg::FileTick));
    assert!(
        again.len() == 1 && again[0] > first[0],
        "{again:?} after {first:?}"
    );
}

#[test]
fn links_open_and_copy_only_what_is_safe() {
    let mut app = on_five(80, 24);
    let fx = send(&mut app, key('o'));
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::OpenUrl(u) if u == "https://example.org/0"))
    );
    let fx = send(&mut app, key('c'));
    let citation = fx.iter().find_map(|e| match e {
        Effect::Copy(t) => Some(t.clone()),
        _ => None,
    });
    assert_eq!(
        citation.as_deref(),
        Some("Article 0. Alpha, Monday 3 January 2022. https://example.org/0")
    );
    let mut odd = five();
    odd[0].url = Some("file:///etc/passwd".into());
    let mut app = open(catalog(odd, Vec::new()), 80, 24);
    let fx = send(&mut app, key('o'));
    assert!(!fx.iter().any(|e| matches!(e, Effect::OpenUrl(_))));
    assert!(app.status.is_some());
}

/// A resize drag delivers dozens of sizes, some absurd; the event loop applies them all before
/// one frame. What is drawn must be what a single resize to the last size gives.
#[test]
fn a_burst_of_resizes_settles_like_one_resize() {
    // Opened on a wide terminal, the article is previewed beside the timeline before Enter;
    // opened on a narrow one, Enter loads it. Either way the place survives the burst, whose
    // 65535 x 65535 screen is taller than the whole article (reported: it lost the place).
    for (width, height) in [(120, 40), (80, 24)] {
        let mut app = on_five(width, height);
        send(&mut app, code(KeyCode::Enter));
        for _ in 0..25 {
            send(&mut app, key('j'));
        }
        if (width, height) != (120, 40) {
            app.update(Msg::Resize {
                width: 120,
                height: 40,
            });
        }
        let top = app.reader.visible().first().map(|l| l.block);
        assert!(
            top.is_some_and(|block| block > 0),
            "{width}x{height}: scrolled into the article, not {top:?}"
        );
        let mut sizes = vec![(1, 1), (2, 2), (39, 11), (u16::MAX, u16::MAX), (0, 0)];
        sizes.extend((0..100).map(|i| (40 + i, 12 + i / 3)));
        sizes.extend([(u16::MAX, 40), (120, u16::MAX), (120, 40)]);
        for (width, height) in sizes {
            app.update(Msg::Resize { width, height });
        }
        let fresh = on_five(120, 40);
        assert_eq!(app.size, fresh.size);
        assert_eq!(app.panes(), app.layout.panes(fresh.size, Focus::Reader));
        let reader = app.panes().reader.expect("the reader is shown");
        assert_eq!(app.reader.height(), usize::from(reader.height));
        assert!(app.reader.visible().len() <= usize::from(reader.height));
        assert_eq!(
            app.reader.visible().first().map(|l| l.block),
            top,
            "{width}x{height}: the same paragraph is on top after the burst"
        );
        assert_eq!(selected_title(&app), "Article 0");
    }
}

#[test]
fn scrolling_after_a_huge_screen_starts_from_what_was_shown() {
    // The kept place is for resizes only: a key pressed while the huge screen shows the
    // whole article moves from what the user sees, and that becomes the place.
    let mut app = on_five(120, 40);
    send(&mut app, code(KeyCode::Enter));
    for _ in 0..25 {
        send(&mut app, key('j'));
    }
    app.update(Msg::Resize {
        width: 120,
        height: u16::MAX,
    });
    assert_eq!(app.reader.scroll(), 0, "the whole article is on the screen");
    send(&mut app, key('g'));
    app.update(Msg::Resize {
        width: 120,
        height: 40,
    });
    assert_eq!(
        app.reader.scroll(),
        0,
        "g went to the top, and it stays there"
    );
}

#[test]
fn a_resize_during_a_search_keeps_the_place_esc_returns_to() {
    // Esc puts the reader back where `/` found it, though the terminal changed width since.
    let mut app = on_five(120, 40);
    send(&mut app, code(KeyCode::Enter));
    for _ in 0..25 {
        send(&mut app, key('j'));
    }
    let top = app.reader.visible().first().map(|l| l.block);
    send(&mut app, key('/'));
    app.update(Msg::Resize {
        width: 200,
        height: 40,
    });
    send(&mut app, code(KeyCode::Esc));
    assert_eq!(app.reader.visible().first().map(|l| l.block), top);
}
