//! Feeds (RSS 2.0, RSS 1.0, Atom, JSON Feed), trafilatura XML and newsboat's cache.db through
//! the real store and CLI: every item listed with its fields; a cache.db given as the path,
//! found in a folder and never written; phrases found inside feed and newsboat items;
//! `folio check` naming each bad file and why; and the TUI over an archive mixing them with
//! seed, news-please and JSON Lines files.

mod support;

use rusqlite::Connection;
use serde_json::Value;
use support::archive::{Folder, assert_finds, index};
use support::cli::{archive, check, folio, json_lines, stdout};
use support::formats::{copy, newsboat_cache};
use support::pty::folio::Folio;

fn listed(folder: &Folder) -> Vec<Value> {
    json_lines(&stdout(&mut folder.folio(&["list", "--json", "--body"])))
}

fn titles(rows: &[Value]) -> Vec<&str> {
    rows.iter().filter_map(|r| r["title"].as_str()).collect()
}

fn texts(row: &Value) -> Vec<&str> {
    row["paragraphs"]
        .as_array()
        .map(|ps| ps.iter().filter_map(|p| p["text"].as_str()).collect())
        .unwrap_or_default()
}

fn row<'r>(rows: &'r [Value], title: &str) -> &'r Value {
    rows.iter()
        .find(|r| r["title"] == title)
        .unwrap_or_else(|| panic!("{title} is listed: {rows:?}"))
}

/// One format's file alone in an archive: every item, newest first, and one item's fields.
struct Case {
    fixture: &'static str,
    titles: &'static [&'static str],
    title: &'static str,
    date: &'static str,
    source: &'static str,
    authors: &'static [&'static str],
    paragraphs: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        fixture: "feed-rss2.xml",
        titles: &[
            "Council publishes harbour survey",
            "Short notice: the Kessel Bend footbridge is closed until Friday for repairs to its…",
            "Flood barrier on the Ostra opens a year late",
            "Ferry timetable changes for the summer",
        ],
        title: "Flood barrier on the Ostra opens a year late",
        date: "2024-04-09",
        source: "Ostrian Herald",
        authors: &["Mira Halvard"],
        paragraphs: &[
            "The movable barrier at Kessel Bend closed for the first time on Tuesday, twelve \
             months after the date the river authority had promised.",
            "What it protects",
            "• The old harbour",
            "• Four thousand homes in the lower town",
            "“We could not wait another winter,” said the mayor.",
            "Engineers will test it monthly.",
        ],
    },
    Case {
        fixture: "feed-rss1.rdf",
        titles: &["Die Wahlbeteiligung in Ostria steigt deutlich"],
        title: "Die Wahlbeteiligung in Ostria steigt deutlich",
        date: "2024-05-12",
        source: "Ostrianer Tagblatt",
        authors: &["Jonas Brenner"],
        paragraphs: &[
            "Mehr als siebzig Prozent der Wahlberechtigten haben bei der Landtagswahl ihre \
             Stimme abgegeben, so viele wie seit zwanzig Jahren nicht mehr. In den Städten am \
             Fluss war die Beteiligung besonders hoch.",
        ],
    },
    Case {
        fixture: "feed-atom.xml",
        titles: &[
            "Rail link approved after ten-year debate",
            "Harbour festival returns",
        ],
        title: "Rail link approved after ten-year debate",
        date: "2024-06-02",
        source: "Port Vell Courier",
        authors: &["Tomas Reyl", "Ines Okafor"],
        paragraphs: &[
            "The coastal rail link between Port Vell and Kessel will be built after \
             councillors voted 31 to 9 in favour on Sunday.",
            "Cost and timetable",
            "The line is expected to cost 1.2 billion and open in 2031.",
        ],
    },
    Case {
        fixture: "feed.json",
        titles: &[
            "Coupure d'eau prévue mardi matin dans la rue du Port, de 8 h à 11 h.",
            "Le nouveau pont de Kessel ouvre aux piétons",
        ],
        title: "Le nouveau pont de Kessel ouvre aux piétons",
        date: "2024-07-13",
        source: "Kessel Evening News",
        authors: &["Claire Vasseur", "Paul Ndiaye"],
        paragraphs: &[
            "Le nouveau pont de Kessel a ouvert samedi aux piétons et aux cyclistes, après \
             deux ans de travaux.",
            "Une ouverture attendue",
            "Les habitants du quartier historique attendaient ce passage depuis la fermeture \
             de l’ancien bac.",
        ],
    },
    Case {
        fixture: "trafilatura.xml",
        titles: &["Night trains return to the Ostra valley"],
        title: "Night trains return to the Ostra valley",
        date: "2024-09-21",
        source: "Ostrian Herald",
        authors: &["Mira Halvard", "Jonas Brenner"],
        paragraphs: &[
            "For the first time in fifteen years, a sleeper train left Port Vell on Friday \
             evening for the mountain towns of the upper Ostra.",
            "A route revived",
            "The service runs three nights a week & stops at six stations, including Kessel.",
            "• Departure 21:10 from Port Vell",
            "• Arrival 06:45 in Alta Ostra",
            "\"We sold out the first month in two days,\" said the operator.",
            "Tickets start at 39 euros.",
            "Bicycles travel free.",
            "Class | Fare",
            "Seat | 39",
        ],
    },
];

