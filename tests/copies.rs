//! Copies found at index time: the groups on the truth archive (pairwise precision and
//! recall), what a sync keeps of them, and what the CLI prints.

mod support;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use folio::catalog::Catalog;
use support::truth::{self, pairs_of};

/// The groups the store found, as the ids of their members, earliest first.
fn found_groups(catalog: &dyn Catalog) -> Vec<Vec<String>> {
    let copies = catalog.copies();
    copies
        .iter()
        .map(|ids| {
            catalog
                .group_entries(ids[0])
                .iter()
                .filter_map(|e| catalog.row(e))
                .map(|r| r.id.0)
                .collect()
        })
        .collect()
}

#[test]
fn the_groups_match_the_truth_archive_with_precision_and_recall_of_at_least_0_95() {
    let truth = truth::build(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").as_path());
    let store = truth.folder.synced();
    let catalog = store.current();
    let found = found_groups(catalog.as_ref());
    let found_pairs: HashSet<(String, String)> = found
        .iter()
        .flat_map(|g| pairs_of(&g.iter().map(String::as_str).collect::<Vec<_>>()))
        .collect();
    let true_pairs = truth.pairs();
    let hits = found_pairs.intersection(&true_pairs).count();
    let precision = hits as f64 / found_pairs.len().max(1) as f64;
    let recall = hits as f64 / true_pairs.len().max(1) as f64;
    let wrong: Vec<_> = found_pairs.difference(&true_pairs).collect();
    let missed: Vec<_> = true_pairs.difference(&found_pairs).collect();
    // The figures the README quotes.
    println!(
        "{} articles, {} copies in {} true pairs; found {} pairs: precision {precision:.3}, recall {recall:.3}",
        truth.group_of.len(),
        truth.copies(),
        true_pairs.len(),
        found_pairs.len()
    );
    assert!(truth.copies() >= 40, "the archive holds enough copies to score");
    assert!(precision >= 0.95, "precision {precision:.3}; wrong pairs: {wrong:#?}");
    assert!(recall >= 0.95, "recall {recall:.3}; missed pairs: {missed:#?}");
    // Each group starts with its original, the earliest.
    for group in &found {
        let first = &group[0];
        assert_eq!(truth.group_of.get(first), Some(first), "{group:?}");
    }
}

#[test]
fn groups_follow_the_files_through_syncs_and_survive_a_reopen() {
    let folder = support::archive::Folder::new();
    let body = (0..120)
        .map(|i| format!("mot{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    let edited = body.replace("mot40", "autre");
    support::archive::article(folder.root(), "first", 2, "First", &format!("{body}."));
    let store = folder.synced();
    assert!(store.current().copies().is_empty());
    support::archive::article(folder.root(), "second", 3, "Second", &format!("{edited}."));
    store.sync(&mut |_| {}).expect("synced");
    let catalog = store.current();
    let ids: HashMap<u64, String> = catalog
        .timeline()
        .iter()
        .filter_map(|e| Some((e.id_hash, catalog.row(e)?.id.0)))
        .collect();
    let group: Vec<&str> = catalog.copies().members(0).iter().map(|h| ids[h].as_str()).collect();
    assert_eq!(group, ["https://news.example/first", "https://news.example/second"]);
    drop(catalog);
    drop(store);
    // A warm open shows the groups without a sync.
    let reopened = folder.open();
    assert_eq!(reopened.current().copies().len(), 1);
    std::fs::remove_file(folder.path("first.txt")).expect("removed");
    reopened.sync(&mut |_| {}).expect("synced");
    assert!(reopened.current().copies().is_empty(), "a group of one is no group");
}
