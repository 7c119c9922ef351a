//! Bringing the index up to date with the few paths a folder watcher saw change, without
//! walking the archive: only they are looked at, and only the new and changed files among
//! them are parsed and indexed.
//!
//! The index keeps no list of folders, so a folder that went away (deleted, or renamed
//! elsewhere) cannot be told from a file that never held an article by its path alone: the
//! watcher says which paths may have been folders, and when one of those is gone and held no
//! article, the sync falls back to the full walk (its articles are somewhere below).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

use super::super::scan::{At, look_at, path_key, scan_below};
use super::known::Known;
use super::{Store, StoreError, SyncReport, write_listed};
use crate::progress::Progress;

/// What a folder watcher saw change since the last sync, merged over a burst.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathChanges {
    /// Files and folders created, written, deleted or renamed (both names of a rename).
    pub paths: BTreeSet<PathBuf>,
    /// Those that may have been folders when they went (a folder removed, a name renamed
    /// away that the watcher never saw created as a file).
    pub maybe_folders: BTreeSet<PathBuf>,
    /// The watcher lost events (its queue overflowed): only a walk can tell what changed.
    pub rescan: bool,
}

impl PathChanges {
    /// Both sets of changes, for a sync that serves two bursts at once.
    pub fn merge(mut self, newer: PathChanges) -> PathChanges {
        self.paths.extend(newer.paths);
        self.maybe_folders.extend(newer.maybe_folders);
        self.rescan |= newer.rescan;
        self
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && !self.rescan
    }
}

/// Syncs the named paths. `None`: a walk is needed instead (see the module's comment).
pub fn run_paths(
    store: &Store,
    changes: &PathChanges,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Option<SyncReport>, StoreError> {
    let before = store.current();
    if changes.rescan || before.searcher().num_docs() == 0 {
        return Ok(None);
    }
    let mut state = Progress::starting();
    progress(&state);
    let exclude = &store.location.dir;
    let seen = AtomicU64::new(0);
    let (mut found, mut gone) = (Vec::new(), Vec::new());
    for path in changes.paths.iter().filter(|p| store.follows(p)) {
        match look_at(path) {
            At::File(file) => found.push(file),
            At::Folder => {
                let root = store.roots.iter().find(|r| path.starts_with(r));
                let root = root.map_or(path.as_path(), |r| r.as_path());
                found.extend(scan_below(path, root, exclude, &seen));
            }
            At::Gone => gone.push(path.as_path()),
        }
    }
    found.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    found.dedup_by_key(|f| f.key);
    let gone_keys: Vec<u64> = gone.iter().map(|p| path_key(p)).collect();
    let keys: Vec<u64> = found
        .iter()
        .map(|f| f.key)
        .chain(gone_keys.clone())
        .collect();
    let known = Known::of_keys(&before, &keys).map_err(|e| store.index_error(e))?;
    let folder_gone = gone
        .iter()
        .zip(&gone_keys)
        .any(|(path, key)| !known.holds(*key) && changes.maybe_folders.contains(*path));
    if folder_gone {
        return Ok(None);
    }
    state.files_seen = changes.paths.len() as u64;
    let report = write_listed(
        store, &before, known, found, gone_keys, &mut state, progress,
    )?;
    Ok(Some(report))
}

impl Store {
    /// Whether a path is one the walk would index: under a root, not under the index's own
    /// folder, and not hidden (no name below the root starts with a dot).
    fn follows(&self, path: &Path) -> bool {
        if path.starts_with(&self.location.dir) {
            return false;
        }
        self.roots.iter().any(|root| {
            path.strip_prefix(root).is_ok_and(|below| {
                !below
                    .components()
                    .any(|c| c.as_os_str().as_encoded_bytes().starts_with(b"."))
            })
        })
    }
}
