//! Keystroke-to-frame latency of the reader, measured in process: one key through the pure
//! `App::update`, the loads it asks for, and one full draw into a 160x48 buffer, as the event
//! loop does per keystroke (the terminal's own write is left out: it is the same for any
//! archive).
//!
//! `cargo bench --bench frames` (sizes default to 100000; `-- 10000 1000000` picks them).
//! The timeline is a real store over `target/folio-bench/archive-N`, generated once and
//! indexed once into `target/folio-bench/index-N` (`benches/support/`); the long article is
//! a 6 MB synthetic one held in memory, with one rare word near its end for `n`.
//! Prints a Markdown table.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Effect, Msg};
use folio::article::{Article, ArticleId, Paragraph, Published};
use folio::catalog::{Catalog, MemoryCatalog};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "support/archive.rs"]
mod archive;
#[path = "support/index.rs"]
mod index;
#[path = "../tests/support/mod.rs"]
mod support;
use support::app::{Setup, open_with};
use support::drive::send;

const WIDTH: u16 = 160;
const HEIGHT: u16 = 48;

fn main() {
    let mut rows = Vec::new();
    for n in archive::sizes(&[100_000]) {
        let catalog = match index::synced_store(n) {
            Ok(store) => store.snapshot(),
            Err(e) => {
                eprintln!("cannot prepare the archive of {n} articles: {e}");
                std::process::exit(1);
            }
        };
        let label = format!("timeline, {n} articles");
        rows.extend(timeline_rows(&label, catalog));
    }
    rows.extend(long_article_rows());
    println!("| scenario | keys | frames | median | p95 | max |");
    println!("|---|---|---:|---:|---:|---:|");
    for row in rows {
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            row.scenario,
            row.keys,
            row.samples.len(),
            ms(percentile(&row.samples, 50)),
            ms(percentile(&row.samples, 95)),
            ms(percentile(&row.samples, 100)),
        );
    }
}

struct Row {
    scenario: String,
    keys: &'static str,
    samples: Vec<Duration>,
}

fn timeline_rows(label: &str, catalog: Arc<dyn Catalog>) -> Vec<Row> {
    let mut rows = Vec::new();
    for (keys, code, count) in [
        ("j (next article)", KeyCode::Char('j'), 2000),
        ("Space (page down)", KeyCode::Char(' '), 500),
        ("G then g (bottom, top)", KeyCode::Char('G'), 40),
        ("] (next month)", KeyCode::Char(']'), 200),
    ] {
        let mut app = new_app(Arc::clone(&catalog));
        let mut terminal = terminal();
        let mut samples = Vec::with_capacity(count);
        for i in 0..count {
            let code = match (code, i % 2) {
                (KeyCode::Char('G'), 1) => KeyCode::Char('g'),
                (code, _) => code,
            };
            samples.push(frame(&mut app, &mut terminal, code));
        }
        rows.push(Row {
            scenario: label.to_string(),
            keys,
            samples,
        });
    }
    rows
}

fn long_article_rows() -> Vec<Row> {
    let article = long_article(6 * 1024 * 1024);
    let catalog = MemoryCatalog::new(vec![article], Vec::new()).into_shared();
    let row = |keys, samples| Row {
        scenario: "a 6 MB article".into(),
        keys,
        samples,
    };
    let mut rows = Vec::new();
    // Opening wraps lazily: the first frame pays only for the paragraphs on screen.
    let mut app = new_app(Arc::clone(&catalog));
    let mut terminal = terminal();
    let open = frame(&mut app, &mut terminal, KeyCode::Enter);
    rows.push(row("Enter (open)", vec![open]));
    for (keys, code, count) in [
        ("j (scroll a line)", KeyCode::Char('j'), 2000),
        ("Space (page down)", KeyCode::Char(' '), 1000),
        ("G then g (end, top)", KeyCode::Char('G'), 20),
    ] {
        let mut samples = Vec::with_capacity(count);
        for i in 0..count {
            let code = match (code, i % 2) {
                (KeyCode::Char('G'), 1) => KeyCode::Char('g'),
                (code, _) => code,
            };
            samples.push(frame(&mut app, &mut terminal, code));
        }
        rows.push(row(keys, samples));
    }
    // At the end, each resize is a new width: the screen is wrapped again around its top.
    send(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::NONE)),
    );
    let resizes = (0..20)
        .map(|i| {
            let (width, height) = if i % 2 == 0 {
                (120, 40)
            } else {
                (WIDTH, HEIGHT)
            };
            resize(&mut app, &mut terminal, width, height)
        })
        .collect();
    rows.push(row("resize at the end (160x48, 120x40)", resizes));
    // The first time, each in a fresh reader: no block wrapped at this width yet.
    let (mut first_g, mut n_longest, mut n_total) = (Vec::new(), Vec::new(), Vec::new());
    let (mut hyphenate, mut first_g_hyphenated) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        let (mut app, mut terminal) = (new_app(Arc::clone(&catalog)), crate::terminal());
        frame(&mut app, &mut terminal, KeyCode::Enter);
        first_g.push(frame(&mut app, &mut terminal, KeyCode::Char('G')));
        let (mut app, mut terminal) = (new_app(Arc::clone(&catalog)), crate::terminal());
        frame(&mut app, &mut terminal, KeyCode::Enter);
        frame(&mut app, &mut terminal, KeyCode::Char('='));
        hyphenate.push(frame(&mut app, &mut terminal, KeyCode::Char('-')));
        first_g_hyphenated.push(frame(&mut app, &mut terminal, KeyCode::Char('G')));
        let (mut app, mut terminal) = (new_app(Arc::clone(&catalog)), crate::terminal());
        frame(&mut app, &mut terminal, KeyCode::Enter);
        for code in "/zebra".chars().map(KeyCode::Char).chain([KeyCode::Enter]) {
            frame(&mut app, &mut terminal, code);
        }
        let (longest, total) = find_frames(&mut app, &mut terminal);
        n_longest.push(longest);
        n_total.push(total);
    }
    rows.push(row("first G (end)", first_g));
    rows.push(row("- (hyphenation on, justified)", hyphenate));
    rows.push(row("first G, hyphenated and justified", first_g_hyphenated));
    rows.push(row(
        "n from the top to a match near the end: its longest frame",
        n_longest,
    ));
    rows.push(row(
        "n from the top to a match near the end: all its frames, to the hit",
        n_total,
    ));
    rows
}

