//! What the panes say when the list is empty: what narrows it (the filters, the search) and
//! the keys that widen it again, so an empty screen never leaves the user guessing.

use crate::config::{Action, Context};

use super::App;

impl App {
    /// The sentence shown in place of the list (and the article) when nothing is shown:
    /// "No unread starred articles · F clears filters".
    pub fn nothing_shown(&self) -> String {
        let filters = self.timeline.filters();
        // The query whose results these are: while the line does not parse, that is the
        // last one that did, not the text on the line.
        let query = self
            .search
            .query
            .as_ref()
            .map(|_| self.search.ran.as_str())
            .filter(|q| !q.is_empty());
        if !filters.any() && query.is_none() {
            return if self.progress.is_some() {
                "Indexing the archive: articles appear as they are read.".into()
            } else {
                "No articles in this archive.".into()
            };
        }
        let mut what = String::from("No ");
        if filters.unread {
            what.push_str("unread ");
        }
        if filters.starred {
            what.push_str("starred ");
        }
        what.push_str("articles");
        if let Some((name, _)) = filters
            .source
            .and_then(|s| self.catalog().sources().get(s as usize))
        {
            what.push_str(" from ");
            what.push_str(if name.is_empty() {
                "an unknown source"
            } else {
                name
            });
        }
        if let Some(query) = query {
            what.push_str(&format!(" matching “{query}”"));
            if self.search.error.is_some() {
                // The line says why it cannot be read; this says which query is still shown.
                what.push_str(", the last query read");
            }
        }
        if self.progress.is_some() {
            what.push_str(" so far");
        }
        let key = |action| {
            self.config
                .keymap
                .label(Context::Timeline, action)
                .map(str::to_string)
        };
        if filters.any() {
            let clear = key(Action::ClearFilters).unwrap_or_else(|| "F".into());
            what.push_str(&format!(" · {clear} clears filters"));
        }
        if query.is_some() {
            // While the line is being edited Esc always ends the search; after Enter it is
            // whatever the keymap binds. Named as the hint bar names keys.
            let close = if self.search.editing {
                "esc".to_string()
            } else {
                key(Action::CloseSearch).unwrap_or_else(|| "esc".into())
            };
            what.push_str(&format!(" · {close} ends the search"));
        }
        what
    }
}
