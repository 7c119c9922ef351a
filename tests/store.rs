//! The store against real folders: reuse of the index, change detection, rebuilds, odd files.

use std::path::PathBuf;

use folio::catalog::Catalog;
use folio::progress::{Phase, Progress};
use folio::store::{Store, StoreOptions};

mod support;
use support::archive::{Folder, titles};

fn problem_lines(catalog: &dyn Catalog) -> Vec<String> {
    catalog.problems().iter().map(|p| p.to_string()).collect()
}

#[test]
fn a_second_open_reuses_the_index_without_parsing() {
    let archive = Folder::new();
    archive.article("a.txt", 1, "Alpha");
    archive.article("b.txt", 2, "Bravo");
    archive.article("sub/c.txt", 3, "Charlie");

    let (store, first) = archive.sync();
    assert_eq!(first.added, 3);
    assert!(first.rebuilt.is_some(), "a first index says it was built");
    drop(store);

    let store = archive.open();
    assert_eq!(
        store.snapshot().timeline().len(),
        3,
        "open shows the index before any sync"
    );
    let second = store.sync(&mut |_| {}).unwrap();
    assert_eq!(
        (
            second.added,
            second.changed,
            second.removed,
            second.unchanged
        ),
        (0, 0, 0, 3)
    );
    assert_eq!(second.rebuilt, None);
}

#[test]
fn changed_added_and_deleted_files_are_noticed() {
    let archive = Folder::new();
    archive.article("a.txt", 1, "Alpha");
    let b = archive.article("b.txt", 2, "Bravo");
    let c = archive.article("c.txt", 3, "Charlie");
    archive.sync();

    archive.article_at(
        "b.txt",
        "https://news.example/20220102/b-txt.html",
        2,
        "Bravo, rewritten at greater length",
    );
    std::fs::remove_file(&c).unwrap();
    archive.article("d.txt", 4, "Delta");

    let (store, report) = archive.sync();
    assert_eq!(
        (
            report.added,
            report.changed,
            report.removed,
            report.unchanged
        ),
        (1, 1, 1, 1)
    );
    let mut shown = titles(store.snapshot().as_ref());
    shown.sort();
    assert_eq!(
        shown,
        ["Alpha", "Bravo, rewritten at greater length", "Delta"]
    );
    assert!(b.exists());
}

#[test]
fn a_corrupt_index_is_rebuilt_and_says_so() {
    let archive = Folder::new();
    archive.article("a.txt", 1, "Alpha");
    archive.article("b.txt", 2, "Bravo");
    let (store, _) = archive.sync();
    let index = store.cache_folder().join("index");
    drop(store);
    for entry in std::fs::read_dir(&index).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::write(&path, b"\x00garbage\xff not an index").unwrap();
        }
    }

    let (store, report) = archive.sync();
    let why = report.rebuilt.unwrap_or_default();
    assert!(why.contains("could not be read"), "{why}");
    assert_eq!(report.added, 2);
    assert_eq!(store.snapshot().timeline().len(), 2);
}

#[test]
fn an_index_of_another_format_is_rebuilt() {
    let archive = Folder::new();
    archive.article("a.txt", 1, "Alpha");
    let (store, _) = archive.sync();
    let meta = store.cache_folder().join("meta.json");
    drop(store);
    std::fs::write(&meta, r#"{"format": 999, "folio": "9.9.9", "roots": []}"#).unwrap();

    let (store, report) = archive.sync();
    let why = report.rebuilt.unwrap_or_default();
    assert!(why.contains("format 999"), "{why}");
    assert_eq!(store.snapshot().timeline().len(), 1);
}

#[test]
fn the_timeline_is_newest_first() {
    let archive = Folder::new();
    archive.article("old.txt", 3, "Third of January");
    archive.article("new.txt", 20, "Twentieth of January");
    archive.article("mid.txt", 9, "Ninth of January");
    let (store, _) = archive.sync();
    assert_eq!(
        titles(store.snapshot().as_ref()),
        [
            "Twentieth of January",
            "Ninth of January",
            "Third of January"
        ]
    );
}

#[test]
fn odd_names_are_indexed_and_hidden_files_skipped() {
    let archive = Folder::new();
    archive.article("with spaces.txt", 1, "Spaces");
    archive.article("données/élysée 北京.txt", 2, "Unicode");
    archive.article(".hidden.txt", 3, "Hidden file");
    archive.article(".git/inside.txt", 4, "Hidden folder");
    let (store, report) = archive.sync();
    let mut shown = titles(store.snapshot().as_ref());
    shown.sort();
    assert_eq!(shown, ["Spaces", "Unicode"]);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[cfg(unix)]
#[test]
fn unreadable_entries_become_problems_that_persist() {
    let archive = Folder::new();
    archive.article("good.txt", 1, "Good");
    let root = archive.root();

    let fifo = root.join("pipe.txt");
    let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);

    let huge = root.join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(folio::parse::MAX_FILE_BYTES + 1)
        .unwrap();

    std::fs::create_dir(root.join("loop")).unwrap();
    std::os::unix::fs::symlink(root.join("loop"), root.join("loop/again")).unwrap();
    std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("broken.txt")).unwrap();

    let (store, report) = archive.sync();
    assert_eq!(titles(store.snapshot().as_ref()), ["Good"]);
    let lines = problem_lines(store.snapshot().as_ref());
    let about = |name: &str, words: &str| {
        assert!(
            lines.iter().any(|l| l.contains(name) && l.contains(words)),
            "no problem about {name} ({words}) in {lines:#?}"
        );
    };
    about("pipe.txt", "named pipe");
    about("huge.txt", "over folio's limit");
    about("again", "symbolic link loop");
    about("broken.txt", "broken symbolic link");
    assert_eq!(report.problems.len(), 4, "{:#?}", report.problems);
    drop(store);

    // A warm open lists the same problems without reading anything again.
    let store = archive.open();
    assert_eq!(problem_lines(store.snapshot().as_ref()), lines);
    let again = store.sync(&mut |_| {}).unwrap();
    assert_eq!((again.added, again.changed, again.unchanged), (0, 0, 5));
    assert_eq!(problem_lines(store.snapshot().as_ref()), lines);
}

