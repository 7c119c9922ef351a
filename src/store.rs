//! The article store: a tantivy index of one or more folders of article files, kept in the
//! cache folder and brought up to date by [`Store::sync`].
//!
//! The files stay the source of truth: the index holds what the timeline and search need
//! (titles, ledes, fast date/source columns, the terms of the bodies) and can always be
//! deleted and rebuilt. [`Store::open`] only opens what is there, so the first frame never
//! waits for a walk; [`Store::sync`] walks, re-indexes what changed (by size and mtime), and
//! publishes a new [`Snapshot`] after each periodic commit.

mod copies;
mod error;
mod folders;
mod lines;
mod location;
mod memory;
mod read;
mod scan;
mod snapshot;
mod sync;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, RwLock};

use tantivy::indexer::NoMergePolicy;
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{Index, IndexReader, IndexSettings, ReloadPolicy, TantivyError};

use crate::article::Problem;
use crate::catalog::Catalog;
use crate::copies::Groups;
use crate::index::{Fields, schema, tokenizer};
use crate::progress::Progress;

pub use error::StoreError;
pub use location::FIRST_INDEX;
pub use read::{read_article, read_article_at, read_articles, read_body_text, read_bytes};
pub use snapshot::{Snapshot, Stored, doc_address, doc_ref};
pub use sync::PathChanges;

/// The indexing threads' heap, shared: a thread writes a segment when its part is full. At
/// 256 MB a thread holds ~18,000 articles, so a first build of 100,000 writes about a dozen
/// segments rather than dozens (each repeats the term dictionary, and all of them are
/// rewritten by the final merge). tantivy takes the memory as it fills: a small sync stays
/// small, and the sync hands it back when done (see `memory.rs`). Half of it made a
/// first build of 100k articles cost ~10% more CPU time for no lower peak (the final merge's
/// mapped files are most of the peak).
const WRITER_HEAP: usize = 512 * 1024 * 1024;

/// Where the store keeps its index: resolved from `--cache-dir`, `FOLIO_CACHE_DIR`, or XDG.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    pub cache_dir: PathBuf,
}

/// What a sync changed. Counts are of files; `problems` are those found by this sync (the
/// complete list, including those of unchanged files, is `Catalog::problems`).
#[derive(Debug, Clone, Default)]
pub struct SyncReport {
    pub added: u64,
    pub changed: u64,
    pub removed: u64,
    pub unchanged: u64,
    pub problems: Vec<Problem>,
    /// Why the index was rebuilt from scratch (missing, corrupt, other version), if it was.
    pub rebuilt: Option<String>,
}

pub struct Store {
    roots: Vec<PathBuf>,
    location: location::Location,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    current: RwLock<Arc<Snapshot>>,
    /// Why `open` had to start a new index; handed to the first sync's report.
    rebuilt: Mutex<Option<String>>,
    /// tantivy allows one writer per index: syncs in one process take turns.
    syncing: Mutex<()>,
    /// The groups of copies found by the last sync, handed to every snapshot published.
    copies: RwLock<Arc<Groups>>,
    /// Whether syncs sign bodies and group copies (always, but for the benchmark that
    /// measures what grouping costs).
    grouping: AtomicBool,
}

impl Store {
    /// Opens the existing index at once (no directory walk); `sync` brings it up to date.
    /// An index that is missing, unreadable or of another format is replaced by an empty
    /// one here, and the next sync rebuilds it and says why.
    pub fn open(roots: &[PathBuf], options: &StoreOptions) -> Result<Store, StoreError> {
        if roots.is_empty() {
            return Err(StoreError::NoRoots);
        }
        let location = location::locate(roots, options)?;
        location::create_dir(&location.dir)?;
        let mut reason = location.stale_reason();
        let mut opened = None;
        if reason.is_none() {
            match open_index(&location.index) {
                Ok(found) => opened = Some(found),
                Err(why) => reason = Some(why),
            }
        }
        let parts = match opened {
            Some(found) => found,
            // `clear_index` removed the old groups with the old index.
            None => create_index(&location)?,
        };
        Ok(Store::from_parts(location, parts, reason))
    }

