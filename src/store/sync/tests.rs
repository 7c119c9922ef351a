//! Syncs against real folders: the first build's streaming, and what a later sync must still
//! notice. (The store's behaviour as a whole is tested in `tests/store.rs`.)

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::run_walking;
use crate::catalog::Catalog;
use crate::progress::Progress;
use crate::store::scan::walk_in_order;
use crate::store::{PathChanges, Store, StoreOptions, SyncReport};

struct Archive {
    dir: tempfile::TempDir,
    cache: tempfile::TempDir,
}

impl Archive {
    fn new() -> Archive {
        Archive {
            dir: tempfile::tempdir().unwrap(),
            cache: tempfile::tempdir().unwrap(),
        }
    }

    fn write(&self, name: &str, url: &str, title: &str) -> PathBuf {
        let text = format!(
            " date 2022-01 {url}\n\n{title}\n\nA lede about {title}... 05.01.2022, Example News\n\n\
             The body of the article about {title}.\n"
        );
        let path = self.dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    fn article(&self, name: &str, title: &str) -> PathBuf {
        let url = format!(
            "https://news.example/20220105/{}.html",
            name.replace('/', "-")
        );
        self.write(name, &url, title)
    }

    fn open(&self, roots: &[PathBuf]) -> Store {
        let options = StoreOptions {
            cache_dir: self.cache.path().to_path_buf(),
        };
        Store::open(roots, &options).unwrap()
    }

    fn sync(&self) -> (Store, SyncReport) {
        let store = self.open(&[self.dir.path().to_path_buf()]);
        let report = store.sync(&mut |_| {}).unwrap();
        (store, report)
    }
}

fn counts(report: &SyncReport) -> (u64, u64, u64, u64) {
    (
        report.added,
        report.changed,
        report.removed,
        report.unchanged,
    )
}

fn ids_by_title(catalog: &dyn Catalog) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = catalog
        .timeline()
        .iter()
        .filter_map(|e| catalog.row(e))
        .map(|r| (r.title, r.id.to_string()))
        .collect();
    rows.sort();
    rows
}

#[test]
fn a_first_build_shows_articles_before_the_walk_has_ended() {
    const FILES: usize = 3000;
    // Where the walk stalls (a slow disk) until the index shows articles: a whole number of
    // chunks, so that nothing found waits in the walker.
    const STALL_AT: usize = super::FIRST_COMMIT_DOCS + super::CHUNK;
    let archive = Archive::new();
    for i in 0..FILES {
        archive.article(
            &format!("{:02}/{i:05}.txt", i / 500),
            &format!("Article {i}"),
        );
    }
    let store = archive.open(&[archive.dir.path().to_path_buf()]);
    let shown = AtomicBool::new(false);
    let walk = |each: &mut dyn FnMut(super::Found) -> bool| {
        let mut found = 0;
        walk_in_order(&store.roots, &store.location.dir, &mut |file| {
            let go_on = each(file);
            found += 1;
            let stalled = Instant::now();
            while found == STALL_AT
                && !shown.load(Ordering::SeqCst)
                && stalled.elapsed() < Duration::from_secs(20)
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            go_on
        });
    };
    let mut first_commit: Option<(Progress, usize)> = None;
    let mut last = None;
    let mut progress = |p: &Progress| {
        if p.committed && first_commit.is_none() {
            first_commit = Some((p.clone(), store.snapshot().timeline().len()));
            shown.store(true, Ordering::SeqCst);
        }
        last = Some(p.clone());
    };
    run_walking(&store, &mut progress, &walk).unwrap();

    let (progress, rows) = first_commit.expect("a commit during the build");
    assert!(
        progress.files_seen == STALL_AT as u64 && progress.to_index.is_none(),
        "the first commit waited for the walk: {progress:?}"
    );
    assert_eq!(
        rows as u64, progress.indexed,
        "the snapshot shows what was indexed"
    );
    assert!(rows > 0);
    let last = last.unwrap();
    assert_eq!(
        (last.indexed, last.to_index),
        (FILES as u64, Some(FILES as u64))
    );
    assert_eq!(store.snapshot().timeline().len(), FILES);
}

