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

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Msg};
use folio::article::{Article, ArticleId, Paragraph, Problem, Published};
use folio::catalog::MemoryCatalog;
use folio::config::Config;
use folio::sanitize::MAX_EXTEND_RUN;
use folio::state::StateSnapshot;
use folio::tui::cluster_safe::ClusterSafe;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui::{Terminal, TerminalOptions, Viewport};
use unicode_normalization::char::is_combining_mark;
use vte::{Params, Perform};

mod support;
use support::drive::send;

/// Every trick a scraped page could play on a terminal, by name.
fn payloads() -> Vec<(&'static str, String)> {
    vec![
        (
            "OSC 52 clipboard",
            "\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}".into(),
        ),
        (
            "OSC 8 link",
            "\u{1b}]8;;https://evil.example\u{1b}\\click\u{1b}]8;;\u{1b}\\".into(),
        ),
        ("OSC 0 title", "\u{1b}]0;owned\u{7}".into()),
        (
            "CSI",
            "\u{1b}[2J\u{1b}[31;1mred\u{1b}[0m\u{1b}[?1049l".into(),
        ),
        ("DCS", "\u{1b}P1$r0m\u{1b}\\".into()),
        (
            "SOS PM APC",
            "\u{1b}Xs\u{1b}\\\u{1b}^p\u{1b}\\\u{1b}_a\u{1b}\\".into(),
        ),
        ("unterminated OSC", "\u{1b}]0;never ends".into()),
        ("8-bit CSI and OSC", "\u{9b}2J\u{9d}0;t\u{9c}".into()),
        ("C0", "n\0b\u{7}s\u{8}d\u{7f}v\u{b}f\u{c}".into()),
        (
            "bidi",
            "evil\u{202E}txt.exe\u{2066}x\u{2069}\u{200F}".into(),
        ),
        ("zero width", "pa\u{200B}y\u{2060}pal\u{FEFF}\u{AD}".into()),
        ("combining", format!("Z{}", "\u{301}".repeat(5000))),
        ("CJK", "東京都の天気予報と週末のイベント情報".into()),
        ("emoji", "👩\u{200D}👩\u{200D}👧 🇫🇷🇯🇵 👍🏽 ❤\u{FE0F}".into()),
    ]
}

/// All payloads in one string, separated by words so they also land mid-line.
fn hostile(sep: &str) -> String {
    payloads()
        .into_iter()
        .map(|(_, p)| p)
        .collect::<Vec<_>>()
        .join(sep)
}

fn hostile_path() -> PathBuf {
    PathBuf::from("archive/\u{1b}]0;pwned\u{7}\u{202E}txt.exe\u{9b}2J\u{0}.txt")
}

/// An article file in the seed format with hostile text in every field.
fn parsed() -> Article {
    let text = format!(
        " date 2022-01 https://evil.example/20220105/a\u{1b}]52;c;eA==\u{7}\u{202E}b.html\n\n\
         Title {title}\n\n\
         Lede {lede}... 05.01.2022, Evil\u{1b}[5mSource\u{9d}0;x\u{7}\n\n\
         {body}\n",
        title = hostile(" "),
        lede = hostile(" word "),
        body = hostile(". Next sentence "),
    );
    // A NUL makes the whole file binary (skipped, with a problem): it is tested raw below.
    let text = text.replace('\0', "");
    folio::parse::parse_article(&hostile_path(), text.as_bytes())
        .unwrap_or_else(|p| panic!("the hostile file still parses: {p}"))
}

