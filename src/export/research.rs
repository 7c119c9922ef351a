//! The user's own work on an article that an export carries: its labels (RIS `KW`, the
//! `labels` column, BibTeX `keywords`, CSL `keyword`) and notes (RIS `N1`, the `notes` column,
//! BibTeX and CSL `note`). One seam, so that every format and both the CLI and the TUI read
//! them the same way.
//!
//! Labels and notes live in the reading state (`crate::state`): labels are read from it;
//! notes are not kept yet, so every export's notes are empty until they are (the one place
//! to add them is [`research_of`]).

use std::sync::Mutex;

use crate::article::ArticleId;
use crate::state::ReadingState;

/// An article's labels and notes, as the user wrote them (cleaned where the item is made).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Research {
    pub labels: Vec<String>,
    pub notes: Vec<String>,
}

/// Whatever knows an article's labels and notes. `Sync`: articles are read in parallel.
pub trait ResearchSource: Send + Sync {
    fn research(&self, id: &ArticleId) -> Research;
}

/// No labels and no notes: an archive with no reading state yet.
pub struct NoResearch;

impl ResearchSource for NoResearch {
    fn research(&self, _: &ArticleId) -> Research {
        Research::default()
    }
}

/// The reading state's labels and notes.
impl ResearchSource for Mutex<ReadingState> {
    fn research(&self, id: &ArticleId) -> Research {
        let state = self
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        research_of(&state, id)
    }
}

/// Labels and notes of `id` in `state`. A label that cannot be read leaves the article's
/// labels empty rather than failing the export (the state database is the user's, and an
/// export is still worth having).
fn research_of(state: &ReadingState, id: &ArticleId) -> Research {
    Research {
        labels: state.labels_of(id).unwrap_or_default(),
        notes: Vec::new(),
    }
}

/// The reading state as the TUI holds it, looked up anew for each article: an export running
/// when folio quits does not keep the state from being closed (and its last saves retried).
impl ResearchSource for std::sync::Weak<Mutex<ReadingState>> {
    fn research(&self, id: &ArticleId) -> Research {
        match self.upgrade() {
            Some(state) => state.research(id),
            None => Research::default(),
        }
    }
}
