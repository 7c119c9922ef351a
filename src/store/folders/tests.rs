use super::*;

/// An archive with a file at its root and one in a subfolder (and a hidden one, ignored).
fn archive() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::write(root.join("a.txt"), "a").unwrap();
    std::fs::write(root.join("sub/b.txt"), "b").unwrap();
    std::fs::write(root.join(".hidden"), "h").unwrap();
    (dir, root)
}

fn keys_of(folders: &mut Folders, path: &Path) -> Vec<u64> {
    let mtime = folders.mtime(path).unwrap();
    let keys = folders.remove(path).unwrap();
    folders.replace(path, mtime, keys.clone()).unwrap();
    keys
}

#[test]
fn a_record_reads_back_as_written_and_garbage_reads_as_none() {
    let (dir, root) = archive();
    let folders = Folders::record(std::slice::from_ref(&root), &dir.path().join("cache"));
    assert_eq!(folders.paths(), [root.clone(), root.join("sub")]);
    folders.save(dir.path()).unwrap();
    let mut loaded = Folders::load(dir.path()).unwrap();
    assert_eq!(loaded.paths(), folders.paths());
    assert_eq!(loaded.mtime(&root), folders.mtime(&root));
    assert_eq!(keys_of(&mut loaded, &root), [path_key(&root.join("a.txt"))]);
    for garbage in [&b"foliodr2\x05"[..], b"foliodr1\0\0\0\0\0\0\0\0", b""] {
        std::fs::write(dir.path().join(FILE), garbage).unwrap();
        assert!(Folders::load(dir.path()).is_none());
    }
}

#[test]
fn a_changed_folder_is_saved_with_the_others_kept_as_they_were() {
    let (dir, root) = archive();
    std::fs::create_dir(root.join("third")).unwrap();
    std::fs::write(root.join("third/c.txt"), "c").unwrap();
    let roots = std::slice::from_ref(&root);
    Folders::record(roots, &dir.path().join("cache"))
        .save(dir.path())
        .unwrap();
    let mut loaded = Folders::load(dir.path()).unwrap();
    let sub = root.join("sub");
    let old = loaded.replace(&sub, 7, vec![1, 2, 3]).unwrap();
    assert_eq!(old, [path_key(&sub.join("b.txt"))]);
    assert_eq!(
        loaded.remove(&root.join("third")).unwrap(),
        [path_key(&root.join("third/c.txt"))]
    );
    loaded.save(dir.path()).unwrap();
    let mut again = Folders::load(dir.path()).unwrap();
    assert_eq!(again.paths(), [root.clone(), sub.clone()]);
    assert_eq!(again.mtime(&sub), Some(7));
    assert_eq!(keys_of(&mut again, &sub), [1, 2, 3]);
    assert_eq!(keys_of(&mut again, &root), [path_key(&root.join("a.txt"))]);
}

#[test]
fn a_record_loaded_and_left_as_it_was_is_not_written_again() {
    let (dir, root) = archive();
    Folders::record(std::slice::from_ref(&root), &dir.path().join("cache"))
        .save(dir.path())
        .unwrap();
    let loaded = Folders::load(dir.path()).unwrap();
    // Writing the keys of a million files again each time was most of a plain command's
    // cost over `--no-sync`.
    std::fs::remove_file(dir.path().join(FILE)).unwrap();
    loaded.save(dir.path()).unwrap();
    assert!(!dir.path().join(FILE).exists());
}
