//! The user's own work on an article that an export carries: its labels (RIS `KW`, the
//! `labels` column, BibTeX `keywords`, CSL `keyword`) and notes (RIS `N1`, the `notes` column,
//! BibTeX and CSL `note`). One seam, so that every format and both the CLI and the TUI read
//! them the same way.
//!
//! Labels and notes live in the reading state (`crate::state`) and are read from it. A note
//! is written as its quote then what the user wrote (`“quote” — note`); a plain highlight as
//! its quote alone.

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
        notes: state
            .notes_of(id)
            .unwrap_or_default()
            .iter()
            .map(note_text)
            .collect(),
    }
}

/// A note as an export carries it: the quote (paragraphs joined by ¶), then the note.
pub fn note_text(note: &crate::state::Note) -> String {
    let quote = note
        .quote
        .split(crate::anchor::PARAGRAPH_SEPARATOR)
        .collect::<Vec<_>>()
        .join(" ¶ ");
    if note.is_highlight() {
        format!("“{quote}”")
    } else {
        format!("“{quote}” — {}", note.note)
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
