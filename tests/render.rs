//! What the screen shows, on ratatui's `TestBackend`, compared with the snapshots in
//! `tests/snapshots/`. Data is fixed (the bundled seed plus synthetic articles) and nothing
//! drawn depends on the clock, so the snapshots are deterministic.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Effect, Loaded, Msg, ResultPart, SearchResults};
use folio::article::{Article, ArticleId, Paragraph, Problem, Published};
use folio::catalog::MemoryCatalog;
use folio::config::Config;
use folio::progress::{Phase, Progress};
use folio::state::StateSnapshot;

#[path = "support/screen.rs"]
mod support_screen;
use support_screen::render;

fn seed() -> Article {
    let name = "seeds/000_e1ce88859cf142a7.txt";
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(name))
        .expect("the bundled seed is readable");
    folio::parse::parse_article(Path::new(name), &bytes).expect("the seed parses")
}

fn synthetic(n: usize, date: Option<Published>, source: &str, title: &str) -> Article {
    Article {
        id: ArticleId(format!("https://news.example/{n}")),
        path: PathBuf::from(format!("archive/{n}.txt")),
        url: Some(format!("https://news.example/2022/{n}.html")),
        title: title.into(),
        lede: "A short lede that the scraper cut off in the middle of a sentence".into(),
        lede_truncated: true,
        source: source.into(),
        language: "en".into(),
        published: date,
        paragraphs: vec![
            Paragraph::Text(
                "The first paragraph runs long enough to wrap over several lines of the reader, \
                 so the snapshot shows how the text column is filled and centred in the pane."
                    .into(),
            ),
            Paragraph::Heading("A sub-heading".into()),
            Paragraph::Text("A second paragraph, shorter.".into()),
            Paragraph::Heading("Another sub-heading".into()),
            Paragraph::Text("The last words.".into()),
        ],
        problems: Vec::new(),
    }
}

fn day(y: i32, m: u32, d: u32) -> Option<Published> {
    NaiveDate::from_ymd_opt(y, m, d).map(Published::day)
}

fn archive() -> Vec<Article> {
    vec![
        seed(),
        synthetic(
            1,
            day(2022, 1, 3),
            "Example News",
            "Markets open the year higher",
        ),
        synthetic(
            2,
            day(2022, 1, 3),
            "東京新聞",
            "東京都の天気予報と週末のイベント情報まとめ",
        ),
        synthetic(
            3,
            day(2022, 1, 2),
            "Example News",
            "A title long enough that it must be cut cleanly at the edge of the pane",
        ),
        synthetic(
            4,
            Published::month(2021, 12),
            "Monthly Review",
            "December in review",
        ),
        synthetic(5, day(2021, 11, 20), "Example News", "An older story"),
    ]
}

fn problems() -> Vec<Problem> {
    vec![
        Problem::skipped("archive/empty.txt", "the file is empty"),
        Problem::repaired(
            "archive/latin1.txt",
            "invalid UTF-8 at byte 120",
            "decoded lossily",
        ),
    ]
}

fn app(articles: Vec<Article>, width: u16, height: u16) -> App {
    let catalog = MemoryCatalog::new(articles, problems()).into_shared();
    let mut state = StateSnapshot::default();
    state.starred.insert(folio::catalog::id_hash(&ArticleId(
        "https://news.example/3".into(),
    )));
    let mut app = App::new(catalog, state, Config::defaults(true), "seeds".into());
    send(&mut app, Msg::Resize { width, height });
    app
}

/// Updates and performs loads at once, as the loader worker would; searches are answered
/// with `SEARCH_ANSWER` as the search worker would.
fn send(app: &mut App, msg: Msg) {
    for effect in app.update(msg) {
        if let Effect::Search(request) = effect {
            for part in [
                ResultPart::First(SEARCH_ANSWER.to_vec()),
                ResultPart::Full {
                    positions: SEARCH_ANSWER.to_vec(),
                    count: SEARCH_ANSWER.len(),
                    days: vec![(seed_day(), 1)],
                },
            ] {
                send(
                    app,
                    Msg::Search(Box::new(SearchResults {
                        generation: request.generation,
                        catalog: request.catalog.clone(),
                        part,
                    })),
                );
            }
            continue;
        }
        if let Effect::Load {
            generation,
            entry,
            catalog,
            ..
        } = effect
        {
            let result = catalog.load(&entry);
            send(
                app,
                Msg::Loaded(Box::new(Loaded {
                    generation,
                    result,
                    position: None,
                })),
            );
        }
    }
}