#[test]
fn a_later_sync_notices_changes_and_deletions() {
    let archive = Archive::new();
    let kept = archive.article("kept.txt", "Kept");
    let edited = archive.article("sub/edited.txt", "Edited");
    let deleted = archive.article("sub/deleted.txt", "Deleted");
    let (_, first) = archive.sync();
    assert_eq!(counts(&first), (3, 0, 0, 0));

    archive.write(
        "sub/edited.txt",
        "https://news.example/20220105/sub-edited.txt.html",
        "Edited at greater length",
    );
    std::fs::remove_file(&deleted).unwrap();
    archive.article("new.txt", "New");
    let (store, second) = archive.sync();
    assert_eq!(counts(&second), (1, 1, 1, 1));
    let titles: Vec<String> = ids_by_title(store.snapshot().as_ref())
        .into_iter()
        .map(|(title, _)| title)
        .collect();
    assert_eq!(titles, ["Edited at greater length", "Kept", "New"]);
    assert!(kept.exists() && edited.exists());

    let (_, third) = archive.sync();
    assert_eq!(counts(&third), (0, 0, 0, 3), "nothing left to do");
}

#[test]
fn a_moved_file_keeps_its_id_and_is_no_duplicate() {
    let archive = Archive::new();
    let url = "https://news.example/20220105/moving.html";
    let old = archive.write("a/moving.txt", url, "Moving");
    archive.article("b/other.txt", "Other");
    let (store, _) = archive.sync();
    let before = ids_by_title(store.snapshot().as_ref());
    drop(store);

    // Moved to a folder walked before its old one: the new path is indexed while the old
    // document still holds the URL, and must not be taken for a second copy of it.
    std::fs::create_dir_all(archive.dir.path().join("0")).unwrap();
    std::fs::rename(&old, archive.dir.path().join("0/moving.txt")).unwrap();
    let (store, report) = archive.sync();
    assert_eq!(counts(&report), (1, 0, 1, 1));
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(ids_by_title(store.snapshot().as_ref()), before);
}

#[test]
fn nested_roots_index_each_file_once() {
    let archive = Archive::new();
    archive.article("top.txt", "Top");
    archive.article("inner/one.txt", "One");
    archive.article("inner/two.txt", "Two");
    let roots = [
        archive.dir.path().to_path_buf(),
        archive.dir.path().join("inner"),
    ];
    let sync = |archive: &Archive| {
        let store = archive.open(&roots);
        let report = store.sync(&mut |_| {}).unwrap();
        let shown = store.snapshot().timeline().len();
        (counts(&report), shown)
    };
    assert_eq!(sync(&archive), ((3, 0, 0, 0), 3), "a first build");
    archive.article("inner/three.txt", "Three");
    assert_eq!(sync(&archive), ((1, 0, 0, 3), 4), "a later sync");
}

#[test]
fn two_new_files_with_one_url_keep_the_first_by_path_as_owner() {
    let archive = Archive::new();
    let url = "https://news.example/20220105/same.html";
    archive.write("b.txt", url, "Second by path");
    archive.write("a.txt", url, "First by path");
    let (store, report) = archive.sync();
    let rows = ids_by_title(store.snapshot().as_ref());
    assert_eq!(rows[0], ("First by path".to_string(), url.to_string()));
    assert!(
        rows[1].1.starts_with(&format!("{url}#duplicate-")),
        "{rows:?}"
    );
    let problem = &report.problems[0];
    assert_eq!(problem.path.file_name(), Path::new("b.txt").file_name());
    assert!(problem.what.ends_with("a.txt"), "{problem}");
}

fn changed(paths: &[&Path]) -> PathChanges {
    PathChanges {
        paths: paths.iter().map(|p| p.to_path_buf()).collect(),
        ..PathChanges::default()
    }
}

fn titles(store: &Store) -> Vec<String> {
    ids_by_title(&*store.snapshot())
        .into_iter()
        .map(|(title, _)| title)
        .collect()
}

#[test]
fn a_sync_of_named_paths_adds_rewrites_and_removes_only_those() {
    let archive = Archive::new();
    let kept = archive.article("kept.txt", "Kept");
    let old = archive.article("old.txt", "Old");
    let (store, _) = archive.sync();
    let new = archive.article("new.txt", "New");
    std::fs::remove_file(&old).unwrap();
    let rewritten = archive.article("kept.txt", "Kept again, longer");
    assert_eq!(rewritten, kept);
    let report = store
        .sync_paths(&changed(&[&new, &old, &kept]), &mut |_| {})
        .unwrap();
    assert_eq!(counts(&report), (1, 1, 1, 0));
    assert_eq!(titles(&store), ["Kept again, longer", "New"]);
}

