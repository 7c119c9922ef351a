//! Small archives written in a test, indexed in a temporary cache, and what a query finds in
//! them (`#[path]`-included, so each test crate compiles it).
// Each crate that includes this file uses only part of it.
#![allow(dead_code)]

use std::fs;
use std::path::Path;

use folio::catalog::Catalog;
use folio::search::{SearchOptions, SortBy, search};
use folio::store::{Store, StoreOptions};

/// Writes one article in the seed format; `day` is its day in January 2023.
pub fn article(dir: &Path, name: &str, day: u32, title: &str, body: &str) {
    let text = format!(
        " date 2023-01 https://news.example/{name}\n\n{title}\n\n\
         A short lede about {name} 0{}.01.2023, Example News\n\n{body}\n",
        day.min(9)
    );
    fs::write(dir.join(format!("{name}.txt")), text).expect("the article is written");
}

pub struct Archive {
    pub cache: tempfile::TempDir,
    pub dir: tempfile::TempDir,
    pub store: Store,
}

pub fn open(write: impl FnOnce(&Path)) -> Archive {
    let dir = tempfile::tempdir().expect("a temp dir");
    let cache = tempfile::tempdir().expect("a temp dir");
    write(dir.path());
    let options = StoreOptions {
        cache_dir: cache.path().to_path_buf(),
    };
    let store = Store::open(&[dir.path().to_path_buf()], &options).expect("the archive opens");
    store.sync(&mut |_| {}).expect("the archive indexes");
    Archive { cache, dir, store }
}

/// The URLs' last parts of what `query` finds, newest first, and the count.
pub fn found(archive: &Archive, query: &str) -> (Vec<String>, usize) {
    found_by(archive, query, SortBy::Date)
}

/// The URLs' last parts of what `query` finds in `sort` order, and the count.
pub fn found_by(archive: &Archive, query: &str, sort: SortBy) -> (Vec<String>, usize) {
    let snapshot = archive.store.current();
    let options = SearchOptions { sort, limit: 1000 };
    let hits = search(&snapshot, query, &options).unwrap_or_else(|e| panic!("{query}: {e}"));
    let names = hits
        .entries
        .iter()
        .filter_map(|e| snapshot.row(e))
        .filter_map(|r| r.url?.rsplit('/').next().map(str::to_string))
        .collect();
    (names, hits.count)
}

/// `query` finds exactly these articles (by URL name, newest first), and counts them.
pub fn assert_finds(archive: &Archive, query: &str, names: &[&str]) {
    let (found_names, count) = found(archive, query);
    assert_eq!(found_names, names, "{query}");
    assert_eq!(count, names.len(), "{query}: the count");
}