#[test]
fn list_reads_every_item_of_each_format() {
    for case in CASES {
        let folder = Folder::new();
        copy(&folder, case.fixture, case.fixture);
        let rows = listed(&folder);
        assert_eq!(titles(&rows), case.titles, "{}: newest first", case.fixture);
        let item = row(&rows, case.title);
        assert_eq!(item["date"], case.date, "{}", case.fixture);
        assert_eq!(item["precision"], "day", "{}", case.fixture);
        assert_eq!(item["source"], case.source, "{}", case.fixture);
        assert_eq!(
            item["authors"],
            serde_json::json!(case.authors),
            "{}",
            case.fixture
        );
        assert_eq!(texts(item), case.paragraphs, "{}", case.fixture);
    }
}

/// An item without a URL is told apart from the file's others by its position.
#[test]
fn an_item_without_a_url_is_known_by_its_position() {
    let folder = Folder::new();
    let path = copy(&folder, "feed.json", "feed.json");
    let rows = listed(&folder);
    let note = row(
        &rows,
        "Coupure d'eau prévue mardi matin dans la rue du Port, de 8 h à 11 h.",
    );
    assert_eq!(note["id"], format!("{}#1", path.display()));
    assert_eq!(note["date"], "2024-07-15", "Unix seconds");
    let bridge = row(&rows, "Le nouveau pont de Kessel ouvre aux piétons");
    assert_eq!(bridge["id"], "https://kessel-evening.example/2024/07/pont");
    assert_eq!(bridge["tags"], serde_json::json!([]));
    assert_eq!(
        bridge["categories"],
        serde_json::json!(["Urbanisme", "Transports"])
    );
}

/// A cache.db found in a folder, and given itself as the path: listed, and never written
/// (neither changed nor given a journal), with SQLite's side files beside it passed over.
#[test]
fn a_newsboat_cache_is_read_in_a_folder_and_as_the_path_and_never_written() {
    let folder = Folder::new();
    let cache_db = folder.path("newsboat/cache.db");
    newsboat_cache(&cache_db);
    // What SQLite leaves beside a database: not articles, nor problems.
    std::fs::write(folder.path("newsboat/cache.db-journal"), b"").expect("written");
    std::fs::write(folder.path("newsboat/cache.db-wal"), b"").expect("written");
    let before = std::fs::read(&cache_db).expect("the cache");
    let names = || {
        let mut names: Vec<String> = std::fs::read_dir(folder.path("newsboat"))
            .expect("the folder")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    };
    let files = names();

    let rows = listed(&folder);
    assert_eq!(
        titles(&rows),
        [
            "Tram line extended to the port",
            "Market hall reopens after fire"
        ]
    );
    let market = row(&rows, "Market hall reopens after fire");
    assert_eq!(market["date"], "2024-11-12");
    assert_eq!(market["source"], "Ostrian Herald");
    assert_eq!(market["authors"], serde_json::json!(["Mira Halvard"]));
    assert_eq!(
        texts(market),
        [
            "Traders returned to the old market hall on Tuesday.",
            "Repairs",
            "The roof was rebuilt in oak."
        ]
    );
    let report = check(&folder, 0);
    assert!(
        !report.contains("-wal") && !report.contains("-journal"),
        "{report}"
    );
    assert!(
        report.contains("2 articles read; 0 files skipped"),
        "{report}"
    );

    let cache = tempfile::tempdir().expect("a cache");
    let given = stdout(folio(cache.path()).args(["list", "--json"]).arg(&cache_db));
    assert_eq!(titles(&json_lines(&given)).len(), 2, "{given}");

    assert_eq!(std::fs::read(&cache_db).expect("the cache"), before);
    assert_eq!(names(), files, "no file made beside the cache");
}

