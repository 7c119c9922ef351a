//! The problems list (`!`): j/k pick a problem, Enter opens the article of a repaired file in
//! the reader, or says why it cannot (a skipped file, an article hidden by the filters).

use crossterm::event::KeyCode;
use folio::app::{App, Focus, Overlay};
use folio::article::Problem;
use folio::store::{Store, StoreOptions};

mod support;
use support::app::{code, key, open, selected_title, status};
use support::articles::{article, catalog, day};
use support::drive::send;
use support::screen::rows as screen;

fn shown_title(app: &App) -> Option<String> {
    app.reader.article().map(|a| a.title.clone())
}

/// Problems in this order: a skipped file, then a repair in article 3 (of 0..5).
fn app() -> App {
    let mut articles: Vec<_> = (0..5)
        .map(|n| article(n, day(2022, 1, 10 - n as u32), "Wire", "Grain."))
        .collect();
    articles[3].problems.push(Problem::repaired(
        "archive/3.txt",
        "invalid UTF-8 at byte 12",
        "replaced the bad bytes with �",
    ));
    let skipped = Problem::skipped("archive/pipe.txt", "a named pipe, not a file");
    open(catalog(articles, vec![skipped]), 100, 30)
}

#[test]
fn enter_on_a_repaired_file_opens_its_article() {
    let mut app = app();
    send(&mut app, key('!'));
    send(&mut app, key('j'));
    assert_eq!(app.overlay, Overlay::Problems { selected: 1 });
    let rows = screen(&app);
    let marked = rows.iter().any(|r| r.contains("archive/3.txt"));
    assert!(marked, "{rows:#?}");
    send(&mut app, code(KeyCode::Enter));
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.focus, Focus::Reader);
    assert_eq!(selected_title(&app), "Article 3");
    assert_eq!(shown_title(&app).as_deref(), Some("Article 3"));
}

#[test]
fn enter_on_a_skipped_file_says_why_there_is_nothing_to_open() {
    let mut app = app();
    send(&mut app, key('!'));
    send(&mut app, code(KeyCode::Enter));
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.focus, Focus::Timeline);
    let said = status(&app);
    assert!(
        said.contains("archive/pipe.txt was skipped") && said.contains("no article to open"),
        "{said}"
    );
}

#[test]
fn an_article_hidden_by_a_filter_is_said_so() {
    let mut app = app();
    send(&mut app, key('*'));
    send(&mut app, key('!'));
    send(&mut app, key('G'));
    send(&mut app, code(KeyCode::Enter));
    let said = status(&app);
    assert!(
        said.contains("hidden by the filters") && said.contains("F clears filters"),
        "{said}"
    );
    assert_eq!(app.focus, Focus::Timeline);
}

/// The same through the real index: the problem's path finds its document.
#[test]
fn the_index_finds_the_article_of_a_repaired_file() {
    let dir = tempfile::tempdir().expect("a folder");
    let cache = tempfile::tempdir().expect("a folder");
    let write = |name: &str, day: u32, title: &str, body: &[u8]| {
        let mut bytes = format!(
            " date 2022-01 https://news.example/202201{day:02}/{name}.html\n\n{title}\n\n\
             A lede... {day:02}.01.2022, Example News\n\n"
        )
        .into_bytes();
        bytes.extend_from_slice(body);
        std::fs::write(dir.path().join(name), bytes).expect("written");
    };
    write("newest.txt", 9, "The newest", b"Fine text.\n");
    write(
        "repaired.txt",
        5,
        "Repaired one",
        b"A bad byte \xff here.\n",
    );
    write("older.txt", 2, "An older one", b"Fine text.\n");
    let huge = std::fs::File::create(dir.path().join("huge.txt")).expect("created");
    huge.set_len(folio::parse::MAX_FILE_BYTES + 1)
        .expect("sized");
    let options = StoreOptions {
        cache_dir: cache.path().to_path_buf(),
    };
    let store = Store::open(&[dir.path().to_path_buf()], &options).expect("opened");
    store.sync(&mut |_| {}).expect("synced");

    let mut app = open(store.snapshot(), 100, 30);
    let problems = app.catalog().problems().to_vec();
    let repaired = problems
        .iter()
        .position(|p| p.path.ends_with("repaired.txt"))
        .expect("a problem about the repaired file");
    send(&mut app, key('!'));
    for _ in 0..repaired {
        send(&mut app, key('j'));
    }
    send(&mut app, code(KeyCode::Enter));
    assert_eq!(app.focus, Focus::Reader, "{}", status(&app));
    assert_eq!(shown_title(&app).as_deref(), Some("Repaired one"));

    let skipped = problems
        .iter()
        .position(|p| p.path.ends_with("huge.txt"))
        .expect("a problem about the huge file");
    send(&mut app, key('q'));
    send(&mut app, key('!'));
    send(&mut app, key('g'));
    for _ in 0..skipped {
        send(&mut app, key('j'));
    }
    send(&mut app, code(KeyCode::Enter));
    assert!(status(&app).contains("was skipped"), "{}", status(&app));
}
