//! The searches overlay: every saved search (the config file's and those saved in the reader),
//! each with how many articles it finds and how many of those are unread, counted off the UI
//! thread through the same backend as searches ([`Effect::CountSearches`]) and filled in as
//! the answers arrive. Enter runs the selected search; `d` deletes and `r` renames one saved
//! in the reader (the config file's are changed in the file).
//!
//! Deleting asks first: the undo log holds article state, not saved searches, and a deleted
//! query could not be typed back from memory. A rename needs no question: it can be renamed
//! back.

use std::collections::BTreeMap;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::sanitize::sanitize;
use crate::search::FlagFilter;
use crate::search::query::{Query, SavedSearch, shorten_for_status, valid_name};
use crate::state::StateChange;

use super::overlay::{Overlay, typed_char};
use super::{App, Effect};

/// Characters a name may have, as when saving one.
const NAME_MAX: usize = 40;

/// What the counts worker is asked: each saved search's matches and unread matches.
pub struct CountRequest {
    pub generation: u64,
    pub searches: Vec<CountJob>,
}

/// One saved search to count: its query as `@name`, and `@name is:unread`.
pub struct CountJob {
    pub name: String,
    pub all: Query,
    pub all_flags: Option<Arc<FlagFilter>>,
    pub unread: Query,
    pub unread_flags: Option<Arc<FlagFilter>>,
}

/// The worker's answer for one saved search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchCount {
    pub generation: u64,
    pub name: String,
    /// The counts, or why the engine could not count, as a sentence.
    pub counted: Result<Counted, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub matches: usize,
    pub unread: usize,
}

/// The overlay's state while it is open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchesList {
    pub selected: usize,
    /// Counts received so far, by the name in lower case.
    pub counts: BTreeMap<String, Result<Counted, String>>,
    pub mode: ListMode,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ListMode {
    #[default]
    Browse,
    /// The new name typed so far for the selected search.
    Rename(String),
    /// Asking before deleting the selected search.
    ConfirmDelete,
}

/// One row of the overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedRow {
    pub name: String,
    pub query: String,
    /// Saved in the reader (the state database), so it can be deleted and renamed here.
    pub stored: bool,
}

impl SearchesList {
    /// The counts of the search of this name, once they arrived.
    pub fn count_of(&self, name: &str) -> Option<&Result<Counted, String>> {
        self.counts.get(&name.to_lowercase())
    }
}

impl App {
    /// Every saved search in the order they were defined, and where each lives.
    pub fn saved_rows(&self) -> Vec<SavedRow> {
        self.config
            .searches
            .iter()
            .map(|s| SavedRow {
                name: s.name.clone(),
                query: s.query.clone(),
                stored: self.origins.is_stored(&s.name),
            })
            .collect()
    }

    /// The searches key: lists the saved searches and asks for their counts.
    pub(super) fn open_searches(&mut self, fx: &mut Vec<Effect>) {
        if self.config.searches.is_empty() {
            let key = self
                .config
                .keymap
                .label(self.context(), crate::config::Action::SaveSearch)
                .unwrap_or("ctrl-s")
                .to_string();
            self.say(format!(
                "No saved searches yet: search (/), then press {key} to save it, or add \
                 [[search]] to config.toml."
            ));
            return;
        }
        self.overlay = Overlay::Searches(SearchesList::default());
        self.ask_counts(fx);
    }

    /// A newer version of the archive while the overlay is open: its counts are made again
    /// (those shown stay until the new ones arrive).
    pub(super) fn recount_searches(&mut self, fx: &mut Vec<Effect>) {
        if matches!(self.overlay, Overlay::Searches(_)) {
            self.ask_counts(fx);
        }
    }

    /// Asks the worker to count every saved search anew (older answers are dropped).
    fn ask_counts(&mut self, fx: &mut Vec<Effect>) {
        self.count_generation += 1;
        let parse = |text: String| Query::parse_with(&text, &self.config.searches);
        let mut searches = Vec::new();
        let mut failed = Vec::new();
        for s in self.config.searches.iter() {
            let parsed = parse(format!("@{}", s.name))
                .and_then(|all| Ok((all, parse(format!("@{} is:unread", s.name))?)));
            match parsed {
                Ok((all, unread)) => searches.push(CountJob {
                    name: s.name.clone(),
                    all_flags: self.flag_filter(&all),
                    all,
                    unread_flags: self.flag_filter(&unread),
                    unread,
                }),
                // Not expected (every saved search parses when it is kept), but never a row
                // that counts for ever.
                Err(e) => failed.push((s.name.to_lowercase(), Err(e.message))),
            }
        }
        if let Overlay::Searches(list) = &mut self.overlay {
            list.counts.extend(failed);
        }
        fx.push(Effect::CountSearches(Box::new(CountRequest {
            generation: self.count_generation,
            searches,
        })));
    }

    /// One search counted: shown if the overlay that asked is still open.
    pub(super) fn search_counted(&mut self, count: SearchCount) {
        if count.generation != self.count_generation {
            return;
        }
        if let Overlay::Searches(list) = &mut self.overlay {
            list.counts.insert(count.name.to_lowercase(), count.counted);
        }
    }

