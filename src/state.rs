//! Reading state: read marks, stars, reading positions, labels, notes and highlights, search
//! history and the reader and layout settings chosen in the app, in SQLite.
//!
//! Label, read and star actions the user takes ([`StateChange::Bulk`], one article or 100k)
//! are each one transaction and one step of an undo log that survives a restart
//! ([`ReadingState::undo`]). The whole state can be written out and merged back by article id
//! ([`export`], [`import`]).
//!
//! Every [`StateChange`] is its own small transaction in a WAL database with
//! `synchronous=FULL`, so what the user saw happen is on disk before the next frame: a quit,
//! crash, `kill -9` or power cut loses nothing already shown. State is keyed by the article id
//! string, so it survives moving or re-indexing the archive.
//!
//! Faults never stop a session; they end in one message for the user:
//! - A damaged file is moved aside as `state.db.corrupt-<timestamp>` and a fresh one started;
//!   [`ReadingState::warnings`] says so.
//! - A database from a newer folio, or one that cannot be written (read-only file or folder),
//!   is opened read-only and never written: its marks are shown, this session's changes are
//!   kept in memory, and `apply` returns `Ok` (the warning was given once, at open).
//! - A write that fails mid-session (full disk, folder made read-only, another instance holding
//!   the lock longer than the busy timeout) returns [`StateError::Unwritable`] once; later
//!   changes are kept in memory and retried now and then, so the UI shows one banner and has
//!   no error to loop on. [`ReadingState::unsaved`] tells when saving works again.

mod bulk;
mod label;
mod note;
mod open;
mod paths;
mod pending;
mod schema;
mod settings;
mod transfer;
mod transfer_searches;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, TransactionBehavior};

use crate::article::ArticleId;
pub use bulk::{Bulk, Op, Reverted, Target, UNDO_STEPS, Undone};
pub use label::{LABEL_MAX_CHARS, Label, LabelEdit, LabelError};
pub use note::{NOTE_MAX_CHARS, Note};
pub use paths::{DATA_DIR_ENV, data_dir, default_path};
use pending::Pending;
pub use schema::HISTORY_CAP;
pub use settings::{Setting, Settings};
pub use transfer::{ImportReport, export, import};

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("the reading state database {path} could not be used: {reason}")]
    Unusable { path: String, reason: String },
    /// Shown once as a banner; the change is kept in memory and saving is retried.
    #[error(
        "read marks, stars and positions cannot be saved to {path} ({reason}); they are kept \
         for this session and saving will be retried"
    )]
    Unwritable { path: String, reason: String },
    /// Undo needs the log on disk: it is not offered while changes are kept in memory.
    #[error("nothing can be undone while the reading state is not being saved ({path})")]
    CannotUndo { path: String },
    #[error(
        "no folder for folio's data could be found (no home directory?): pass --data-dir or \
         set FOLIO_DATA_DIR"
    )]
    NoDataDir,
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
    /// A search the user ran; blank queries are ignored, repeats move to the newest place.
    Searched {
        query: String,
    },
    /// A reader or layout choice; the latest of each kind is kept.
    Setting(Setting),
    /// A label, read or star action over one or many articles: one transaction, one step of
    /// the undo log.
    Bulk(std::sync::Arc<Bulk>),
    /// A query saved under a name from the reader (`@name`); a known name gets the new query.
    SavedSearch {
        name: String,
        query: String,
    },
    /// A saved search deleted from the searches overlay or `folio searches delete`.
    SavedSearchDeleted {
        name: String,
    },
    /// A saved search given another name (its query stays).
    SavedSearchRenamed {
        from: String,
        to: String,
    },
    /// A note or highlight added (`add`) or deleted: one transaction, one step of the undo
    /// log.
    Note {
        note: Box<Note>,
        add: bool,
    },
}

/// What the UI needs at start-up, loaded once.
#[derive(Debug, Clone, Default)]
pub struct StateSnapshot {
    /// `catalog::id_hash` of every read article.
    pub read: HashSet<u64>,
    pub starred: HashSet<u64>,
    /// Newest last, at most [`HISTORY_CAP`] entries, no duplicates.
    pub history: Vec<String>,
    pub settings: Settings,
    /// Each labelled article's labels (by `catalog::id_hash`), sorted.
    pub labels: HashMap<u64, Vec<String>>,
    /// What undo would revert now, if anything (the newest step of the undo log).
    pub undo: Option<String>,
    /// The searches saved from the reader, oldest first.
    pub searches: Vec<crate::search::query::SavedSearch>,
    /// Each noted article's notes and highlights (by `catalog::id_hash`), in text order.
    pub notes: HashMap<u64, Vec<Note>>,
}

