//! What the screen shows, on ratatui's `TestBackend`, compared with the snapshots in
//! `tests/snapshots/`. Data is fixed (the bundled seed plus synthetic articles) and nothing
//! drawn depends on the clock, so the snapshots are deterministic. The layouts are drawn
//! from the articles in memory; the searches run the real engine over the same articles
//! written to disk.

use std::path::Path;

use crossterm::event::KeyCode;
use folio::app::{App, Msg};
use folio::article::{Article, ArticleId, Paragraph, Problem, Published};
use folio::catalog::MemoryCatalog;
use folio::progress::{Phase, Progress};
use folio::state::StateSnapshot;

mod support;
use support::app::{Setup, code, open_with};
use support::archive::{self, Archive, Folder};
use support::articles::day;
use support::drive::send;
use support::screen::render;
use support::search::send_searching;

fn seed_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/000_e1ce88859cf142a7.txt")
}

fn seed() -> Article {
    let name = "seeds/000_e1ce88859cf142a7.txt";
    let bytes = std::fs::read(seed_path()).expect("the bundled seed is readable");
    folio::parse::parse_article(Path::new(name), &bytes).expect("the seed parses")
}

fn synthetic(n: usize, date: Option<Published>, source: &str, title: &str) -> Article {
    let url = format!("https://news.example/2022/{n}.html");
    Article {
        id: ArticleId(url.clone()),
        url: Some(url),
        title: title.into(),
        lede: "A short lede that the scraper cut off in the middle of a sentence".into(),
        lede_truncated: true,
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
        ..support::articles::article(n, date, source, "")
    }
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

/// The reading state and name the snapshots are drawn with: article 3 starred.
fn setup() -> Setup {
    let mut state = StateSnapshot::default();
    state.starred.insert(folio::catalog::id_hash(&ArticleId(
        "https://news.example/2022/3.html".into(),
    )));
    Setup {
        state,
        label: "seeds".into(),
        ..Setup::default()
    }
}

fn app(articles: Vec<Article>, width: u16, height: u16) -> App {
    let catalog = MemoryCatalog::new(articles, problems()).into_shared();
    open_with(catalog, setup(), width, height)
}

/// The same archive on disk and indexed by the real store: the seed's own file, the others
/// written from their articles, and two files that become two problems. The
/// month-only article has no trailer to name its source, so it goes by its URL's host.
fn on_disk() -> Archive {
    let folder = Folder::new();
    std::fs::copy(seed_path(), folder.path("seed.txt")).expect("the seed is copied");
    for article in archive().into_iter().skip(1) {
        match article.published.map(|p| p.precision) {
            Some(folio::article::Precision::Month) => folder.write_article(&Article {
                source: "news.example".into(),
                ..article
            }),
            _ => folder.write_article(&article),
        };
    }
    // Problems without articles, as in memory: two files skipped.
    folder.write("empty.txt", "");
    folder.write("blank.txt", " \n\n  \n");
    archive::index(folder)
}

/// The app on [`on_disk`], its searches answered by the real engine.
fn searching(width: u16, height: u16) -> (App, Archive) {
    let archive = on_disk();
    let app = open_with(archive.catalog(), setup(), width, height);
    assert_eq!(app.catalog().problems().len(), 2, "the two skipped files");
    (app, archive)
}

fn key(app: &mut App, code: KeyCode) {
    send(app, support::app::code(code));
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
            same_article: false,
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

fn typed(app: &mut App, archive: &Archive, text: &str) {
    for c in text.chars() {
        send_searching(app, &archive.store, support::app::key(c));
    }
}

#[test]
fn search_results_with_count_and_marked_words() {
    let (mut app, archive) = searching(80, 24);
    typed(&mut app, &archive, "/erdo");
    snapshot!("search_line", screen_marked(&app), text);
    send_searching(&mut app, &archive.store, code(KeyCode::Enter));
    typed(&mut app, &archive, "i");
    snapshot!("search_snippets", screen_marked(&app), text);
    typed(&mut app, &archive, "n");
    snapshot!("search_reader", screen_marked(&app), text);
}

#[test]
fn search_line_says_why_a_query_cannot_be_read() {
    let (mut app, archive) = searching(80, 24);
    // The whole word: "erdo" stops being a prefix once a clause follows it, and would match
    // nothing by the time the date is typed.
    typed(&mut app, &archive, "/erdogan date:2022-13 x");
    snapshot!("search_error", screen_marked(&app), text);
}
