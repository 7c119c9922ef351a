//! `folio publish`: every article of a local archive, as the store parsed and indexed it, sent
//! to the shards of a remote archive in batches (`REPLACE INTO`), each article to the shard
//! its document id picks; what disappeared is deleted; the [`Ledger`] keeps what was sent so
//! that the next run sends only changes and a killed run resumes.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use super::client::{Client, RemoteError};
use super::document::{COLUMNS, Document, Origin};
use super::ledger::{Ledger, Sent};
use super::url::RemoteUrl;
use rayon::prelude::*;

use crate::article::Problem;
use crate::catalog::{Catalog, Entry, SourceNames};
use crate::store::Snapshot;

/// Articles per `REPLACE` statement, and its size at most (the shards accept 32 MB packets).
const BATCH_DOCS: usize = 1000;
const BATCH_BYTES: usize = 16 * 1024 * 1024;

/// Articles a shard took in one publish from which on its memory chunk is saved to disk.
const SAVE_AFTER: usize = 10_000;

/// Ids per `DELETE` statement.
const DELETE_BATCH: usize = 500;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PublishReport {
    /// Articles sent this run (new or changed).
    pub sent: usize,
    /// Articles already in the remote archive as they are.
    pub unchanged: usize,
    /// Articles deleted from the remote archive: their files are gone.
    pub deleted: usize,
    /// Articles sent per shard this run.
    pub per_shard: Vec<usize>,
    /// Articles that could not be read or sent, with why.
    pub problems: Vec<Problem>,
}

/// How far a publish is, for a progress line.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub sent: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error(transparent)]
    Remote(#[from] RemoteError),
    #[error("cannot update the publish ledger: {0}")]
    Ledger(#[from] rusqlite::Error),
    #[error("a remote archive needs at least one shard to publish to")]
    NoShards,
    #[error(
        "the table at {url} lacks columns this folio publishes ({reason}): it was set up by an \
         older folio. Write the configs again with `folio remote config`, stop the shards, \
         delete their data folders, start them and publish again; every article is sent anew."
    )]
    OlderTables { url: String, reason: String },
    #[error("a shard's sender stopped without saying why")]
    SenderStopped,
}

/// One shard's pending batch.
#[derive(Default)]
struct Batch {
    rows: Vec<String>,
    bytes: usize,
    sent: Vec<(String, Sent)>,
}

/// A batch a shard's sender took, or why it stopped.
type Ack = Result<(usize, Vec<(String, Sent)>), PublishError>;

/// Writing a batch waits at least this long: a shard that is saving its memory chunk to disk
/// holds the batch that filled it for many seconds, which is not a fault.
const WRITE_TIMEOUT: Duration = Duration::from_secs(120);

/// Batches waiting for a shard's sender: folio prepares the next while the shards index.
const QUEUED: usize = 2;

pub fn publish(
    snapshot: &Snapshot,
    shards: &[RemoteUrl],
    ledger: &mut Ledger,
    timeout: Duration,
    progress: &mut dyn FnMut(Progress),
) -> Result<PublishReport, PublishError> {
    if shards.is_empty() {
        return Err(PublishError::NoShards);
    }
    let clients: Vec<Client> = shards
        .iter()
        .map(|url| Client::connect_for_writes(url, timeout, timeout.max(WRITE_TIMEOUT)))
        .collect::<Result<_, _>>()?;
    let known = ledger.all()?;
    let mut report = PublishReport {
        per_shard: vec![0; shards.len()],
        ..Default::default()
    };
    let seen = std::thread::scope(|scope| {
        // One sender per shard, so that the shards index side by side while folio reads and
        // folds the next articles; each says back what the engine took, and only that goes
        // into the ledger.
        let (ack_tx, acks) = crossbeam_channel::unbounded::<Ack>();
        let senders: Vec<crossbeam_channel::Sender<Batch>> = clients
            .iter()
            .enumerate()
            .map(|(shard, client)| {
                let (tx, rx) = crossbeam_channel::bounded::<Batch>(QUEUED);
                let ack = ack_tx.clone();
                scope.spawn(move || {
                    for batch in rx {
                        let result = send(client, &batch).map(|()| (shard, batch.sent));
                        let failed = result.is_err();
                        if ack.send(result).is_err() || failed {
                            break;
                        }
                    }
                });
                tx
            })
            .collect();
        drop(ack_tx);
        let prepared = route_all(
            snapshot,
            &Routing {
                shards: shards.len(),
                known: &known,
                senders: &senders,
                acks: &acks,
            },
            ledger,
            &mut report,
            progress,
        );
        // Every sender finishes its queue (or has stopped on an error), then hangs up.
        drop(senders);
        let (mut error, seen) = match prepared {
            Ok(seen) => (None, seen),
            Err(e) => (Some(e), None),
        };
        for ack in acks {
            if let Err(e) = record(ack, ledger, &mut report) {
                error.get_or_insert(e);
            }
        }
        match (error, seen) {
            (Some(e), _) => Err(e),
            (None, Some(seen)) => Ok(seen),
            (None, None) => Err(PublishError::SenderStopped),
        }
    })?;
    delete_gone(&clients, &known, &seen, ledger, &mut report)?;
    save_memory_chunks(&clients, &report);
    let total = snapshot.timeline().len();
    progress(Progress {
        done: total,
        total,
        sent: report.sent,
    });
    Ok(report)
}
/// Articles read and folded together, on every core.
const PREPARE_CHUNK: usize = 1024;

