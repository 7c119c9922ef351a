//! Searching the store's snapshot over real folders: newest first, Chinese and Japanese
//! text, the last word as a prefix.

use folio::catalog::Catalog;
use folio::search::{SearchOptions, SortBy, search};
use folio::store::Store;

mod support;
use support::archive::Folder;

fn titles_for(store: &Store, query: &str, sort: SortBy) -> Vec<String> {
    let snapshot = store.current();
    let options = SearchOptions { sort, limit: 10 };
    let hits = search(&snapshot, query, &options).unwrap();
    assert_eq!(hits.count, hits.entries.len());
    hits.entries
        .iter()
        .filter_map(|e| snapshot.row(e).map(|r| r.title))
        .collect()
}

#[test]
fn results_are_entries_of_the_snapshot_newest_first() {
    let archive = Folder::new();
    archive.article("a.txt", 2, "Harbour strike in Lisbon");
    archive.article("b.txt", 9, "Strike ends after a week");
    archive.article("c.txt", 5, "Weather report");
    let (store, _) = archive.sync();
    assert_eq!(
        titles_for(&store, "strike", SortBy::Date),
        ["Strike ends after a week", "Harbour strike in Lisbon"]
    );
    assert_eq!(
        titles_for(&store, "STRIKE lisb", SortBy::Relevance),
        ["Harbour strike in Lisbon"]
    );
    assert_eq!(
        titles_for(&store, "", SortBy::Date).len(),
        3,
        "no words: everything"
    );
}

#[test]
fn any_two_characters_of_chinese_text_are_found() {
    let archive = Folder::new();
    archive.article("zh.txt", 3, "北京大学举行开学典礼");
    archive.article("ja.txt", 4, "東京で会議が開かれた");
    let (store, _) = archive.sync();
    for query in ["北京", "京大", "大学举行", "开学典礼"] {
        assert_eq!(
            titles_for(&store, query, SortBy::Date),
            ["北京大学举行开学典礼"],
            "{query}"
        );
    }
    assert_eq!(
        titles_for(&store, "会議", SortBy::Date),
        ["東京で会議が開かれた"]
    );
    assert!(titles_for(&store, "京东", SortBy::Date).is_empty());
}

#[test]
fn the_prefix_of_the_last_word_stands_for_every_word_it_starts() {
    let archive = Folder::new();
    let words: Vec<String> = (0..60).map(|i| format!("zeta{i:02}")).collect();
    archive.article("many.txt", 1, &words.join(" "));
    archive.article("last.txt", 2, "zeta59 alone");
    let (store, _) = archive.sync();
    assert_eq!(titles_for(&store, "zeta59", SortBy::Date).len(), 2);
    assert_eq!(titles_for(&store, "zeta", SortBy::Date).len(), 2);
    assert_eq!(titles_for(&store, "zeta59 al", SortBy::Date).len(), 1);
}
