//! The store's part in finding copies: each article's signature goes into the index with
//! its document (so a sync signs only the files it re-reads), and at the end of a sync that
//! changed anything the signatures of the whole archive are read back from their fast
//! columns and grouped (`copies::group`), and the groups saved beside the index.
//!
//! The regrouping reads every article's 136 bytes of signature back and places again only
//! the articles that changed since the last grouping and the groups they were in
//! (`copies::regroup`, 32 hash look-ups an article); the first sync groups them all (32 sorts
//! of the articles). Linear in the archive, a small share of a sync that indexes anything
//! (see `benches/copies.rs`), and it leaves the reader's timeline untouched until published.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use tantivy::{Searcher, TantivyDocument, TantivyError};

use super::{Store, StoreError};
use crate::article::Article;
use crate::copies::{Groups, Item, PACKED, Signature};
use crate::index::Fields;
use crate::index::schema::{self, KIND_ARTICLE};

/// The signature of the article's body, if it is long enough to have one.
pub(super) fn signature_of(article: &Article) -> Option<Signature> {
    crate::copies::signature(article.paragraphs.iter().map(|p| p.text()))
}

/// Adds a body's signature to its article's document.
pub(super) fn add_signature(doc: &mut TantivyDocument, fields: &Fields, signature: &Signature) {
    for word in signature.packed() {
        doc.add_u64(fields.minhash, word);
    }
    doc.add_u64(fields.shingles, u64::from(signature.shingles));
}

impl Store {
    /// The groups of the last sync.
    pub(super) fn copies(&self) -> Arc<Groups> {
        self.copies
            .read()
            .map(|c| Arc::clone(&c))
            .unwrap_or_else(|e| Arc::clone(&e.into_inner()))
    }

    pub(super) fn grouping(&self) -> bool {
        self.grouping.load(Ordering::Relaxed)
    }

    /// Turns finding copies off (or back on) for the syncs to come: for the benchmark that
    /// measures what it costs, which builds the same archive both ways.
    pub fn set_grouping(&self, on: bool) {
        self.grouping.store(on, Ordering::Relaxed);
    }

    /// Groups the articles of what the writer committed and keeps the groups for the
    /// snapshots to come (and in the side file, for the next open). Every sync that changed
    /// anything does it; public for the benchmark that times it alone.
    pub fn regroup(&self) -> Result<(), StoreError> {
        if !self.grouping() {
            return Ok(());
        }
        self.reader.reload().map_err(|e| self.index_error(e))?;
        let items = signed_articles(&self.reader.searcher()).map_err(|e| self.index_error(e))?;
        // What the last grouping saved: only what changed since is placed again.
        let previous = crate::copies::load_grouping(&self.location.copies);
        let grouping = crate::copies::regroup(&items, &previous);
        // A failed write costs only a full grouping at the next sync: the groups are used.
        let _ = crate::copies::save(&self.location.copies, &grouping);
        if let Ok(mut current) = self.copies.write() {
            *current = Arc::new(grouping.groups);
        }
        Ok(())
    }
}

/// Every live article with a signature, read from the fast columns only.
fn signed_articles(searcher: &Searcher) -> Result<Vec<Item>, TantivyError> {
    let mut items = Vec::new();
    let mut words = Vec::with_capacity(PACKED);
    for reader in searcher.segment_readers() {
        let ff = reader.fast_fields();
        let minhash = ff.u64(schema::MINHASH)?;
        let shingles = ff.u64(schema::SHINGLES)?;
        let kind = ff.u64(schema::KIND)?;
        let date_key = ff.i64(schema::DATE_KEY)?;
        let id_hash = ff.u64(schema::ID_HASH)?;
        for doc in reader.doc_ids_alive() {
            if kind.first(doc).unwrap_or(KIND_ARTICLE) != KIND_ARTICLE {
                continue;
            }
            let Some(count) = shingles.first(doc) else {
                continue;
            };
            words.clear();
            words.extend(minhash.values_for_doc(doc));
            let count = u32::try_from(count).unwrap_or(u32::MAX);
            let Some(signature) = Signature::unpacked(&words, count) else {
                continue;
            };
            items.push(Item {
                id_hash: id_hash.first(doc).unwrap_or(0),
                sort_key: date_key
                    .first(doc)
                    .and_then(|k| i32::try_from(k).ok())
                    .unwrap_or(i32::MIN),
                signature,
            });
        }
    }
    Ok(items)
}
