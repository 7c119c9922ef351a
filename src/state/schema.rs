//! The database layout, its migrations, and the SQL behind each change.

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::StateChange;
use crate::catalog::id_hash;

/// Most recent searches kept; older ones are forgotten as new ones arrive.
pub const HISTORY_CAP: usize = 500;

/// Migration `i` takes the schema from version `i` to `i + 1`; `PRAGMA user_version` records
/// how many have run. Append only: a released migration is never edited.
const MIGRATIONS: &[&str] = &[
    // 1: articles keyed by their id string (so state survives moving the archive), with the
    // id's hash stored beside it so the start-up snapshot needs no hashing. Timestamps are unix
    // seconds; NULL means "not read" / "not starred".
    "CREATE TABLE article (
         id TEXT PRIMARY KEY NOT NULL,
         id_hash INTEGER NOT NULL,
         read_at INTEGER,
         starred_at INTEGER,
         line INTEGER,
         width INTEGER,
         updated_at INTEGER NOT NULL
     ) WITHOUT ROWID;
     CREATE TABLE search_history (
         query TEXT PRIMARY KEY NOT NULL,
         seq INTEGER NOT NULL
     );
     CREATE INDEX search_history_seq ON search_history (seq);",
    // 2: reader and layout choices (`super::settings`), one row each, kept across sessions.
    "CREATE TABLE setting (
         name TEXT PRIMARY KEY NOT NULL,
         value TEXT NOT NULL,
         updated_at INTEGER NOT NULL
     ) WITHOUT ROWID;",
    // 3: labels of articles, and the undo log of actions (`super::bulk`). A label is kept
    // with the article's id (so it survives re-indexing and moving the archive, like read
    // marks), keyed by the id's hash (`catalog::id_hash`, stable across versions), which is
    // how the app holds marks and a tenth of the URL's size: labelling 100k articles stays
    // one small transaction. The undo log keeps per step each value changed and its value
    // before (a timestamp, or NULL when absent; `before` is untyped so later kinds of state
    // can log text); `article_id` only where undoing needs it (a read mark, a removed label).
    "CREATE TABLE label (
         id_hash INTEGER NOT NULL,
         name TEXT NOT NULL,
         article_id TEXT NOT NULL,
         added_at INTEGER NOT NULL,
         PRIMARY KEY (id_hash, name)
     ) WITHOUT ROWID;
     CREATE TABLE undo_step (
         step INTEGER PRIMARY KEY,
         what TEXT NOT NULL,
         at INTEGER NOT NULL
     );
     CREATE TABLE undo_entry (
         step INTEGER NOT NULL,
         target TEXT NOT NULL,
         id_hash INTEGER NOT NULL,
         name TEXT NOT NULL,
         article_id TEXT,
         before
     );
     CREATE INDEX undo_entry_step ON undo_entry (step);",
    // 4: searches saved from the reader under a name (`@name` in queries), beside those of
    // the config file. Names are unique ignoring case, as `@name` looks them up.
    "CREATE TABLE saved_search (
         name TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
         query TEXT NOT NULL,
         saved_at INTEGER NOT NULL
     ) WITHOUT ROWID;",
    // 5: notes and highlights (`super::note`): a passage of an article by its id (as labels
    // keep it), anchored by quote, char offsets and context so that it is found again after a
    // re-index or an edit (`crate::anchor`); `note` is empty for a plain highlight. The same
    // article, quote, offsets and text is one note. (`IF NOT EXISTS`: a database taken back
    // to an older version by hand, as a test does, may still hold the table.)
    "CREATE TABLE IF NOT EXISTS note (
         id_hash INTEGER NOT NULL,
         article_id TEXT NOT NULL,
         quote TEXT NOT NULL,
         note TEXT NOT NULL,
         paragraph INTEGER NOT NULL,
         start INTEGER NOT NULL,
         end_at INTEGER NOT NULL,
         prefix TEXT NOT NULL,
         suffix TEXT NOT NULL,
         created_at INTEGER NOT NULL,
         UNIQUE (article_id, quote, note, start, end_at)
     );
     CREATE INDEX IF NOT EXISTS note_article ON note (id_hash);",
];

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

pub fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Brings the schema up to [`VERSION`]. The version is re-read inside the write transaction,
/// so two instances starting together do not both run a migration.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    if user_version(conn)? >= VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let from = user_version(&tx)?;
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", step as i64 + 1)?;
    }
    tx.commit()
}