/// A new terminal size: update and a draw at that size.
fn resize(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    width: u16,
    height: u16,
) -> Duration {
    let start = Instant::now();
    send(app, Msg::Resize { width, height });
    terminal.backend_mut().resize(width, height);
    if let Err(e) = terminal.draw(|f| f.render_widget(&*app, f.area())) {
        panic!("drawing into a buffer: {e}");
    }
    start.elapsed()
}

fn new_app(catalog: Arc<dyn Catalog>) -> App {
    let setup = Setup {
        label: "bench".into(),
        ..Setup::default()
    };
    open_with(catalog, setup, WIDTH, HEIGHT)
}

fn terminal() -> Terminal<TestBackend> {
    match Terminal::new(TestBackend::new(WIDTH, HEIGHT)) {
        Ok(terminal) => terminal,
        Err(e) => panic!("a test terminal: {e}"),
    }
}

/// One keystroke: update, the loads it asks for, and a draw.
fn frame(app: &mut App, terminal: &mut Terminal<TestBackend>, code: KeyCode) -> Duration {
    let start = Instant::now();
    send(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    if let Err(e) = terminal.draw(|f| f.render_widget(&*app, f.area())) {
        panic!("drawing into a buffer: {e}");
    }
    start.elapsed()
}

/// `n`, then each turn of the find it starts, one frame each as the event loop draws them
/// (the time the loop takes to hand a message back to itself is left out): the longest
/// frame, and the time until the hit is on screen.
fn find_frames(app: &mut App, terminal: &mut Terminal<TestBackend>) -> (Duration, Duration) {
    let mut longest = Duration::ZERO;
    let mut total = Duration::ZERO;
    let mut next = Some(Msg::Key(KeyEvent::new(
        KeyCode::Char('n'),
        KeyModifiers::NONE,
    )));
    while let Some(msg) = next.take() {
        let start = Instant::now();
        for effect in app.update(msg) {
            if let Effect::Continue(msg) = effect {
                next = Some(msg);
            }
        }
        if let Err(e) = terminal.draw(|f| f.render_widget(&*app, f.area())) {
            panic!("drawing into a buffer: {e}");
        }
        let elapsed = start.elapsed();
        longest = longest.max(elapsed);
        total += elapsed;
    }
    let on_hit = app.current_hit().is_some_and(|hit| {
        let numbers = app.reader.visible_numbers();
        let lines = app.reader.visible();
        numbers
            .iter()
            .zip(lines)
            .any(|(&n, line)| n == hit && line.text.contains("zebra"))
    });
    assert!(on_hit, "n did not reach the zebra near the end");
    (longest, total)
}

/// An article of about `bytes` bytes: paragraphs of ~700 characters, a heading every 20.
fn long_article(bytes: usize) -> Article {
    let sentence = "The harbour authority said the new quay would double the number of \
                    container ships the port can take, and the unions asked who would work it. ";
    let mut paragraphs = Vec::new();
    let mut size = 0;
    while size < bytes {
        if paragraphs.len() % 20 == 0 {
            paragraphs.push(Paragraph::Heading(format!(
                "Part {}",
                paragraphs.len() / 20 + 1
            )));
        }
        let text = sentence.repeat(5);
        size += text.len();
        paragraphs.push(Paragraph::Text(text));
    }
    // The one word that `n` looks for, in the fifth paragraph from the end.
    let near_end = paragraphs.len().saturating_sub(5);
    if let Some(Paragraph::Text(text)) = paragraphs.get_mut(near_end) {
        text.push_str("A zebra crossed the quay.");
    }
    Article {
        id: ArticleId("https://long.example/6mb".into()),
        path: PathBuf::from("long.txt"),
        url: Some("https://long.example/6mb".into()),
        title: "A very long article".into(),
        lede: "It goes on and on...".into(),
        lede_truncated: true,
        source: "The Long Read".into(),
        language: "en".into(),
        published: chrono::NaiveDate::from_ymd_opt(2022, 1, 2).map(Published::day),
        paragraphs,
        meta: Default::default(),
        problems: Vec::new(),
    }
}

fn percentile(samples: &[Duration], p: usize) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    let index = (sorted.len().saturating_sub(1) * p) / 100;
    sorted.get(index).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
