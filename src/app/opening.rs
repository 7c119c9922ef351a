//! Which article the reader shows: opening the selected one (or previewing it), taking the
//! loader's answer, and what goes with opening and leaving an article: the read mark and
//! the reading position.

use std::sync::Arc;

use crate::catalog::{Entry, Row};
use crate::state::StateChange;

use super::{App, Effect, Focus, Loaded};

impl App {
    /// Saves the reading position while the reader idles on an article, so a crash or a
    /// `kill -9` loses at most the last two seconds of scrolling.
    pub(super) fn save_position_if_moved(&mut self, fx: &mut Vec<Effect>) {
        let Some(position) = self.reader.position().filter(|_| self.opened) else {
            return;
        };
        if self.saved_position.as_ref() != Some(&position) {
            self.saved_position = Some(position.clone());
            fx.push(Effect::Persist(position));
        }
    }

    /// Puts the selected article in the reader; `open` marks it read (a preview does not).
    pub(super) fn show_selected(&mut self, open: bool, fx: &mut Vec<Effect>) {
        if open {
            // An article the user opened stays selected as newer ones arrive.
            self.timeline.hold();
        }
        let Some(entry) = self.timeline.selected() else {
            self.leave_article(fx);
            self.reader.close();
            return;
        };
        if self.reader.entry() == Some(entry) {
            // Coming back to the article is a good moment to see whether its file changed.
            self.check_file(fx);
            if open && !self.opened {
                self.opened = true;
                self.mark_read(entry, fx);
            }
            return;
        }
        let Some(row) = self.catalog().row(&entry) else {
            self.say("This article is no longer in the archive.".into());
            return;
        };
        self.leave_article(fx);
        let generation = self.reader.open(entry, row.id.clone());
        let also = self.also_published(&entry);
        self.reader.set_also(also);
        self.opened = open;
        fx.push(Effect::Load {
            generation,
            entry,
            catalog: Arc::clone(self.catalog()),
        });
        if open {
            self.mark_read(entry, fx);
        }
    }

    /// Saves the reading position of the article being left, if the user was reading it.
    pub(super) fn leave_article(&mut self, fx: &mut Vec<Effect>) {
        if let Some(change) = self.reader.position().filter(|_| self.opened) {
            fx.push(Effect::Persist(change));
        }
        self.opened = false;
    }

    pub(super) fn mark_read(&mut self, entry: Entry, fx: &mut Vec<Effect>) {
        if self.marks.read.insert(entry.id_hash) {
            self.unread = self.unread.saturating_sub(1);
            if let Some(row) = self.catalog().row(&entry) {
                fx.push(Effect::Persist(StateChange::Read {
                    id: row.id,
                    read: true,
                }));
            }
        }
    }

    /// The loader's answer: shown if it is for the article the reader waits for.
    pub(super) fn loaded(&mut self, loaded: Loaded, fx: &mut Vec<Effect>) {
        let Loaded {
            generation,
            result,
            position,
        } = loaded;
        let result = result.map_err(|p| {
            format!(
                "{} could not be shown: {}",
                crate::sanitize::sanitize(&p.location()),
                p.message()
            )
        });
        self.reader.loaded(generation, result, position);
        if generation == self.reader.generation() {
            self.after_load(fx);
        }
    }

    /// The article the user means: the one read in the reader, else the selected one.
    pub(super) fn target(&self) -> Option<(Entry, Row)> {
        let entry = match self.focus {
            Focus::Reader => self.reader.entry().or_else(|| self.timeline.selected()),
            Focus::Timeline => self.timeline.selected(),
        }?;
        Some((entry, self.catalog().row(&entry)?))
    }
}
