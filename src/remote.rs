//! Shared archives: the same reader over an archive held by Manticore Search or its ancestor
//! sphinxsearch (2.2.11, the version Debian ships), spoken to in SphinxQL over the MySQL wire
//! protocol. The engine shards the archive into real-time tables behind a distributed table;
//! folio publishes into the shards and reads through the distributed table.
//!
//! - [`url`]: `sphinxql://host:port/table`; [`settings`]: `--remote URL|remote.toml`;
//! - [`config`]: `folio remote config`, the searchd configuration of the shards and front;
//! - [`document`]: one article as the engine holds it (folio's folded terms, original text);
//! - [`escape`]: every string into SphinxQL; [`translate`]: the query language to SphinxQL;
//! - [`client`]: one connection with timeouts; [`archive`]: the remote catalog, whose
//!   queries `answer` answers (the remote [`crate::search::Backend`]);
//! - [`publish`] and [`ledger`]: `folio publish`.
//!
//! The SphinxQL used is the subset both engines understand: `REPLACE INTO`, `DELETE … WHERE id
//! IN`, `SELECT … WHERE MATCH() AND id > n AND alias = 1 … GROUP BY … ORDER BY … LIMIT …
//! OPTION max_matches, field_weights`, `SHOW META`, `DESCRIBE` and `FLUSH RAMCHUNK`.

mod answer;
pub mod archive;
pub mod client;
pub mod config;
pub mod document;
pub mod escape;
pub mod ledger;
pub mod publish;
pub mod settings;
pub mod translate;
pub mod url;

pub use archive::RemoteArchive;
pub use url::RemoteUrl;
