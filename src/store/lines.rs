//! Where each line of a large file starts, so that the article on line N of a JSON Lines dump
//! is read by one seek rather than by passing over the N lines before it. A phrase search
//! over a gigabyte dump reads many of its articles again; each would otherwise cost a pass
//! over the file up to it.
//!
//! Built on the first such read of a file (one pass at `memchr` speed, 8 bytes a line) and
//! kept for a few files, while the file's size and modification time stay as they were.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use super::scan::mtime_nanos;

/// Files smaller than this are passed over from their start: it costs less than an index.
pub const MIN_INDEXED_BYTES: u64 = 4 * 1024 * 1024;

/// Files whose line starts are kept at once.
const KEPT: usize = 4;

/// The line starts of one version of a file.
pub struct LineStarts {
    size: u64,
    mtime: i64,
    /// Offset of each line's first byte; the first is 0.
    starts: Vec<u64>,
}

impl LineStarts {
    /// Where line `line` (from 0) starts; `None` past the last line.
    pub fn offset(&self, line: usize) -> Option<u64> {
        self.starts.get(line).copied()
    }
}

type Slot = Arc<OnceLock<Option<LineStarts>>>;

type Kept = Mutex<VecDeque<(PathBuf, u64, i64, Slot)>>;

fn kept() -> &'static Kept {
    static KEPT_STARTS: OnceLock<Kept> = OnceLock::new();
    KEPT_STARTS.get_or_init(Mutex::default)
}

/// The line starts of the file at `path` as it is now (`metadata` taken from the open file),
/// built with `file` if not kept; `None` when the file cannot be read through.
pub fn line_starts(
    path: &Path,
    metadata: &std::fs::Metadata,
    file: impl Read,
) -> Option<Arc<OnceLock<Option<LineStarts>>>> {
    let (size, mtime) = (metadata.len(), mtime_nanos(metadata));
    let slot = {
        let mut kept = kept().lock().ok()?;
        match kept
            .iter()
            .find(|(p, s, m, _)| p == path && *s == size && *m == mtime)
        {
            Some((_, _, _, slot)) => Arc::clone(slot),
            None => {
                kept.retain(|(p, ..)| p != path);
                if kept.len() >= KEPT {
                    kept.pop_front();
                }
                let slot: Slot = Arc::default();
                kept.push_back((path.to_path_buf(), size, mtime, Arc::clone(&slot)));
                slot
            }
        }
    };
    // Built outside the lock: threads asking for this file wait for one build, others not.
    slot.get_or_init(|| build(file, size, mtime));
    Some(slot)
}

fn build(file: impl Read, size: u64, mtime: i64) -> Option<LineStarts> {
    let mut reader = BufReader::with_capacity(256 * 1024, file);
    let mut starts = vec![0];
    let mut offset = 0u64;
    loop {
        let buffer = reader.fill_buf().ok()?;
        if buffer.is_empty() {
            break;
        }
        for end in memchr::memchr_iter(b'\n', buffer) {
            starts.push(offset + end as u64 + 1);
        }
        let read = buffer.len();
        offset += read as u64;
        reader.consume(read);
    }
    // A trailing newline starts no line.
    if starts.last() == Some(&offset) {
        starts.pop();
    }
    Some(LineStarts {
        size,
        mtime,
        starts,
    })
    .filter(|s| s.size == offset && s.mtime == mtime)
}
