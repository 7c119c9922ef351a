//! The article store. (Stub with the agreed API: the tantivy-backed store is being written.)

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use crate::article::Problem;
use crate::catalog::{Catalog, MemoryCatalog};
use crate::parse;

/// Where the store keeps its index: resolved from `--cache-dir`, `FOLIO_CACHE_DIR`, or XDG.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    pub cache_dir: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What a sync is doing, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Scanning,
    Indexing,
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub phase: Phase,
    pub files_seen: u64,
    /// Files that need parsing and indexing, once the scan knows (None while scanning).
    pub to_index: Option<u64>,
    pub indexed: u64,
    pub problems: u64,
    /// True when this report follows a commit: `Store::snapshot` now shows more articles.
    pub committed: bool,
}

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
    current: RwLock<Arc<dyn Catalog>>,
}

impl Store {
    /// Opens the existing index at once (no directory walk); `sync` brings it up to date.
    pub fn open(roots: &[PathBuf], _options: &StoreOptions) -> Result<Store, StoreError> {
        Ok(Store {
            roots: roots.to_vec(),
            current: RwLock::new(MemoryCatalog::new(Vec::new(), Vec::new()).into_shared()),
        })
    }

    /// The last committed version of the archive.
    pub fn snapshot(&self) -> Arc<dyn Catalog> {
        self.current
            .read()
            .map(|c| Arc::clone(&c))
            .unwrap_or_else(|e| Arc::clone(&e.into_inner()))
    }

    /// Walks the roots and updates the index, reporting progress.
    pub fn sync(&self, progress: &mut dyn FnMut(&Progress)) -> Result<SyncReport, StoreError> {
        let mut articles = Vec::new();
        let mut problems = Vec::new();
        for root in &self.roots {
            collect(root, &mut articles, &mut problems)?;
        }
        let report = SyncReport {
            added: articles.len() as u64,
            problems: problems.clone(),
            ..Default::default()
        };
        let catalog = MemoryCatalog::new(articles, problems).into_shared();
        if let Ok(mut current) = self.current.write() {
            *current = catalog;
        }
        progress(&Progress {
            phase: Phase::Done,
            files_seen: report.added,
            to_index: Some(report.added),
            indexed: report.added,
            problems: 0,
            committed: true,
        });
        Ok(report)
    }
}

fn collect(
    dir: &Path,
    articles: &mut Vec<crate::article::Article>,
    problems: &mut Vec<Problem>,
) -> Result<(), StoreError> {
    let io = |source| StoreError::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            collect(&path, articles, problems)?;
        } else if let Ok(bytes) = std::fs::read(&path) {
            match parse::parse_article(&path, &bytes) {
                Ok(a) => articles.push(a),
                Err(p) => problems.push(p),
            }
        }
    }
    Ok(())
}
