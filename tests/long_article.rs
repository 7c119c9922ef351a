//! A 1 MB article in the app, driven through `App::update`: `G` shows its end, a saved
//! position comes back, `n` finds a word near the end, a resize keeps the place. The reader
//! wraps only what it shows, so line numbers past its first paragraphs are positions rather
//! than counts; these tests check what the user sees.

use std::path::PathBuf;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Effect, Loaded, Msg};
use folio::article::{Article, ArticleId, Paragraph};
use folio::catalog::{Catalog, MemoryCatalog};
use folio::config::Config;
use folio::state::{StateChange, StateSnapshot};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "support/drive.rs"]
mod drive;
use drive::send;

/// About 1 MB: 1500 numbered paragraphs; "zebra" only in paragraphs 1490 and 1495.
fn long_article() -> Article {
    let paragraphs = (0..1500)
        .map(|p| {
            let zebra = if p == 1490 || p == 1495 {
                " A zebra crossed the quay."
            } else {
                ""
            };
            Paragraph::Text(format!(
                "Paragraph {p} begins here. {}The end of paragraph {p}.{zebra}",
                "The harbour authority said the new quay would double the traffic. ".repeat(10)
            ))
        })
        .chain([Paragraph::Text("The very last words.".into())])
        .collect();
    Article {
        id: ArticleId("https://long.example/read".into()),
        path: PathBuf::from("long.txt"),
        url: Some("https://long.example/read".into()),
        title: "A very long article".into(),
        lede: "It goes on.".into(),
        lede_truncated: false,
        source: "The Long Read".into(),
        language: "en".into(),
        published: None,
        paragraphs,
        problems: Vec::new(),
    }
}

fn catalog() -> Arc<dyn Catalog> {
    MemoryCatalog::new(vec![long_article()], Vec::new()).into_shared()
}

fn new_app(catalog: &Arc<dyn Catalog>, width: u16, height: u16) -> App {
    let mut app = App::new(
        Arc::clone(catalog),
        StateSnapshot::default(),
        Config::defaults(true),
        "test".into(),
    );
    send(&mut app, Msg::Resize { width, height });
    app
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn screen(app: &App) -> Vec<String> {
    app.reader
        .visible()
        .iter()
        .map(|l| l.text.clone())
        .collect()
}

fn drawn(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| f.render_widget(app, f.area())).unwrap();
    let buffer = terminal.backend().buffer();
    buffer.content().iter().map(|c| c.symbol()).collect()
}

#[test]
fn g_shows_the_last_lines_and_g_the_first() {
    let catalog = catalog();
    let mut app = new_app(&catalog, 80, 30);
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, key('G'));
    let lines = screen(&app);
    assert_eq!(lines.len(), app.reader.height(), "the screen is full");
    let last_text = lines.iter().rev().find(|l| !l.is_empty()).unwrap();
    assert_eq!(last_text, "The very last words.");
    assert!(
        lines.iter().any(|l| l.contains("paragraph 1499.")),
        "{lines:?}"
    );
    assert_eq!(app.reader.percent(), 100);
    assert!(drawn(&app, 80, 30).contains("The very last words."));
    send(&mut app, key('k'));
    assert!(app.reader.percent() < 100);
    send(&mut app, key('g'));
    assert_eq!(screen(&app).first().unwrap(), "A very long article");
    assert_eq!(app.reader.scroll(), 0);
}

#[test]
fn scrolling_up_from_the_end_shows_the_lines_above_in_order() {
    let catalog = catalog();
    let mut app = new_app(&catalog, 80, 30);
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, key('G'));
    let end = screen(&app);
    for _ in 0..5 {
        send(&mut app, key('k'));
    }
    let up = screen(&app);
    assert_eq!(
        up[5..],
        end[..end.len() - 5],
        "five lines up, the same text"
    );
    let percent = app.reader.percent();
    assert!((95..100).contains(&percent), "{percent}%");
}