enum Prepared {
    Ready(Box<Document>),
    /// The article's id, and why its file could not be read now.
    Unreadable(String, Problem),
}

/// The document of one timeline entry; `None` when it is no longer in the snapshot.
fn prepare(snapshot: &Snapshot, names: &SourceNames, entry: &Entry) -> Option<Prepared> {
    let stored = snapshot.stored(entry.doc)?;
    let id = stored.row.id.clone();
    let article = match snapshot.load(entry) {
        Ok(article) => article,
        Err(problem) => return Some(Prepared::Unreadable(id.0, problem)),
    };
    let mut merged: Vec<String> = Vec::new();
    let group = names.merged_in(entry.source as usize);
    if !group.is_empty() {
        merged.push(article.source.clone());
        merged.extend(group.iter().map(|(made, _)| made.clone()));
    }
    let document = Document::new(
        &article,
        &Origin {
            id: &id,
            own_source: &stored.row.source,
            merged_names: &merged,
        },
    );
    Some(Prepared::Ready(Box::new(document)))
}

/// What [`route_all`] needs to send each article to its shard.
struct Routing<'a> {
    shards: usize,
    known: &'a HashMap<String, Sent>,
    senders: &'a [crossbeam_channel::Sender<Batch>],
    acks: &'a crossbeam_channel::Receiver<Ack>,
}

/// Reads and folds every article of the timeline, a chunk at a time on every core, and hands
/// the new and changed ones to their shard's sender in batches; records what the senders
/// report as it goes. The ids of every article seen, or `None` when a sender stopped (its
/// error is among the acks).
fn route_all(
    snapshot: &Snapshot,
    routing: &Routing<'_>,
    ledger: &mut Ledger,
    report: &mut PublishReport,
    progress: &mut dyn FnMut(Progress),
) -> Result<Option<HashSet<String>>, PublishError> {
    let mut batches: Vec<Batch> = (0..routing.shards).map(|_| Batch::default()).collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut doc_ids: HashMap<u64, String> = HashMap::new();
    let timeline = snapshot.timeline();
    let names = snapshot.source_names();
    let mut done = 0;
    for chunk in timeline.chunks(PREPARE_CHUNK) {
        for ack in routing.acks.try_iter() {
            record(ack, ledger, report)?;
        }
        progress(Progress {
            done,
            total: timeline.len(),
            sent: report.sent,
        });
        done += chunk.len();
        let prepared: Vec<Prepared> = chunk
            .par_iter()
            .filter_map(|entry| prepare(snapshot, names, entry))
            .collect();
        for item in prepared {
            let (id, document) = match item {
                Prepared::Unreadable(id, problem) => {
                    // It keeps its remote copy until its file is gone.
                    seen.insert(id);
                    report.problems.push(problem);
                    continue;
                }
                Prepared::Ready(document) => (document.id.as_str().to_string(), document),
            };
            seen.insert(id.clone());
            if let Some(other) = doc_ids.insert(document.doc_id, id.clone()) {
                report.problems.push(Problem::skipped(
                    &document.path,
                    format!(
                        "not published: its id has the same 64-bit hash as {other}'s, and the \
                         remote archive keys articles by that hash"
                    ),
                ));
                continue;
            }
            let shard = (document.doc_id % routing.shards as u64) as usize;
            if routing
                .known
                .get(&id)
                .is_some_and(|s| s.hash == document.hash && s.shard == shard)
            {
                report.unchanged += 1;
                continue;
            }
            let row = document.row();
            let batch = &mut batches[shard];
            batch.bytes += row.len();
            batch.rows.push(row);
            batch.sent.push((
                id,
                Sent {
                    doc_id: document.doc_id,
                    hash: document.hash,
                    shard,
                },
            ));
            if batch.rows.len() >= BATCH_DOCS || batch.bytes >= BATCH_BYTES {
                let full = std::mem::take(batch);
                if routing.senders[shard].send(full).is_err() {
                    return Ok(None);
                }
            }
        }
    }
    for (shard, batch) in batches.into_iter().enumerate() {
        if !batch.rows.is_empty() && routing.senders[shard].send(batch).is_err() {
            return Ok(None);
        }
    }
    Ok(Some(seen))
}

