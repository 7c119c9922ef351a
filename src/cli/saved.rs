//! `@name` in a command's query: the saved searches of the config file (`[[search]]`),
//! expanded before the command reads the query. The config file is read only when the query
//! names one, so a command without `@name` never fails over a fault in that file.

use std::path::Path;

use crate::config::Config;
use crate::search::query::SavedSearches;

use super::commands::search_error;

/// `text` with its `@names` replaced by their queries in parentheses.
pub(super) fn expand(text: String, config: Option<&Path>) -> anyhow::Result<String> {
    if SavedSearches::default().expand(&text).is_ok() {
        return Ok(text);
    }
    let searches = Config::load(config)?.searches;
    match searches.expand(&text) {
        Ok(expanded) => Ok(expanded.text),
        Err(error) => Err(search_error(&text, error)),
    }
}