/// Writes one change inside the caller's transaction.
pub fn write(tx: &Transaction<'_>, change: &StateChange, now: i64) -> rusqlite::Result<()> {
    match change {
        StateChange::Read { id, read } => {
            tx.execute(
                "INSERT INTO article (id, id_hash, read_at, updated_at)
                 VALUES (?1, ?2, CASE WHEN ?3 THEN ?4 END, ?4)
                 ON CONFLICT (id) DO UPDATE SET
                     read_at = CASE WHEN ?3 THEN coalesce(read_at, ?4) END,
                     updated_at = ?4",
                params![id.as_str(), stored_hash(id), read, now],
            )?;
        }
        StateChange::Starred { id, starred } => {
            tx.execute(
                "INSERT INTO article (id, id_hash, starred_at, updated_at)
                 VALUES (?1, ?2, CASE WHEN ?3 THEN ?4 END, ?4)
                 ON CONFLICT (id) DO UPDATE SET
                     starred_at = CASE WHEN ?3 THEN coalesce(starred_at, ?4) END,
                     updated_at = ?4",
                params![id.as_str(), stored_hash(id), starred, now],
            )?;
        }
        StateChange::Position { id, line, width } => {
            tx.execute(
                "INSERT INTO article (id, id_hash, line, width, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET line = ?3, width = ?4, updated_at = ?5",
                params![id.as_str(), stored_hash(id), line, width, now],
            )?;
        }
        StateChange::Setting(setting) => super::settings::write(tx, setting, now)?,
        StateChange::SavedSearch { name, query } => {
            // A new query under a known name replaces it (and takes its spelling).
            tx.execute(
                "INSERT INTO saved_search (name, query, saved_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (name) DO UPDATE SET name = ?1, query = ?2, saved_at = ?3",
                params![name, query, now],
            )?;
        }
        StateChange::SavedSearchDeleted { name } => {
            tx.execute("DELETE FROM saved_search WHERE name = ?1", params![name])?;
        }
        StateChange::SavedSearchRenamed { from, to } => {
            tx.execute(
                "UPDATE saved_search SET name = ?2, saved_at = ?3 WHERE name = ?1",
                params![from, to, now],
            )?;
        }
        StateChange::Bulk(bulk) => {
            super::bulk::write(tx, bulk, now)?;
        }
        StateChange::Note { note, add } => {
            super::note::write(tx, note, *add, now)?;
        }
        StateChange::Searched { query } => {
            let query = query.trim();
            if query.is_empty() {
                return Ok(());
            }
            // A repeated query moves to the newest place instead of appearing twice.
            tx.execute(
                "INSERT INTO search_history (query, seq)
                 VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM search_history))
                 ON CONFLICT (query) DO UPDATE SET seq = excluded.seq",
                params![query],
            )?;
            tx.execute(
                "DELETE FROM search_history WHERE seq <= (
                     SELECT seq FROM search_history ORDER BY seq DESC LIMIT 1 OFFSET ?1)",
                params![HISTORY_CAP as i64],
            )?;
        }
    }
    Ok(())
}

/// SQLite integers are signed; the hash is stored bit for bit.
fn stored_hash(id: &crate::article::ArticleId) -> i64 {
    id_hash(id) as i64
}

pub struct Marks {
    pub read: Vec<u64>,
    pub starred: Vec<u64>,
    /// Newest last.
    pub history: Vec<String>,
}

pub fn marks(conn: &Connection) -> rusqlite::Result<Marks> {
    let hashes = |sql: &str| -> rusqlite::Result<Vec<u64>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |row| row.get::<_, i64>(0))?;
        rows.map(|hash| hash.map(|h| h as u64)).collect()
    };
    let read = hashes("SELECT id_hash FROM article WHERE read_at IS NOT NULL")?;
    let starred = hashes("SELECT id_hash FROM article WHERE starred_at IS NOT NULL")?;
    let mut stmt = conn.prepare("SELECT query FROM search_history ORDER BY seq")?;
    let history = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Marks {
        read,
        starred,
        history,
    })
}

/// The searches saved from the reader, oldest first; none in a database from before them
/// (opened read-only, so never migrated).
pub fn saved_searches(
    conn: &Connection,
) -> rusqlite::Result<Vec<crate::search::query::SavedSearch>> {
    if !super::bulk::has_table(conn, "saved_search")? {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare("SELECT name, query FROM saved_search ORDER BY saved_at, name")?;
    let rows = stmt.query_map([], |row| {
        Ok(crate::search::query::SavedSearch {
            name: row.get(0)?,
            query: row.get(1)?,
        })
    })?;
    rows.collect()
}

pub fn position(conn: &Connection, id: &str) -> rusqlite::Result<Option<(u32, u16)>> {
    conn.query_row(
        "SELECT line, width FROM article WHERE id = ?1 AND line IS NOT NULL AND width IS NOT NULL",
        params![id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .optional()
}

/// Whether this build can read the database (a newer schema may have changed the tables);
/// preparing the statements checks the tables and columns without reading any rows.
pub fn check_readable(conn: &Connection) -> rusqlite::Result<()> {
    for sql in [
        "SELECT id_hash, read_at, starred_at, line, width FROM article WHERE id = ''",
        "SELECT query, seq FROM search_history ORDER BY seq",
    ] {
        conn.prepare(sql)?;
    }
    Ok(())
}
