//! folio: a keyboard-driven terminal reader for archives of news articles.
//!
//! How the modules fit together (see `README.md` for the user's view):
//!
//! ```text
//!  files ──► store (scan, parse, index, sync) ──► search ──┐
//!                  │                                       │ generation-tagged results
//!                  ▼                                       ▼
//!  terminal ◄── ui (pure draw of &App) ◄── app (update: Msg -> Effects) ◄── tui event loop
//!                                             │
//!  reading state (SQLite, WAL) ◄── state ◄────┘ persist effects
//! ```
//!
//! - [`article`]: the domain model (`Article`, `ArticleId`, `Published`, `Paragraph`, `Problem`).
//! - [`catalog`]: the read-only view of an archive that the UI and CLI use (`Catalog` trait),
//!   with one source name per outlet (`SourceNames`).
//! - [`sanitize`]: makes untrusted text safe to draw; applied once, where text is loaded.
//! - [`parse`]: bytes of one file -> `Article` or `Problem`. Pure, no I/O.
//! - [`index`]: the index contract both sides keep: the tokenizer, stop words and fields.
//! - [`progress`]: what a background sync reports, for the status bar.
//! - [`store`]: scans folders, keeps the tantivy index in the cache dir in sync, loads articles.
//! - [`search`]: the query language and the engine answering it from the index.
//! - [`state`]: read marks, stars, reading positions, search history and the settings chosen
//!   in the app, in SQLite.
//! - [`app`]: the TUI model and its pure `update`.
//! - [`ui`]: widgets drawing `&App`.
//! - [`width`]: the columns text takes on a terminal, shared by drawing and wrapping.
//! - [`tui`]: the event loop, terminal setup and restoration, the worker threads.
//! - [`config`]: keymap and theme, defaults embedded from `assets/`.
//! - [`cli`]: the command line: the TUI and the headless subcommands.
//! - [`generate`]: synthetic archives in the seed format, for benchmarks.

pub mod app;
pub mod article;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod generate;
pub mod index;
pub mod parse;
pub mod progress;
pub mod sanitize;
pub mod search;
pub mod state;
pub mod store;
pub mod tui;
pub mod ui;
pub mod width;