fn key(app: &mut App, code: KeyCode) {
    send(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// What any search matches in `archive()`: the seed (newest first it is third).
const SEARCH_ANSWER: [u32; 1] = [2];

/// The seed's day, days from CE, as the engine counts matches per day.
fn seed_day() -> i32 {
    chrono::Datelike::num_days_from_ce(&NaiveDate::from_ymd_opt(2022, 1, 2).unwrap())
}

/// The screen as text, one line per row, trailing blanks trimmed.
fn screen(app: &App) -> String {
    render(app, false)
}

/// The screen with the search's marks (bold and underlined cells) shown as `[...]`.
fn screen_marked(app: &App) -> String {
    render(app, true)
}

macro_rules! snapshot {
    ($name:expr, $app:expr) => {
        snapshot!($name, screen(&$app), text)
    };
    ($name:expr, $text:expr, text) => {
        insta::with_settings!({ filters => vec![(r"/[^ ]*/seeds/", "[SEEDS]/")] }, {
            insta::assert_snapshot!($name, $text);
        });
    };
}

#[test]
fn timeline() {
    let app = app(archive(), 80, 24);
    snapshot!("timeline", app);
}

#[test]
fn reader() {
    let mut app = app(archive(), 80, 24);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Enter);
    snapshot!("reader", app);
}

/// Depends on the parser: the seed's sub-headings are on their own lines once the body is
/// split into paragraphs.
#[test]
fn reader_on_the_seed() {
    let mut app = app(archive(), 80, 40);
    // Newest first: two articles of 3 January, then the seed of 2 January.
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Enter);
    snapshot!("reader_seed", app);
}

#[test]
fn split_view() {
    let mut app = app(archive(), 120, 30);
    key(&mut app, KeyCode::Char('j'));
    snapshot!("split", app);
}

#[test]
fn narrow_terminal() {
    let mut app = app(archive(), 40, 12);
    snapshot!("narrow_timeline", app);
    key(&mut app, KeyCode::Enter);
    snapshot!("narrow_reader", app);
}

#[test]
fn too_small_terminal() {
    let app = app(archive(), 39, 11);
    snapshot!("too_small", app);
}

#[test]
fn help_overlay() {
    let mut app = app(archive(), 100, 40);
    key(&mut app, KeyCode::Char('?'));
    snapshot!("help", app);
}

#[test]
fn loading_with_progress() {
    let mut app = app(Vec::new(), 80, 16);
    send(
        &mut app,
        Msg::Progress(Progress {
            phase: Phase::Indexing,
            files_seen: 1000,
            to_index: Some(1000),
            indexed: 250,
            problems: 0,
            committed: false,
        }),
    );
    snapshot!("loading", app);
}

#[test]
fn problems_list() {
    let mut app = app(archive(), 80, 24);
    key(&mut app, KeyCode::Char('!'));
    snapshot!("problems", app);
}

#[test]
fn source_picker_and_jump_prompt() {
    let mut app = app(archive(), 80, 24);
    key(&mut app, KeyCode::Char('f'));
    snapshot!("sources", app);
    key(&mut app, KeyCode::Esc);
    for c in "d2022-01".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    snapshot!("jump_prompt", app);
}

/// The file under the article was deleted while it was read: the text stays, with a notice.
#[test]
fn reader_with_its_file_gone() {
    use chrono::TimeZone;
    use folio::app::{FileCheck, FileStamp};
    let mut app = app(archive(), 80, 24);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Enter);
    let at = chrono::Local
        .with_ymd_and_hms(2022, 1, 3, 14, 3, 0)
        .single()
        .expect("a valid local time");
    let generation = app.reader.generation();
    let check = |stamp| {
        Msg::FileChecked(FileCheck {
            generation,
            stamp,
            at,
        })
    };
    send(
        &mut app,
        check(Some(FileStamp {
            len: 10,
            modified: None,
        })),
    );
    send(&mut app, check(None));
    snapshot!("reader_file_gone", app);
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

#[test]
fn search_results_with_count_and_marked_words() {
    let mut app = app(archive(), 80, 24);
    typed(&mut app, "/erdo");
    snapshot!("search_line", screen_marked(&app), text);
    key(&mut app, KeyCode::Enter);
    typed(&mut app, "i");
    snapshot!("search_snippets", screen_marked(&app), text);
    typed(&mut app, "n");
    snapshot!("search_reader", screen_marked(&app), text);
}

#[test]
fn search_line_says_why_a_query_cannot_be_read() {
    let mut app = app(archive(), 80, 24);
    typed(&mut app, "/erdo date:2022-13 x");
    snapshot!("search_error", screen_marked(&app), text);
}
