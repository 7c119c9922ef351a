//! Who holds each article id, to tell a duplicated URL from a re-indexed file.
//!
//! The ids already in the index are looked up in it (`id_hash` is an indexed field) when a
//! new article asks, rather than all read into a map first: a sync that re-indexes a few
//! files of a million then costs a few lookups, not a map of a million ids.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Term};

use super::super::Snapshot;
use super::super::scan::Found;
use super::super::snapshot::doc_ref;
use crate::index::schema::{self, KIND_ARTICLE};

pub struct Owners<'a> {
    before: &'a Snapshot,
    /// Path keys whose documents this sync deletes (removed or re-indexed files): their ids
    /// are free.
    gone: HashSet<u64>,
    /// Ids given out by this sync: id hash -> the article's file key, position and path.
    given: HashMap<u64, (u64, u64, Box<Path>)>,
}

impl<'a> Owners<'a> {
    pub fn new(before: &'a Snapshot, gone: HashSet<u64>) -> Owners<'a> {
        Owners {
            before,
            gone,
            given: HashMap::new(),
        }
    }

    /// Gives the id to the article at `position` in `file`, unless another article holds it:
    /// then returns that article's file's path (empty if the index cannot say), and the id
    /// stays with its holder.
    pub fn claim(&mut self, id: u64, file: &Found, position: u64) -> Option<PathBuf> {
        if let Some((key, at, path)) = self.given.get(&id) {
            return (*key != file.key || *at != position).then(|| path.to_path_buf());
        }
        if let Some(holder) = self.holder_in_index(id, file.key) {
            return Some(holder);
        }
        self.give(id, file, position);
        None
    }

    /// Records that the article at `position` in `file` holds the id, without asking.
    pub fn give(&mut self, id: u64, file: &Found, position: u64) {
        self.given
            .insert(id, (file.key, position, file.path.clone()));
    }

    /// The path of an article that stays in the index under this id, other than `key`'s.
    fn holder_in_index(&self, id: u64, key: u64) -> Option<PathBuf> {
        let searcher = self.before.searcher();
        if searcher.num_docs() == 0 {
            return None; // a first build: nothing to look up
        }
        let term = Term::from_field_u64(self.before.fields().id_hash, id);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let docs = searcher.search(&query, &DocSetCollector).ok()?;
        // Sorted, so that of several holders the same one is named on every run.
        let mut docs: Vec<DocAddress> = docs.into_iter().collect();
        docs.sort_unstable();
        let holder = docs.into_iter().find(|doc| {
            let reader = searcher.segment_reader(doc.segment_ord);
            let ff = reader.fast_fields();
            let path_key = ff
                .u64(schema::PATH_HASH)
                .ok()
                .and_then(|c| c.first(doc.doc_id));
            let kind = ff.u64(schema::KIND).ok().and_then(|c| c.first(doc.doc_id));
            kind == Some(KIND_ARTICLE)
                && path_key.is_some_and(|k| k != key && !self.gone.contains(&k))
        })?;
        Some(
            self.before
                .stored(doc_ref(holder))
                .map(|s| s.row.path)
                .unwrap_or_default(),
        )
    }
}
