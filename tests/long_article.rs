//! A 1 MB article in the app, driven through `App::update`: `G` shows its end, a saved
//! position comes back, `n` finds a word near the end, a resize keeps the place; in a 3 MB
//! one, `n` goes on over several frames to a hit megabytes away. The reader
//! wraps only what it shows, so line numbers past its first paragraphs are positions rather
//! than counts; these tests check what the user sees.

use std::path::PathBuf;
use std::sync::Arc;

use crossterm::event::KeyCode;
use folio::app::reader::FIND_BUDGET;
use folio::app::{App, Effect, Loaded, Msg};
use folio::article::{Article, ArticleId, Paragraph};
use folio::catalog::{Catalog, MemoryCatalog};
use folio::state::StateChange;

mod support;
use support::app::{Setup, before_resize, code, key, open};
use support::drive::{send, turn};
use support::screen::rows;

/// About 1 MB: 1500 numbered paragraphs; "zebra" only in paragraphs 1490 and 1495.
fn long_article() -> Article {
    article_with(1500, &[(1490, "zebra"), (1495, "zebra")])
}

/// `count` numbered paragraphs of about 700 bytes, the ones listed ending with a sentence
/// about that animal, then a short last one.
fn article_with(count: usize, animals: &[(usize, &str)]) -> Article {
    let paragraphs = (0..count)
        .map(|p| {
            let animals: String = animals
                .iter()
                .filter(|(at, _)| *at == p)
                .map(|(_, animal)| format!(" A {animal} crossed the quay."))
                .collect();
            Paragraph::Text(format!(
                "Paragraph {p} begins here. {}The end of paragraph {p}.{animals}",
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
        meta: Default::default(),
        problems: Vec::new(),
    }
}

fn catalog() -> Arc<dyn Catalog> {
    MemoryCatalog::new(vec![long_article()], Vec::new()).into_shared()
}

/// The reader's lines on screen.
fn screen(app: &App) -> Vec<String> {
    app.reader
        .visible()
        .iter()
        .map(|l| l.text.clone())
        .collect()
}

/// The text of the line of the current hit, which must be on screen.
fn on_hit(app: &App) -> String {
    let hit = app.current_hit().expect("on a hit");
    let i = app
        .reader
        .visible_numbers()
        .iter()
        .position(|&n| n == hit)
        .expect("the hit is on screen");
    app.reader.visible()[i].text.clone()
}

/// Every cell of the screen, row after row.
fn drawn(app: &App) -> String {
    rows(app).concat()
}

#[test]
fn g_shows_the_last_lines_and_g_the_first() {
    let catalog = catalog();
    let mut app = open(Arc::clone(&catalog), 80, 30);
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
    assert!(drawn(&app).contains("The very last words."));
    send(&mut app, key('k'));
    assert!(app.reader.percent() < 100);
    send(&mut app, key('g'));
    assert_eq!(screen(&app).first().unwrap(), "A very long article");
    assert_eq!(app.reader.scroll(), 0);
}

#[test]
fn scrolling_up_from_the_end_shows_the_lines_above_in_order() {
    let catalog = catalog();
    let mut app = open(Arc::clone(&catalog), 80, 30);
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
    let mut app = open(Arc::clone(&catalog), 80, 30);
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
        let mut app = before_resize(Arc::clone(&catalog), Setup::default());
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
    let mut app = open(Arc::clone(&catalog), 80, 30);
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, key('/'));
    for c in "zebra".chars() {
        send(&mut app, key(c));
    }
    send(&mut app, code(KeyCode::Enter));
    send(&mut app, key('n'));
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
    let mut app = open(Arc::clone(&catalog), 80, 30);
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

/// About 3 MB: "zebra" in paragraphs 10 and 4490, "giraffe" in 10, "okapi" in 4490.
fn three_megabytes() -> Arc<dyn Catalog> {
    let animals = [
        (10, "zebra"),
        (10, "giraffe"),
        (4490, "zebra"),
        (4490, "okapi"),
    ];
    MemoryCatalog::new(vec![article_with(4500, &animals)], Vec::new()).into_shared()
}

/// Feeds a paused find its continuations until it ends; how many turns it took.
fn finish(app: &mut App, mut next: Option<Msg>) -> usize {
    let mut turns = 0;
    while let Some(msg) = next {
        turns += 1;
        assert!(turns < 100, "a find of 3 MB goes on and on");
        next = turn(app, msg);
    }
    turns
}

fn search(app: &mut App, words: &str) {
    send(app, key('/'));
    for c in words.chars() {
        send(app, key(c));
    }
    send(app, code(KeyCode::Enter));
}

#[test]
fn n_to_a_hit_megabytes_away_goes_on_between_frames_until_it_shows_it() {
    let catalog = three_megabytes();
    let mut app = open(Arc::clone(&catalog), 80, 30);
    send(&mut app, code(KeyCode::Enter));
    search(&mut app, "zebra");
    assert!(turn(&mut app, key('n')).is_none(), "a hit nearby at once");
    assert!(screen(&app).iter().any(|l| l.contains("paragraph 10.")));
    let first = app.current_hit();

    let next = turn(&mut app, key('n'));
    assert!(next.is_some(), "3 MB are not searched in one frame");
    assert_eq!(app.current_hit(), first, "still on the first hit");
    assert!(app.finding());
    assert!(drawn(&app).contains("finding the hit…"));
    let turns = 1 + finish(&mut app, next);
    let bytes = 4480 * 700;
    assert!(
        (bytes / FIND_BUDGET..=bytes / FIND_BUDGET + 2).contains(&turns),
        "{turns} turns for {bytes} bytes"
    );
    assert!(on_hit(&app).contains("zebra"));
    assert!(screen(&app).iter().any(|l| l.contains("paragraph 4490.")));
    assert!(!app.finding());
    assert!(!drawn(&app).contains("finding the hit…"));

    let next = turn(&mut app, key('N'));
    assert!(next.is_some(), "going up pauses too");
    assert!(finish(&mut app, next) > 1);
    assert_eq!(app.current_hit(), first, "N goes back to the first hit");
}

#[test]
fn a_key_pressed_while_a_find_goes_on_cancels_it() {
    let catalog = three_megabytes();
    let mut app = open(Arc::clone(&catalog), 80, 30);
    send(&mut app, code(KeyCode::Enter));
    search(&mut app, "zebra");
    send(&mut app, key('n'));
    let first = app.current_hit();
    let stale = turn(&mut app, key('n')).expect("a find that pauses");
    send(&mut app, key('j'));
    assert!(!app.finding());
    let scroll = app.reader.scroll();
    assert!(turn(&mut app, stale).is_none(), "the cancelled find stops");
    assert_eq!(app.current_hit(), first);
    assert_eq!(
        app.reader.scroll(),
        scroll,
        "the screen stays where j put it"
    );

    // A new query too.
    let stale = turn(&mut app, key('n')).expect("a find that pauses");
    search(&mut app, "okapi");
    let scroll = app.reader.scroll();
    assert!(turn(&mut app, stale).is_none());
    assert_eq!(app.reader.scroll(), scroll);
    assert_eq!(app.current_hit(), None);
}

#[test]
fn past_the_last_hit_after_a_long_find_the_status_says_so() {
    let catalog = three_megabytes();
    let mut app = open(Arc::clone(&catalog), 80, 30);
    send(&mut app, code(KeyCode::Enter));
    search(&mut app, "giraffe");
    send(&mut app, key('n'));
    let hit = app.current_hit();
    assert!(on_hit(&app).contains("giraffe"));
    let next = turn(&mut app, key('n'));
    assert!(next.is_some());
    assert!(finish(&mut app, next) > 1);
    let status = app.status.as_ref().map(|s| s.text.as_str());
    assert_eq!(
        status,
        Some("No more hits: this is the last matching article.")
    );
    assert_eq!(app.current_hit(), hit, "the reader stays on the last hit");
}

#[test]
fn n_from_the_timeline_opens_the_article_and_goes_on_to_a_hit_megabytes_in() {
    let catalog = three_megabytes();
    let mut app = open(Arc::clone(&catalog), 80, 30);
    search(&mut app, "okapi");
    let next = turn(&mut app, key('n'));
    assert!(next.is_some(), "the article's first hit is 3 MB in");
    assert!(
        app.reader.article().is_some(),
        "the article is shown meanwhile"
    );
    finish(&mut app, next);
    assert!(on_hit(&app).contains("okapi"));
    assert!(screen(&app).iter().any(|l| l.contains("paragraph 4490.")));
}
