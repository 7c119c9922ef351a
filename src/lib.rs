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
//! - [`anchor`]: where a note's passage is in an article's text, and finding it again after a
//!   re-index or an edit (quote, char offsets, context).
//! - [`article`]: the domain model (`Article`, `ArticleId`, `Published`, `Paragraph`, `Problem`).
//! - [`catalog`]: the read-only view of an archive that the UI and CLI use (`Catalog` trait),
//!   with one source name per outlet (`SourceNames`).
//! - [`sanitize`]: makes untrusted text safe to draw; applied once, where text is loaded.
//! - [`parse`]: one file -> its articles (one, or many: JSON Lines, feeds, trafilatura XML,
//!   newsboat's cache.db) or `Problem`s, and a body's text as searched.
//!   Pure, no I/O; the only module that knows a file format.
//! - [`index`]: the index contract both sides keep: the tokenizer, stop words and fields.
//! - [`progress`]: what a background sync reports, for the status bar.
//! - [`store`]: scans folders, keeps the tantivy index in the cache dir in sync, loads articles.
//! - [`search`]: the query language and the engine answering it from the index.
//! - [`copies`]: wire copies and near-duplicates: MinHash signatures made at index time and
//!   the groups they form, earliest first.
//! - [`remote`]: shared archives in Manticore/sphinxsearch: publishing and a remote backend.
//! - [`kwic`]: every hit of a query in an article's text as a line in context (the
//!   concordance of `folio kwic` and the TUI's view).
//! - [`counts`]: matches and the archive's articles per day, week, month or year (`folio
//!   counts`).
//! - [`state`]: read marks, stars, reading positions, labels, notes and highlights, the undo
//!   log of actions, search history and the settings chosen in the app, in SQLite; export and
//!   import as JSON lines.
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
//! reader in [`parse`], the only module that knows a format: it turns a file into articles,
//! each at a position, and problems ([`parse::read_articles`], one again by its position with
//! [`parse::read_article_at`]) and gives a body's text as searched
//! ([`parse::article_body_text`]), which the phrase checks in [`search`] read through
//! `store::read_body_text`. `parse/format.rs` picks a file's reader (extension, then content)
//! and `parse/read.rs`'s `read_format` has one arm per format; `parse/json.rs` (one article a file)
//! and `parse/feed.rs` (a list of items) are examples, `parse/newsboat.rs` one that opens the
//! file itself by its path. Nothing in `store`, `search`, `app` or `ui` changes for a format.
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

pub mod anchor;
pub mod app;
pub mod article;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod copies;
pub mod counts;
pub mod export;
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
