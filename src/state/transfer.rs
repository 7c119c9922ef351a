//! Reading state as data: `folio state export` writes one JSON object per article that has
//! any state (read, starred, position, labels); `folio state import` merges such a file into
//! this database by article id, so two people's coding can be combined.
//!
//! Merging never removes anything: labels and notes are the union (a note is the same note
//! when its quote, offsets and text are; one on the same passage with other text is kept
//! beside the local one and reported); read and starred are kept when
//! either side has them; a position present on one side only is taken, and when both sides
//! have different positions the more recently updated one wins. Disagreements (read on one
//! side only, different positions) are reported as conflicts, saying what was kept. The whole
//! import is one transaction: it lands entirely or not at all.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};

use rusqlite::{OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use super::label::Label;
use super::note::Note;
use super::{ReadingState, StateError};
use crate::article::ArticleId;
use crate::catalog::id_hash;

/// One line of an export.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    #[serde(default)]
    pub read: bool,
    /// When it was marked read (unix seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_at: Option<i64>,
    #[serde(default)]
    pub starred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starred_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// When the article's read, star or position last changed (unix seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<i64>,
    #[serde(default)]
    pub labels: Vec<String>,
    /// Notes and highlights, in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteRecord>,
}

/// A note in an export: [`Note`] without the article's id, which the record holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteRecord {
    pub quote: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub paragraph: u32,
    pub start: u32,
    pub end: u32,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    #[serde(default)]
    pub created_at: i64,
}

impl NoteRecord {
    fn of(note: Note) -> NoteRecord {
        NoteRecord {
            quote: note.quote,
            note: note.note,
            paragraph: note.paragraph,
            start: note.start,
            end: note.end,
            prefix: note.prefix,
            suffix: note.suffix,
            created_at: note.created_at,
        }
    }

    fn into_note(self, article: &str) -> Note {
        Note {
            article: article.to_string(),
            quote: self.quote,
            note: self.note,
            paragraph: self.paragraph,
            start: self.start,
            end: self.end,
            prefix: self.prefix,
            suffix: self.suffix,
            created_at: self.created_at,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub width: u16,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Lines read as articles.
    pub articles: usize,
    /// Articles this database had no state for.
    pub new_articles: usize,
    pub labels_added: usize,
    pub notes_added: usize,
    pub read_added: usize,
    pub starred_added: usize,
    pub positions_taken: usize,
    /// Saved searches this database did not have (a conflicting one kept under a new name
    /// counts too).
    pub searches_added: usize,
    /// Disagreements between the file and this database, and what was kept, one sentence each.
    pub conflicts: Vec<String>,
    /// Lines or labels skipped, with their line number and why.
    pub skipped: Vec<String>,
}

/// Writes every article with any state, one JSON object a line, ordered by id; returns how
/// many.
pub fn export(state: &ReadingState, out: &mut dyn Write) -> anyhow::Result<usize> {
    let conn = &state.conn;
    let mut records: BTreeMap<String, Record> = BTreeMap::new();
    let mut stmt = conn.prepare(
        "SELECT id, read_at, starred_at, line, width, updated_at FROM article
         WHERE read_at IS NOT NULL OR starred_at IS NOT NULL OR line IS NOT NULL",
    )?;
    let rows = stmt.query_map([], |row| {
        let line: Option<u32> = row.get(3)?;
        let width: Option<u16> = row.get(4)?;
        Ok(Record {
            id: row.get(0)?,
            read_at: row.get(1)?,
            starred_at: row.get(2)?,
            position: line
                .zip(width)
                .map(|(line, width)| Position { line, width }),
            updated_at: row.get(5)?,
            ..Record::default()
        })
    })?;
    for record in rows {
        let mut record = record?;
        record.read = record.read_at.is_some();
        record.starred = record.starred_at.is_some();
        records.insert(record.id.clone(), record);
    }
    if super::bulk::has_table(conn, "label")? {
        let mut stmt = conn.prepare("SELECT article_id, name FROM label ORDER BY name")?;
        let rows = stmt.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get(1)?)))?;
        for row in rows {
            let (id, name) = row?;
            let record = records.entry(id.clone()).or_insert_with(|| Record {
                id,
                ..Record::default()
            });
            record.labels.push(name);
        }
    }
    for note in super::note::all(conn)? {
        let id = note.article.clone();
        let record = records.entry(id.clone()).or_insert_with(|| Record {
            id,
            ..Record::default()
        });
        record.notes.push(NoteRecord::of(note));
    }
    for record in records.values() {
        serde_json::to_writer(&mut *out, record)?;
        out.write_all(b"\n")?;
    }
    for line in super::transfer_searches::lines(conn)? {
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(records.len())
}

/// What this database holds for one article, before the import.
struct Local {
    read_at: Option<i64>,
    starred_at: Option<i64>,
    position: Option<Position>,
    updated_at: i64,
}

