//! One outlet, one name: the source picker, the timeline's source column, the reader and
//! `source:` searches agree, over a real index of an archive in which some articles of a host
//! name their source in the lede and others do not.

use std::path::Path;

use folio::catalog::{Catalog, MemoryCatalog};
use folio::search::{SearchOptions, SortBy, search};
use folio::store::{Store, StoreOptions};

mod support;

/// An article in the seed format; `source` goes in the lede's trailer when given.
fn write(dir: &Path, name: &str, url: &str, title: &str, source: Option<&str>) {
    let trailer = source.map_or_else(String::new, |s| format!(" 02.01.2022, {s}"));
    let text = format!(
        " date 2022-01 {url}\n\n{title}\n\nA lede that says what happened...{trailer}\n\n\
         A body of text.With two sentences.\n"
    );
    std::fs::write(dir.join(name), text).expect("the article is written");
}

fn archive(dir: &Path) {
    let tagblatt = "https://tagblatt-ostria.example/politik";
    write(
        dir,
        "1.txt",
        &format!("{tagblatt}/a-1.html"),
        "Eins",
        Some("Ostrianer Tagblatt"),
    );
    write(
        dir,
        "2.txt",
        &format!("{tagblatt}/b-2.html"),
        "Zwei",
        Some("Ostrianer Tagblatt"),
    );
    write(dir, "3.txt", &format!("{tagblatt}/c-3.html"), "Drei", None);
    // The outlet's bare host, with no lede name of its own, joins it too.
    write(
        dir,
        "4.txt",
        "https://www.tagblatt-ostria.example/d-4.html",
        "Vier",
        None,
    );
    write(
        dir,
        "5.txt",
        "https://kesselpost.example/e-5.html",
        "Five",
        None,
    );
}

fn count(snapshot: &folio::store::Snapshot, query: &str) -> usize {
    let options = SearchOptions {
        sort: SortBy::Date,
        limit: 100,
    };
    search(snapshot, query, &options)
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .count
}

#[test]
fn a_hosts_articles_are_listed_searched_and_shown_under_its_lede_name() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let dir = tmp.path().join("archive");
    std::fs::create_dir(&dir).expect("the archive folder");
    archive(&dir);
    let options = StoreOptions {
        cache_dir: tmp.path().join("cache"),
    };
    let store = Store::open(&[dir], &options).expect("the archive opens");
    store.sync(&mut |_| {}).expect("the archive indexes");
    let snapshot = store.current();

    let sources: Vec<(&str, usize)> = snapshot
        .sources()
        .iter()
        .map(|(n, c)| (n.as_str(), *c))
        .collect();
    assert_eq!(
        sources,
        [("Ostrianer Tagblatt", 4), ("kesselpost.example", 1)],
        "one name per outlet, and no empty \"unknown source\""
    );
    for entry in snapshot.timeline() {
        let row = snapshot.row(entry).expect("a row");
        let named = &snapshot.sources()[entry.source as usize].0;
        assert_eq!(
            &row.source, named,
            "the timeline's column, for {}",
            row.title
        );
        let article = snapshot.load(entry).expect("the file reads");
        assert_eq!(&article.source, named, "the reader, for {}", row.title);
    }
    // Every word of either name finds the whole outlet, as the picker counts it.
    for query in [
        "source:ostrianer",
        "source:tagblatt",
        "source:ostr",
        "source:\"ostrianer tagblatt\"",
    ] {
        assert_eq!(count(&snapshot, query), 4, "{query}");
    }
    assert_eq!(count(&snapshot, "-source:ostrianer"), 1);
    assert_eq!(count(&snapshot, "source:kesselpost"), 1);
}

/// The catalog over parsed articles (tests, small archives) merges alike.
#[test]
fn the_memory_catalog_merges_alike() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    archive(tmp.path());
    let mut articles = Vec::new();
    for n in 1..=5 {
        let path = tmp.path().join(format!("{n}.txt"));
        let bytes = std::fs::read(&path).expect("the file reads");
        articles.push(folio::parse::parse_article(&path, &bytes).expect("it parses"));
    }
    let catalog = MemoryCatalog::new(articles, Vec::new());
    let names: Vec<&str> = catalog.sources().iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Ostrianer Tagblatt", "kesselpost.example"]);
    for entry in catalog.timeline() {
        let row = catalog.row(entry).expect("a row");
        assert_eq!(row.source, catalog.sources()[entry.source as usize].0);
    }
}

/// A source picked with `f` stays picked when a newer catalog lists another source before it
/// (a first index fills while the user reads).
#[test]
fn a_picked_source_survives_a_newer_catalog() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use folio::app::{App, Msg};
    let tmp = tempfile::tempdir().expect("a temporary folder");
    archive(tmp.path());
    let parsed = |names: &[&str]| -> Vec<folio::article::Article> {
        names
            .iter()
            .map(|n| {
                let path = tmp.path().join(format!("{n}.txt"));
                let bytes = std::fs::read(&path).expect("the file reads");
                folio::parse::parse_article(&path, &bytes).expect("it parses")
            })
            .collect()
    };
    let catalog = MemoryCatalog::new(parsed(&["5"]), Vec::new()).into_shared();
    let mut app = support::app::before_resize(catalog, support::app::Setup::default());
    let key = |code| Msg::Key(KeyEvent::new(code, KeyModifiers::NONE));
    for msg in [
        Msg::Resize {
            width: 100,
            height: 30,
        },
        key(KeyCode::Char('f')),
        key(KeyCode::Char('j')),
        key(KeyCode::Enter),
    ] {
        app.update(msg);
    }
    let picked = |app: &App| {
        let index = app.timeline.filters().source.expect("a source is picked");
        app.catalog().sources()[index as usize].0.clone()
    };
    assert_eq!(picked(&app), "kesselpost.example");
    let newer = MemoryCatalog::new(parsed(&["1", "3", "5"]), Vec::new()).into_shared();
    app.update(Msg::Snapshot(newer));
    assert_eq!(picked(&app), "kesselpost.example");
    assert_eq!(app.timeline.len(), 1);
}
