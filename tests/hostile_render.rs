//! Hostile article text drawn the way the terminal gets it: through ratatui's crossterm
//! backend into bytes, read back with a terminal parser (`vte`) and a terminal emulator
//! (`vt100`). Whatever an article smuggles in (escape sequences, C1 controls, bidi overrides,
//! invisible characters, piles of combining marks, wide characters), the bytes folio writes
//! hold only the styling and cursor movement folio itself asks for, and every row keeps its
//! width and its borders.
//!
//! The same text is shown twice: parsed from a file by `folio::parse` (sanitised where it
//! is loaded), and put raw into a `MemoryCatalog`, so the drawing layer is shown to be safe
//! on its own rather than by luck.

use crossterm::event::KeyCode;
use folio::app::App;
use folio::article::{Article, Problem};
use folio::config::Config;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

mod support;
use support::app::{Setup, code, open_with};
use support::articles::catalog;
use support::audit::{Screen, check_widths};
use support::drive::send;
use support::formats::fixture;
use support::hostile::{hostile, hostile_config, hostile_path, parsed_catalog, raw_catalog};

fn app(articles: Vec<Article>, config: Config, width: u16, height: u16) -> App {
    let problems = vec![Problem::skipped(
        hostile_path(),
        format!("cannot read {}", hostile(" ")),
    )];
    let setup = Setup {
        config,
        label: format!("arch\u{1b}]0;t\u{7}ive\u{202E}{}", "\u{301}".repeat(100)),
        ..Setup::default()
    };
    open_with(catalog(articles, problems), setup, width, height)
}

fn key(app: &mut App, key: KeyCode) {
    send(app, code(key));
}

fn text_of(buf: &Buffer) -> String {
    buf.content().iter().map(|c| c.symbol()).collect()
}

/// The timeline, the reader scrolled through the whole article, and the overlays, for one
/// catalog; returns everything shown, for checks on what the user sees.
fn walk(name: &str, articles: fn() -> Vec<Article>, width: u16, height: u16) -> String {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut app = app(articles(), hostile_config(dir.path()), width, height);
    let mut screen = Screen::new(width, height);
    let mut seen = String::new();
    let mut draw = |what: &str, app: &App| {
        let buf = screen.draw(&format!("{name} {what}"), app);
        seen.push_str(&text_of(&buf));
    };
    draw("timeline", &app);
    key(&mut app, KeyCode::Enter);
    draw("reader", &app);
    // Page by page to the end: the body holds the 5,000 combining marks.
    for page in 0..200 {
        let before = app.reader.scroll();
        key(&mut app, KeyCode::PageDown);
        draw(&format!("reader page {page}"), &app);
        if app.reader.scroll() == before {
            break;
        }
    }
    key(&mut app, KeyCode::Char('o'));
    draw("after trying to open the URL", &app);
    key(&mut app, KeyCode::Char('q'));
    key(&mut app, KeyCode::Char('!'));
    draw("problems", &app);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('?'));
    draw("help", &app);
    for _ in 0..40 {
        key(&mut app, KeyCode::Char('j'));
    }
    draw("help scrolled", &app);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('f'));
    draw("sources", &app);
    seen
}

#[test]
fn parsed_hostile_articles_reach_the_terminal_inert() {
    for (w, h) in [(80, 24), (140, 40), (40, 12)] {
        let seen = walk("parsed", parsed_catalog, w, h);
        assert!(seen.contains('␛'), "escapes are shown as placeholders");
    }
}

#[test]
fn raw_hostile_strings_reach_the_terminal_inert() {
    for (w, h) in [(80, 24), (140, 40), (40, 12)] {
        let seen = walk("raw", raw_catalog, w, h);
        // Ten thousand tags are fifty and a count, not ten thousand lines to scroll.
        assert!(seen.contains("and 9950 more"), "the tags are bounded");
    }
}

/// Hostile authors, categories and tags in a JSON file: the parser cleans and bounds them,
/// and the reader's header shows them inert.
#[test]
fn parsed_hostile_names_are_bounded_and_shown_inert() {
    let article = support::hostile::parsed_json();
    assert_eq!(article.meta.tags.len(), 50);
    assert!(article.meta.authors.iter().all(|a| !a.contains('\u{1b}')));
    assert!(
        article
            .problems
            .iter()
            .any(|p| p.what == "the field `tags` holds 10000 different names"),
        "{:?}",
        article.problems
    );
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut app = app(vec![article], hostile_config(dir.path()), 100, 40);
    key(&mut app, KeyCode::Enter);
    let seen = text_of(&Screen::new(100, 40).draw("hostile names", &app));
    assert!(seen.contains("By "), "the byline is shown");
    assert!(
        seen.contains("Tags: tag0␛[2J, tag1␛[2J"),
        "the tags are shown"
    );
}

