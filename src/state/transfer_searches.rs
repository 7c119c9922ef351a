//! Saved searches in `folio state export/import`: one line each, `{"saved_search": {"name":
//! ..., "query": ...}}`, after the articles' lines. Importing merges by name (ignoring case,
//! as `@name` does): a search this database lacks is added; the same name with the same query
//! is the same search; the same name with another query is a conflict, reported, and the
//! file's query is kept under a new name (`name-imported`), so nothing is lost.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::ImportReport;
use crate::search::query::valid_name;

/// The line of one saved search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchLine {
    pub saved_search: SearchRecord,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchRecord {
    pub name: String,
    pub query: String,
}

/// Every saved search of the database, oldest first.
pub fn lines(conn: &Connection) -> rusqlite::Result<Vec<SearchLine>> {
    Ok(super::schema::saved_searches(conn)?
        .into_iter()
        .map(|s| SearchLine {
            saved_search: SearchRecord {
                name: s.name,
                query: s.query,
            },
        })
        .collect())
}

/// Whether a line of an export is a saved search's (rather than an article's).
pub fn is_search_line(line: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(line)
        .is_ok_and(|value| value.get("saved_search").is_some())
}

/// Merges one saved search of line `number` into the database (see the module comment).
pub fn merge(
    tx: &Transaction<'_>,
    number: usize,
    line: &str,
    now: i64,
    report: &mut ImportReport,
) -> rusqlite::Result<()> {
    let record = match serde_json::from_str::<SearchLine>(line) {
        Ok(line) => line.saved_search,
        Err(e) => {
            report
                .skipped
                .push(format!("line {number}: not a saved search ({e})"));
            return Ok(());
        }
    };
    let name = record.name.trim().trim_start_matches('@').to_string();
    let query = record.query.trim().to_string();
    if !valid_name(&name) || query.is_empty() {
        report.skipped.push(format!(
            "line {number}: a saved search needs a name of letters, digits, - and _ and a query"
        ));
        return Ok(());
    }
    let ours = query_of(tx, &name)?;
    match ours {
        None => insert(tx, &name, &query, now)?,
        Some(ours) if ours == query => return Ok(()),
        Some(ours) => {
            let mut kept = format!("{name}-imported");
            let mut n = 2;
            loop {
                match query_of(tx, &kept)? {
                    None => break,
                    // Imported before: the same search, already kept.
                    Some(q) if q == query => {
                        report.conflicts.push(conflict(&name, &ours, &query, &kept));
                        return Ok(());
                    }
                    Some(_) => {
                        kept = format!("{name}-imported-{n}");
                        n += 1;
                    }
                }
            }
            insert(tx, &kept, &query, now)?;
            report.conflicts.push(conflict(&name, &ours, &query, &kept));
        }
    }
    report.searches_added += 1;
    Ok(())
}

fn conflict(name: &str, ours: &str, theirs: &str, kept: &str) -> String {
    crate::sanitize::sanitize(&format!(
        "saved search @{name}: {ours:?} here, {theirs:?} in the file; kept this one, the \
         file's saved as @{kept}"
    ))
    .into_owned()
}

fn query_of(tx: &Transaction<'_>, name: &str) -> rusqlite::Result<Option<String>> {
    tx.query_row(
        "SELECT query FROM saved_search WHERE name = ?1",
        params![name],
        |row| row.get(0),
    )
    .optional()
}

fn insert(tx: &Transaction<'_>, name: &str, query: &str, now: i64) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO saved_search (name, query, saved_at) VALUES (?1, ?2, ?3)",
        params![name, query, now],
    )?;
    Ok(())
}
