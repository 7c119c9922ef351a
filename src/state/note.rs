//! Notes and highlights: a passage of an article, anchored by its quote, char offsets and
//! context (`crate::anchor`), with the user's note (empty for a plain highlight).
//!
//! A note is kept with the article's id, like labels. Two notes with the same article,
//! quote, offsets and text are one note (adding it again changes nothing, an import merges
//! them). Adding and deleting are each one transaction and one step of the undo log: the
//! entry's `before` holds the note as JSON, so undoing a delete puts back every field.

use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::article::ArticleId;
use crate::catalog::id_hash;

/// Undo entry targets: undoing them deletes, or restores, the note in `before`.
pub(super) const ADDED: &str = "note-added";
pub(super) const DELETED: &str = "note-deleted";

/// Longest note text kept; a longer one is refused with this in the message.
pub const NOTE_MAX_CHARS: usize = 4000;

/// One note or highlight.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Note {
    /// The article's id (its URL, else its file's path), as labels keep it.
    pub article: String,
    /// The passage as it read when the note was made.
    pub quote: String,
    /// What the user wrote; empty for a plain highlight.
    #[serde(default)]
    pub note: String,
    /// The paragraph the passage starts in (0 = the body's first).
    #[serde(default)]
    pub paragraph: u32,
    /// Char offsets of the passage in the article's note text (`anchor::text_of`).
    pub start: u32,
    pub end: u32,
    /// Text just before and after the passage, to find it again after an edit.
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    /// Unix seconds.
    #[serde(default)]
    pub created_at: i64,
}

impl Note {
    pub fn is_highlight(&self) -> bool {
        self.note.trim().is_empty()
    }

    pub fn id_hash(&self) -> u64 {
        id_hash(&ArticleId(self.article.clone()))
    }

    /// The passage to find again with `anchor::locate`.
    pub fn passage(&self) -> crate::anchor::Passage {
        crate::anchor::Passage {
            quote: self.quote.clone(),
            start: self.start as usize,
            end: self.end as usize,
            prefix: self.prefix.clone(),
            suffix: self.suffix.clone(),
        }
    }

    /// Whether `other` is the same note (see the module comment).
    pub fn same(&self, other: &Note) -> bool {
        self.article == other.article
            && self.quote == other.quote
            && self.start == other.start
            && self.end == other.end
            && self.note == other.note
    }
}

/// Inserts `note` unless the same note is there; whether it was added.
pub(super) fn insert(tx: &Connection, note: &Note) -> rusqlite::Result<bool> {
    let hash = note.id_hash() as i64;
    let added = tx
        .prepare_cached(
            "INSERT INTO note (id_hash, article_id, quote, note, paragraph, start, end_at, prefix,
             suffix, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            hash,
            note.article,
            note.quote,
            note.note,
            note.paragraph,
            note.start,
            note.end,
            note.prefix,
            note.suffix,
            note.created_at,
        ])?;
    Ok(added == 1)
}

/// Deletes the note equal to `note` (see [`Note::same`]); the note as stored, if there was one.
pub(super) fn remove(tx: &Transaction<'_>, note: &Note) -> rusqlite::Result<Option<Note>> {
    let stored = tx
        .prepare_cached(&format!(
            "DELETE FROM note WHERE id_hash = ?1 AND article_id = ?2 AND quote = ?3
                 AND note = ?4 AND start = ?5 AND end_at = ?6 RETURNING {COLUMNS}"
        ))?
        .query_map(
            params![
                note.id_hash() as i64,
                note.article,
                note.quote,
                note.note,
                note.start,
                note.end
            ],
            from_row,
        )?
        .next()
        .transpose()?;
    Ok(stored)
}

/// Adds or deletes a note inside the caller's transaction, as one step of the undo log;
/// whether anything changed.
pub(super) fn write(
    tx: &Transaction<'_>,
    note: &Note,
    add: bool,
    now: i64,
) -> rusqlite::Result<bool> {
    let (changed, target, logged) = if add {
        let mut note = note.clone();
        if note.created_at == 0 {
            note.created_at = now;
        }
        (insert(tx, &note)?, ADDED, Some(note))
    } else {
        let stored = remove(tx, note)?;
        (stored.is_some(), DELETED, stored)
    };
    let Some(logged) = logged.filter(|_| changed) else {
        return Ok(false);
    };
    let what = match (add, logged.is_highlight()) {
        (true, true) => "highlight",
        (true, false) => "add note",
        (false, true) => "delete highlight",
        (false, false) => "delete note",
    };
    tx.execute(
        "INSERT INTO undo_step (what, at) VALUES (?1, ?2)",
        params![what, now],
    )?;
    let step = tx.last_insert_rowid();
    let json = serde_json::to_string(&logged).unwrap_or_default();
    tx.execute(
        "INSERT INTO undo_entry (step, target, article_id, id_hash, name, before)
         VALUES (?1, ?2, ?3, ?4, '', ?5)",
        params![step, target, logged.article, logged.id_hash() as i64, json],
    )?;
    super::bulk::forget_old_steps(tx)?;
    Ok(true)
}

/// Undoes one logged note change: `Some((note, now present))`.
pub(super) fn undo(
    tx: &Transaction<'_>,
    target: &str,
    before: &rusqlite::types::Value,
) -> rusqlite::Result<Option<(Note, bool)>> {
    let rusqlite::types::Value::Text(json) = before else {
        return Ok(None);
    };
    let Ok(note) = serde_json::from_str::<Note>(json) else {
        return Ok(None);
    };
    if target == ADDED {
        remove(tx, &note)?;
        Ok(Some((note, false)))
    } else {
        insert(tx, &note)?;
        Ok(Some((note, true)))
    }
}

const COLUMNS: &str =
    "article_id, quote, note, paragraph, start, end_at, prefix, suffix, created_at";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Note> {
    Ok(Note {
        article: row.get(0)?,
        quote: row.get(1)?,
        note: row.get(2)?,
        paragraph: row.get(3)?,
        start: row.get(4)?,
        end: row.get(5)?,
        prefix: row.get(6)?,
        suffix: row.get(7)?,
        created_at: row.get(8)?,
    })
}

/// The notes of the article with this id, by place in it.
pub fn of(conn: &Connection, id: &ArticleId) -> rusqlite::Result<Vec<Note>> {
    if !super::bulk::has_table(conn, "note")? {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM note WHERE id_hash = ?1 AND article_id = ?2
         ORDER BY start, end_at, created_at"
    ))?;
    let rows = stmt.query_map(params![id_hash(id) as i64, id.as_str()], from_row)?;
    rows.collect()
}

/// Every note, by article then place in it. Empty when the table does not exist (an older
/// database opened read-only, never migrated).
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<Note>> {
    if !super::bulk::has_table(conn, "note")? {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM note ORDER BY article_id, start, end_at, created_at"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    rows.collect()
}
