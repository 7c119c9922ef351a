//! `@name` in a command's query: the saved searches of the config file (`[[search]]`) and
//! those saved in the reader (Ctrl-S, kept in the reading state), expanded before the command
//! reads the query. Both are read only when the query names one, so a command without `@name`
//! never fails over a fault in either.

use std::path::Path;

use crate::config::Config;
use crate::sanitize::sanitize;
use crate::search::query::SavedSearches;

use super::commands::search_error;
use super::searches::state_snapshot;

/// `text` with its `@names` replaced by their queries in parentheses.
pub(super) fn expand(
    text: String,
    config: Option<&Path>,
    data_dir: Option<&Path>,
) -> anyhow::Result<String> {
    if SavedSearches::default().expand(&text).is_ok() {
        return Ok(text);
    }
    let file = Config::load(config)?.searches;
    let stored = state_snapshot(data_dir)?.searches;
    let (searches, refused) = file.with_all(&stored);
    for reason in &refused {
        eprintln!("folio: saved search not used: {}", sanitize(reason));
    }
    match searches.expand(&text) {
        Ok(expanded) => Ok(expanded.text),
        Err(error) => Err(search_error(&text, error)),
    }
}
