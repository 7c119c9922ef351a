//! Files of many articles in a real archive: seed files, news-please JSON, a JSON Lines dump
//! and a gzip one opened as one timeline; a dump given as the path; phrases found inside
//! its articles; `folio check` naming the line of each bad one; a dump edited while open;
//! reading state that follows an article when its line moves; and the TUI over it all.

mod support;

use folio::article::ArticleId;
use folio::catalog::{Catalog, id_hash};
use folio::state::{ReadingState, StateChange};
use support::archive::{Folder, assert_finds, index, titles};
use support::cli::{archive, check, folio, json_lines, stdout};
use support::formats::{copy, fixture};
use support::pty::folio::Folio;

/// The CLI's three seed articles, a news-please file, a cc_news dump of four rows and a
/// gzipped trafilatura dump of two.
fn mixed() -> Folder {
    let folder = archive();
    copy(&folder, "news-please.json", "news-please/bridge.json");
    copy(&folder, "cc_news.jsonl", "dumps/cc_news.jsonl");
    copy(&folder, "trafilatura.jsonl", "dumps/pages.jsonl.gz");
    folder
}

#[test]
fn every_article_of_every_file_is_on_one_timeline() {
    let folder = mixed();
    let rows = json_lines(&stdout(&mut folder.folio(&["list", "--json", "--body"])));
    let titles: Vec<&str> = rows.iter().filter_map(|r| r["title"].as_str()).collect();
    assert_eq!(
        titles,
        [
            "Harbour museum reopens after two years of repairs",
            "Les vignerons d'Ostrie craignent une récolte tardive",
            "Kessia ferry timetable changes for the spring season",
            "Valmont council approves new cycle lanes on the river road",
            "Le port de Kessia agrandit son quai nord",
            "Night trains to return between Valmont and Ostria",
            "Harbour board backs second phase of Kessia bridge",
            "Lisbon port strike enters second week",
            "Talks resume in Vienna over grain corridor",
            "Sommet de Genève sur la sécurité alimentaire",
        ],
        "newest first, whatever the file"
    );
    let lanes = &rows[3];
    assert_eq!(lanes["date"], "2024-03-05");
    assert_eq!(lanes["precision"], "day");
    assert_eq!(
        lanes["source"], "Valmont Courier",
        "the outlet's name, which another row of the dump gives"
    );
    let paragraphs = lanes["paragraphs"].as_array().expect("paragraphs");
    assert_eq!(paragraphs.len(), 3);
    assert!(
        paragraphs[1]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Work is expected to start in April"))
    );
    let quai = &rows[4];
    assert_eq!(quai["source"], "L'Écho ostrien", "from the gzip dump");
    assert_eq!(
        quai["paragraphs"][0]["text"],
        "Les travaux du quai nord commenceront en mai."
    );
}

#[test]
fn a_dump_given_as_the_path_is_listed() {
    let folder = Folder::new();
    let dump = copy(&folder, "cc_news.jsonl", "cc_news.jsonl");
    let mut cmd = folio(folder.cache.path());
    cmd.args(["list", "--json", "--body"]).arg(&dump);
    let rows = json_lines(&stdout(&mut cmd));
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[0]["title"],
        "Harbour museum reopens after two years of repairs"
    );
    assert_eq!(rows[0]["date"], "2024-03-16");
    assert_eq!(
        rows[0]["paragraphs"][1]["text"],
        "Visitors queued along the quay before the first guided tour."
    );
    for row in &rows {
        assert_eq!(row["path"], dump.to_string_lossy().as_ref());
    }
}

/// A phrase is checked on the article's own text, read again by its line: in a plain dump
/// and in a gzip one, first line or not.
#[test]
fn search_finds_phrases_inside_the_articles_of_a_dump() {
    let folder = mixed();
    let count = |query: &str| {
        stdout(&mut folder.folio(&["search", "--count", query]))
            .trim()
            .to_owned()
    };
    assert_eq!(count("\"protected cycle lanes\""), "1");
    assert_eq!(count("kessia"), "4", "titles of every format");

    let archive = index(mixed());
    assert_finds(&archive, "\"third less fuel\"", &["ferry-spring-timetable"]);
    assert_finds(&archive, "\"fuel less third\"", &[]);
    assert_finds(&archive, "\"lanes cycle protected\"", &[]);
    assert_finds(
        &archive,
        "\"sleeper cars were refitted\"",
        &["night-trains"],
    );
    assert_finds(&archive, "\"accueillir deux navires\"", &["quai-nord"]);
    assert_finds(
        &archive,
        "\"the harbour museum of Valmont\"",
        &["harbour-museum.html"],
    );
}

