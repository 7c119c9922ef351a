//! Articles arriving while the reader is open, from the folder watcher's syncs.
//!
//! Once the user has chosen an article (moved the selection, or opened one), a new snapshot
//! keeps it selected and on the same screen row, whatever arrived above it; a note counts
//! the articles that arrived and names the key that jumps to the newest. Until then the
//! first row stays the newest article, as while the start-up sync fills the archive: new
//! articles show at the top.

use std::sync::Arc;

use crate::catalog::Catalog;
use crate::config::Action;

use super::{App, Effect};

/// What the app knows of the folder watcher and of what it brought.
#[derive(Debug, Default)]
pub struct Live {
    /// How the folders are followed, for the status bar (`None`: not followed).
    watching: Option<String>,
    /// The start-up sync has ended: later snapshots come from the watcher.
    started: bool,
    /// Articles that arrived since the user last jumped to the newest.
    arrived: usize,
}

impl App {
    /// The watcher says how it follows the folders.
    pub(super) fn watching(&mut self, how: String) {
        self.live.watching = Some(how);
    }

    pub(super) fn sync_ended(&mut self) {
        self.live.started = true;
    }

    /// A newer version of the archive: after start-up, a chosen article is held where it is.
    pub(super) fn accept_snapshot(&mut self, catalog: Arc<dyn Catalog>, fx: &mut Vec<Effect>) {
        if !self.live.started || !self.timeline.held() {
            self.newer_catalog(catalog, fx);
            return;
        }
        let before = self.catalog().timeline().len();
        let after = catalog.timeline().len();
        self.live.arrived += after.saturating_sub(before);
        let row = self
            .timeline
            .selected_index()
            .saturating_sub(self.timeline.top());
        let searching = self.search.query.is_some();
        self.newer_catalog(catalog, fx);
        if !searching {
            // The selected article keeps its screen row: the rows above it scroll instead.
            let keep = self.timeline.selected();
            let top = self.timeline.selected_index().saturating_sub(row);
            self.timeline.set_view(keep, top);
        }
    }

    /// Selects the newest article and forgets the count of arrivals.
    pub(super) fn jump_to_newest(&mut self) {
        self.live.arrived = 0;
        if self.timeline.reversed() {
            self.timeline.select(usize::MAX);
        } else {
            self.timeline.select(0);
        }
    }

    /// "12 new articles (ctrl-n: newest)", while some arrived that the user has not jumped to.
    pub fn arrivals_note(&self) -> Option<String> {
        let n = self.live.arrived;
        if n == 0 {
            return None;
        }
        let what = if n == 1 {
            "1 new article".to_string()
        } else {
            format!("{n} new articles")
        };
        Some(
            match self.config.keymap.label(self.context(), Action::Newest) {
                Some(key) => format!("{what} ({key}: newest)"),
                None => what,
            },
        )
    }

    /// How the folders are followed ("watching", "polling every 2 s"), for the status bar.
    pub fn watch_mode(&self) -> Option<&str> {
        self.live.watching.as_deref()
    }
}