#[test]
fn a_new_folder_is_indexed_whole_and_a_gone_temporary_file_costs_no_walk() {
    let archive = Archive::new();
    archive.article("a.txt", "A");
    let (store, _) = archive.sync();
    archive.article("more/deeper/b.txt", "B");
    let folder = archive.dir.path().join("more");
    let temporary = archive.dir.path().join("a.txt.partial");
    let hidden = archive.article(".c.txt", "Hidden");
    let report = store
        .sync_paths(&changed(&[&folder, &temporary, &hidden]), &mut |_| {})
        .unwrap();
    // A walk would have counted a.txt as unchanged.
    assert_eq!(counts(&report), (1, 0, 0, 0));
    assert_eq!(titles(&store), ["A", "B"]);
}

#[test]
fn a_folder_gone_away_is_found_by_a_walk() {
    let archive = Archive::new();
    archive.article("a.txt", "A");
    archive.article("old/b.txt", "B");
    archive.article("old/c.txt", "C");
    let (store, _) = archive.sync();
    let folder = archive.dir.path().join("old");
    std::fs::remove_dir_all(&folder).unwrap();
    let mut changes = changed(&[&folder]);
    changes.maybe_folders.insert(folder.clone());
    let report = store.sync_paths(&changes, &mut |_| {}).unwrap();
    assert_eq!(counts(&report), (0, 0, 2, 1));
    assert_eq!(titles(&store), ["A"]);
}

#[test]
fn a_root_gone_while_open_fails_the_sync_and_keeps_the_index() {
    let archive = Archive::new();
    archive.article("a.txt", "A");
    archive.article("deeper/b.txt", "B");
    let (store, _) = archive.sync();
    let root = archive.dir.path().to_path_buf();
    std::fs::remove_dir_all(&root).unwrap();
    let mut changes = changed(&[&root]);
    changes.maybe_folders.insert(root.clone());
    let failed = store.sync_paths(&changes, &mut |_| {});
    assert!(
        matches!(&failed, Err(crate::store::StoreError::Root { path, .. }) if *path == root),
        "{:?}",
        failed.map(|r| counts(&r))
    );
    assert!(store.sync(&mut |_| {}).is_err());
    assert_eq!(titles(&store), ["A", "B"]);
}

#[test]
fn a_half_written_file_is_read_again_when_it_settles() {
    let archive = Archive::new();
    archive.article("a.txt", "A");
    let (store, _) = archive.sync();
    // The watcher's first burst may catch a file mid-write: a header and nothing more.
    let path = archive.dir.path().join("b.txt");
    std::fs::write(&path, " date 2022-01 https://news.example/b.html\n\n").unwrap();
    store.sync_paths(&changed(&[&path]), &mut |_| {}).unwrap();
    assert_eq!(titles(&store), ["A"], "nothing to show yet");
    // The writer's later writes are events of their own: the next burst reads it whole.
    let written = archive.article("b.txt", "B, whole");
    assert_eq!(written, path);
    let report = store.sync_paths(&changed(&[&path]), &mut |_| {}).unwrap();
    assert_eq!(counts(&report), (0, 1, 0, 0));
    assert_eq!(titles(&store), ["A", "B, whole"]);
}

#[test]
fn a_count_builds_no_timeline_and_the_reader_gets_one_built() {
    use crate::search::{Query, SearchOptions, SortBy, search_with};
    let archive = Archive::new();
    archive.article("a.txt", "Grain talks");
    archive.article("b.txt", "Port strike");
    let (store, _) = archive.sync();
    let current = store.current();
    assert!(!current.timeline_built());
    let count = |text: &str| {
        let options = SearchOptions {
            sort: SortBy::Date,
            limit: 0,
        };
        let query = Query::parse(text).unwrap();
        search_with(current.as_ref(), &query, None, &options)
            .unwrap()
            .count
    };
    assert_eq!(count("grain"), 1);
    // The pass over every document is what a count at a million articles could not afford.
    assert!(!current.timeline_built());
    assert_eq!(count("source:example grain"), 1);
    assert_eq!(store.snapshot().timeline().len(), 2);
    assert!(store.current().timeline_built());
}