    pub(super) fn searches_key(&mut self, key: KeyEvent, fx: &mut Vec<Effect>) {
        let Overlay::Searches(mut list) = std::mem::replace(&mut self.overlay, Overlay::None)
        else {
            return;
        };
        let rows = self.saved_rows();
        let last = rows.len().saturating_sub(1);
        let row = rows.get(list.selected.min(last)).cloned();
        match std::mem::take(&mut list.mode) {
            ListMode::Browse => match key.code {
                KeyCode::Down | KeyCode::Char('j') => list.selected = (list.selected + 1).min(last),
                KeyCode::Up | KeyCode::Char('k') => list.selected = list.selected.saturating_sub(1),
                KeyCode::Home | KeyCode::Char('g') => list.selected = 0,
                KeyCode::End | KeyCode::Char('G') => list.selected = last,
                KeyCode::Enter => {
                    if let Some(row) = row {
                        self.search_for(&format!("@{}", row.name), fx);
                    }
                    return;
                }
                KeyCode::Char('d') | KeyCode::Delete => match row {
                    Some(row) if row.stored => list.mode = ListMode::ConfirmDelete,
                    Some(row) => self.say_in_config(&row.name, "deleted"),
                    None => {}
                },
                KeyCode::Char('r') => match row {
                    Some(row) if row.stored => list.mode = ListMode::Rename(row.name),
                    Some(row) => self.say_in_config(&row.name, "renamed"),
                    None => {}
                },
                KeyCode::Esc | KeyCode::Char('q') => return,
                _ => {}
            },
            ListMode::ConfirmDelete => match (key.code, row) {
                (KeyCode::Char('y' | 'Y') | KeyCode::Enter, Some(row)) => {
                    self.delete_saved(&row, fx);
                    list.selected = list.selected.min(self.saved_rows().len().saturating_sub(1));
                }
                _ => self.say("Not deleted.".into()),
            },
            ListMode::Rename(mut text) => match key.code {
                KeyCode::Esc => {}
                KeyCode::Enter => {
                    if let Some(row) = row
                        && !self.rename_saved(&row, &text, &mut list, fx)
                    {
                        list.mode = ListMode::Rename(text);
                    }
                }
                KeyCode::Backspace => {
                    text.pop();
                    list.mode = ListMode::Rename(text);
                }
                KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    list.mode = ListMode::Rename(String::new());
                }
                _ => {
                    let fits = |c: &char| {
                        text.chars().count() < NAME_MAX && !(text.is_empty() && *c == '@')
                    };
                    if let Some(c) = typed_char(&key).filter(fits) {
                        text.push(c);
                    }
                    list.mode = ListMode::Rename(text);
                }
            },
        }
        if self.config.searches.is_empty() {
            return;
        }
        self.overlay = Overlay::Searches(list);
    }

    fn say_in_config(&mut self, name: &str, done: &str) {
        let said = format!(
            "@{name} is defined in the config file ([[search]] in config.toml): it can only be \
             {done} there."
        );
        self.say_warning(sanitize(&said).into_owned());
    }

    /// Deletes a search saved in the reader, unless another search uses it.
    fn delete_saved(&mut self, row: &SavedRow, fx: &mut Vec<Effect>) {
        let stored: Vec<SavedSearch> = self
            .origins
            .stored
            .iter()
            .filter(|s| !s.name.eq_ignore_ascii_case(&row.name))
            .cloned()
            .collect();
        let (searches, refused) = self.origins.file.with_all(&stored);
        if !refused.is_empty() {
            let said = format!(
                "Not deleted: another search uses @{} ({})",
                row.name,
                refused.join("; ")
            );
            return self.say_warning(sanitize(&said).into_owned());
        }
        self.config.searches = searches;
        self.origins.stored = stored;
        fx.push(Effect::Persist(StateChange::SavedSearchDeleted {
            name: row.name.clone(),
        }));
        let back = match self.config.searches.get(&row.name) {
            Some(file) => format!(
                "; the config file's @{} ({}) applies again",
                file.name,
                shorten_for_status(&file.query)
            ),
            None => String::new(),
        };
        let said = format!(
            "Deleted @{} (it found {}){back}",
            row.name,
            shorten_for_status(&row.query)
        );
        self.say(sanitize(&said).into_owned());
    }

    /// Renames a search saved in the reader; false (and why, on the status line) when the
    /// name cannot be taken.
    fn rename_saved(
        &mut self,
        row: &SavedRow,
        text: &str,
        list: &mut SearchesList,
        fx: &mut Vec<Effect>,
    ) -> bool {
        let to = text.trim().trim_start_matches('@').to_string();
        let refuse = |app: &mut App, why: String| {
            app.say_warning(sanitize(&format!("Not renamed: {why}")).into_owned());
            false
        };
        if to == row.name {
            return true;
        }
        if !valid_name(&to) {
            return refuse(
                self,
                "a name is letters, digits, - and _ (as in \"bridge\" or \"war-2022\")".into(),
            );
        }
        let taken = self
            .config
            .searches
            .get(&to)
            .filter(|s| !s.name.eq_ignore_ascii_case(&row.name));
        if let Some(taken) = taken {
            return refuse(self, format!("@{} is taken", taken.name));
        }
        let stored: Vec<SavedSearch> = self
            .origins
            .stored
            .iter()
            .map(|s| SavedSearch {
                name: if s.name.eq_ignore_ascii_case(&row.name) {
                    to.clone()
                } else {
                    s.name.clone()
                },
                query: s.query.clone(),
            })
            .collect();
        let (searches, refused) = self.origins.file.with_all(&stored);
        if !refused.is_empty() {
            return refuse(
                self,
                format!("another search uses @{} ({})", row.name, refused.join("; ")),
            );
        }
        self.config.searches = searches;
        self.origins.stored = stored;
        if let Some(count) = list.counts.remove(&row.name.to_lowercase()) {
            list.counts.insert(to.to_lowercase(), count);
        }
        let rows = self.saved_rows();
        list.selected = rows.iter().position(|r| r.name == to).unwrap_or(0);
        fx.push(Effect::Persist(StateChange::SavedSearchRenamed {
            from: row.name.clone(),
            to: to.clone(),
        }));
        self.say(sanitize(&format!("Renamed @{} to @{to}", row.name)).into_owned());
        true
    }
}
