//! The folders of an archive as a plain command last saw them: each folder's modification
//! time and the path keys of the entries in it, kept in `folders.bin` beside the index.
//!
//! Adding, deleting or renaming an entry changes its folder's modification time, and so does
//! an atomic save (a temporary file renamed over the old one): a command that finds a
//! folder's time unchanged may trust the index for it without listing it, and one that finds
//! it changed lists that folder alone. A file rewritten in place changes only its own time,
//! which this does not see (`--sync full` does).
//!
//! The file holds a table of folders (path, time, number of entries) ahead of every folder's
//! entry keys, so that a command finding no folder changed reads the table alone (~60 KB at
//! a million files in a thousand folders, where the keys are 8 MB) and writes nothing; the
//! keys of a folder are read when that folder changed or went.

mod file;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use super::scan::{builder, mtime_nanos, path_key};

/// What is recorded of one folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    pub mtime: i64,
    entries: Entries,
}

/// Path keys of the entries in a folder that are not folders, sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entries {
    /// Still in the file the record was loaded from: `count` keys from key number `first`.
    Stored {
        first: u64,
        count: u64,
    },
    Listed(Vec<u64>),
}

/// Every folder below the roots, by path.
#[derive(Debug, Default)]
pub struct Folders {
    by_path: BTreeMap<PathBuf, Folder>,
    /// The file a loaded record came from, kept open for its keys: a record saved meanwhile
    /// replaces the file's name, not what this handle reads.
    source: Option<file::Source>,
    /// Whether anything differs from what was loaded, so that saving has a point.
    changed: bool,
}

const FILE: &str = "folders.bin";

impl Folders {
    /// Walks the roots for their folders and entries. Each folder's time is read before its
    /// entries are, so a change made during the walk shows as a changed folder next time.
    pub fn record(roots: &[PathBuf], exclude: &Path) -> Folders {
        let mut listed: BTreeMap<PathBuf, (i64, Vec<u64>)> = BTreeMap::new();
        if let Some(builder) = builder(roots, exclude) {
            for entry in builder.build().flatten() {
                let path = entry.path();
                if entry.file_type().is_some_and(|t| t.is_dir()) {
                    let mtime = entry.metadata().map_or(0, |m| mtime_nanos(&m));
                    listed.entry(path.to_path_buf()).or_default().0 = mtime;
                } else if let Some(parent) = path.parent() {
                    let folder = listed.entry(parent.to_path_buf()).or_default();
                    folder.1.push(path_key(path));
                }
            }
        }
        let by_path = listed
            .into_iter()
            .map(|(path, (mtime, mut keys))| {
                keys.sort_unstable();
                keys.dedup();
                let entries = Entries::Listed(keys);
                (path, Folder { mtime, entries })
            })
            .collect();
        Folders {
            by_path,
            source: None,
            changed: true,
        }
    }

    /// The record kept in the index's folder, its table read and its keys not; `None` when
    /// there is none or it is unreadable (then the caller walks everything).
    pub fn load(dir: &Path) -> Option<Folders> {
        let handle = File::open(dir.join(FILE)).ok()?;
        let (table, source) = file::read_table(handle)?;
        let mut first = 0u64;
        let mut folders = Vec::with_capacity(table.len());
        for (path, mtime, count) in table {
            let entries = Entries::Stored { first, count };
            first = first.checked_add(count)?;
            folders.push((path, Folder { mtime, entries }));
        }
        // Saved in order, so this is a bulk build rather than a thousand searches (a path
        // compares component by component: its share of a plain command was noticeable).
        let by_path = BTreeMap::from_iter(folders);
        (first == source.keys).then_some(Folders {
            by_path,
            source: Some(source),
            changed: false,
        })
    }

    /// The folders recorded, by path.
    #[cfg(test)]
    pub fn paths(&self) -> Vec<PathBuf> {
        self.by_path.keys().cloned().collect()
    }

    /// Every folder recorded with its time, in path order.
    pub fn times(&self) -> impl Iterator<Item = (&Path, i64)> {
        self.by_path
            .iter()
            .map(|(path, f)| (path.as_path(), f.mtime))
    }

    #[cfg(test)]
    pub fn mtime(&self, path: &Path) -> Option<i64> {
        self.by_path.get(path).map(|f| f.mtime)
    }

    pub fn knows(&self, path: &Path) -> bool {
        self.by_path.contains_key(path)
    }

    /// Forgets a folder that is gone; returns the keys it held. Err: they could not be read
    /// back from the record's file.
    pub fn remove(&mut self, path: &Path) -> std::io::Result<Vec<u64>> {
        match self.by_path.remove(path) {
            Some(folder) => {
                self.changed = true;
                self.keys(&folder.entries)
            }
            None => Ok(Vec::new()),
        }
    }

    /// Records a folder as just listed (`keys` sorted); returns the keys it held before.
    pub fn replace(
        &mut self,
        path: &Path,
        mtime: i64,
        keys: Vec<u64>,
    ) -> std::io::Result<Vec<u64>> {
        self.changed = true;
        let entries = Entries::Listed(keys);
        match self
            .by_path
            .insert(path.to_path_buf(), Folder { mtime, entries })
        {
            Some(old) => self.keys(&old.entries),
            None => Ok(Vec::new()),
        }
    }

    fn keys(&self, entries: &Entries) -> std::io::Result<Vec<u64>> {
        match (entries, &self.source) {
            (Entries::Listed(keys), _) => Ok(keys.clone()),
            (Entries::Stored { first, count }, Some(source)) => source.keys(*first, *count),
            (Entries::Stored { .. }, None) => Err(std::io::Error::other("no record to read")),
        }
    }

    /// Saves the record, replacing the old one at once (a reader never sees half of it); does
    /// nothing when it is as it was loaded.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        if !self.changed {
            return Ok(());
        }
        // The keys of the folders that did not change, as they are in the old file.
        let stored = match &self.source {
            Some(source) => source.all_keys()?,
            None => Vec::new(),
        };
        let mut table = Vec::with_capacity(self.by_path.len());
        let mut keys: Vec<Cow<[u8]>> = Vec::with_capacity(self.by_path.len());
        for (path, folder) in &self.by_path {
            let bytes = match &folder.entries {
                Entries::Listed(listed) => Cow::Owned(file::key_bytes(listed)),
                Entries::Stored { first, count } => Cow::Borrowed(
                    file::slice(&stored, *first, *count)
                        .ok_or_else(|| std::io::Error::other("the record's keys are cut short"))?,
                ),
            };
            table.push((path.as_path(), folder.mtime, (bytes.len() / 8) as u64));
            keys.push(bytes);
        }
        file::write(&dir.join(FILE), &table, &keys)
    }

    /// Forgets the record: the next plain command walks everything.
    pub fn forget(dir: &Path) {
        let _ = std::fs::remove_file(dir.join(FILE));
    }
}

#[cfg(test)]
mod tests;