#[test]
fn check_names_the_line_of_each_bad_one_and_reads_the_rest() {
    let folder = archive();
    let dump = copy(&folder, "bad-lines.jsonl", "dumps/bad-lines.jsonl");
    let text = check(&folder, 1);
    let at = |line: u32| format!("{}:{line}: ", dump.display());
    for (line, what) in [
        (2, "the line is not valid JSON (it is cut short"),
        (
            3,
            "the file is windows-1252 text, not UTF-8 (invalid UTF-8 at byte",
        ),
        (4, "the JSON is a list"),
        (5, "the JSON article has no title"),
    ] {
        let wanted = format!("{}{what}", at(line));
        assert!(
            text.lines().any(|l| l.starts_with(&wanted)),
            "{wanted}\n{text}"
        );
    }
    assert!(
        text.contains("6 articles read; 0 files skipped; 3 articles skipped; 1 problem repaired"),
        "{text}"
    );
    let rows = json_lines(&stdout(&mut folder.folio(&["list", "--json"])));
    let titles: Vec<&str> = rows.iter().filter_map(|r| r["title"].as_str()).collect();
    assert!(titles.contains(&"Caf\u{e9} owners on the old square ask for longer terraces"));
    assert!(titles.contains(&"Ostria's new rail timetable starts on Sunday"));
}

fn row(n: u32) -> String {
    format!(
        "{{\"title\": \"Tide table {n}\", \"text\": \"High water at {n} o'clock in the harbour.\", \
         \"date\": \"2024-05-{n:02}\", \"url\": \"https://tides.example/{n}\"}}\n"
    )
}

fn write_rows(folder: &Folder, rows: &[u32]) {
    let text: String = rows.iter().map(|&n| row(n)).collect();
    folder.write("tides.jsonl", &text);
}

/// Lines appended and removed while the archive is open: the next sync re-reads the file and
/// replaces its articles, and the removed lines' articles are gone.
#[test]
fn a_dump_edited_while_open_is_synced_article_by_article() {
    let folder = Folder::new();
    write_rows(&folder, &[1, 2, 3]);
    let archive = index(folder);
    let rewrite = |rows: &[u32]| {
        let text: String = rows.iter().map(|&n| row(n)).collect();
        std::fs::write(archive.dir.path().join("tides.jsonl"), text).expect("rewritten");
    };
    assert_eq!(
        titles(&*archive.catalog()),
        ["Tide table 3", "Tide table 2", "Tide table 1"]
    );

    rewrite(&[1, 2, 3, 4, 5]);
    archive.resync();
    assert_eq!(
        titles(&*archive.catalog()),
        [
            "Tide table 5",
            "Tide table 4",
            "Tide table 3",
            "Tide table 2",
            "Tide table 1"
        ]
    );
    rewrite(&[3, 5]);
    archive.resync();
    let catalog = archive.catalog();
    assert_eq!(titles(&*catalog), ["Tide table 5", "Tide table 3"]);
    let five = catalog.timeline()[0];
    let article = catalog.load(&five).expect("the article at its new line");
    assert_eq!(article.title, "Tide table 5");
    assert_eq!(
        article.paragraphs[0].text(),
        "High water at 5 o'clock in the harbour."
    );
    assert!(catalog.problems().is_empty(), "{:?}", catalog.problems());
}

/// A star is kept by the article's URL: after its line moves (lines inserted above it), the
/// starred article is still the same one, and opens at its new line.
#[test]
fn a_star_follows_its_article_when_its_line_moves() {
    let folder = Folder::new();
    write_rows(&folder, &[1, 2, 3]);
    let archive = index(folder);
    let mut state = ReadingState::open_in_memory().expect("the state");
    let id = ArticleId("https://tides.example/2".into());
    state
        .apply(&StateChange::Starred {
            id: id.clone(),
            starred: true,
        })
        .expect("starred");
    let before = archive.catalog();
    let old_entry = before.find_id(&id);

    let text: String = [7, 8, 1, 3, 2].iter().map(|&n| row(n)).collect();
    std::fs::write(archive.dir.path().join("tides.jsonl"), text).expect("rewritten");
    // Before the sync, the old address holds another article: said, not shown as this one.
    let stale = before
        .load(&old_entry)
        .expect_err("another article is there now");
    assert!(stale.what.contains("another article"), "{stale}");

    archive.resync();
    let starred = state.snapshot().expect("the state").starred;
    let catalog = archive.catalog();
    let entries: Vec<_> = catalog
        .timeline()
        .iter()
        .filter(|e| starred.contains(&e.id_hash))
        .copied()
        .collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].id_hash, id_hash(&id));
    let article = catalog.load(&entries[0]).expect("the starred article");
    assert_eq!(article.title, "Tide table 2");
    assert_eq!(article.id, id);
}

