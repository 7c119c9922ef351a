//! Actions over one or many articles (label, unlabel, read, unread, star, unstar), each one
//! transaction and one step of the undo log.
//!
//! The undo log records, for every value an action changed, where it was (`target`: the
//! table and column, `article_id`, and `name` for a label) and the value before (a timestamp,
//! or NULL when absent). Undoing puts those values back. Later kinds of state (notes, saved
//! searches) join by adding a `target`; the log's shape does not change. Only changes are
//! logged, so a step says exactly what undo will revert, and an action that changed nothing
//! leaves no step.

use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::label::Label;
use crate::article::ArticleId;
use crate::catalog::id_hash;

/// Undo steps kept; older ones are forgotten as new ones arrive.
pub const UNDO_STEPS: usize = 50;

/// The undo entry of a label added to many articles: their hashes, packed as little-endian
/// i64 in `before`.
const ADDED: &str = "label-added";

/// One change applied to every article of a [`Bulk`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Label(Label, bool),
    Read(bool),
    Starred(bool),
}

/// An action as the user named it, over the articles it applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bulk {
    pub ids: Vec<ArticleId>,
    pub ops: Vec<Op>,
    /// What the action was, for "undid …": `+security -to-check`, `star`, `mark read`.
    pub what: String,
}

impl Bulk {
    pub fn new(ids: Vec<ArticleId>, ops: Vec<Op>, what: impl Into<String>) -> Arc<Bulk> {
        Arc::new(Bulk {
            ids,
            ops,
            what: what.into(),
        })
    }
}

/// Which value an undo entry restores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Label(String),
    /// A note or highlight, put back (`on`) or taken away.
    Note(Box<super::note::Note>),
    Read,
    Starred,
}

/// One value put back by an undo: the article (by id hash, as the app keeps its marks) and
/// whether the flag or label is now on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reverted {
    pub id_hash: u64,
    pub target: Target,
    pub on: bool,
}

/// What an undo reverted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    pub what: String,
    /// How many articles it touched.
    pub articles: usize,
    pub reverted: Vec<Reverted>,
}

/// Applies `bulk` inside the caller's transaction and logs an undo step; returns how many
/// articles changed.
pub fn write(tx: &Transaction<'_>, bulk: &Bulk, now: i64) -> rusqlite::Result<usize> {
    tx.execute(
        "INSERT INTO undo_step (what, at) VALUES (?1, ?2)",
        params![bulk.what, now],
    )?;
    let step = tx.last_insert_rowid();
    let mut log = tx.prepare_cached(
        "INSERT INTO undo_entry (step, target, article_id, id_hash, name, before)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut add_label = tx.prepare_cached(
        "INSERT INTO label (article_id, name, id_hash, added_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT DO NOTHING",
    )?;
    let mut remove_label =
        tx.prepare_cached("DELETE FROM label WHERE id_hash = ?1 AND name = ?2 RETURNING added_at")?;
    let mut flags = tx.prepare_cached("SELECT read_at, starred_at FROM article WHERE id = ?1")?;
    // In key order, so the label rows are appended to the table's pages rather than spread
    // over all of them.
    let mut ids: Vec<(i64, &ArticleId)> =
        bulk.ids.iter().map(|id| (id_hash(id) as i64, id)).collect();
    ids.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.as_str().cmp(b.1.as_str())));
    ids.dedup_by(|a, b| a.1 == b.1);
    // The articles each added label went to: one undo entry per label, the hashes packed in
    // `before`, rather than one per article (undoing an addition needs nothing else).
    let mut added: Vec<Vec<i64>> = vec![Vec::new(); bulk.ops.len()];
    let mut changed = 0;
    for &(hash, id) in &ids {
        let key = id.as_str();
        let mut any = false;
        let mut current: Option<(Option<i64>, Option<i64>)> = None;
        for (n, op) in bulk.ops.iter().enumerate() {
            match op {
                Op::Label(label, true) => {
                    if add_label.execute(params![key, label.as_str(), hash, now])? == 1 {
                        if let Some(list) = added.get_mut(n) {
                            list.push(hash);
                        }
                        any = true;
                    }
                }
                Op::Label(label, false) => {
                    let before: Option<i64> = remove_label
                        .query_row(params![hash, label.as_str()], |row| row.get(0))
                        .optional()?;
                    if let Some(before) = before {
                        log.execute(params![step, "label", key, hash, label.as_str(), before])?;
                        any = true;
                    }
                }
                Op::Read(on) | Op::Starred(on) => {
                    let read = matches!(op, Op::Read(_));
                    let (read_at, starred_at) = match current {
                        Some(values) => values,
                        None => flags
                            .query_row(params![key], |row| Ok((row.get(0)?, row.get(1)?)))
                            .optional()?
                            .unwrap_or((None, None)),
                    };
                    let before = if read { read_at } else { starred_at };
                    if before.is_some() == *on {
                        continue;
                    }
                    set_flag(tx, key, hash, read, on.then_some(now), now)?;
                    let target = if read { "read" } else { "starred" };
                    log.execute(params![step, target, key, hash, "", before])?;
                    current = Some(if read {
                        (on.then_some(now), starred_at)
                    } else {
                        (read_at, on.then_some(now))
                    });
                    any = true;
                }
            }
        }
        changed += usize::from(any);
    }
    for (op, hashes) in bulk.ops.iter().zip(&added) {
        if let (Op::Label(label, true), false) = (op, hashes.is_empty()) {
            let packed: Vec<u8> = hashes.iter().flat_map(|h| h.to_le_bytes()).collect();
            let none = None::<String>;
            log.execute(params![step, ADDED, none, 0, label.as_str(), packed])?;
        }
    }
    if changed == 0 {
        tx.execute("DELETE FROM undo_step WHERE step = ?1", params![step])?;
    } else {
        forget_old_steps(tx)?;
    }
    Ok(changed)
}