    /// Opens the index as it is and never starts one: for answers that must not walk the
    /// folders (`--no-sync`). An index that is missing, unreadable or of another format is
    /// [`StoreError::NoIndex`], not an empty archive.
    pub fn open_existing(roots: &[PathBuf], options: &StoreOptions) -> Result<Store, StoreError> {
        if roots.is_empty() {
            return Err(StoreError::NoRoots);
        }
        let location = location::locate(roots, options)?;
        let missing = |why: String| StoreError::NoIndex {
            roots: location.roots.clone(),
            why,
        };
        if let Some(why) = location.stale_reason() {
            return Err(missing(why));
        }
        let parts = open_index(&location.index).map_err(missing)?;
        Ok(Store::from_parts(location, parts, None))
    }

    /// A store over an index just opened or created; `rebuilt` says why it was started anew.
    fn from_parts(
        location: location::Location,
        (index, reader, snapshot): (Index, IndexReader, Snapshot),
        rebuilt: Option<String>,
    ) -> Store {
        let groups = Arc::new(crate::copies::load(&location.copies));
        let snapshot = snapshot.with_copies(Arc::clone(&groups));
        Store {
            roots: location.roots.clone(),
            fields: *snapshot.fields(),
            location,
            index,
            reader,
            current: RwLock::new(Arc::new(snapshot)),
            rebuilt: Mutex::new(rebuilt),
            syncing: Mutex::new(()),
            copies: RwLock::new(groups),
            grouping: AtomicBool::new(true),
        }
    }

    /// The last committed version of the archive, its timeline built: the reader takes it
    /// from its workers, so that the pass over every document is not made mid-frame.
    pub fn snapshot(&self) -> Arc<dyn Catalog> {
        let current = self.current();
        current.warm();
        current
    }

    /// The last committed version, with the index access that search needs; its timeline is
    /// built when first asked for (a count never needs it).
    pub fn current(&self) -> Arc<Snapshot> {
        self.current
            .read()
            .map(|c| Arc::clone(&c))
            .unwrap_or_else(|e| Arc::clone(&e.into_inner()))
    }

    /// The canonical roots this store indexes.
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// The folder holding this archive's index (`<cache>/<hash>/`).
    pub fn cache_folder(&self) -> &Path {
        &self.location.dir
    }

    /// Walks the roots and updates the index, reporting progress.
    pub fn sync(&self, progress: &mut dyn FnMut(&Progress)) -> Result<SyncReport, StoreError> {
        self.check_roots()?;
        let _turn = self.syncing.lock().unwrap_or_else(|e| e.into_inner());
        let rebuilt = self.rebuilt.lock().ok().and_then(|mut r| r.take());
        memory::keep_returnable();
        let mut report = sync::run(self, progress)?;
        report.rebuilt = rebuilt.map(|why| format!("{why}; built a new index"));
        Ok(report)
    }

    /// Walks everything, as [`Store::sync`], and records the folders' times for the next
    /// [`Store::sync_changed_folders`] (`--sync full`).
    pub fn sync_full(&self, progress: &mut dyn FnMut(&Progress)) -> Result<SyncReport, StoreError> {
        // Recorded before the walk, so that what changes during it shows as changed later.
        let record = folders::Folders::record(&self.roots, &self.location.dir);
        folders::Folders::forget(&self.location.dir);
        let report = self.sync(progress)?;
        // Without a record the next command walks everything: slower, never wrong.
        let _ = record.save(&self.location.dir);
        Ok(report)
    }

