//! What the watcher's syncs (`Store::sync_paths`) must survive: a rename storm while they
//! run, and a symbolic link that loops back to a folder above it, made while watching. Each
//! ends with the index a full walk of the same files would build: nothing lost, nothing
//! counted twice.

use std::path::PathBuf;

use folio::store::{PathChanges, Store};

mod support;
use support::archive::Folder;

/// The timeline's titles (sorted, each as often as it shows) and the problems' paths that
/// a full walk into a fresh index finds now.
fn walked(archive: &Folder) -> (Vec<String>, Vec<PathBuf>) {
    let cache = tempfile::tempdir().expect("a temp dir");
    let store = archive.open_in(cache.path());
    store.sync(&mut |_| {}).expect("the archive indexes");
    contents(&store)
}

fn changed(paths: impl IntoIterator<Item = PathBuf>) -> PathChanges {
    PathChanges {
        paths: paths.into_iter().collect(),
        ..PathChanges::default()
    }
}

fn contents(store: &Store) -> (Vec<String>, Vec<PathBuf>) {
    let snapshot = store.snapshot();
    let mut titles: Vec<String> = snapshot
        .timeline()
        .iter()
        .filter_map(|e| snapshot.row(e))
        .map(|r| r.title)
        .collect();
    titles.sort();
    let mut problems: Vec<PathBuf> = snapshot.problems().iter().map(|p| p.path.clone()).collect();
    problems.sort();
    (titles, problems)
}

#[test]
fn a_rename_storm_during_syncs_ends_with_each_article_once() {
    const FILES: usize = 300;
    let archive = Folder::new();
    let names = |side: &'static str| (0..FILES).map(move |n| format!("storm/{side}-{n}.txt"));
    for (n, name) in names("a").enumerate() {
        archive.article(&name, 5, &format!("Storm {n}"));
    }
    let store = archive.synced();
    // Every name a file may have: what the watcher names after a storm of renames.
    let every_name: Vec<PathBuf> = names("a")
        .chain(names("b"))
        .map(|n| archive.path(&n))
        .collect();

    let storm = {
        let root = archive.dir.path().to_path_buf();
        std::thread::spawn(move || {
            for round in 0..10 {
                let (from, to) = if round % 2 == 0 {
                    ("a", "b")
                } else {
                    ("b", "a")
                };
                for n in 0..FILES {
                    let from = root.join(format!("storm/{from}-{n}.txt"));
                    std::fs::rename(from, root.join(format!("storm/{to}-{n}.txt"))).unwrap();
                }
            }
        })
    };
    // Syncs run while the files move under them, as the watcher's bursts would.
    let mut syncs = 0;
    while !storm.is_finished() {
        store
            .sync_paths(&changed(every_name.clone()), &mut |_| {})
            .unwrap();
        syncs += 1;
    }
    storm.join().unwrap();
    // The last burst names every path once more.
    store.sync_paths(&changed(every_name), &mut |_| {}).unwrap();
    assert!(syncs > 0);

    let (titles, problems) = contents(&store);
    assert_eq!(titles.len(), FILES, "each article once");
    assert_eq!((titles, problems), walked(&archive));
}

#[test]
fn a_symlink_loop_made_while_watching_is_skipped_as_the_walk_skips_it() {
    let archive = Folder::new();
    archive.article("a.txt", 5, "A");
    archive.article("sub/b.txt", 5, "B");
    let store = archive.synced();

    // A link in a known folder to the folder above it.
    let up = archive.path("sub/up");
    std::os::unix::fs::symlink("..", &up).unwrap();
    store.sync_paths(&changed([up]), &mut |_| {}).unwrap();
    assert_eq!(contents(&store), walked(&archive));
    assert_eq!(contents(&store).0, ["A", "B"]);

    // A new folder holding an article and a link back to the archive's root: the folder is
    // listed whole, and the link must not bring the whole archive in a second time.
    archive.article("new/c.txt", 5, "C");
    std::os::unix::fs::symlink(archive.dir.path(), archive.path("new/root")).unwrap();
    store
        .sync_paths(&changed([archive.path("new")]), &mut |_| {})
        .unwrap();
    assert_eq!(contents(&store), walked(&archive));
    assert_eq!(contents(&store).0, ["A", "B", "C"]);
}