/// The same kind of text, never sanitised: the drawing layer alone must make it safe.
fn raw(n: usize) -> Article {
    Article {
        id: ArticleId(format!("raw-{n}")),
        path: hostile_path(),
        url: Some(format!("https://evil.example/{}", hostile(""))),
        // Payloads in both orders, so each one is somewhere a narrow pane still shows.
        title: if n.is_multiple_of(2) {
            format!("Raw {n} {}", hostile(" "))
        } else {
            let mut p: Vec<String> = payloads().into_iter().map(|(_, p)| p).collect();
            p.reverse();
            format!("Raw {n} {}", p.join(" "))
        },
        lede: hostile(" lede "),
        lede_truncated: false,
        source: format!("Src\u{1b}]0;x\u{7}\u{202E}{}", "\u{301}".repeat(300)),
        language: "\u{1b}[31m".into(),
        // Newer than the parsed article, so the reader opens a raw one first.
        published: NaiveDate::from_ymd_opt(2022, 1, 9).map(Published::day),
        paragraphs: vec![
            Paragraph::Heading(hostile(" ")),
            Paragraph::Text(hostile(" and ")),
            Paragraph::Text(format!("tab\there\r\nnew line\rcarriage {}", hostile("\n"))),
        ],
        problems: vec![Problem::repaired(
            hostile_path(),
            hostile(" "),
            "\u{1b}]52;c;eA==\u{7}",
        )],
    }
}

fn parsed_catalog() -> Vec<Article> {
    vec![parsed()]
}

fn raw_catalog() -> Vec<Article> {
    vec![raw(1), raw(2), parsed()]
}

/// A keymap from a user's config file whose labels and descriptions are hostile too.
fn hostile_config(dir: &Path) -> Config {
    let file = dir.join("config.toml");
    let toml = r#"
[[keys]]
keys = ["?", "\u202E"]
action = "help"
desc = "help \u001B]52;c;eA==\u0007 \u009B2J \u202Eevil \u0301\u0301\u0301"
context = "global"
"#;
    std::fs::write(&file, toml).expect("the temp dir is writable");
    Config::load(Some(&file)).unwrap_or_else(|e| panic!("the hostile config loads: {e}"))
}

fn app(articles: Vec<Article>, config: Config, width: u16, height: u16) -> App {
    let problems = vec![Problem::skipped(
        hostile_path(),
        format!("cannot read {}", hostile(" ")),
    )];
    let catalog = MemoryCatalog::new(articles, problems).into_shared();
    let archive = format!("arch\u{1b}]0;t\u{7}ive\u{202E}{}", "\u{301}".repeat(100));
    let mut app = App::new(catalog, StateSnapshot::default(), config, archive);
    send(&mut app, Msg::Resize { width, height });
    app
}

