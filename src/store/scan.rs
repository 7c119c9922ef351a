//! Walking the roots in parallel. Nothing here opens a file: FIFOs, sockets and devices are
//! recognised from their metadata (opening a FIFO would block), and every odd entry becomes
//! a [`Problem`] rather than an error, so one bad file never stops a scan.

use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::UNIX_EPOCH;

use ignore::{WalkBuilder, WalkState};

use crate::article::Problem;

/// One file found by the walk, with what change detection compares.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    pub key: u64,
    pub size: u64,
    pub mtime: i64,
    /// Set when the entry is not something folio can read; it is recorded, not parsed.
    pub skip: Option<Problem>,
}

/// A stable 64-bit key for a path, used to find its document in the index.
pub fn path_key(path: &Path) -> u64 {
    let hash = blake3::hash(path.as_os_str().as_encoded_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

/// Walks every root; `seen` counts entries as they are found, for progress reports.
/// Entries under `exclude` (the index, should it live inside an archive) are left out.
pub fn scan(roots: &[PathBuf], exclude: &Path, seen: &AtomicU64) -> Vec<Found> {
    let Some((first, rest)) = roots.split_first() else {
        return Vec::new();
    };
    let mut builder = WalkBuilder::new(first);
    for root in rest {
        builder.add(root);
    }
    builder
        .standard_filters(false)
        .hidden(true)
        .follow_links(true)
        .threads(std::thread::available_parallelism().map_or(2, |n| n.get().min(8)));
    let found = Mutex::new(Vec::new());
    builder.build_parallel().run(|| {
        let mut batch = Batch {
            local: Vec::new(),
            all: &found,
        };
        Box::new(move |entry| {
            let before = batch.local.len();
            let state = match entry {
                Ok(entry) => visit(&entry, exclude, &mut batch.local),
                Err(err) => {
                    batch.local.push(from_walk_error(&err));
                    WalkState::Continue
                }
            };
            seen.fetch_add((batch.local.len() - before) as u64, Ordering::Relaxed);
            if batch.local.len() >= 256 {
                batch.flush();
            }
            state
        })
    });
    found.into_inner().unwrap_or_default()
}

/// A walker thread's findings, moved to the shared list in batches (and the rest when the
/// thread's visitor is dropped) so that threads do not contend on every entry.
struct Batch<'a> {
    local: Vec<Found>,
    all: &'a Mutex<Vec<Found>>,
}

impl Batch<'_> {
    fn flush(&mut self) {
        if let Ok(mut all) = self.all.lock() {
            all.append(&mut self.local);
        }
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        self.flush();
    }
}

fn visit(entry: &ignore::DirEntry, exclude: &Path, out: &mut Vec<Found>) -> WalkState {
    let path = entry.path();
    let Some(file_type) = entry.file_type() else {
        return WalkState::Continue;
    };
    if file_type.is_dir() {
        return if path.starts_with(exclude) {
            WalkState::Skip
        } else {
            WalkState::Continue
        };
    }
    let metadata = match entry.metadata() {
        Ok(m) => m,
        Err(err) => {
            out.push(from_walk_error(&err));
            return WalkState::Continue;
        }
    };
    let mut found = found(path, Some(&metadata));
    if !file_type.is_file() {
        found.skip = Some(Problem::skipped(path, special_kind(&file_type)));
    } else if path.to_str().is_none() {
        found.skip = Some(Problem::skipped(
            path,
            "the file name is not valid UTF-8 (rename the file to have it indexed)",
        ));
    }
    out.push(found);
    WalkState::Continue
}

fn found(path: &Path, metadata: Option<&Metadata>) -> Found {
    Found {
        path: path.to_path_buf(),
        key: path_key(path),
        size: metadata.map_or(0, Metadata::len),
        mtime: metadata.map_or(0, mtime_nanos),
        skip: None,
    }
}

/// Modification time in nanoseconds since the epoch; 0 when the system does not say.
pub fn mtime_nanos(metadata: &Metadata) -> i64 {
    metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

fn special_kind(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "this is a named pipe (FIFO), not a file";
        }
        if file_type.is_socket() {
            return "this is a socket, not a file";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "this is a device, not a file";
        }
    }
    let _ = file_type;
    "this is not a regular file"
}

/// Turns a walk error into a problem with the path it concerns, so that it is listed like
/// any other unreadable file.
fn from_walk_error(err: &ignore::Error) -> Found {
    let (path, what) = describe(err);
    let path = path.unwrap_or_default();
    let metadata = std::fs::symlink_metadata(&path).ok();
    let mut found = found(&path, metadata.as_ref());
    found.skip = Some(Problem::skipped(&path, what));
    found
}

fn describe(err: &ignore::Error) -> (Option<PathBuf>, String) {
    match err {
        ignore::Error::WithPath { path, err } => {
            let (_, what) = describe(err);
            let broken_link = std::fs::symlink_metadata(path)
                .is_ok_and(|m| m.file_type().is_symlink())
                && !path.exists();
            let what = if broken_link {
                "a broken symbolic link (its target does not exist)".to_string()
            } else {
                what
            };
            (Some(path.clone()), what)
        }
        ignore::Error::Loop { ancestor, child } => (
            Some(child.clone()),
            format!(
                "a symbolic link loop (it leads back to {})",
                crate::sanitize::sanitize(&ancestor.to_string_lossy())
            ),
        ),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            describe(err)
        }
        ignore::Error::Io(e) => (None, io_reason(e)),
        other => (None, other.to_string()),
    }
}

/// A reason a person can act on, for the I/O errors files commonly hit.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => {
            "permission denied (check the file's permissions)".into()
        }
        std::io::ErrorKind::NotFound => "the file disappeared while folio was reading it".into(),
        _ => format!("it could not be read ({e})"),
    }
}