    /// A plain command's sync: lists only the folders whose modification time changed since
    /// the last one (a full walk the first time, or when a folder is new to the record).
    /// Sees files added, deleted, renamed or atomically replaced; not files rewritten in
    /// place, which keep their folder's time.
    pub fn sync_changed_folders(
        &self,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<SyncReport, StoreError> {
        if self.roots.iter().any(|r| r.is_file()) {
            // A file given as a root (a JSON Lines dump) has no folder whose time would show
            // that it changed: compare every file, as cheap as listing for such archives.
            return self.sync(progress);
        }
        let Some(mut record) = folders::Folders::load(&self.location.dir) else {
            return self.sync_full(progress);
        };
        self.check_roots()?;
        let outcome = {
            let _turn = self.syncing.lock().unwrap_or_else(|e| e.into_inner());
            sync::run_folders(self, &mut record, progress)?
        };
        match outcome {
            Some(report) => {
                let _ = record.save(&self.location.dir);
                Ok(report)
            }
            None => self.sync_full(progress),
        }
    }

    /// Updates the index for the paths a folder watcher saw change, without a walk (unless
    /// a folder may have gone: then as [`Store::sync`]). Takes turns with `sync`.
    pub fn sync_paths(
        &self,
        changes: &PathChanges,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<SyncReport, StoreError> {
        self.check_roots()?;
        let _turn = self.syncing.lock().unwrap_or_else(|e| e.into_inner());
        memory::keep_returnable();
        let report = match sync::run_paths(self, changes, progress)? {
            Some(report) => report,
            None => sync::run(self, progress)?,
        };
        memory::release_freed();
        Ok(report)
    }

    /// A root that is gone (deleted, unmounted) fails the sync rather than empty the index:
    /// what was indexed stays readable, and the error says which folder went. A root may be a
    /// file of articles (a JSON Lines dump, a feed) as well as a folder.
    fn check_roots(&self) -> Result<(), StoreError> {
        for root in &self.roots {
            match std::fs::metadata(root) {
                Ok(m) if m.is_dir() || m.is_file() => {}
                Ok(_) => {
                    let source = std::io::Error::other("it is no longer a folder");
                    return Err(StoreError::Root {
                        path: root.clone(),
                        source,
                    });
                }
                Err(source) => {
                    return Err(StoreError::Root {
                        path: root.clone(),
                        source,
                    });
                }
            }
        }
        Ok(())
    }

    /// The index writer for one sync. `merges_at_end`: the sync rewrites most of the index
    /// and merges it into one segment when done, so merging on the way would be wasted work;
    /// worse, segments still in a background merge were left out of the final one (a quiet
    /// 100k build ended with 7 segments and three times the index size on disk).
    fn writer(&self, merges_at_end: bool) -> Result<tantivy::IndexWriter, StoreError> {
        // One indexing thread per core (up to four): the parser's threads fill the gaps,
        // and on two cores a single indexing thread left one core idle half of the time.
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 4));
        let writer = self
            .index
            .writer_with_num_threads(threads, WRITER_HEAP)
            .map_err(|source| match source {
                TantivyError::LockFailure(..) => StoreError::Busy {
                    path: self.location.index.clone(),
                },
                source => self.index_error(source),
            })?;
        if merges_at_end {
            writer.set_merge_policy(Box::new(NoMergePolicy));
        }
        Ok(writer)
    }

    /// Makes what the writer committed visible to `snapshot()`.
    fn publish(&self) -> Result<(), StoreError> {
        self.reader.reload().map_err(|e| self.index_error(e))?;
        let snapshot = Snapshot::build(self.reader.searcher(), self.fields)
            .map_err(|e| self.index_error(e))?
            .with_copies(self.copies());
        if let Ok(mut current) = self.current.write() {
            *current = Arc::new(snapshot);
        }
        Ok(())
    }

    fn index_error(&self, source: TantivyError) -> StoreError {
        StoreError::Index {
            path: self.location.index.clone(),
            source,
        }
    }
}

/// Opens an existing index, or says in words why it cannot be used.
fn open_index(dir: &Path) -> Result<(Index, IndexReader, Snapshot), String> {
    let unreadable = |e: TantivyError| format!("it could not be read ({e})");
    let index = Index::open_in_dir(dir).map_err(unreadable)?;
    if index.schema() != schema::schema() {
        return Err("it has other fields (it was written by another version of folio)".into());
    }
    tokenizer::register(&index);
    let (reader, snapshot) = reader_and_snapshot(&index).map_err(unreadable)?;
    Ok((index, reader, snapshot))
}

fn create_index(
    location: &location::Location,
) -> Result<(Index, IndexReader, Snapshot), StoreError> {
    let failed = |source| StoreError::Index {
        path: location.index.clone(),
        source,
    };
    location.clear_index()?;
    // zstd stores titles, ledes and paths in two thirds of lz4's space; a row read still
    // decompresses only one 16 KB block.
    let settings = IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor::default()),
        ..IndexSettings::default()
    };
    let index = Index::builder()
        .schema(schema::schema())
        .settings(settings)
        .create_in_dir(&location.index)
        .map_err(failed)?;
    tokenizer::register(&index);
    let (reader, snapshot) = reader_and_snapshot(&index).map_err(failed)?;
    location.write_meta()?;
    Ok((index, reader, snapshot))
}

fn reader_and_snapshot(index: &Index) -> Result<(IndexReader, Snapshot), TantivyError> {
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let fields = Fields::new(&index.schema())?;
    let snapshot = Snapshot::build(reader.searcher(), fields)?;
    Ok((reader, snapshot))
}