fn key(app: &mut App, code: KeyCode) {
    send(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// What a terminal was asked to do, beyond printing text, that folio does not do itself.
#[derive(Default)]
struct Audit {
    violations: Vec<String>,
    /// Consecutive combining marks printed.
    marks: usize,
}

impl Audit {
    fn flag(&mut self, what: String) {
        if self.violations.len() < 20 {
            self.violations.push(what);
        }
    }
}

/// Bidi controls and invisible format characters: they would reorder or hide text.
fn hides_or_reorders(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{061C}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

impl Perform for Audit {
    fn print(&mut self, c: char) {
        if c.is_control() || hides_or_reorders(c) {
            self.flag(format!("printed {c:?}"));
        }
        if is_combining_mark(c) {
            self.marks += 1;
            if self.marks == MAX_EXTEND_RUN + 1 {
                self.flag(format!(
                    "more than {MAX_EXTEND_RUN} combining marks in a row"
                ));
            }
        } else {
            self.marks = 0;
        }
    }

    fn execute(&mut self, byte: u8) {
        self.flag(format!("executed control {byte:#04x}"));
    }

    fn hook(&mut self, _: &Params, _: &[u8], _: bool, action: char) {
        self.flag(format!("DCS {action:?}"));
    }

    fn put(&mut self, byte: u8) {
        self.flag(format!("DCS data {byte:#04x}"));
    }

    fn osc_dispatch(&mut self, params: &[&[u8]], _: bool) {
        let first = params
            .first()
            .map(|p| String::from_utf8_lossy(p).into_owned());
        self.flag(format!("OSC {first:?}"));
    }

    fn csi_dispatch(&mut self, params: &Params, intermediates: &[u8], _: bool, action: char) {
        let params: Vec<Vec<u16>> = params.iter().map(<[u16]>::to_vec).collect();
        let ours = match (intermediates, action) {
            // Colours and attributes, cursor position, clearing.
            ([], 'm' | 'H' | 'J' | 'K') => true,
            // Showing and hiding the cursor.
            ([b'?'], 'h' | 'l') => params == [vec![25]],
            _ => false,
        };
        if !ours {
            self.flag(format!("CSI {intermediates:?} {params:?} {action:?}"));
        }
    }

    fn esc_dispatch(&mut self, intermediates: &[u8], _: bool, byte: u8) {
        self.flag(format!("ESC {intermediates:?} {:?}", byte as char));
    }
}

/// Checks the bytes of one or more frames; returns what is wrong.
fn audit(bytes: &[u8]) -> Vec<String> {
    let mut audit = Audit::default();
    // vte swallows SOS, PM and APC strings without a callback: every ESC must start a CSI.
    for (i, pair) in bytes.windows(2).enumerate() {
        if pair[0] == 0x1b && pair[1] != b'[' {
            audit.flag(format!("ESC {:?} at byte {i}", pair[1] as char));
        }
    }
    if bytes.last() == Some(&0x1b) {
        audit.flag("a trailing ESC".into());
    }
    let mut parser = vte::Parser::new();
    parser.advance(&mut audit, bytes);
    audit.violations
}

/// Every row of the frame: no cell holds more than a double-width grapheme unless it is
/// marked with the forced width of an ambiguous grapheme (`folio::width`), and no grapheme
/// reaches past the right edge.
fn check_widths(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    let mut wrong = Vec::new();
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let cell = &buf[(x, y)];
            let symbol = cell.symbol();
            let w = usize::from(cell.cell_width());
            let forced = matches!(cell.diff_option, CellDiffOption::ForcedWidth(_));
            if w > 2 && !forced {
                wrong.push(format!("row {y} col {x}: {symbol:?} is {w} columns wide"));
            }
            if x + w as u16 > area.right() {
                wrong.push(format!("row {y}: {symbol:?} at col {x} overflows the edge"));
            }
            x += (w as u16).max(1);
        }
    }
    wrong
}

/// A byte sink the test can read while the backend owns it (the backend's own accessors
/// are behind an unstable feature).
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Draws frames through the crossterm backend into bytes, the way the terminal gets them.
struct Screen {
    terminal: Terminal<ClusterSafe<CrosstermBackend<Sink>>>,
    sink: Sink,
    area: Rect,
}

impl Screen {
    fn new(width: u16, height: u16) -> Screen {
        let area = Rect::new(0, 0, width, height);
        let sink = Sink::default();
        let backend = ClusterSafe::new(CrosstermBackend::new(sink.clone()));
        // A fixed viewport: no tty to ask for its size.
        let terminal = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(area),
            },
        )
        .expect("a terminal over a byte buffer");
        Screen {
            terminal,
            sink,
            area,
        }
    }

    /// Draws `app`, checks the bytes and the cells, and returns the frame.
    fn draw(&mut self, what: &str, app: &App) -> Buffer {
        let what = format!("{what} at {}x{}", self.area.width, self.area.height);
        self.sink.0.borrow_mut().clear();
        self.terminal
            .draw(|f| f.render_widget(app, f.area()))
            .expect("drawing into memory cannot fail");
        let bytes = self.sink.0.borrow();
        assert!(!bytes.is_empty(), "{what}: nothing was drawn");
        let violations = audit(&bytes);
        assert!(violations.is_empty(), "{what}: {violations:#?}");
        let mut buf = Buffer::empty(self.area);
        app.render(self.area, &mut buf);
        let wrong = check_widths(&buf);
        assert!(wrong.is_empty(), "{what}: {wrong:#?}");
        buf
    }
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
        walk("raw", raw_catalog, w, h);
    }
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
        let buf = screen.draw(what, app);
        emulator.process(&screen.sink.0.borrow());
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
