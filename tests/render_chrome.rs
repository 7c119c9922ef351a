//! The chrome around the articles, drawn on `TestBackend`: the timeline's columns, the strip
//! and its labels, the day headers. Each test builds a small archive for what it shows.

use std::path::PathBuf;

use chrono::NaiveDate;
use folio::app::{App, Msg};
use folio::article::{Article, ArticleId, Paragraph, Published};
use folio::catalog::MemoryCatalog;
use folio::config::Config;
use folio::state::StateSnapshot;

#[path = "support/drive.rs"]
mod drive;
#[path = "support/screen.rs"]
mod support_screen;
use drive::send;
use support_screen::render;

fn article(n: usize, date: (i32, u32, u32), source: &str, language: &str, title: &str) -> Article {
    Article {
        id: ArticleId(format!("https://news.example/{n}")),
        path: PathBuf::from(format!("archive/{n}.txt")),
        url: Some(format!("https://news.example/{n}.html")),
        title: title.into(),
        lede: "A lede.".into(),
        lede_truncated: false,
        source: source.into(),
        language: language.into(),
        published: NaiveDate::from_ymd_opt(date.0, date.1, date.2).map(Published::day),
        paragraphs: vec![Paragraph::Text("Some text.".into())],
        problems: Vec::new(),
    }
}

fn app_with(articles: Vec<Article>, config: Config, width: u16, height: u16) -> App {
    let catalog = MemoryCatalog::new(articles, Vec::new()).into_shared();
    let mut app = App::new(catalog, StateSnapshot::default(), config, "archive".into());
    send(&mut app, Msg::Resize { width, height });
    app
}

fn app(articles: Vec<Article>, width: u16, height: u16) -> App {
    app_with(articles, Config::defaults(true), width, height)
}

fn screen(app: &App) -> String {
    render(app, false)
}

const TITLE: &str = "Lorries queue at the border as the strike enters its third week";

#[test]
fn one_source_takes_no_column_from_the_titles() {
    let articles = (0..5)
        .map(|n| article(n, (2024, 4, 7 - n as u32), "BBC", "en", TITLE))
        .collect();
    let app = app(articles, 160, 30);
    let screen = screen(&app);
    assert!(
        screen.contains("2024-04-07 Lorries queue"),
        "the title follows the date:\n{screen}"
    );
}

#[test]
fn the_source_column_is_as_wide_as_the_widest_source() {
    let articles = vec![
        article(1, (2024, 4, 7), "AFP", "en", TITLE),
        article(2, (2024, 4, 6), "Reuters", "en", TITLE),
    ];
    let screen = screen(&app(articles, 160, 30));
    assert!(screen.contains("2024-04-07 AFP     Lorries"), "{screen}");
    assert!(screen.contains("2024-04-06 Reuters Lorries"), "{screen}");
}
