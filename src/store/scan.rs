//! Walking the roots. Nothing here opens a file: FIFOs, sockets and devices are recognised
//! from their metadata (opening a FIFO would block), and every odd entry becomes a
//! [`Problem`] rather than an error, so one bad file never stops a scan.
//!
//! Two walks: [`scan`] runs on several threads in no particular order, for syncs that compare
//! every file with the index; [`walk_in_order`] runs on one thread in path order and hands
//! over each file as it is found, so a first build can index while it walks (one thread
//! stats files far faster than they are parsed and indexed).

use std::collections::HashSet;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::UNIX_EPOCH;

use ignore::{WalkBuilder, WalkState};

use crate::article::Problem;

mod below;

pub use below::scan_below;

/// One file found by the walk, with what change detection compares. Kept small (a sync may
/// hold one per file of the archive): the path boxed without spare capacity, the rare
/// problem boxed.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: Box<Path>,
    pub key: u64,
    pub size: u64,
    pub mtime: i64,
    /// Set when the entry is not something folio can read; it is recorded, not parsed.
    pub skip: Option<Box<Problem>>,
}

/// What change detection compares, known before the path is copied: a sync that keeps only
/// the files that changed never allocates for the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub key: u64,
    pub size: u64,
    pub mtime: i64,
}

/// A stable 64-bit key for a path, used to find its document in the index.
pub fn path_key(path: &Path) -> u64 {
    let hash = blake3::hash(path.as_os_str().as_encoded_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

/// Entries under `exclude` (the index, should it live inside an archive) are left out.
pub fn builder(roots: &[PathBuf], exclude: &Path) -> Option<WalkBuilder> {
    builder_keeping(roots, exclude, |_| true)
}

/// [`builder`], also leaving out the entries (and what is below them) `keep` refuses.
fn builder_keeping(
    roots: &[PathBuf],
    exclude: &Path,
    keep: impl Fn(&ignore::DirEntry) -> bool + Send + Sync + 'static,
) -> Option<WalkBuilder> {
    let (first, rest) = roots.split_first()?;
    let mut builder = WalkBuilder::new(first);
    for root in rest {
        builder.add(root);
    }
    let exclude = exclude.to_path_buf();
    builder
        .standard_filters(false)
        .hidden(true)
        .follow_links(true)
        .filter_entry(move |entry| {
            !entry.path().starts_with(&exclude)
                && !crate::parse::is_database_side_file(entry.path())
                && keep(entry)
        });
    Some(builder)
}

/// Walks every root on several threads and returns the entries `keep` wants; `seen` counts
/// every entry as it is found, for progress reports. A file under two nested roots is found
/// twice.
pub fn scan(
    roots: &[PathBuf],
    exclude: &Path,
    seen: &AtomicU64,
    keep: &(dyn Fn(&Stamp) -> bool + Sync),
) -> Vec<Found> {
    match builder(roots, exclude) {
        Some(builder) => scan_built(builder, seen, keep),
        None => Vec::new(),
    }
}

/// [`scan`] with the walk's builder given.
fn scan_built(
    mut builder: WalkBuilder,
    seen: &AtomicU64,
    keep: &(dyn Fn(&Stamp) -> bool + Sync),
) -> Vec<Found> {
    builder.threads(std::thread::available_parallelism().map_or(2, |n| n.get().min(8)));
    let found = Mutex::new(Vec::new());
    builder.build_parallel().run(|| {
        let mut batch = Batch {
            local: Vec::new(),
            all: &found,
        };
        Box::new(move |entry| {
            if let Some(entry) = visit(entry) {
                seen.fetch_add(1, Ordering::Relaxed);
                if keep(&entry.stamp) {
                    batch.local.push(entry.into_found());
                    if batch.local.len() >= 256 {
                        batch.flush();
                    }
                }
            }
            WalkState::Continue
        })
    });
    found.into_inner().unwrap_or_default()
}

/// Walks every root on this thread, in path order (file names sorted in each folder), and
/// hands each entry to `each` until it returns false. A file under two nested roots is
/// handed over once.
pub fn walk_in_order(roots: &[PathBuf], exclude: &Path, each: &mut dyn FnMut(Found) -> bool) {
    let Some(mut builder) = builder(roots, exclude) else {
        return;
    };
    builder.sort_by_file_name(|a, b| a.cmp(b));
    // Only nested roots can yield a path twice; a set of every key would cost memory in
    // proportion to the archive for nothing.
    let nested = roots
        .iter()
        .any(|r| roots.iter().any(|o| o != r && r.starts_with(o)));
    let mut handed = nested.then(HashSet::new);
    for entry in builder.build() {
        let Some(entry) = visit(entry) else { continue };
        if let Some(handed) = &mut handed
            && !handed.insert(entry.stamp.key)
        {
            continue;
        }
        if !each(entry.into_found()) {
            return;
        }
    }
}

/// What is at a path a watcher named, looked at without a walk.
pub enum At {
    /// A file (or an entry folio records as a problem: a FIFO, a name that is not UTF-8...).
    File(Found),
    Folder,
    Gone,
}

/// Looks at one path the way the walk would (following symbolic links).
pub fn look_at(path: &Path) -> At {
    if crate::parse::is_database_side_file(path) {
        // Part of the database beside it, which is looked at when it changes.
        return At::Gone;
    }
    let metadata = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A broken symbolic link is recorded by the walk; a vanished path is gone.
            if std::fs::symlink_metadata(path).is_err() {
                return At::Gone;
            }
            let what = "a broken symbolic link (its target does not exist)";
            return At::File(found(path, None, Some(what.to_string())));
        }
        Err(e) => return At::File(found(path, None, Some(io_reason(&e)))),
    };
    let file_type = metadata.file_type();
    if file_type.is_dir() {
        return At::Folder;
    }
    let skip = if !file_type.is_file() {
        Some(special_kind(&file_type).to_string())
    } else if path.to_str().is_none() {
        Some("the file name is not valid UTF-8 (rename the file to have it indexed)".to_string())
    } else {
        None
    };
    At::File(found(path, Some(&metadata), skip))
}