/// How long to wait on another instance, and how often to retry failed saves.
#[derive(Debug, Clone)]
pub struct Timing {
    /// How long a write waits for another instance's transaction before giving up. Those take
    /// milliseconds, and the UI thread waits this long at worst.
    pub busy_timeout: Duration,
    /// After a failed save, how long to wait before trying again.
    pub retry_interval: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            busy_timeout: Duration::from_secs(1),
            retry_interval: Duration::from_secs(10),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    Write,
    /// Never written: newer schema or unwritable file. Changes live in `pending`.
    ReadOnly,
    /// Writes started failing; changes live in `pending` until a retry succeeds.
    Failing {
        retry_at: Instant,
    },
}

pub struct ReadingState {
    conn: Connection,
    /// For messages; `None` for an in-memory database.
    path: Option<PathBuf>,
    access: Access,
    pending: Pending,
    warnings: Vec<String>,
    timing: Timing,
}

impl ReadingState {
    /// Opens (creating if needed) the database at `path`. Problems with the file end in a
    /// working state plus [`warnings`](Self::warnings); this fails only when not even an
    /// in-memory database can be made.
    pub fn open(path: &Path) -> Result<ReadingState, StateError> {
        Self::open_with(path, Timing::default())
    }

    pub fn open_with(path: &Path, timing: Timing) -> Result<ReadingState, StateError> {
        let opened = open::open(path, &timing).map_err(|e| StateError::Unusable {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        Ok(ReadingState {
            conn: opened.conn,
            path: Some(path.to_path_buf()),
            access: opened.access,
            pending: Pending::default(),
            warnings: opened.warnings,
            timing,
        })
    }

    /// A database that lives as long as this value: for tests and `--no-state` sessions.
    pub fn open_in_memory() -> Result<ReadingState, StateError> {
        let conn = open::memory_connection().map_err(|e| StateError::Unusable {
            path: "(in memory)".into(),
            reason: e.to_string(),
        })?;
        Ok(ReadingState {
            conn,
            path: None,
            access: Access::Write,
            pending: Pending::default(),
            warnings: Vec::new(),
            timing: Timing::default(),
        })
    }

    /// Warnings to show the user once (database moved aside, opened read-only...).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// How many changes are held only in memory, not yet saved (0 when all is on disk).
    pub fn unsaved(&self) -> usize {
        self.pending.len()
    }

    /// One article's labels, sorted (none when the database predates labels).
    pub fn labels_of(&self, id: &ArticleId) -> Result<Vec<String>, StateError> {
        bulk::labels_of(&self.conn, crate::catalog::id_hash(id)).map_err(|e| self.unusable(e))
    }

    /// Every labelled article's labels (by `catalog::id_hash`), sorted: for printing many
    /// articles with their labels, one query rather than one per article.
    pub fn labels(&self) -> Result<HashMap<u64, Vec<String>>, StateError> {
        bulk::labels(&self.conn).map_err(|e| self.unusable(e))
    }

    /// One article's notes and highlights, in text order (none when the database predates
    /// notes).
    pub fn notes_of(&self, id: &ArticleId) -> Result<Vec<Note>, StateError> {
        note::of(&self.conn, id).map_err(|e| self.unusable(e))
    }

    pub fn snapshot(&self) -> Result<StateSnapshot, StateError> {
        let marks = schema::marks(&self.conn).map_err(|e| self.unusable(e))?;
        let mut snapshot = StateSnapshot {
            read: marks.read.into_iter().collect(),
            starred: marks.starred.into_iter().collect(),
            history: marks.history,
            settings: settings::read(&self.conn).map_err(|e| self.unusable(e))?,
            labels: bulk::labels(&self.conn).map_err(|e| self.unusable(e))?,
            undo: bulk::newest_step(&self.conn).map_err(|e| self.unusable(e))?,
            searches: schema::saved_searches(&self.conn).map_err(|e| self.unusable(e))?,
            notes: HashMap::new(),
        };
        for note in note::all(&self.conn).map_err(|e| self.unusable(e))? {
            snapshot.notes.entry(note.id_hash()).or_default().push(note);
        }
        self.pending.overlay(&mut snapshot);
        Ok(snapshot)
    }

    /// Every note and highlight, by article id then place (none when the database predates
    /// notes), unsaved ones included.
    pub fn notes(&self) -> Result<Vec<Note>, StateError> {
        let snapshot = self.snapshot()?;
        let mut notes: Vec<Note> = snapshot.notes.into_values().flatten().collect();
        notes.sort_by(|a, b| {
            (&a.article, a.start, a.end, a.created_at).cmp(&(
                &b.article,
                b.start,
                b.end,
                b.created_at,
            ))
        });
        Ok(notes)
    }

    /// The remembered reading position of an article: `(first visible line, wrap width)`.
    pub fn position(&self, id: &ArticleId) -> Result<Option<(u32, u16)>, StateError> {
        if let Some(position) = self.pending.position(id) {
            return Ok(Some(position));
        }
        schema::position(&self.conn, id.as_str()).map_err(|e| self.unusable(e))
    }

    /// Saves one change in its own transaction. See the module comment for what happens when
    /// saving is impossible: at most one `Unwritable` error per run of failures.
    pub fn apply(&mut self, change: &StateChange) -> Result<(), StateError> {
        match self.access {
            Access::ReadOnly => {
                self.pending.push(change.clone());
                Ok(())
            }
            Access::Write => match write(&mut self.conn, std::slice::from_ref(change)) {
                Ok(()) => Ok(()),
                Err(e) => {
                    self.pending.push(change.clone());
                    self.access = Access::Failing {
                        retry_at: Instant::now() + self.timing.retry_interval,
                    };
                    Err(StateError::Unwritable {
                        path: self.shown_path(),
                        reason: e.to_string(),
                    })
                }
            },
            Access::Failing { retry_at } => {
                self.pending.push(change.clone());
                if Instant::now() >= retry_at {
                    self.retry();
                }
                Ok(())
            }
        }
    }

    /// Applies an action and says how many articles it changed; for the headless commands,
    /// which must not report a change that was not saved: anything but a writable database
    /// is an error.
    pub fn apply_bulk(&mut self, bulk: &Bulk) -> Result<usize, StateError> {
        if self.access != Access::Write {
            return Err(StateError::Unwritable {
                path: self.shown_path(),
                reason: "the database is not writable".into(),
            });
        }
        let now = chrono::Utc::now().timestamp();
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let changed = bulk::write(&tx, bulk, now)?;
            tx.commit()?;
            Ok(changed)
        })();
        result.map_err(|e: rusqlite::Error| StateError::Unwritable {
            path: self.shown_path(),
            reason: e.to_string(),
        })
    }

