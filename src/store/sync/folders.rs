//! A plain command's sync: only the folders whose modification time changed since the last
//! one are listed (see `store/folders.rs` for what that sees and what it does not), and only
//! the new and changed files in them are parsed and indexed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::super::folders::Folders;
use super::super::scan::{At, Found, look_at, mtime_nanos};
use super::known::Known;
use super::{Store, StoreError, SyncReport, write_listed};
use crate::progress::Progress;

/// What listing the changed folders found.
#[derive(Default)]
struct Listed {
    found: Vec<Found>,
    gone: Vec<u64>,
}

/// Syncs the folders that changed. `None`: a full walk is needed (no record yet, an empty
/// index, a folder that is new to the record, or a record whose keys cannot be read back).
pub fn run_folders(
    store: &Store,
    record: &mut Folders,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Option<SyncReport>, StoreError> {
    let before = store.current();
    if before.searcher().num_docs() == 0 {
        return Ok(None);
    }
    let mut state = Progress::starting();
    let mut listed = Listed::default();
    // Most commands find no folder changed: this loop is all they do here.
    let changed: Vec<(PathBuf, Option<i64>)> = record
        .times()
        .filter_map(|(path, recorded)| {
            let now = std::fs::metadata(path).ok().filter(|m| m.is_dir());
            let now = now.map(|m| mtime_nanos(&m));
            (now != Some(recorded)).then(|| (path.to_path_buf(), now))
        })
        .collect();
    for (path, now) in changed {
        let Some(mtime) = now else {
            // Gone (or no longer a folder): its entries went with it; its subfolders are
            // in the record too and go the same way.
            let Ok(keys) = record.remove(&path) else {
                return Ok(None);
            };
            listed.gone.extend(keys);
            continue;
        };
        // The time is read before the listing: a change made meanwhile shows next time.
        if !list(store, record, &path, mtime, &mut listed) {
            return Ok(None);
        }
    }
    let Listed { mut found, gone } = listed;
    found.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    state.files_seen = found.len() as u64;
    let keys: Vec<u64> = found.iter().map(|f| f.key).chain(gone.clone()).collect();
    let known = Known::of_keys(&before, &keys).map_err(|e| store.index_error(e))?;
    let report = write_listed(store, &before, known, found, gone, &mut state, progress)?;
    Ok(Some(report))
}

/// Lists one changed folder into `listed` and updates its record. False when it holds a
/// folder the record does not know (new, or renamed into it): only a walk can list that;
/// or when the record's keys for it cannot be read back.
fn list(store: &Store, record: &mut Folders, dir: &Path, mtime: i64, listed: &mut Listed) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return true; // unreadable now: the index keeps what it had, and the record too
    };
    let mut keys = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().as_encoded_bytes().starts_with(b".");
        if hidden || path.starts_with(&store.location.dir) {
            continue;
        }
        match look_at(&path) {
            At::File(file) => {
                keys.push(file.key);
                listed.found.push(file);
            }
            At::Folder if !record.knows(&path) => return false,
            At::Folder | At::Gone => {}
        }
    }
    keys.sort_unstable();
    let now: HashSet<u64> = keys.iter().copied().collect();
    let Ok(before) = record.replace(dir, mtime, keys) else {
        return false;
    };
    listed
        .gone
        .extend(before.into_iter().filter(|k| !now.contains(k)));
    true
}