fn found(path: &Path, metadata: Option<&Metadata>, skip: Option<String>) -> Found {
    let stamp = stamp(path, metadata);
    Found {
        path: path.into(),
        key: stamp.key,
        size: stamp.size,
        mtime: stamp.mtime,
        skip: skip.map(|what| Box::new(Problem::skipped(path, what))),
    }
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

/// One entry of a walk, before its path is copied out of the walker's entry.
struct Visited {
    path: Source,
    stamp: Stamp,
    skip: Option<Box<Problem>>,
}

enum Source {
    Entry(ignore::DirEntry),
    Error(PathBuf),
}

impl Visited {
    fn into_found(self) -> Found {
        let path = match self.path {
            Source::Entry(entry) => entry.into_path(),
            Source::Error(path) => path,
        };
        Found {
            path: path.into_boxed_path(),
            key: self.stamp.key,
            size: self.stamp.size,
            mtime: self.stamp.mtime,
            skip: self.skip,
        }
    }
}

/// The file an entry of the walk stands for (None for a folder).
fn visit(entry: Result<ignore::DirEntry, ignore::Error>) -> Option<Visited> {
    let entry = match entry {
        Ok(entry) => entry,
        Err(err) => return Some(from_walk_error(&err)),
    };
    let path = entry.path();
    let file_type = entry.file_type()?;
    if file_type.is_dir() {
        return None;
    }
    let metadata = match entry.metadata() {
        Ok(m) => m,
        Err(err) => return Some(from_walk_error(&err)),
    };
    let skip = if !file_type.is_file() {
        Some(special_kind(&file_type))
    } else if path.to_str().is_none() {
        Some("the file name is not valid UTF-8 (rename the file to have it indexed)")
    } else {
        None
    };
    let visited = Visited {
        stamp: stamp(path, Some(&metadata)),
        skip: skip.map(|what| Box::new(Problem::skipped(path, what))),
        path: Source::Entry(entry),
    };
    Some(visited)
}

fn stamp(path: &Path, metadata: Option<&Metadata>) -> Stamp {
    Stamp {
        key: path_key(path),
        size: metadata.map_or(0, Metadata::len),
        mtime: metadata.map_or(0, mtime_nanos),
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
/// What the walk records for a symbolic link `child` that leads back to the folder
/// `ancestor` above it: a problem, not a folder to enter.
fn loop_found(child: &Path, ancestor: &Path) -> Found {
    let err = ignore::Error::Loop {
        ancestor: ancestor.to_path_buf(),
        child: child.to_path_buf(),
    };
    from_walk_error(&err).into_found()
}

fn from_walk_error(err: &ignore::Error) -> Visited {
    let (path, what) = describe(err);
    let path = path.unwrap_or_default();
    let metadata = std::fs::symlink_metadata(&path).ok();
    Visited {
        stamp: stamp(&path, metadata.as_ref()),
        skip: Some(Box::new(Problem::skipped(&path, what))),
        path: Source::Error(path),
    }
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
