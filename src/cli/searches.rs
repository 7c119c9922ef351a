//! `folio searches [PATH...] [--json]`: every saved search (the config file's `[[search]]`
//! and those saved in the reader) with how many articles it finds and how many of those are
//! unread; `folio searches delete NAME` deletes one saved in the reader.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::bail;
use serde::Serialize;

use super::archive::Opened;
use super::commands::search_error;
use super::{EXIT_NOTHING, EXIT_OK};
use crate::catalog::Catalog;
use crate::config::Config;
use crate::sanitize::sanitize;
use crate::search::query::SavedSearch;
use crate::search::{self, FlagFilter, Query, SearchOptions, SortBy};
use crate::state::{ReadingState, StateChange, StateSnapshot};

/// One line of `folio searches --json`.
#[derive(Serialize)]
struct Line<'a> {
    name: &'a str,
    query: &'a str,
    /// `config` (the config file's) or `saved` (saved in the reader).
    origin: &'a str,
    count: usize,
    unread: usize,
}

pub fn list(
    opened: &Opened,
    json: bool,
    data_dir: Option<&Path>,
    config: Option<&Path>,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let file = Config::load(config)?.searches;
    let snapshot = state_snapshot(data_dir)?;
    let (searches, refused) = file.with_all(&snapshot.searches);
    for reason in &refused {
        eprintln!("folio: saved search not used: {}", sanitize(reason));
    }
    if searches.is_empty() {
        eprintln!(
            "folio: no saved searches: save one in the reader (Ctrl-S) or add [[search]] to \
             config.toml"
        );
        return Ok(EXIT_NOTHING);
    }
    let stored = |name: &str| {
        snapshot
            .searches
            .iter()
            .any(|s| s.name.eq_ignore_ascii_case(name))
    };
    let mut rows = Vec::new();
    for saved in searches.iter() {
        let count = |text: String| -> anyhow::Result<usize> {
            let query = Query::parse_with(&text, &searches).map_err(|e| search_error(&text, e))?;
            let flags = flag_filter(opened, &query, &snapshot);
            let options = SearchOptions {
                sort: SortBy::Date,
                limit: 0,
            };
            Ok(search::search_with(opened.snapshot.as_ref(), &query, flags, &options)?.count)
        };
        let all = count(format!("@{}", saved.name))?;
        let unread = count(format!("@{} is:unread", saved.name))?;
        let origin = if stored(&saved.name) {
            "saved"
        } else {
            "config"
        };
        rows.push((saved, origin, all, unread));
    }
    let width = rows
        .iter()
        .map(|(s, ..)| s.name.chars().count() + 1)
        .max()
        .unwrap_or(0);
    for (saved, origin, count, unread) in rows {
        if json {
            let line = Line {
                name: &saved.name,
                query: &saved.query,
                origin,
                count,
                unread,
            };
            serde_json::to_writer(&mut *out, &line)?;
            writeln!(out)?;
        } else {
            let name = format!("@{}", saved.name);
            writeln!(
                out,
                "{name:<width$}  {count} · {unread} unread  {origin:<6}  {}",
                sanitize(&saved.query)
            )?;
        }
    }
    Ok(EXIT_OK)
}

/// `folio searches delete NAME`: deletes a search saved in the reader.
pub fn delete(
    name: &str,
    data_dir: Option<&Path>,
    config: Option<&Path>,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let name = name.trim().trim_start_matches('@');
    let path = state_path(data_dir)?;
    let mut state = ReadingState::open(&path)?;
    if let Some(warning) = state.warnings().first() {
        bail!("{warning}");
    }
    let stored = state.snapshot()?.searches;
    let Some(found) = stored
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case(name))
        .cloned()
    else {
        let file = Config::load(config)?.searches;
        if file.get(name).is_some() {
            bail!(
                "@{} is defined in the config file ([[search]] in config.toml): delete it there",
                sanitize(name)
            );
        }
        let known: Vec<String> = stored.iter().map(|s| format!("@{}", s.name)).collect();
        bail!(
            "no search saved in the reader is called @{}{}",
            sanitize(name),
            if known.is_empty() {
                String::new()
            } else {
                format!(" (saved: {})", sanitize(&known.join(" ")))
            }
        );
    };
    let rest: Vec<SavedSearch> = stored
        .into_iter()
        .filter(|s| !s.name.eq_ignore_ascii_case(name))
        .collect();
    let file = Config::load(config)?.searches;
    let (_, refused) = file.with_all(&rest);
    if !refused.is_empty() {
        bail!(
            "@{} is used by another search ({}): change that one first",
            found.name,
            sanitize(&refused.join("; "))
        );
    }
    state.apply(&StateChange::SavedSearchDeleted {
        name: found.name.clone(),
    })?;
    writeln!(
        out,
        "deleted @{} (it found {})",
        found.name,
        sanitize(&found.query)
    )?;
    Ok(EXIT_OK)
}

fn state_path(data_dir: Option<&Path>) -> anyhow::Result<PathBuf> {
    let dir = crate::state::data_dir(data_dir)?;
    Ok(crate::state::default_path(&dir))
}

/// The reading state, or none before the reader ever saved one.
pub(super) fn state_snapshot(data_dir: Option<&Path>) -> anyhow::Result<StateSnapshot> {
    let path = state_path(data_dir)?;
    if !path.exists() {
        return Ok(StateSnapshot::default());
    }
    let state = ReadingState::open(&path)?;
    for warning in state.warnings() {
        eprintln!("folio: {}", sanitize(warning));
    }
    Ok(state.snapshot()?)
}

fn flag_filter(
    opened: &Opened,
    query: &Query,
    snapshot: &StateSnapshot,
) -> Option<Arc<FlagFilter>> {
    (!query.flags().is_empty()).then(|| {
        Arc::new(super::commands::flag_filter(
            query,
            snapshot,
            opened.snapshot.copies(),
        ))
    })
}
