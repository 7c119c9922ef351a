//! What can go wrong opening, syncing or reading an archive's index, said for people: what
//! happened, to which folder, and what to do about it.

use std::path::PathBuf;

use tantivy::TantivyError;

use super::location::FIRST_INDEX;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open {path}: {source}. Check that the folder exists and is readable.")]
    Root {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no folder to open: give at least one folder of articles")]
    NoRoots,
    #[error(
        "cannot tell where to keep the index: there is no home or cache folder. \
         Set FOLIO_CACHE_DIR or pass --cache-dir."
    )]
    NoCacheDir,
    #[error(
        "another folio is updating the index in {path}; wait until it has finished, \
         then try again"
    )]
    Busy { path: PathBuf },
    #[error("the index in {path} failed: {source}. Delete that folder and folio will rebuild it.")]
    Index { path: PathBuf, source: TantivyError },
    /// Asked to answer from the index as it is ([`super::Store::open_existing`]), and there is none
    /// that can be used.
    #[error("{}", no_index(.roots, .why))]
    NoIndex { roots: Vec<PathBuf>, why: String },
}

fn no_index(roots: &[PathBuf], why: &str) -> String {
    let shown: Vec<String> = roots.iter().map(|r| r.display().to_string()).collect();
    let shown = shown.join(" ");
    if why == FIRST_INDEX {
        format!(
            "there is no index of {shown} yet, so --no-sync has nothing to answer from; run \
             the same command without --no-sync (or `folio list {shown}`) to build it"
        )
    } else {
        format!(
            "the index of {shown} cannot be used as it is ({why}); run the same command \
             without --no-sync to rebuild it"
        )
    }
}
