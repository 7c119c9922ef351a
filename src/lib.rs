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
//! - [`parse`]: one file -> its articles, each at a position in the file, or `Problem`s; and
//!   a body's text as searched. No I/O of its own (the store hands it the file, whole or as a
//!   stream); the only module that knows a file format.
//! - [`index`]: the index contract both sides keep: the tokenizer, stop words and fields.
//! - [`progress`]: what a background sync reports, for the status bar.
//! - [`store`]: scans folders, keeps the tantivy index in the cache dir in sync, loads articles.
//! - [`search`]: the query language and the engine answering it from the index.
//! - [`copies`]: wire copies and near-duplicates: MinHash signatures made at index time and
//!   the groups they form, earliest first.
//! - [`remote`]: shared archives in Manticore/sphinxsearch: publishing and a remote backend.
//! - [`state`]: read marks, stars, reading positions, search history and the settings chosen
//!   in the app, in SQLite.
//! - [`app`]: the TUI model and its pure `update`.
//! - [`ui`]: widgets drawing `&App`.
//! - [`width`]: the columns text takes on a terminal, shared by drawing and wrapping.
//! - [`tui`]: the event loop, terminal setup and restoration, the worker threads.
//! - [`config`]: keymap and theme, defaults embedded from `assets/`.
//! - [`export`]: articles written out as CSV, JSON lines, Markdown, RIS, BibTeX, CSL-JSON.
//! - [`cli`]: the command line: the TUI and the headless subcommands.
//! - [`generate`]: synthetic archives in the seed format, for benchmarks.
//!
//! **Where a format reader goes.** A new kind of article file (a scraper's JSON, a feed) is one
//! reader in [`parse`], the only module that knows a format, and one arm in its dispatch: it
//! turns a file into zero or more articles, each at a position (from 0), and problems
//! ([`parse::read_articles`]); one is read again by its position
//! ([`parse::read_article_at`], [`parse::article_body_text`]), which the store's load and the
//! phrase checks in [`search`] do through `store::read_article_at` and `store::read_body_text`.
//! An article's address in the store is (file, position). `parse/format.rs` picks a file's
//! reader (extension, then content); `parse/json.rs` (one object a file) and `parse/jsonl.rs`
//! (JSON Lines, streamed) are examples. Nothing in `store`, `search`, `app` or `ui` changes
//! for a format.
//!
//! **Where a watcher goes.** Something that learns which files changed (the `notify` watcher in
//! `tui/watch.rs`, or a journal a headless command could read) hands their paths to
//! [`store::Store::sync_paths`], which parses and indexes just those and publishes a new
//! snapshot; the app takes it like any other. Long-running work of the runtime goes through
//! the one worker pattern in `tui/serve.rs` (newest request wins, or queued requests merged),
//! and the app asks to be woken later with `Effect::WhenIdle` rather than the loop keeping
//! timers of its own.
//!
//! **Where a backend goes.** Another search engine (a server holding an archive beyond one
//! machine) is one module under [`search`] implementing [`search::Backend`]: a [`catalog`]
//! version (timeline, rows, article text) that also answers a parsed query with a first page,
//! a tally with matches per day, and what to mark in text, as the tantivy index does in
//! `search/local.rs`. Its entries carry its own addresses in [`catalog::DocRef`]; the search worker
//! and the CLI are handed its newest version, and `app` and `ui` do not change.

pub mod app;
pub mod article;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod export;
pub mod counts;
pub mod copies;
pub mod generate;
pub mod index;
pub mod kwic;
pub mod parse;
pub mod progress;
pub mod remote;
pub mod sanitize;
pub mod search;
pub mod state;
pub mod store;
pub mod tui;
pub mod ui;
pub mod width;
