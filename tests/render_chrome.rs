//! The chrome around the articles, drawn on `TestBackend`: the timeline's columns, the strip
//! and its labels, the day headers. Each test builds a small archive for what it shows.

use std::path::PathBuf;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Msg};
use folio::article::{Article, ArticleId, Paragraph, Published};
use folio::config::Config;

mod support;
use support::app::{Setup, open_with};
use support::articles::catalog;
use support::drive::send;
use support::screen::render;

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
        meta: Default::default(),
        problems: Vec::new(),
    }
}

fn app_with(articles: Vec<Article>, config: Config, width: u16, height: u16) -> App {
    let setup = Setup {
        config,
        label: "archive".into(),
        ..Setup::default()
    };
    open_with(catalog(articles, Vec::new()), setup, width, height)
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

/// A month of daily articles in the split view at 160 columns: the list pane is 64 wide.
fn month() -> Vec<Article> {
    (1..=30)
        .map(|d| article(d as usize, (2024, 4, d), "BBC", "en", TITLE))
        .collect()
}

/// The strip's two rows, as far as the list pane reaches.
fn strip(app: &App) -> (String, String) {
    let list = app.panes().list.expect("a timeline pane");
    let screen = screen(app);
    let mut rows = screen
        .lines()
        .map(|l| l.chars().take(usize::from(list.width)).collect::<String>());
    let bars = rows.next().unwrap_or_default();
    let axis = rows.next().unwrap_or_default();
    (bars, axis)
}

#[test]
fn the_strip_fills_the_pane_and_its_marker_is_never_covered() {
    let mut app = app(month(), 160, 40);
    let (bars, axis) = strip(&app);
    assert_eq!(bars.chars().count(), 64, "{bars:?}");
    assert!(
        !bars.contains(' '),
        "a bar every day, to the edge: {bars:?}"
    );
    // The newest article is selected: its marker is under the last bucket, at the right edge.
    assert!(axis.contains('▲'), "{axis:?}");
    assert!(
        axis.contains("2024-04-01") && axis.contains("2024-04-30"),
        "{axis:?}"
    );
    assert!(axis.trim_end().ends_with('▲'), "{axis:?}");
    // The oldest: the marker at the left edge, the first date beside it, whole.
    send(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::NONE)),
    );
    let (_, axis) = strip(&app);
    assert!(axis.starts_with('▲'), "{axis:?}");
    assert!(
        axis.contains("2024-04-01") && axis.contains("2024-04-30"),
        "{axis:?}"
    );
}

/// A mixed archive: French and English articles on alternate days.
fn mixed() -> Vec<Article> {
    (0..6)
        .map(|n| {
            let (language, title) = if n % 2 == 0 {
                ("fr", "Le pont de Kessel rouvert aux poids lourds")
            } else {
                ("en", "Kessel bridge reopens to lorries")
            };
            article(n, (2024, 9, 20 - n as u32), "Sputnik", language, title)
        })
        .collect()
}

fn with_locale(locale: &str) -> Config {
    let mut config = Config::defaults(true);
    config
        .apply_user(&format!("locale = \"{locale}\""), true)
        .expect("a valid locale");
    config
}

#[test]
fn day_headers_follow_the_users_locale_not_each_articles_language() {
    let english = screen(&app_with(mixed(), with_locale("en_GB.UTF-8"), 100, 30));
    assert!(english.contains("Friday 20 September 2024"), "{english}");
    assert!(english.contains("Thursday 19 September 2024"), "{english}");
    assert!(!english.contains("vendredi"), "{english}");
    let mut french_app = app_with(mixed(), with_locale("fr_FR.UTF-8"), 100, 30);
    let french = screen(&french_app);
    assert!(french.contains("vendredi 20 septembre 2024"), "{french}");
    assert!(french.contains("jeudi 19 septembre 2024"), "{french}");
    // The reader's date line too, for an English article.
    send(
        &mut french_app,
        Msg::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE)),
    );
    send(
        &mut french_app,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    let reader = screen(&french_app);
    assert!(
        reader.contains("Sputnik · jeudi 19 septembre 2024"),
        "{reader}"
    );
}