#[test]
fn a_saved_position_near_the_end_is_restored() {
    let catalog = catalog();
    let mut app = new_app(&catalog, 80, 30);
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, key('G'));
    for _ in 0..40 {
        send(&mut app, key('k'));
    }
    let before = screen(&app);
    let saved = app.update(Msg::FileTick).into_iter().find_map(|e| match e {
        Effect::Persist(StateChange::Position { line, width, .. }) => Some((line, width)),
        _ => None,
    });
    let (line, width) = saved.expect("the idle tick saves the position");

    let reopen = |columns: u16| {
        let mut app = App::new(
            Arc::clone(&catalog),
            StateSnapshot::default(),
            Config::defaults(true),
            "test".into(),
        );
        // Wide enough, the resize already previews the article: either asks for the load.
        let mut fx = app.update(Msg::Resize {
            width: columns,
            height: 30,
        });
        fx.extend(app.update(code(KeyCode::Enter)));
        let Some(Effect::Load {
            generation, entry, ..
        }) = fx.into_iter().find(|e| matches!(e, Effect::Load { .. }))
        else {
            panic!("opening loads the article");
        };
        app.update(Msg::Loaded(Box::new(Loaded {
            generation,
            result: catalog.load(&entry),
            position: Some((line, width)),
        })));
        app
    };
    assert_eq!(
        screen(&reopen(80)),
        before,
        "the same screen at the same width"
    );
    // Each paragraph starts "Paragraph N begins" and ends "end of paragraph N.".
    let paragraph = |lines: &[String]| {
        lines
            .iter()
            .find_map(|l| l.split("aragraph ").nth(1)?.split([' ', '.']).next())
            .map(str::to_string)
    };
    let narrow = reopen(50);
    let top = paragraph(&screen(&narrow)).expect("a paragraph named on screen");
    assert!(
        before
            .iter()
            .any(|l| l.contains(&format!("aragraph {top}"))),
        "at 50 columns the screen shows paragraph {top}: {before:?}"
    );
}

#[test]
fn n_finds_a_word_near_the_end_and_marks_it() {
    let catalog = catalog();
    let mut app = new_app(&catalog, 80, 30);
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, key('/'));
    for c in "zebra".chars() {
        send(&mut app, key(c));
    }
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, key('n'));
    let on_hit = |app: &App| {
        let hit = app.current_hit().expect("on a hit");
        let i = app
            .reader
            .visible_numbers()
            .iter()
            .position(|&n| n == hit)
            .expect("the hit is on screen");
        app.reader.visible()[i].text.clone()
    };
    let first = on_hit(&app);
    assert!(first.contains("zebra"), "{first}");
    assert!(screen(&app).iter().any(|l| l.contains("paragraph 1490.")));
    let hit = app.current_hit();
    send(&mut app, key('n'));
    assert!(on_hit(&app).contains("zebra"));
    assert!(app.current_hit() > hit);
    assert!(screen(&app).iter().any(|l| l.contains("paragraph 1495.")));
    send(&mut app, key('N'));
    assert_eq!(app.current_hit(), hit, "N goes back to the first hit");
}

#[test]
fn a_resize_at_the_end_keeps_the_paragraph_on_top_and_g_still_reaches_the_end() {
    let catalog = catalog();
    let mut app = new_app(&catalog, 80, 30);
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, key('G'));
    let top = app.reader.visible().first().cloned().unwrap();
    send(
        &mut app,
        Msg::Resize {
            width: 50,
            height: 20,
        },
    );
    let lines = screen(&app);
    assert_eq!(lines.len(), app.reader.height(), "the screen is full");
    assert!(lines.iter().all(|l| l.chars().count() <= 50));
    let block = |app: &App| app.reader.visible().first().map(|l| l.block);
    assert_eq!(
        block(&app),
        Some(top.block),
        "the same paragraph stays on top"
    );
    send(&mut app, key('G'));
    let lines = screen(&app);
    assert_eq!(
        lines.iter().rev().find(|l| !l.is_empty()).unwrap(),
        "The very last words."
    );
    send(
        &mut app,
        Msg::Resize {
            width: 120,
            height: 40,
        },
    );
    let lines = screen(&app);
    assert_eq!(
        lines.iter().rev().find(|l| !l.is_empty()).unwrap(),
        "The very last words.",
        "wider, the end pulls the screen down to stay full"
    );
}