/// Merges an export into this database (see the module comment). Lines that are not an
/// article's state are skipped and reported; they do not stop the others.
pub fn import(state: &mut ReadingState, input: &mut dyn BufRead) -> anyhow::Result<ImportReport> {
    if state.access != super::Access::Write {
        return Err(StateError::Unwritable {
            path: state.shown_path(),
            reason: "the database is not writable".into(),
        }
        .into());
    }
    let mut report = ImportReport::default();
    let mut records = Vec::new();
    let mut searches = Vec::new();
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        let number = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        if super::transfer_searches::is_search_line(&line) {
            searches.push((number, line));
            continue;
        }
        match serde_json::from_str::<Record>(&line) {
            Ok(record) if record.id.trim().is_empty() => {
                report
                    .skipped
                    .push(format!("line {number}: the id is empty"));
            }
            Ok(record) => records.push((number, record)),
            Err(e) => report
                .skipped
                .push(format!("line {number}: not an article's state ({e})")),
        }
    }
    let now = chrono::Utc::now().timestamp();
    let tx = state
        .conn
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    for (number, record) in records {
        report.articles += 1;
        let id = ArticleId(record.id.clone());
        let hash = id_hash(&id) as i64;
        let shown = crate::sanitize::sanitize(&record.id).into_owned();
        let local: Option<Local> = tx
            .query_row(
                "SELECT read_at, starred_at, line, width, updated_at FROM article WHERE id = ?1",
                params![record.id],
                |row| {
                    let line: Option<u32> = row.get(2)?;
                    let width: Option<u16> = row.get(3)?;
                    Ok(Local {
                        read_at: row.get(0)?,
                        starred_at: row.get(1)?,
                        position: line
                            .zip(width)
                            .map(|(line, width)| Position { line, width }),
                        updated_at: row.get(4)?,
                    })
                },
            )
            .optional()?;
        let had_labels: i64 = tx.query_row(
            "SELECT count(*) FROM label WHERE id_hash = ?1",
            params![hash],
            |row| row.get(0),
        )?;
        if local.is_none() && had_labels == 0 {
            report.new_articles += 1;
        }
        let local = local.unwrap_or(Local {
            read_at: None,
            starred_at: None,
            position: None,
            updated_at: i64::MIN,
        });
        let theirs_read = record.read_at.or(record.read.then_some(now));
        let theirs_starred = record.starred_at.or(record.starred.then_some(now));
        let read_at = local.read_at.or(theirs_read);
        let starred_at = local.starred_at.or(theirs_starred);
        report.read_added += usize::from(local.read_at.is_none() && theirs_read.is_some());
        report.starred_added += usize::from(local.starred_at.is_none() && theirs_starred.is_some());
        if local.read_at.is_some() && theirs_read.is_none() && record_mentions(&record) {
            report
                .conflicts
                .push(format!("{shown}: read here, unread in the file; kept read"));
        }
        if local.starred_at.is_some() && theirs_starred.is_none() && record_mentions(&record) {
            report.conflicts.push(format!(
                "{shown}: starred here, not in the file; kept the star"
            ));
        }
        let theirs_updated = record.updated_at.unwrap_or(i64::MIN);
        let position = match (local.position, record.position) {
            (None, Some(theirs)) => {
                report.positions_taken += 1;
                Some(theirs)
            }
            (Some(ours), Some(theirs)) if ours != theirs => {
                let take = theirs_updated > local.updated_at;
                report.conflicts.push(format!(
                    "{shown}: position line {} here, line {} in the file; kept {}",
                    ours.line,
                    theirs.line,
                    if take {
                        "the file's (newer)"
                    } else {
                        "this one (newer or as new)"
                    }
                ));
                report.positions_taken += usize::from(take);
                Some(if take { theirs } else { ours })
            }
            (ours, _) => ours,
        };
        let any_flag = read_at.is_some() || starred_at.is_some() || position.is_some();
        if any_flag {
            tx.execute(
                "INSERT INTO article (id, id_hash, read_at, starred_at, line, width, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (id) DO UPDATE SET read_at = ?3, starred_at = ?4, line = ?5,
                     width = ?6, updated_at = max(updated_at, ?7)",
                params![
                    record.id,
                    hash,
                    read_at,
                    starred_at,
                    position.map(|p| p.line),
                    position.map(|p| p.width),
                    local.updated_at.max(theirs_updated).max(0),
                ],
            )?;
        }
        for name in &record.labels {
            match Label::parse(name) {
                Ok(label) => {
                    report.labels_added += tx.execute(
                        "INSERT INTO label (article_id, name, id_hash, added_at)
                         VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                        params![record.id, label.as_str(), hash, now],
                    )?;
                }
                Err(e) => report.skipped.push(format!("line {number}: {e}")),
            }
        }
        let local_notes = if record.notes.is_empty() {
            Vec::new()
        } else {
            super::note::of(&tx, &id)?
        };
        for theirs in record.notes.clone() {
            let mut theirs = theirs.into_note(&record.id);
            if theirs.quote.is_empty() || theirs.start > theirs.end {
                report.skipped.push(format!(
                    "line {number}: a note with no quote or with its end before its start"
                ));
                continue;
            }
            if local_notes.iter().any(|n| n.same(&theirs)) {
                continue;
            }
            if theirs.created_at == 0 {
                theirs.created_at = now;
            }
            if super::note::insert(&tx, &theirs)? {
                report.notes_added += 1;
            }
            let differs = local_notes
                .iter()
                .any(|n| n.quote == theirs.quote && n.start == theirs.start && n.end == theirs.end);
            if differs {
                let quote: String = theirs.quote.chars().take(40).collect();
                report.conflicts.push(format!(
                    "{shown}: the passage \"{}\" has another note here than in the file; kept both",
                    crate::sanitize::sanitize(&quote)
                ));
            }
        }
    }
    for (number, line) in searches {
        super::transfer_searches::merge(&tx, number, &line, now, &mut report)?;
    }
    tx.commit()?;
    Ok(report)
}

/// Whether the record says anything about read or starred at all (a record carrying only
/// labels is not a disagreement about read marks).
fn record_mentions(record: &Record) -> bool {
    record.read_at.is_some()
        || record.read
        || record.starred
        || record.starred_at.is_some()
        || record.position.is_some()
}
