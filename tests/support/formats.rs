//! The fixtures of `tests/fixtures/formats` (feeds, news-please and trafilatura JSON, JSON
//! Lines dumps, trafilatura XML), read, or copied into a test archive.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::archive::Folder;

/// Where the fixture `name` is.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

/// The fixture's bytes.
pub fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = fixture(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).expect("compressed");
    gz.finish().expect("compressed")
}

/// Copies a fixture into the archive as `name` (making its folders), gzipped when `name`
/// ends in `.gz`.
pub fn copy(folder: &Folder, fixture_name: &str, name: &str) -> PathBuf {
    let bytes = fixture_bytes(fixture_name);
    let bytes = if name.ends_with(".gz") {
        gzip(&bytes)
    } else {
        bytes
    };
    let path = folder.path(name);
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("the folder");
    std::fs::write(&path, bytes).expect("the file is written");
    path
}

/// newsboat's `cache.db` at `path`, made with newsboat's schema (2.x) and two items of the
/// Ostrian Herald (`newsboat-cache.sql`), as newsboat would have made it.
pub fn newsboat_cache(path: &Path) {
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("the folder");
    let sql = std::fs::read_to_string(fixture("newsboat-cache.sql")).expect("the schema reads");
    let db = rusqlite::Connection::open(path).expect("a new database");
    db.execute_batch(&sql).expect("the schema and rows");
}