trait FindId {
    fn find_id(&self, id: &ArticleId) -> folio::catalog::Entry;
}

impl FindId for std::sync::Arc<dyn Catalog> {
    fn find_id(&self, id: &ArticleId) -> folio::catalog::Entry {
        *self
            .timeline()
            .iter()
            .find(|e| e.id_hash == id_hash(id))
            .expect("the article is on the timeline")
    }
}

/// The reader end to end on the mixed archive: every kind of file on the timeline, and an
/// article of a dump and of a gzip dump opened.
#[test]
fn the_reader_opens_articles_of_every_kind() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let folder = mixed();
    let mut folio = Folio::start(folder.root(), tmp.path());
    folio.wait_for("Harbour museum reopens");
    for title in [
        "Le port de Kessia agrandit",
        "Harbour board backs second",
        "Talks resume in Vienna",
    ] {
        folio.wait_for(title);
    }
    folio.keys("\r");
    folio.wait_for("Visitors queued along the quay");
    folio.keys("q");
    folio.wait_screen("the timeline again", |s| {
        !s.contents().contains("Visitors queued")
    });
    folio.keys("jjjj");
    folio.wait_screen("the gzip dump's article selected", |s| {
        folio_selected(s).contains("quai nord")
    });
    folio.keys("\r");
    folio.wait_for("Les travaux du quai nord commenceront en mai.");
    folio.keys("q");
    folio.wait_screen("the timeline again", |s| {
        !s.contents().contains("commenceront en mai")
    });
    folio.keys("q");
    folio.wait_exit();
}

fn folio_selected(screen: &vt100::Screen) -> String {
    support::pty::reading::selected_row(screen)
        .map(|row| support::pty::reading::row_text(screen, row))
        .unwrap_or_default()
}

/// `folio show FILE:LINE`, the form `folio check` names a line in, shows that line's article.
#[test]
fn show_takes_a_file_and_a_line() {
    let dump = fixture("bad-lines.jsonl");
    let folder = Folder::new();
    let shown = |target: String| {
        let mut cmd = folio(folder.cache.path());
        cmd.args(["show", "--json", &target]);
        json_lines(&stdout(&mut cmd))
    };
    let seventh = shown(format!("{}:7", dump.display()));
    assert_eq!(
        seventh[0]["title"],
        "Ostria's new rail timetable starts on Sunday"
    );
    let first = shown(dump.display().to_string());
    assert_eq!(
        first[0]["title"],
        "Dockers in Valmont vote to end their strike"
    );
    let mut cut = folio(folder.cache.path());
    cut.args(["show", &format!("{}:2", dump.display())]);
    let err = String::from_utf8(cut.assert().failure().get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("bad-lines.jsonl:2: the line is not valid JSON"),
        "{err}"
    );
}

/// The problems list opens the article a problem names: for a line of a dump, the article on
/// that line, not the file's first.
#[test]
fn a_problem_of_a_line_leads_to_that_lines_article() {
    let folder = Folder::new();
    copy(&folder, "bad-lines.jsonl", "bad-lines.jsonl");
    let archive = index(folder);
    let catalog = archive.catalog();
    let lines: Vec<Option<u64>> = catalog
        .problems()
        .iter()
        .map(|p| p.at.and_then(|at| at.line))
        .collect();
    assert_eq!(lines, [Some(2), Some(3), Some(4), Some(5)], "in line order");
    let repaired = &catalog.problems()[1];
    let at = repaired.at.expect("a place").position;
    let entry = catalog
        .entry_of_article(&repaired.path, at)
        .expect("the article of line 3");
    let row = catalog.row(&entry).expect("its row");
    assert_eq!(
        row.title,
        "Caf\u{e9} owners on the old square ask for longer terraces"
    );
    let first = catalog
        .entry_of_file(&repaired.path)
        .expect("the file's first article");
    assert_eq!(
        catalog.row(&first).expect("its row").title,
        "Dockers in Valmont vote to end their strike"
    );
}