    /// Reverts the newest step of the undo log in one transaction; `Ok(None)` when there is
    /// nothing to undo. Refused while changes are held in memory: the log on disk would not
    /// describe them.
    pub fn undo(&mut self) -> Result<Option<Undone>, StateError> {
        if self.access != Access::Write || self.pending.len() > 0 {
            return Err(StateError::CannotUndo {
                path: self.shown_path(),
            });
        }
        let now = chrono::Utc::now().timestamp();
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let undone = bulk::undo(&tx, now)?;
            tx.commit()?;
            Ok(undone)
        })();
        result.map_err(|e: rusqlite::Error| StateError::Unwritable {
            path: self.shown_path(),
            reason: e.to_string(),
        })
    }

    /// Tries at once to save what failed to save earlier (say, at quit); `Ok` when nothing is
    /// left unsaved. A database that is read-only by design is never written.
    pub fn flush(&mut self) -> Result<(), StateError> {
        if let Access::Failing { .. } = self.access {
            self.retry();
        }
        match self.pending.len() {
            0 => Ok(()),
            unsaved => Err(StateError::Unwritable {
                path: self.shown_path(),
                reason: format!("{unsaved} changes could not be saved"),
            }),
        }
    }

    /// Writes everything held in memory in one transaction, if saving works again.
    fn retry(&mut self) {
        match write(&mut self.conn, self.pending.changes()) {
            Ok(()) => {
                self.pending.clear();
                self.access = Access::Write;
            }
            Err(_) => {
                self.access = Access::Failing {
                    retry_at: Instant::now() + self.timing.retry_interval,
                };
            }
        }
    }

    fn shown_path(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "(in memory)".into(), |p| p.display().to_string())
    }

    fn unusable(&self, e: rusqlite::Error) -> StateError {
        StateError::Unusable {
            path: self.shown_path(),
            reason: e.to_string(),
        }
    }
}

/// A last attempt, so changes that failed to save are not lost just because no later change
/// came to retry them.
impl Drop for ReadingState {
    fn drop(&mut self) {
        if let Access::Failing { .. } = self.access {
            self.retry();
        }
    }
}

fn write(conn: &mut Connection, changes: &[StateChange]) -> rusqlite::Result<()> {
    let now = chrono::Utc::now().timestamp();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for change in changes {
        schema::write(&tx, change, now)?;
    }
    tx.commit()
}
