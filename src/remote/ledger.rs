//! What `folio publish` has sent to a remote archive: per article its id, the hash of what was
//! sent and the shard it went to, in SQLite beside the index cache. The next run sends only
//! what changed and deletes what disappeared; a batch is recorded only once the engine has
//! it, so a run killed at any point resumes where the engine's copy ends, and one sent again
//! replaces itself (`REPLACE` by document id) rather than counting twice.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, params};

/// One article as last sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub doc_id: u64,
    pub hash: String,
    pub shard: usize,
}

pub struct Ledger {
    db: Connection,
}

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("cannot use the publish ledger {path}: {source}")]
    Db {
        path: String,
        source: rusqlite::Error,
    },
    #[error(
        "the publish ledger {path} was made for other shards ({was}); the articles would land \
         on the wrong ones. Publish with the same shards, or empty the tables and delete the \
         ledger to publish anew."
    )]
    OtherShards { path: String, was: String },
}

impl Ledger {
    /// Opens (creating) the ledger at `path` for these shards, in order.
    pub fn open(path: &Path, shards: &[String]) -> Result<Ledger, LedgerError> {
        let shown = path.display().to_string();
        let fail = |source| LedgerError::Db {
            path: shown.clone(),
            source,
        };
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let db = Connection::open(path).map_err(fail)?;
        db.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             CREATE TABLE IF NOT EXISTS sent (
                 article_id TEXT PRIMARY KEY,
                 doc_id INTEGER NOT NULL,
                 hash TEXT NOT NULL,
                 shard INTEGER NOT NULL
             );
             CREATE TABLE IF NOT EXISTS layout (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
        )
        .map_err(fail)?;
        let layout = shards.join(" ");
        let was: Option<String> = db
            .query_row("SELECT value FROM layout WHERE key = 'shards'", [], |r| {
                r.get(0)
            })
            .ok();
        match was {
            Some(was) if was != layout => {
                return Err(LedgerError::OtherShards { path: shown, was });
            }
            Some(_) => {}
            None => {
                db.execute(
                    "INSERT INTO layout (key, value) VALUES ('shards', ?1)",
                    params![layout],
                )
                .map_err(fail)?;
            }
        }
        Ok(Ledger { db })
    }

    /// Everything sent so far, by article id.
    pub fn all(&self) -> Result<HashMap<String, Sent>, rusqlite::Error> {
        let mut statement = self
            .db
            .prepare("SELECT article_id, doc_id, hash, shard FROM sent")?;
        let rows = statement.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Sent {
                    doc_id: r.get::<_, i64>(1)? as u64,
                    hash: r.get(2)?,
                    shard: r.get::<_, i64>(3)? as usize,
                },
            ))
        })?;
        rows.collect()
    }

    /// Records a batch the engine has accepted, in one transaction.
    pub fn record(&mut self, batch: &[(String, Sent)]) -> Result<(), rusqlite::Error> {
        let tx = self.db.transaction()?;
        {
            let mut statement = tx.prepare(
                "INSERT OR REPLACE INTO sent (article_id, doc_id, hash, shard) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (id, sent) in batch {
                statement.execute(params![
                    id,
                    sent.doc_id as i64,
                    sent.hash,
                    sent.shard as i64
                ])?;
            }
        }
        tx.commit()
    }

    /// Forgets articles the engine has deleted.
    pub fn forget(&mut self, ids: &[String]) -> Result<(), rusqlite::Error> {
        let tx = self.db.transaction()?;
        {
            let mut statement = tx.prepare("DELETE FROM sent WHERE article_id = ?1")?;
            for id in ids {
                statement.execute(params![id])?;
            }
        }
        tx.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_batch_is_there_after_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite");
        let shards = vec!["a".to_string(), "b".to_string()];
        let mut ledger = Ledger::open(&path, &shards).unwrap();
        let sent = Sent {
            doc_id: 7,
            hash: "h".into(),
            shard: 1,
        };
        ledger.record(&[("x".into(), sent.clone())]).unwrap();
        drop(ledger);
        let mut ledger = Ledger::open(&path, &shards).unwrap();
        assert_eq!(ledger.all().unwrap().get("x"), Some(&sent));
        ledger.forget(&["x".into()]).unwrap();
        assert!(ledger.all().unwrap().is_empty());
    }

    #[test]
    fn a_ledger_refuses_other_shards() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.sqlite");
        Ledger::open(&path, &["a".to_string()]).unwrap();
        let error = Ledger::open(&path, &["a".to_string(), "b".to_string()]);
        assert!(matches!(error, Err(LedgerError::OtherShards { .. })));
    }
}