/// Records a batch a shard took: only what the engine accepted is in the ledger.
fn record(ack: Ack, ledger: &mut Ledger, report: &mut PublishReport) -> Result<(), PublishError> {
    let (shard, sent) = ack?;
    ledger.record(&sent)?;
    report.sent += sent.len();
    if let Some(n) = report.per_shard.get_mut(shard) {
        *n += sent.len();
    }
    Ok(())
}

/// One `REPLACE` of a shard's batch.
fn send(client: &Client, batch: &Batch) -> Result<(), PublishError> {
    let sql = format!(
        "REPLACE INTO {} (id, {COLUMNS}) VALUES {}",
        client.url().table,
        batch.rows.join(", ")
    );
    client.query(&sql).map_err(|e| match e {
        RemoteError::Refused { url, reason } if reason.contains("column") => {
            PublishError::OlderTables { url, reason }
        }
        other => PublishError::Remote(other),
    })?;
    Ok(())
}

/// Has each shard that took articles save its memory chunk as a disk chunk: a disk chunk
/// has a dictionary of word starts, where the memory chunk's segments are scanned for every
/// word a short prefix could begin (`r` took seconds over 50,000 articles left in memory).
/// Only after a large publish: each save makes one more disk chunk for every query to ask.
fn save_memory_chunks(clients: &[Client], report: &PublishReport) {
    for (client, &sent) in clients.iter().zip(&report.per_shard) {
        if sent >= SAVE_AFTER {
            // Best effort: an engine without the statement keeps the chunk in memory, where
            // short prefixes are slower but every article is there.
            let _ = client.query(&format!("FLUSH RAMCHUNK {}", client.url().table));
        }
    }
}

/// Deletes from the engine the articles whose files are gone, and forgets them.
fn delete_gone(
    clients: &[Client],
    known: &HashMap<String, Sent>,
    seen: &HashSet<String>,
    ledger: &mut Ledger,
    report: &mut PublishReport,
) -> Result<(), PublishError> {
    let gone: Vec<(&String, &Sent)> = known
        .iter()
        .filter(|(id, _)| !seen.contains(id.as_str()))
        .collect();
    for (shard, client) in clients.iter().enumerate() {
        let mine: Vec<(&String, &Sent)> = gone
            .iter()
            .filter(|(_, s)| s.shard == shard)
            .copied()
            .collect();
        for chunk in mine.chunks(DELETE_BATCH) {
            let ids: Vec<String> = chunk.iter().map(|(_, s)| s.doc_id.to_string()).collect();
            client.query(&format!(
                "DELETE FROM {} WHERE id IN ({})",
                client.url().table,
                ids.join(",")
            ))?;
            let forgotten: Vec<String> = chunk.iter().map(|(id, _)| (*id).clone()).collect();
            ledger.forget(&forgotten)?;
            report.deleted += chunk.len();
        }
    }
    Ok(())
}
