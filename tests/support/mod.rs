//! What the tests share, one module a job. A test crate says `mod support;` and compiles all
//! of it; benches include it by `#[path]`. Keep the crate's internals out of the tests and in
//! here, so that an API that moves is mended in one place.
// Each crate uses only part of it.
#![allow(dead_code)]

/// The app opened on a catalog, the keys it is sent and what it then shows.
pub mod app;
/// Folders of seed-format files indexed by the real store, and what a query finds in them.
pub mod archive;
/// Articles in memory, and the memory catalog over them.
pub mod articles;
/// What a frame asks of the terminal and whether its cells fit, checked.
pub mod audit;
/// Frames drawn through the real backend into bytes, as the terminal gets them.
pub mod bytes;
/// The `folio` binary run over a small archive.
pub mod cli;
/// Driving the app the way the event loop does, without threads.
pub mod drive;
/// The format fixtures (feeds, JSON, dumps, XML), read or copied into an archive.
pub mod formats;
/// Hostile text in articles and a config.
pub mod hostile;
/// The real `folio` binary in a pseudo-terminal.
pub mod pty;
/// Parsed queries in a compact text form.
pub mod query;
/// The screen as text, drawn on ratatui's test backend.
pub mod screen;
/// Searches answered by the real engine, as the search worker answers them.
pub mod search;
/// Real `searchd` shards and their distributed table, for shared archives.
pub mod searchd;
/// The truth archive for copies: originals, their republications, unrelated articles.
pub mod truth;