/// Sets `read_at` (`read`) or `starred_at` to `value`, creating the article's row if needed.
fn set_flag(
    tx: &Transaction<'_>,
    key: &str,
    hash: i64,
    read: bool,
    value: Option<i64>,
    now: i64,
) -> rusqlite::Result<()> {
    let sql = if read {
        "INSERT INTO article (id, id_hash, read_at, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET read_at = ?3, updated_at = ?4"
    } else {
        "INSERT INTO article (id, id_hash, starred_at, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET starred_at = ?3, updated_at = ?4"
    };
    tx.prepare_cached(sql)?
        .execute(params![key, hash, value, now])?;
    Ok(())
}

pub(super) fn forget_old_steps(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let oldest_kept: Option<i64> = tx
        .query_row(
            "SELECT step FROM undo_step ORDER BY step DESC LIMIT 1 OFFSET ?1",
            params![UNDO_STEPS as i64 - 1],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(oldest) = oldest_kept {
        tx.execute("DELETE FROM undo_entry WHERE step < ?1", params![oldest])?;
        tx.execute("DELETE FROM undo_step WHERE step < ?1", params![oldest])?;
    }
    Ok(())
}

/// Reverts the newest undo step inside the caller's transaction; `None` when there is none.
pub fn undo(tx: &Transaction<'_>, now: i64) -> rusqlite::Result<Option<Undone>> {
    let newest: Option<(i64, String)> = tx
        .query_row(
            "SELECT step, what FROM undo_step ORDER BY step DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let Some((step, what)) = newest else {
        return Ok(None);
    };
    type Entry = (String, Option<String>, i64, String, rusqlite::types::Value);
    let entries: Vec<Entry> = tx
        .prepare(
            "SELECT target, article_id, id_hash, name, before FROM undo_entry
             WHERE step = ?1 ORDER BY rowid DESC",
        )?
        .query_map(params![step], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut reverted = Vec::with_capacity(entries.len());
    let mut articles = std::collections::HashSet::new();
    for (target, key, hash, name, before) in entries {
        if target == ADDED {
            let rusqlite::types::Value::Blob(packed) = before else {
                continue;
            };
            let mut remove =
                tx.prepare_cached("DELETE FROM label WHERE id_hash = ?1 AND name = ?2")?;
            for chunk in packed.chunks_exact(8) {
                let mut bytes = [0; 8];
                bytes.copy_from_slice(chunk);
                let hash = i64::from_le_bytes(bytes);
                remove.execute(params![hash, name])?;
                articles.insert(hash);
                reverted.push(Reverted {
                    id_hash: hash as u64,
                    target: Target::Label(name.clone()),
                    on: false,
                });
            }
            continue;
        }
        if target == super::note::ADDED || target == super::note::DELETED {
            if let Some((note, on)) = super::note::undo(tx, &target, &before)? {
                articles.insert(hash);
                reverted.push(Reverted {
                    id_hash: hash as u64,
                    target: Target::Note(Box::new(note)),
                    on,
                });
            }
            continue;
        }
        let before = match before {
            rusqlite::types::Value::Integer(at) => Some(at),
            _ => None,
        };
        let target = match target.as_str() {
            "label" => {
                match (before, key) {
                    (None, _) => tx
                        .prepare_cached("DELETE FROM label WHERE id_hash = ?1 AND name = ?2")?
                        .execute(params![hash, name])?,
                    (Some(_), None) => continue,
                    (Some(at), Some(key)) => tx
                        .prepare_cached(
                            "INSERT INTO label (article_id, name, id_hash, added_at)
                             VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                        )?
                        .execute(params![key, name, hash, at])?,
                };
                Target::Label(name)
            }
            "read" | "starred" => {
                let Some(key) = key else { continue };
                let read = target == "read";
                set_flag(tx, &key, hash, read, before, now)?;
                if read { Target::Read } else { Target::Starred }
            }
            // A kind of state this build does not know (written by a newer folio): left as is.
            _ => continue,
        };
        articles.insert(hash);
        reverted.push(Reverted {
            id_hash: hash as u64,
            target,
            on: before.is_some(),
        });
    }
    tx.execute("DELETE FROM undo_entry WHERE step = ?1", params![step])?;
    tx.execute("DELETE FROM undo_step WHERE step = ?1", params![step])?;
    Ok(Some(Undone {
        what,
        articles: articles.len(),
        reverted,
    }))
}

/// Every labelled article's labels, by id hash, each list sorted. Empty when the table does
/// not exist (an older database opened read-only, never migrated).
pub fn labels(conn: &Connection) -> rusqlite::Result<std::collections::HashMap<u64, Vec<String>>> {
    let mut out: std::collections::HashMap<u64, Vec<String>> = Default::default();
    if !has_table(conn, "label")? {
        return Ok(out);
    }
    let mut stmt = conn.prepare("SELECT id_hash, name FROM label ORDER BY name")?;
    let rows = stmt.query_map([], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (hash, name) = row?;
        out.entry(hash as u64).or_default().push(name);
    }
    Ok(out)
}

/// The labels of the article with this id hash, sorted. Empty when the table does not exist.
pub fn labels_of(conn: &Connection, id_hash: u64) -> rusqlite::Result<Vec<String>> {
    if !has_table(conn, "label")? {
        return Ok(Vec::new());
    }
    let mut stmt =
        conn.prepare_cached("SELECT name FROM label WHERE id_hash = ?1 ORDER BY name")?;
    let names = stmt.query_map(params![id_hash as i64], |row| row.get::<_, String>(0))?;
    names.collect()
}

/// The description of the newest undo step, if any.
pub fn newest_step(conn: &Connection) -> rusqlite::Result<Option<String>> {
    if !has_table(conn, "undo_step")? {
        return Ok(None);
    }
    conn.query_row(
        "SELECT what FROM undo_step ORDER BY step DESC LIMIT 1",
        [],
        |row| row.get(0),
    )
    .optional()
}

pub fn has_table(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
        params![name],
        |row| row.get::<_, i64>(0),
    )
    .map(|n| n > 0)
}
