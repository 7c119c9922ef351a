//! Enter in the problems list (`!`): the article a problem names, opened in the reader, or
//! why it cannot be.

use crate::article::Severity;
use crate::config::{Action, Context};
use crate::sanitize::sanitize;

use super::layout::Focus;
use super::{App, Effect};

impl App {
    /// Opens the article read from the file of problem `index`: a repaired file is an
    /// article; a skipped one, a file gone from the index or an article hidden by the filters
    /// or the search is said so instead.
    pub(super) fn open_problem(&mut self, index: usize, fx: &mut Vec<Effect>) {
        let Some(problem) = self.catalog().problems().get(index).cloned() else {
            return;
        };
        let path = sanitize(&problem.location()).into_owned();
        if problem.severity == Severity::Skipped {
            self.say(format!(
                "{path} was skipped ({}): it is not in the timeline, so there is no article to open.",
                problem.what
            ));
            return;
        }
        let position = problem.at.map_or(0, |at| at.position);
        let Some(entry) = self.catalog().entry_of_article(&problem.path, position) else {
            self.say(format!(
                "{path} is no longer in the index: it was changed or deleted since."
            ));
            return;
        };
        if !self.timeline.select_entry(entry) {
            let key = |action| {
                self.config
                    .keymap
                    .label(Context::Timeline, action)
                    .unwrap_or("?")
                    .to_string()
            };
            let mut ways = Vec::new();
            if self.timeline.filters().any() {
                ways.push(format!("{} clears filters", key(Action::ClearFilters)));
            }
            if self.search.is_open() {
                ways.push(format!("{} ends the search", key(Action::CloseSearch)));
            }
            self.say(format!(
                "The article of {path} is hidden by the filters or the search: {}.",
                ways.join(", ")
            ));
            return;
        }
        self.layout.zen = false;
        self.focus = Focus::Reader;
        self.show_selected(true, fx);
    }
}
