//! Small archives written in the test, and the app opened on them: shared by the flow tests
//! (`#[path]`-included, so each crate compiles it).
// Each crate that includes this file uses only part of it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Msg};
use folio::article::{Article, ArticleId, Paragraph, Problem, Published};
use folio::catalog::{Catalog, MemoryCatalog};
use folio::config::Config;
use folio::state::StateSnapshot;

pub fn day(y: i32, m: u32, d: u32) -> Option<Published> {
    NaiveDate::from_ymd_opt(y, m, d).map(Published::day)
}

/// Article `n`, from `source`, at `archive/{n}.txt`, with a few paragraphs of `body`.
pub fn article(n: usize, published: Option<Published>, source: &str, body: &str) -> Article {
    Article {
        id: ArticleId(format!("https://example.org/{n}")),
        path: PathBuf::from(format!("archive/{n}.txt")),
        url: Some(format!("https://example.org/{n}")),
        title: format!("Article {n}"),
        lede: format!("The lede of article {n}."),
        lede_truncated: false,
        source: source.into(),
        language: "en".into(),
        published,
        paragraphs: (0..12)
            .map(|p| Paragraph::Text(format!("Paragraph {p} of article {n}. {body}")))
            .collect(),
        problems: Vec::new(),
    }
}

pub fn catalog(articles: Vec<Article>, problems: Vec<Problem>) -> Arc<dyn Catalog> {
    MemoryCatalog::new(articles, problems).into_shared()
}

/// The app on `catalog` in a terminal of `width` x `height`, with nothing read or starred.
pub fn open(catalog: Arc<dyn Catalog>, width: u16, height: u16) -> App {
    let mut app = App::new(
        catalog,
        StateSnapshot::default(),
        Config::defaults(true),
        "test".into(),
    );
    app.update(Msg::Resize { width, height });
    app
}

pub fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

pub fn code(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn selected_title(app: &App) -> String {
    let entry = app.timeline.selected().expect("a selection");
    app.catalog().row(&entry).expect("a row").title
}

pub fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// The screen as text, one string per row, drawn by the real widgets on `TestBackend`.
pub fn screen(app: &App) -> Vec<String> {
    let backend = ratatui::backend::TestBackend::new(app.size.width, app.size.height);
    let mut terminal = ratatui::Terminal::new(backend).expect("a test terminal");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("drawn");
    let buf = terminal.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .filter_map(|x| buf.cell((x, y)).map(|c| c.symbol().to_string()))
                .collect()
        })
        .collect()
}

/// Searches for `text` and answers as the worker would with these timeline positions, then
/// Enter: the results are kept and the line closes.
pub fn search(app: &mut App, text: &str, positions: &[u32]) {
    use folio::app::{Effect, ResultPart, SearchResults};
    super::drive::send(app, key('/'));
    let mut last = None;
    for c in text.chars() {
        for effect in super::drive::send(app, key(c)) {
            if let Effect::Search(request) = effect {
                last = Some(*request);
            }
        }
    }
    let request = last.expect("the search asked the worker");
    let catalog = Arc::clone(app.catalog());
    let msg = |part| {
        Msg::Search(Box::new(SearchResults {
            generation: request.generation,
            catalog: Arc::clone(&catalog),
            part,
        }))
    };
    super::drive::send(app, msg(ResultPart::First(positions.to_vec())));
    let full = msg(ResultPart::Full {
        positions: positions.to_vec(),
        count: positions.len(),
        days: Vec::new(),
    });
    super::drive::send(app, full);
    super::drive::send(app, code(KeyCode::Enter));
}
