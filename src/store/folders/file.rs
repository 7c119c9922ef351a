//! The layout of `folders.bin`: a header, the table of folders, then every folder's keys in
//! table order, all integers little-endian.
//!
//! ```text
//! "foliodr2" | folders: u64 | table bytes: u64
//! per folder: path length: u64 | path | mtime: i64 | keys: u64
//! keys: u64 each
//! ```

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Another layout (`foliodr1` held each folder's keys beside its path) reads as no record.
const MAGIC: &[u8; 8] = b"foliodr2";
const HEADER: u64 = 24;

/// An open record file, for reading keys after its table.
#[derive(Debug)]
pub struct Source {
    file: File,
    /// The number of keys the file holds after its table.
    pub keys: u64,
    keys_at: u64,
}

/// One folder of the table: its path, time and number of keys.
pub type Row = (PathBuf, i64, u64);

/// Reads the header and the table; `None` when the file is not a whole record.
pub fn read_table(mut file: File) -> Option<(Vec<Row>, Source)> {
    let len = file.metadata().ok()?.len();
    let mut header = [0u8; HEADER as usize];
    file.read_exact(&mut header).ok()?;
    let mut input = Input(&header);
    if input.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let folders = input.u64()?;
    let table_len = input.u64()?;
    // Checked against the file's length before anything is allocated for it.
    let after_table = HEADER.checked_add(table_len).filter(|&end| end <= len)?;
    let keys_len = len - after_table;
    if keys_len % 8 != 0 {
        return None;
    }
    let mut table_bytes = vec![0u8; usize::try_from(table_len).ok()?];
    file.read_exact(&mut table_bytes).ok()?;
    let mut input = Input(&table_bytes);
    let mut table = Vec::new();
    for _ in 0..folders {
        let path_len = usize::try_from(input.u64()?).ok()?;
        let path = path_from(input.take(path_len)?)?;
        let mtime = i64::from_le_bytes(input.take(8)?.try_into().ok()?);
        table.push((path, mtime, input.u64()?));
    }
    let source = Source {
        file,
        keys: keys_len / 8,
        keys_at: after_table,
    };
    input.0.is_empty().then_some((table, source))
}

impl Source {
    /// `count` keys from key number `first`.
    pub fn keys(&self, first: u64, count: u64) -> std::io::Result<Vec<u64>> {
        let bytes = self.read(first, count)?;
        Ok(bytes
            .chunks_exact(8)
            .map(|b| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
            .collect())
    }

    /// Every key, as stored.
    pub fn all_keys(&self) -> std::io::Result<Vec<u8>> {
        self.read(0, self.keys)
    }

    fn read(&self, first: u64, count: u64) -> std::io::Result<Vec<u8>> {
        let past_end = || std::io::Error::other("the record's keys are cut short");
        if first.checked_add(count).is_none_or(|end| end > self.keys) {
            return Err(past_end());
        }
        let len = usize::try_from(count * 8).map_err(|_| past_end())?;
        let mut bytes = vec![0u8; len];
        // `&File` reads and seeks too: the record is borrowed, not changed, by a read.
        let mut file = &self.file;
        file.seek(SeekFrom::Start(self.keys_at + first * 8))?;
        file.read_exact(&mut bytes)?;
        Ok(bytes)
    }
}

/// Keys `first..first + count` of what [`Source::all_keys`] returned.
pub fn slice(all: &[u8], first: u64, count: u64) -> Option<&[u8]> {
    let start = usize::try_from(first.checked_mul(8)?).ok()?;
    let len = usize::try_from(count.checked_mul(8)?).ok()?;
    all.get(start..start.checked_add(len)?)
}

pub fn key_bytes(keys: &[u64]) -> Vec<u8> {
    keys.iter().flat_map(|k| k.to_le_bytes()).collect()
}

/// Writes a record to `path` through a temporary file renamed over it, so that a reader
/// sees the old record or the new one, whole. The temporary name is this process's own: two
/// commands saving at once each rename a whole file.
pub fn write(
    path: &Path,
    table: &[(&Path, i64, u64)],
    keys: &[impl AsRef<[u8]>],
) -> std::io::Result<()> {
    let mut rows = Vec::new();
    for (folder, mtime, count) in table {
        let bytes = folder.as_os_str().as_encoded_bytes();
        rows.extend((bytes.len() as u64).to_le_bytes());
        rows.extend(bytes);
        rows.extend(mtime.to_le_bytes());
        rows.extend(count.to_le_bytes());
    }
    let keys_len: usize = keys.iter().map(|k| k.as_ref().len()).sum();
    let mut out = Vec::with_capacity(HEADER as usize + rows.len() + keys_len);
    out.extend(MAGIC);
    out.extend((table.len() as u64).to_le_bytes());
    out.extend((rows.len() as u64).to_le_bytes());
    out.extend(rows);
    for folder in keys {
        out.extend(folder.as_ref());
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".{}.new", std::process::id()));
    std::fs::write(&temporary, out)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

#[cfg(unix)]
fn path_from(bytes: &[u8]) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    Some(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
}

#[cfg(not(unix))]
fn path_from(bytes: &[u8]) -> Option<PathBuf> {
    std::str::from_utf8(bytes).ok().map(PathBuf::from)
}

struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}
