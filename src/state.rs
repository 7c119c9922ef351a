//! Reading state in SQLite. (Stub with the agreed API: the real store is being written.)

use std::collections::HashSet;
use std::path::Path;

use crate::article::ArticleId;

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("the reading state database {path} could not be used: {reason}")]
    Unusable { path: String, reason: String },
}

/// One change the user made, persisted as its own transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateChange {
    Read {
        id: ArticleId,
        read: bool,
    },
    Starred {
        id: ArticleId,
        starred: bool,
    },
    /// Reading position: the first visible line of the article's wrapped text and the width
    /// it was wrapped at (positions are re-mapped when the width changes).
    Position {
        id: ArticleId,
        line: u32,
        width: u16,
    },
    Searched {
        query: String,
    },
}

/// What the UI needs at start-up, loaded once.
#[derive(Debug, Clone, Default)]
pub struct StateSnapshot {
    /// `catalog::id_hash` of every read article.
    pub read: HashSet<u64>,
    pub starred: HashSet<u64>,
    /// Newest last.
    pub history: Vec<String>,
}

pub struct ReadingState {}

impl ReadingState {
    pub fn open(_path: &Path) -> Result<ReadingState, StateError> {
        Ok(ReadingState {})
    }

    pub fn open_in_memory() -> Result<ReadingState, StateError> {
        Ok(ReadingState {})
    }

    /// Warnings to show the user (database moved aside, opened read-only...).
    pub fn warnings(&self) -> &[String] {
        &[]
    }

    pub fn snapshot(&self) -> Result<StateSnapshot, StateError> {
        Ok(StateSnapshot::default())
    }

    pub fn position(&self, _id: &ArticleId) -> Result<Option<(u32, u16)>, StateError> {
        Ok(None)
    }

    pub fn apply(&mut self, _change: &StateChange) -> Result<(), StateError> {
        Ok(())
    }
}