#[test]
fn search_finds_phrases_inside_feed_and_newsboat_items() {
    let folder = Folder::new();
    copy(&folder, "feed-rss2.xml", "feeds/herald.xml");
    copy(&folder, "feed-atom.xml", "feeds/courier.atom");
    newsboat_cache(&folder.path("newsboat/cache.db"));
    let out = stdout(&mut folder.folio(&["search", "--json", "\"old market hall\""]));
    assert_eq!(
        titles(&json_lines(&out)),
        ["Market hall reopens after fire"]
    );

    let archive = index(folder);
    assert_finds(&archive, "\"Kessel Bend closed\"", &["flood-barrier"]);
    assert_finds(&archive, "\"cost 1.2 billion\"", &["rail-link"]);
    assert_finds(&archive, "\"roof was rebuilt\"", &["market-hall"]);
    // The words are there, not as a phrase: the check reads the item's body again.
    assert_finds(&archive, "\"rebuilt roof\"", &[]);
    assert_finds(&archive, "\"closed Kessel Bend\"", &[]);
    // Scripts and comments of the HTML are not the article's text.
    assert_finds(&archive, "track", &[]);
}

/// `folio check` names each bad file of these formats and says why.
#[test]
fn check_names_each_bad_file_and_why() {
    let folder = Folder::new();
    for name in [
        "bomb-feed.rss",
        "xxe-feed.rss",
        "truncated-feed.rss",
        "bomb-trafilatura.xml",
        "xxe-trafilatura.xml",
    ] {
        copy(&folder, name, name);
    }
    folder.write(
        "survey.xml",
        "<?xml version=\"1.0\"?>\n<survey><q>1</q></survey>\n",
    );
    let other = Connection::open(folder.path("shop.db")).expect("a database");
    other.execute_batch("CREATE TABLE t (x)").expect("a table");
    drop(other);
    let locked = folder.path("locked/cache.db");
    newsboat_cache(&locked);
    // Another program writing newsboat's cache holds it locked all along.
    let writer = Connection::open(&locked).expect("the cache");
    writer
        .execute_batch("BEGIN EXCLUSIVE; UPDATE rss_item SET unread = 0;")
        .expect("locked");

    let text = check(&folder, 1);
    drop(writer);
    let refused = "declares a document type with its own definitions";
    for (file, why) in [
        ("bomb-feed.rss", refused),
        ("xxe-feed.rss", refused),
        ("bomb-trafilatura.xml", refused),
        ("xxe-trafilatura.xml", refused),
        ("truncated-feed.rss", "the feed breaks off after item 1"),
        (
            "survey.xml",
            "neither a feed (RSS, RDF, Atom) nor trafilatura XML",
        ),
        ("shop.db", "an SQLite database that is not newsboat's cache"),
        ("locked/cache.db", "locked"),
    ] {
        let path = folder.path(file).display().to_string();
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{path}: ")) || l.starts_with(&format!("{path} (")))
            .unwrap_or_else(|| panic!("{file} is named:\n{text}"));
        assert!(line.contains(why), "{file}: {why}\n{line}");
    }
    assert!(text.contains("1 article read; 7 files skipped"), "{text}");
}

/// Seed files, a news-please file, a JSON Lines dump, a feed and newsboat's cache opened as
/// one timeline in the TUI; a feed item and a newsboat item read, with their bylines.
#[test]
fn the_reader_opens_a_mixed_archive_of_every_kind() {
    let folder = archive();
    copy(&folder, "news-please.json", "news-please/bridge.json");
    copy(&folder, "cc_news.jsonl", "dumps/cc_news.jsonl");
    copy(&folder, "feed-atom.xml", "feeds/courier.atom");
    newsboat_cache(&folder.path("newsboat/cache.db"));

    let rows = listed(&folder);
    let all = titles(&rows);
    for title in [
        "Market hall reopens after fire",
        "Rail link approved after ten-year debate",
        "Harbour museum reopens after two years of repairs",
        "Harbour board backs second phase of Kessia bridge",
        "Talks resume in Vienna over grain corridor",
    ] {
        assert!(all.contains(&title), "{title} in {all:?}");
    }
    assert_eq!(all.len(), 3 + 1 + 4 + 2 + 2, "{all:?}");

    let tmp = tempfile::tempdir().expect("a temp dir");
    let mut folio = Folio::start(folder.root(), tmp.path());
    folio.wait_for("Tram line extended to the port");
    folio.wait_for("Rail link approved");
    // The newest first: the tram, then the market hall.
    folio.keys("j\r");
    folio.wait_for("Traders returned to the old market hall on Tuesday.");
    folio.wait_for("By Mira Halvard");
    folio.keys("q");
    folio.wait_screen("the timeline again", |s| {
        !s.contents().contains("Traders returned")
    });
    folio.keys("/\"coastal rail link\"");
    folio.wait_for("1 match");
    folio.keys("\r");
    folio.keys("\r");
    folio.wait_for("The line is expected to cost 1.2 billion");
    folio.wait_for("By Tomas Reyl, Ines Okafor");
    folio.wait_for("Categories: Transport, politics");
    folio.keys("q");
    folio.keys("q");
    folio.wait_exit();
}
