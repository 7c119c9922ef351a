//! What a background sync reports while it brings an index up to date: the store sends it,
//! the app keeps the latest, the status bar draws it. It lives apart from the store so that
//! the app and the UI can show progress without knowing where it comes from.

/// What a sync is doing, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Scanning,
    Indexing,
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub phase: Phase,
    pub files_seen: u64,
    /// Files that need parsing and indexing, once the walk has ended. A first build indexes
    /// while it walks: it reports `Indexing` with `None` here until the total is known.
    pub to_index: Option<u64>,
    pub indexed: u64,
    pub problems: u64,
    /// True when this report follows a commit: `Store::snapshot` now shows more articles.
    pub committed: bool,
}

impl Progress {
    /// The first report of a sync: scanning, nothing seen yet.
    pub fn starting() -> Progress {
        Progress {
            phase: Phase::Scanning,
            files_seen: 0,
            to_index: None,
            indexed: 0,
            problems: 0,
            committed: false,
        }
    }
}