#[test]
fn the_same_url_in_two_files_keeps_both() {
    let archive = Folder::new();
    let url = "https://news.example/20220105/same.html";
    let first = archive.article_at("a.txt", url, 5, "First copy");
    let second = archive.article_at("b.txt", url, 5, "Second copy");
    let (store, report) = archive.sync();
    let catalog = store.snapshot();
    let rows: Vec<_> = catalog
        .timeline()
        .iter()
        .filter_map(|e| catalog.row(e))
        .collect();
    assert_eq!(rows.len(), 2);
    assert_ne!(rows[0].id, rows[1].id, "duplicates get distinct ids");
    let problem = report
        .problems
        .iter()
        .find(|p| p.what.contains("same URL"))
        .expect("a duplicate problem");
    assert_eq!(problem.path.file_name(), second.file_name());
    assert!(
        problem.what.contains(&*first.to_string_lossy()),
        "{problem}"
    );

    // The duplicate keeps its id across syncs, so reading state keyed by it survives.
    drop(store);
    std::fs::write(&first, std::fs::read_to_string(&first).unwrap() + "More.\n").unwrap();
    let (store, _) = archive.sync();
    let catalog = store.snapshot();
    let mut ids: Vec<_> = catalog
        .timeline()
        .iter()
        .filter_map(|e| catalog.row(e))
        .map(|r| r.id)
        .collect();
    let mut before: Vec<_> = rows.into_iter().map(|r| r.id).collect();
    ids.sort();
    before.sort();
    assert_eq!(ids, before);
}

#[test]
fn load_rereads_the_file_and_reports_when_it_is_gone() {
    let archive = Folder::new();
    let path = archive.article("a.txt", 1, "Alpha");
    let (store, _) = archive.sync();
    let catalog = store.snapshot();
    let entry = catalog.timeline()[0];
    let article = catalog.load(&entry).unwrap();
    assert_eq!(article.title, "Alpha");
    assert_eq!(Some(article.id), catalog.row(&entry).map(|r| r.id));

    std::fs::remove_file(&path).unwrap();
    let problem = catalog.load(&entry).unwrap_err();
    assert_eq!(problem.path, path);
}

#[test]
fn progress_fills_the_timeline_and_ends_with_done() {
    let archive = Folder::new();
    for i in 0..40 {
        archive.article(&format!("a{i}.txt"), 1 + i % 28, &format!("Article {i}"));
    }
    let store = archive.open();
    let mut reports: Vec<Progress> = Vec::new();
    store.sync(&mut |p| reports.push(p.clone())).unwrap();
    let last = reports.last().unwrap();
    assert_eq!(last.phase, Phase::Done);
    assert_eq!((last.indexed, last.to_index), (40, Some(40)));
    assert!(reports.iter().any(|p| p.committed));
    assert_eq!(store.snapshot().timeline().len(), 40);
}

#[test]
fn a_missing_folder_is_an_error_naming_it() {
    let cache = tempfile::tempdir().unwrap();
    let options = StoreOptions {
        cache_dir: cache.path().to_path_buf(),
    };
    let missing = PathBuf::from("/no/such/archive");
    let Err(e) = Store::open(&[missing], &options) else {
        panic!("opened a missing folder");
    };
    assert!(e.to_string().contains("/no/such/archive"), "{e}");
}

#[test]
fn store_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Store>();
}
