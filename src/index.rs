//! The index contract: how text becomes terms ([`tokenizer`], [`stopwords`]) and which fields
//! hold them ([`schema`]). The store writes documents by it and search reads them by it, so it
//! is the one place both depend on, and neither depends on the other for it.
//!
//! Changing anything here changes what an existing index means: bump [`INDEX_FORMAT`], and
//! every index of another format is rebuilt rather than misread.

pub mod schema;
pub mod stopwords;
pub mod tokenizer;

pub use schema::Fields;

/// Bump when the schema, the tokenizer or the meaning of a stored field changes: an index of
/// another format is rebuilt rather than misread.
/// 6: the one- and two-character starts of words got fields of their own.
/// 7: authors, categories and tags: searched (`author`, `tag`) and stored (`meta`).
/// 8: a document is an article of a file at a position (`position`), not a file.
/// 9: the bodies' MinHash signatures (`minhash`, `shingles`), for copies.
/// 10: the article id is a fast column as well (bulk actions read the ids of 100k results).
/// 11: feeds, trafilatura XML and newsboat's cache.db are read: an index that recorded them
/// as formats folio cannot read reads them again.
/// 12: the MinHash signatures are made from rolled shingle hashes (`copies::shingles`): an
/// older index's signatures would not match a new article's.
pub const INDEX_FORMAT: u32 = 12;

/// The i64 fast field holding [`crate::article::Published::sort_key`], for sorting by date.
pub const DATE_FIELD: &str = schema::DATE_KEY;
