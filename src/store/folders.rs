//! The folders of an archive as a plain command last saw them: each folder's modification
//! time and the path keys of the entries in it, kept in `folders.bin` beside the index.
//!
//! Adding, deleting or renaming an entry changes its folder's modification time, and so does
//! an atomic save (a temporary file renamed over the old one): a command that finds a
//! folder's time unchanged may trust the index for it without listing it, and one that finds
//! it changed lists that folder alone. A file rewritten in place changes only its own time,
//! which this does not see (`--sync full` does).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::scan::{builder, mtime_nanos, path_key};

/// What is recorded of one folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folder {
    pub mtime: i64,
    /// Path keys of the entries in it that are not folders, sorted.
    pub entries: Vec<u64>,
}

/// Every folder below the roots, by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folders {
    pub by_path: BTreeMap<PathBuf, Folder>,
}

const MAGIC: &[u8; 8] = b"foliodr1";
const FILE: &str = "folders.bin";

impl Folders {
    /// Walks the roots for their folders and entries. Each folder's time is read before its
    /// entries are, so a change made during the walk shows as a changed folder next time.
    pub fn record(roots: &[PathBuf], exclude: &Path) -> Folders {
        let mut folders = Folders::default();
        let Some(builder) = builder(roots, exclude) else {
            return folders;
        };
        for entry in builder.build().flatten() {
            let path = entry.path();
            if entry.file_type().is_some_and(|t| t.is_dir()) {
                let mtime = entry.metadata().map_or(0, |m| mtime_nanos(&m));
                folders.by_path.entry(path.to_path_buf()).or_default().mtime = mtime;
            } else if let Some(parent) = path.parent() {
                let folder = folders.by_path.entry(parent.to_path_buf()).or_default();
                folder.entries.push(path_key(path));
            }
        }
        for folder in folders.by_path.values_mut() {
            folder.entries.sort_unstable();
            folder.entries.dedup();
        }
        folders
    }

    /// The record kept in the index's folder; `None` when there is none or it is unreadable
    /// (then the caller walks everything).
    pub fn load(dir: &Path) -> Option<Folders> {
        decode(&std::fs::read(dir.join(FILE)).ok()?)
    }

    /// Saves the record, replacing the old one at once (a reader never sees half of it).
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let temporary = dir.join(format!("{FILE}.new"));
        std::fs::write(&temporary, self.encode())?;
        std::fs::rename(&temporary, dir.join(FILE))
    }

    /// Forgets the record: the next plain command walks everything.
    pub fn forget(dir: &Path) {
        let _ = std::fs::remove_file(dir.join(FILE));
    }

    fn encode(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend((self.by_path.len() as u64).to_le_bytes());
        for (path, folder) in &self.by_path {
            let bytes = path.as_os_str().as_encoded_bytes();
            out.extend((bytes.len() as u64).to_le_bytes());
            out.extend(bytes);
            out.extend(folder.mtime.to_le_bytes());
            out.extend((folder.entries.len() as u64).to_le_bytes());
            for key in &folder.entries {
                out.extend(key.to_le_bytes());
            }
        }
        out
    }
}

/// Reads what `encode` wrote; `None` on anything else.
fn decode(bytes: &[u8]) -> Option<Folders> {
    let mut input = Input(bytes);
    if input.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let mut folders = Folders::default();
    for _ in 0..input.u64()? {
        let len = usize::try_from(input.u64()?).ok()?;
        let path = path_from(input.take(len)?)?;
        let mtime = i64::from_le_bytes(input.take(8)?.try_into().ok()?);
        let count = usize::try_from(input.u64()?).ok()?;
        let entries = (0..count)
            .map(|_| input.u64())
            .collect::<Option<Vec<u64>>>()?;
        folders.by_path.insert(path, Folder { mtime, entries });
    }
    input.0.is_empty().then_some(folders)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_written_and_garbage_reads_as_none() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("archive");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("a.txt"), "a").unwrap();
        std::fs::write(root.join("sub/b.txt"), "b").unwrap();
        std::fs::write(root.join(".hidden"), "h").unwrap();
        let folders = Folders::record(std::slice::from_ref(&root), &dir.path().join("cache"));
        assert_eq!(folders.by_path.len(), 2);
        assert_eq!(
            folders.by_path[&root].entries,
            [path_key(&root.join("a.txt"))]
        );
        folders.save(dir.path()).unwrap();
        assert_eq!(Folders::load(dir.path()), Some(folders));
        std::fs::write(dir.path().join(FILE), b"foliodr1\x05").unwrap();
        assert_eq!(Folders::load(dir.path()), None);
    }
}
