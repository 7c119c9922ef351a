//! Copies in the app: expanding a story's row into its copies, and the reader's line naming
//! the other outlets that published the article.

use super::App;
use crate::config::{Action, Context};

/// Outlets named on the reader's line; more are counted.
const NAMED_OUTLETS: usize = 4;

impl App {
    /// The expand key: lists the selected story's copies under its row, or folds them.
    pub(super) fn expand_copies(&mut self) {
        if !self.timeline.grouped() {
            let why = if self.catalog().copies().is_empty() {
                "No story in this archive was published more than once."
            } else {
                "Every copy is on a row of its own: fold them into their stories first."
            };
            self.say(why.into());
            return;
        }
        let selected = self.timeline.selected();
        if self.timeline.toggle_expanded(&self.marks) {
            let copies = selected.map_or(0, |e| self.catalog().group_entries(e.id_hash).len());
            self.say(format!(
                "{} articles tell this story, earliest first.",
                copies
            ));
        } else if self.timeline.expanded().is_none()
            && selected.is_some_and(|e| self.catalog().copies().place(e.id_hash).is_none())
        {
            self.say("This article has no copies.".into());
        }
    }

    /// "also published by A, B and 2 more (earliest first)" for an article with copies.
    pub(super) fn also_published(&self, entry: &crate::catalog::Entry) -> Option<String> {
        let catalog = self.catalog();
        let members = catalog.group_entries(entry.id_hash);
        if members.len() < 2 {
            return None;
        }
        let own = catalog.row(entry).map(|r| r.source);
        let mut names: Vec<String> = Vec::new();
        for member in members.iter().filter(|e| e.id_hash != entry.id_hash) {
            let Some(row) = catalog.row(member) else {
                continue;
            };
            let name = if row.source.is_empty() {
                "an unknown source".to_string()
            } else if Some(&row.source) == own.as_ref() {
                format!("{} (again)", row.source)
            } else {
                row.source
            };
            if !names.contains(&name) {
                names.push(name);
            }
        }
        let earliest = members.first().is_some_and(|e| e.id_hash == entry.id_hash);
        let more = names.len().saturating_sub(NAMED_OUTLETS);
        names.truncate(NAMED_OUTLETS);
        let mut line = format!("also published by {}", names.join(", "));
        if more > 0 {
            line.push_str(&format!(" and {more} more"));
        }
        if earliest {
            line.push_str(" · this is the earliest");
        } else {
            let key = self
                .config
                .keymap
                .label(Context::Global, Action::DiffCopy)
                .unwrap_or("the diff key");
            line.push_str(&format!(" · a copy: {key} shows what it changed"));
        }
        Some(line)
    }
}
