//! Walking one folder below a root as the walk from the root would walk it.
//!
//! A walk that follows symbolic links stops at a link that leads back to a folder it is
//! inside, and records it as a problem. A walk started at a folder below the root knows only
//! the folders from there down: a link made there back to the root (or any folder between)
//! would bring the whole archive in a second time, under new paths. So the folders above the
//! start, up to the root, are checked here as the walk from the root checks its own.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};

use super::{Found, builder_keeping, loop_found, scan_built};

/// The files below `start` (a folder under `root`), and a problem for each link that loops.
pub fn scan_below(start: &Path, root: &Path, exclude: &Path, seen: &AtomicU64) -> Vec<Found> {
    // The folders the walk from the root is inside when it reaches `start`, as it names them
    // and as they really are.
    let above: Vec<(PathBuf, PathBuf)> = start
        .ancestors()
        .skip(1)
        .take_while(|a| a.starts_with(root))
        .filter_map(|a| Some((a.canonicalize().ok()?, a.to_path_buf())))
        .collect();
    if let Some(found) = looping(start, &above) {
        return vec![found];
    }
    let loops = Arc::new(Mutex::new(Vec::new()));
    let seen_loops = Arc::clone(&loops);
    let keep = move |entry: &ignore::DirEntry| {
        if !entry.path_is_symlink() {
            return true;
        }
        let Some(found) = looping(entry.path(), &above) else {
            return true;
        };
        if let Ok(mut loops) = seen_loops.lock() {
            loops.push(found);
        }
        false
    };
    let Some(builder) = builder_keeping(&[start.to_path_buf()], exclude, keep) else {
        return Vec::new();
    };
    let mut found = scan_built(builder, seen, &|_| true);
    if let Ok(mut loops) = loops.lock() {
        found.append(&mut loops);
    }
    found
}

/// The problem the walk records for `path` when it is a link to one of the folders `above`.
fn looping(path: &Path, above: &[(PathBuf, PathBuf)]) -> Option<Found> {
    let link = std::fs::symlink_metadata(path).ok()?;
    if !link.file_type().is_symlink() {
        return None;
    }
    let target = path.canonicalize().ok()?;
    let (_, ancestor) = above.iter().find(|(real, _)| *real == target)?;
    Some(loop_found(path, ancestor))
}
