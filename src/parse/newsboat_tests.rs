use super::*;
use crate::article::Severity;
use crate::parse::fixtures::{assert_no_controls, day, ok, texts, whats};

/// newsboat's own schema (the `CREATE TABLE`s of its cache, as of 2.x), so the reader is
/// tested against the columns newsboat really writes.
const SCHEMA: &str = r#"
CREATE TABLE rss_feed (
    rssurl VARCHAR(1024) PRIMARY KEY NOT NULL,
    url VARCHAR(1024) NOT NULL,
    title VARCHAR(1024) NOT NULL,
    lastmodified INTEGER(11) NOT NULL DEFAULT 0,
    is_rtl INTEGER(1) NOT NULL DEFAULT 0,
    etag VARCHAR(128) NOT NULL DEFAULT ""
);
CREATE TABLE rss_item (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    guid VARCHAR(64) NOT NULL,
    title VARCHAR(1024) NOT NULL,
    author VARCHAR(1024) NOT NULL,
    url VARCHAR(1024) NOT NULL,
    feedurl VARCHAR(1024) NOT NULL,
    pubDate INTEGER NOT NULL,
    content VARCHAR(65535) NOT NULL,
    unread INTEGER(1) NOT NULL,
    enclosure_url VARCHAR(1024),
    enclosure_type VARCHAR(1024),
    enqueued INTEGER(1) NOT NULL DEFAULT 0,
    flags VARCHAR(52),
    deleted INTEGER(1) NOT NULL DEFAULT 0,
    base VARCHAR(128) NOT NULL DEFAULT "",
    content_mime_type VARCHAR(255) NOT NULL DEFAULT "",
    enclosure_description VARCHAR(1024) NOT NULL DEFAULT "",
    enclosure_description_mime_type VARCHAR(128) NOT NULL DEFAULT ""
);
CREATE TABLE metadata (
    db_schema_version_major INTEGER NOT NULL,
    db_schema_version_minor INTEGER NOT NULL
);
INSERT INTO metadata VALUES (2, 11);
"#;

const FEEDS: &str = r#"
INSERT INTO rss_feed (rssurl, url, title) VALUES
  ('https://www.ostrian-herald.example/rss', 'https://www.ostrian-herald.example/', 'Ostrian Herald'),
  ('https://wire.ostria.example/feed', 'https://wire.ostria.example/', '');
INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread, content_mime_type, deleted) VALUES
  ('h-1', 'Market hall reopens after fire', 'Mira Halvard',
   'https://www.ostrian-herald.example/2024/11/market-hall', 'https://www.ostrian-herald.example/rss',
   1731400000, '<h2>Market hall reopens after fire</h2><p>Traders returned to the <b>old market hall</b> on Tuesday.</p><h3>Repairs</h3><p>The roof was rebuilt in oak.</p><script>x()</script>',
   1, 'text/html', 0),
  ('w-1', 'Storm closes coast road', '', 'https://wire.ostria.example/2024/11/storm',
   'https://wire.ostria.example/feed', 0, 'The coast road is closed.
Detours are signposted.', 0, 'text/plain', 0),
  ('w-2', 'An item the user deleted', '', 'https://wire.ostria.example/2024/11/old',
   'https://wire.ostria.example/feed', 1731300000, '<p>Old.</p>', 0, '', 1),
  ('w-3', '', '', '', 'https://gone.example/feed', 1731500000, '', 1, '', 0);
"#;

fn cache(sql: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("cache.db");
    let db = Connection::open(&path).expect("a new database");
    db.execute_batch(SCHEMA).expect("the schema");
    db.execute_batch(sql).expect("the rows");
    drop(db);
    (dir, path)
}

#[test]
fn items_of_newsboats_cache() {
    let (_dir, path) = cache(FEEDS);
    let before = std::fs::read(&path).expect("the cache");
    let items = read(&path).expect("the cache reads");
    assert_eq!(items.len(), 4, "one result per row, by id");

    let market = ok(&items, 0);
    assert_eq!(market.title, "Market hall reopens after fire");
    assert_eq!(market.source, "Ostrian Herald", "the feed's title");
    assert_eq!(market.published, day(2024, 11, 12));
    assert_eq!(market.meta.authors, ["Mira Halvard"]);
    assert_eq!(
        texts(market),
        [
            "Traders returned to the old market hall on Tuesday.",
            "# Repairs",
            "The roof was rebuilt in oak.",
        ]
    );
    assert_eq!(market.language, "en");
    assert!(market.problems.is_empty(), "{:?}", market.problems);

    let storm = ok(&items, 1);
    assert_eq!(
        storm.source, "wire.ostria.example",
        "an untitled feed is named by its host"
    );
    assert_eq!(
        texts(storm),
        ["The coast road is closed.", "Detours are signposted."]
    );
    assert_eq!(storm.published, None);
    assert!(
        whats(&storm.problems)
            .iter()
            .any(|w| w.contains("rss_item id 2") && w.ends_with("no usable date"))
    );

    match &items[2] {
        Err(p) => {
            assert_eq!(p.severity, Severity::Skipped);
            assert!(p.what.contains("was deleted in newsboat"), "{}", p.what);
        }
        Ok(a) => panic!("a deleted item was shown: {}", a.title),
    }
    match &items[3] {
        Err(p) => assert!(
            p.what.contains("neither a title nor any text"),
            "{}",
            p.what
        ),
        Ok(a) => panic!("an empty item was shown: {a:?}"),
    }

    assert_eq!(
        std::fs::read(&path).expect("the cache"),
        before,
        "never written"
    );
    let beside: Vec<_> = std::fs::read_dir(path.parent().expect("a folder"))
        .expect("the folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        beside,
        ["cache.db"],
        "no journal or other file left beside it"
    );
}

#[test]
fn hostile_rows_never_reach_the_terminal() {
    let (_dir, path) = cache(
        "INSERT INTO rss_feed (rssurl, url, title) VALUES ('f', 'https://f.example/', 'Feed\x1b]0;x\x07');
         INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread)
         VALUES ('g', 'Title ' || char(27) || '[2J' || char(155) || '31m', char(27) || '[5mDesk',
                 'https://f.example/a', 'f', 'not a date',
                 '<p>Body &#27;[31m' || char(27) || ']8;;x' || char(7) || '</p><style>p{}</style><!-- c -->', 1);",
    );
    let items = read(&path).expect("the cache reads");
    let article = ok(&items, 0);
    assert_no_controls(article);
    assert!(article.title.starts_with("Title ␛[2J"), "{}", article.title);
    assert_eq!(texts(article).len(), 1);
    assert!(texts(article)[0].starts_with("Body ␛[31m␛]8;;x"));
    assert!(
        whats(&article.problems)
            .iter()
            .any(|w| w.contains("\"not a date\" is not a date"))
    );
}

