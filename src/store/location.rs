//! Where an archive's index lives: `<cache>/<hash of the canonical roots>/`, holding `meta.json`
//! (folio's own format version and the roots, for people looking at the cache) and `index/`
//! (the tantivy index, which writes a `meta.json` of its own, hence the subfolder).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{StoreError, StoreOptions};
use crate::index::INDEX_FORMAT;

/// How [`crate::store::SyncReport::rebuilt`] starts when there simply was no index yet (as
/// opposed to one that was corrupt or of another format, which is worth telling the user).
pub const FIRST_INDEX: &str = "there was no index for this archive yet";

pub struct Location {
    pub roots: Vec<PathBuf>,
    /// `<cache>/<hash>/`.
    pub dir: PathBuf,
    pub index: PathBuf,
    pub meta: PathBuf,
    /// The groups of copies found at the last sync (`copies::save`).
    pub copies: PathBuf,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Meta {
    pub format: u32,
    pub folio: String,
    pub roots: Vec<PathBuf>,
}

impl StoreOptions {
    /// The cache folder: `flag` (`--cache-dir`), else `$FOLIO_CACHE_DIR`, else the user's XDG
    /// cache folder (`~/.cache/folio` on Linux).
    pub fn resolve(flag: Option<PathBuf>) -> Result<StoreOptions, StoreError> {
        let from_env = std::env::var_os("FOLIO_CACHE_DIR")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let cache_dir = flag
            .or(from_env)
            .or_else(|| {
                directories::ProjectDirs::from("", "", "folio").map(|d| d.cache_dir().to_path_buf())
            })
            .ok_or(StoreError::NoCacheDir)?;
        Ok(StoreOptions { cache_dir })
    }
}

/// Canonicalises the roots (so `./a` and `/home/u/a` share an index) and derives the folder.
pub fn locate(roots: &[PathBuf], options: &StoreOptions) -> Result<Location, StoreError> {
    let mut canonical = Vec::with_capacity(roots.len());
    for root in roots {
        let path = root.canonicalize().map_err(|source| StoreError::Root {
            path: root.clone(),
            source,
        })?;
        canonical.push(path);
    }
    canonical.sort();
    canonical.dedup();
    let mut hasher = blake3::Hasher::new();
    for root in &canonical {
        hasher.update(root.as_os_str().as_encoded_bytes());
        hasher.update(b"\0");
    }
    let hash = hasher.finalize().to_hex();
    let dir = options.cache_dir.join(&hash.as_str()[..16]);
    Ok(Location {
        roots: canonical,
        index: dir.join("index"),
        meta: dir.join("meta.json"),
        copies: dir.join("copies.bin"),
        dir,
    })
}

impl Location {
    /// Why the index cannot be reused, or `None` when its `meta.json` says it is ours.
    pub fn stale_reason(&self) -> Option<String> {
        let text = match std::fs::read_to_string(&self.meta) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Some(FIRST_INDEX.into());
            }
            Err(e) => return Some(format!("its meta.json could not be read ({e})")),
        };
        match serde_json::from_str::<Meta>(&text) {
            Err(_) => Some("its meta.json is corrupt".into()),
            Ok(meta) if meta.format != INDEX_FORMAT => Some(format!(
                "it was written in index format {} by folio {}, and this folio uses format {}",
                meta.format, meta.folio, INDEX_FORMAT
            )),
            Ok(_) => None,
        }
    }

    pub fn write_meta(&self) -> Result<(), StoreError> {
        let meta = Meta {
            format: INDEX_FORMAT,
            folio: env!("CARGO_PKG_VERSION").into(),
            roots: self.roots.clone(),
        };
        let text = serde_json::to_string_pretty(&meta).unwrap_or_default();
        write_file(&self.meta, text.as_bytes())
    }

    /// Empties `index/` for a rebuild. Only ever removes the `index` folder under our own
    /// hashed folder, never anything the user passed in.
    pub fn clear_index(&self) -> Result<(), StoreError> {
        let _ = std::fs::remove_file(&self.meta);
        let _ = std::fs::remove_file(&self.copies);
        match std::fs::remove_dir_all(&self.index) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(StoreError::Io {
                    path: self.index.clone(),
                    source,
                });
            }
        }
        create_dir(&self.index)
    }
}

pub fn create_dir(path: &Path) -> Result<(), StoreError> {
    std::fs::create_dir_all(path).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    std::fs::write(path, bytes).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_roots_in_any_order_share_a_folder() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let options = StoreOptions {
            cache_dir: PathBuf::from("/cache"),
        };
        let ab = locate(&[a.path().into(), b.path().into()], &options);
        let ba = locate(
            &[b.path().into(), a.path().into(), a.path().into()],
            &options,
        );
        let only_a = locate(&[a.path().into()], &options);
        let (Ok(ab), Ok(ba), Ok(only_a)) = (ab, ba, only_a) else {
            panic!("locate failed");
        };
        assert_eq!(ab.dir, ba.dir);
        assert_ne!(ab.dir, only_a.dir);
        assert!(ab.dir.starts_with("/cache"));
    }

    #[test]
    fn a_missing_root_is_an_error_naming_it() {
        let options = StoreOptions {
            cache_dir: PathBuf::from("/cache"),
        };
        let Err(e) = locate(&[PathBuf::from("/no/such/folder")], &options) else {
            panic!("a missing root was accepted");
        };
        assert!(e.to_string().contains("/no/such/folder"), "{e}");
    }

    #[test]
    fn meta_of_another_format_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let options = StoreOptions {
            cache_dir: dir.path().into(),
        };
        let Ok(loc) = locate(&[dir.path().into()], &options) else {
            panic!("locate failed");
        };
        assert!(loc.stale_reason().is_some());
        create_dir(&loc.dir).unwrap();
        loc.write_meta().unwrap();
        assert_eq!(loc.stale_reason(), None);
        std::fs::write(&loc.meta, r#"{"format": 0, "folio": "0.0.1", "roots": []}"#).unwrap();
        let reason = loc.stale_reason().unwrap_or_default();
        assert!(reason.contains("format 0"), "{reason}");
    }
}
