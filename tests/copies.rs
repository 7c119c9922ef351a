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
    let truth = truth::build(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds")
            .as_path(),
    );
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
    assert!(
        truth.copies() >= 40,
        "the archive holds enough copies to score"
    );
    assert!(
        precision >= 0.95,
        "precision {precision:.3}; wrong pairs: {wrong:#?}"
    );
    assert!(
        recall >= 0.95,
        "recall {recall:.3}; missed pairs: {missed:#?}"
    );
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
    let group: Vec<&str> = catalog
        .copies()
        .members(0)
        .iter()
        .map(|h| ids[h].as_str())
        .collect();
    assert_eq!(
        group,
        ["https://news.example/first", "https://news.example/second"]
    );
    drop(catalog);
    drop(store);
    // A warm open shows the groups without a sync.
    let reopened = folder.open();
    assert_eq!(reopened.current().copies().len(), 1);
    std::fs::remove_file(folder.path("first.txt")).expect("removed");
    reopened.sync(&mut |_| {}).expect("synced");
    assert!(
        reopened.current().copies().is_empty(),
        "a group of one is no group"
    );
}

/// Every file under `dir`, as paths relative to it.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                out.push(relative.to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// The groups a store over `folder` finds when it indexes it from nothing.
fn grouped_from_nothing(folder: &support::archive::Folder) -> folio::copies::Groups {
    let cache = tempfile::tempdir().expect("a temp dir");
    let store = folder.open_in(cache.path());
    store.sync(&mut |_| {}).expect("synced");
    folio::copies::Groups::clone(&store.current().copies())
}

#[test]
fn syncs_that_regroup_only_what_changed_find_the_groups_a_full_grouping_finds() {
    let truth = truth::build(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("seeds")
            .as_path(),
    );
    let full = grouped_from_nothing(&truth.folder);
    assert!(full.len() >= 20, "{} groups", full.len());
    // The same files arrive in another folder: half at first, then in small batches, the
    // copies (written after their originals) mostly first, the originals later.
    let mut files = files_under(truth.folder.root());
    files.sort_by_key(|p| (p.to_string_lossy().len() % 3, p.clone()));
    files.reverse();
    let folder = support::archive::Folder::new();
    let copy_in = |relative: &Path| {
        let text = std::fs::read_to_string(truth.folder.root().join(relative)).expect("read");
        folder.write(&relative.to_string_lossy(), &text);
    };
    let store = folder.open();
    let half = files.len() / 2;
    let mut batches = vec![&files[..half]];
    batches.extend(files[half..].chunks(files.len() / 20 + 1));
    for batch in batches {
        batch.iter().for_each(|f| copy_in(f));
        store.sync(&mut |_| {}).expect("synced");
    }
    assert_eq!(*store.current().copies(), full, "after the batches");
    // Edits and deletes: an original loses its copies' text, a copy gains a long unrelated
    // ending, two others are deleted; then the regrouped groups are a fresh index's.
    let groups: Vec<Vec<u64>> = full.iter().map(<[u64]>::to_vec).collect();
    let catalog = store.current();
    let path_of = |id_hash: u64| -> std::path::PathBuf {
        let timeline = catalog.timeline();
        let entry = timeline
            .iter()
            .find(|e| e.id_hash == id_hash)
            .expect("in the timeline");
        catalog.row(entry).expect("a row").path
    };
    let (original, copy) = (path_of(groups[0][0]), path_of(groups[1][1]));
    let deleted = [path_of(groups[2][0]), path_of(groups[3][1])];
    drop(catalog);
    let text = std::fs::read_to_string(&original).expect("read");
    let words: String = (0..200).map(|i| format!("andere{i} ")).collect();
    let cut = text
        .find("\n\n")
        .and_then(|t| text[t + 2..].find("\n\n").map(|l| t + 2 + l));
    let head = &text[..cut.expect("a title")];
    std::fs::write(&original, format!("{head}\n\n{words}\n")).expect("written");
    let mut text = std::fs::read_to_string(&copy).expect("read");
    text.push_str(&format!(
        "\n{}\n",
        words.replace("andere", "weitere").repeat(3)
    ));
    std::fs::write(&copy, text).expect("written");
    for path in &deleted {
        std::fs::remove_file(path).expect("removed");
    }
    store.sync(&mut |_| {}).expect("synced");
    let regrouped = folio::copies::Groups::clone(&store.current().copies());
    assert_ne!(regrouped, full, "the edits changed the groups");
    assert_eq!(
        regrouped,
        grouped_from_nothing(&folder),
        "after edits and deletes"
    );
}