#[test]
fn a_writer_in_the_middle_of_a_transaction_does_not_change_the_snapshot() {
    let (_dir, path) = cache(FEEDS);
    let writer = Connection::open(&path).expect("a writer");
    writer
        .execute_batch("BEGIN IMMEDIATE; DELETE FROM rss_item WHERE id = 1;")
        .expect("a write");
    let items =
        read_waiting(&path, Duration::from_millis(50)).expect("readable while a writer works");
    assert_eq!(
        ok(&items, 0).title,
        "Market hall reopens after fire",
        "the committed state"
    );
    writer.execute_batch("ROLLBACK").expect("the rollback");
}

#[test]
fn a_writer_holding_the_lock_is_named_after_a_short_wait() {
    let (_dir, path) = cache(FEEDS);
    let writer = Connection::open(&path).expect("a writer");
    writer
        .execute_batch("BEGIN EXCLUSIVE; DELETE FROM rss_item WHERE id = 1;")
        .expect("the lock");
    let problem = read_waiting(&path, Duration::from_millis(50)).expect_err("refused while locked");
    assert_eq!(problem.severity, Severity::Skipped);
    assert!(
        problem.what.contains("locked for writing"),
        "{}",
        problem.what
    );
    writer.execute_batch("ROLLBACK").expect("the rollback");
    assert!(
        read_waiting(&path, Duration::from_millis(50)).is_ok(),
        "readable once released"
    );
}

#[test]
fn a_write_cut_off_midway_is_reported_not_undone() {
    let (dir, path) = cache(FEEDS);
    // A writer whose changes spill into the file before it commits, then is "killed": the
    // file and its hot journal are copied while the transaction is still open.
    let writer = Connection::open(&path).expect("a writer");
    writer
        .execute_batch(
            "PRAGMA cache_size = 1; BEGIN;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
             INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread)
             SELECT 'g' || i, 'T' || i, '', 'u' || i, 'f', 1731400000, printf('%.1000c', 'x'), 1
             FROM n;",
        )
        .expect("a large write");
    let crashed = dir.path().join("crashed");
    std::fs::create_dir(&crashed).expect("a folder");
    for name in ["cache.db", "cache.db-journal"] {
        std::fs::copy(dir.path().join(name), crashed.join(name)).expect("the copy");
    }
    writer.execute_batch("ROLLBACK").expect("the rollback");
    let copy = crashed.join("cache.db");
    let before = std::fs::read(&copy).expect("the copy");
    let problem = read_waiting(&copy, Duration::from_millis(50)).expect_err("not readable");
    assert!(
        problem.what.contains("unfinished write"),
        "{}",
        problem.what
    );
    assert_eq!(
        std::fs::read(&copy).expect("the copy"),
        before,
        "left as it was"
    );
    assert!(
        crashed.join("cache.db-journal").exists(),
        "the journal is newsboat's to undo"
    );
}

#[test]
fn what_is_not_newsboats_cache() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let other = dir.path().join("other.db");
    Connection::open(&other)
        .and_then(|db| db.execute_batch("CREATE TABLE notes (body TEXT);"))
        .expect("another database");
    let problem = read(&other).err().map(|p| p.what).unwrap_or_default();
    assert!(problem.contains("no rss_item table"), "{problem}");

    let missing = dir.path().join("missing.db");
    let problem = read(&missing).err().map(|p| p.what).unwrap_or_default();
    assert!(problem.contains("could not be opened"), "{problem}");
    assert!(!missing.exists(), "never created");

    let text = dir.path().join("text.db");
    std::fs::write(&text, "not a database at all, just some text").expect("a file");
    assert!(read(&text).is_err());
}
