//! The index of a generated archive, built once into `target/folio-bench/index-N` and brought
//! up to date on each run, for the benches that measure an indexed archive rather than the
//! build (the store bench times the build in a cache of its own).

use folio::store::{Store, StoreOptions};

use super::archive::{archive, work_dir};

/// A store over the archive of `n` articles whose index is complete.
pub fn synced_store(n: usize) -> Result<Store, String> {
    let archive = archive(n)?;
    let options = StoreOptions {
        cache_dir: work_dir().join(format!("index-{n}")),
    };
    let store = Store::open(std::slice::from_ref(&archive), &options)
        .map_err(|e| format!("opening the index of {}: {e}", archive.display()))?;
    eprintln!("bringing the index of {n} articles up to date (built once, then reused)");
    store
        .sync(&mut |_| {})
        .map_err(|e| format!("indexing {}: {e}", archive.display()))?;
    Ok(store)
}