/// An archive of a story, its copy a day later from another outlet, and another story.
fn small_archive() -> support::archive::Folder {
    let folder = support::archive::Folder::new();
    let words = |seed: &str| {
        (0..150)
            .map(|i| format!("{seed}{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let story = words("kessel");
    folder.write_seed(
        "original.txt",
        "2023-01",
        "https://first.example/20230102/bridge.html",
        "Bridge reopens",
        "The bridge reopened... 02.01.2023, First News",
        &format!("{story}."),
    );
    folder.write_seed(
        "copy.txt",
        "2023-01",
        "https://wire.example/20230103/bridge-copy.html",
        "Kessel bridge reopens to trucks",
        "The bridge reopened... 03.01.2023, Wire",
        &format!(
            "{}. With the wire desk.",
            story.replace("kessel77", "changed")
        ),
    );
    folder.write_seed(
        "other.txt",
        "2023-01",
        "https://first.example/20230103/budget.html",
        "Budget passes",
        "The budget passed... 03.01.2023, First News",
        &format!("{}.", words("budget")),
    );
    folder
}

#[test]
fn dupes_prints_each_group_earliest_first_and_list_json_gives_copies_and_group() {
    use support::cli::stdout;
    let folder = small_archive();
    let text = stdout(&mut folder.folio(&["dupes"]));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("Bridge reopens"), "{text}");
    assert!(
        lines[1].starts_with("  ↳ ") && lines[1].contains("Kessel bridge"),
        "{text}"
    );
    assert!(
        text.contains("1 story published more than once, 1 copy; 3 articles tell 2 stories"),
        "{text}"
    );
    let json = stdout(&mut folder.folio(&["dupes", "--json"]));
    let groups: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(groups.len(), 1);
    let articles = groups[0]["articles"].as_array().expect("articles");
    let urls: Vec<&str> = articles.iter().filter_map(|a| a["url"].as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://first.example/20230102/bridge.html",
            "https://wire.example/20230103/bridge-copy.html"
        ]
    );
    assert_eq!(groups[0]["group"], articles[0]["id"]);
    assert_eq!(articles[1]["copies"], 1);
    let listed = stdout(&mut folder.folio(&["list", "--json"]));
    let by_title: HashMap<String, serde_json::Value> = listed
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON"))
        .map(|v| (v["title"].as_str().unwrap_or_default().to_string(), v))
        .collect();
    assert_eq!(by_title["Budget passes"]["copies"], 0);
    assert!(by_title["Budget passes"]["group"].is_null());
    assert_eq!(by_title["Kessel bridge reopens to trucks"]["copies"], 1);
    assert_eq!(
        by_title["Kessel bridge reopens to trucks"]["group"],
        "https://first.example/20230102/bridge.html"
    );
}

#[test]
fn is_copy_filters_copies_and_counts_can_be_of_stories() {
    use support::cli::stdout;
    let folder = small_archive();
    let count = |args: &[&str]| stdout(&mut folder.folio(args)).trim().to_string();
    // A query that starts with "-" follows "--", as any such argument.
    assert_eq!(count(&["search", "--count", "--", "-is:copy"]), "2");
    assert_eq!(count(&["search", "--count", "is:copy"]), "1");
    assert_eq!(count(&["search", "--count", "bridge"]), "2");
    assert_eq!(count(&["search", "--count", "--stories", "bridge"]), "1");
    let titles = stdout(&mut folder.folio(&["search", "bridge -is:copy"]));
    assert!(
        titles.contains("Bridge reopens") && !titles.contains("Kessel"),
        "{titles}"
    );
    // An archive without copies: dupes finds nothing and says so.
    let alone = support::cli::archive();
    let out = alone
        .folio(&["dupes"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("UTF-8");
    assert!(out.contains("0 stories published more than once"), "{out}");
}