/// Wide characters next to the separator of the split view and inside the overlay frame do
/// not push a border out of its column, as a terminal emulator sees the bytes.
#[test]
fn borders_stay_in_their_columns_on_a_terminal() {
    let (width, height) = (121, 30);
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut app = app(raw_catalog(), hostile_config(dir.path()), width, height);
    let mut screen = Screen::new(width, height);
    let mut emulator = vt100::Parser::new(height, width, 0);
    let mut show = |what: &str, app: &App, emulator: &mut vt100::Parser| {
        let (buf, bytes) = screen.draw_bytes(what, app);
        emulator.process(&bytes);
        buf
    };
    let buf = show("split", &app, &mut emulator);
    let separator = app.panes().separator.expect("a split view at 121 columns");
    for y in separator.top()..separator.bottom() {
        assert_eq!(buf[(separator.x, y)].symbol(), "│", "row {y} in the buffer");
        let cell = emulator.screen().cell(y, separator.x).map(|c| c.contents());
        assert_eq!(cell, Some("│"), "row {y} on the terminal");
    }
    key(&mut app, KeyCode::Char('!'));
    let buf = show("problems", &app, &mut emulator);
    let frame = (0..width)
        .find(|&x| buf[(x, height / 2)].symbol() == "│")
        .expect("the overlay's left border");
    let right = (frame + 1..width)
        .find(|&x| buf[(x, height / 2)].symbol() == "│")
        .expect("the overlay's right border");
    let rows: Vec<u16> = (0..height)
        .filter(|&y| ["│", "┌", "└"].contains(&buf[(frame, y)].symbol()))
        .collect();
    assert!(rows.len() > 3, "the overlay has a frame");
    for y in rows {
        for x in [frame, right] {
            let drawn = buf[(x, y)].symbol().to_string();
            let shown = emulator.screen().cell(y, x).map(|c| c.contents());
            assert_eq!(shown, Some(drawn.as_str()), "({x}, {y})");
        }
    }
}

#[test]
fn any_size_draws_without_panicking() {
    let sizes = [
        (1, 1),
        (2, 2),
        (39, 11),
        (40, 12),
        (41, 13),
        (99, 30),
        (100, 30),
        (1000, 500),
    ];
    for (w, h) in sizes {
        let dir = tempfile::tempdir().expect("a temp dir");
        let mut app = app(raw_catalog(), hostile_config(dir.path()), w, h);
        let mut screen = Screen::new(w, h);
        screen.draw("timeline", &app);
        key(&mut app, KeyCode::Enter);
        screen.draw("reader", &app);
        key(&mut app, KeyCode::Char('?'));
        screen.draw("help", &app);
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Char('!'));
        screen.draw("problems", &app);
    }
}

/// The widest a terminal can report. ratatui keeps a buffer of width x height cells, so this
/// is drawn a few rows high only: one row of 65,535 cells is a few MB.
#[test]
fn the_widest_terminal_draws_without_panicking() {
    let dir = tempfile::tempdir().expect("a temp dir");
    for h in [1, 12, 14] {
        let mut app = app(raw_catalog(), hostile_config(dir.path()), u16::MAX, h);
        let area = Rect::new(0, 0, u16::MAX, h);
        let mut buf = Buffer::empty(area);
        (&app).render(area, &mut buf);
        key(&mut app, KeyCode::Enter);
        (&app).render(area, &mut buf);
        key(&mut app, KeyCode::Char('!'));
        (&app).render(area, &mut buf);
        assert!(check_widths(&buf).is_empty());
    }
}

/// A feed item whose HTML carries scripts, styles, comments, raw ESC and C1 bytes and `&#27;`
/// entities, read by the feed reader: nothing reaches the terminal as a control sequence,
/// the markup's scripts, styles and comments are not shown, and the text and byline are.
fn hostile_feed() -> Vec<Article> {
    let path = fixture("hostile-feed.rss");
    let text = std::fs::read_to_string(&path).expect("the fixture reads");
    // C1 controls too: CSI and NEL as characters, beside the fixture's ESC bytes.
    let text = text.replace("bold", "bold\u{9b}2J\u{85}");
    let items = folio::parse::parse_articles(&path, text.as_bytes()).expect("the feed reads");
    items
        .into_iter()
        .map(|(_, item)| item.expect("the item reads"))
        .collect()
}

#[test]
fn a_hostile_feed_item_reaches_the_terminal_inert() {
    for (w, h) in [(80, 24), (140, 40), (40, 12)] {
        let seen = walk("feed", hostile_feed, w, h);
        assert!(seen.contains('␛'), "escapes are shown as placeholders");
        for hidden in [
            "gotcha",
            "steal",
            "background: red",
            "hidden editor comment",
            "alert",
        ] {
            assert!(!seen.contains(hidden), "{hidden} is not shown");
        }
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut app = app(hostile_feed(), hostile_config(dir.path()), 140, 40);
    key(&mut app, KeyCode::Enter);
    let seen = text_of(&Screen::new(140, 40).draw("hostile feed", &app));
    assert!(seen.contains("Winds of up to 120 km/h"), "{seen}");
    assert!(seen.contains("harbour district"), "{seen}");
    assert!(seen.contains("Wire desk"), "the author: {seen}");
    assert!(seen.contains("Categories: Weather"), "the category: {seen}");
}
