//! What the index holds for each path, for telling which walked files changed.
//!
//! A sorted list rather than a map: at a million files a `HashMap` of the same stamps needs
//! about three times the memory (2^21 buckets of 32 bytes, against 24 bytes a stamp), and the
//! walk's threads can share the list read-only, marking what they find in a bitset.

use std::sync::atomic::{AtomicU64, Ordering};

use tantivy::Term;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;

use super::super::Snapshot;
use super::super::scan::Stamp;
use super::super::schema;

/// How a walked file compares with the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Unchanged,
    /// Another size or mtime, or indexed twice (an interrupted sync): re-index it.
    Changed,
    Added,
    /// The path was already found by this walk (through two nested roots).
    Again,
}

/// One document's stamp: its file's, and its position in the file (a file of many articles
/// has a document for each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Indexed {
    pub stamp: Stamp,
    pub position: u64,
}

pub struct Known {
    /// Sorted by key, then position; a key appears once per document holding it.
    stamps: Vec<Indexed>,
    /// One bit per stamp, set on the first of a key's stamps when the walk finds the path.
    seen: Vec<AtomicU64>,
}

impl Known {
    /// The stamps of every live document in the snapshot.
    pub fn read(snapshot: &Snapshot) -> tantivy::Result<Known> {
        let mut stamps = Vec::with_capacity(snapshot.searcher().num_docs() as usize);
        for reader in snapshot.searcher().segment_readers() {
            let ff = reader.fast_fields();
            let (keys, sizes, mtimes, positions) = (
                ff.u64(schema::PATH_HASH)?,
                ff.u64(schema::SIZE)?,
                ff.i64(schema::MTIME)?,
                ff.u64(schema::POSITION)?,
            );
            for doc in reader.doc_ids_alive() {
                let Some(key) = keys.first(doc) else { continue };
                stamps.push(Indexed {
                    stamp: Stamp {
                        key,
                        size: sizes.first(doc).unwrap_or(0),
                        mtime: mtimes.first(doc).unwrap_or(0),
                    },
                    position: positions.first(doc).unwrap_or(0),
                });
            }
        }
        Ok(Known::new(stamps))
    }

    /// The stamps of the live documents of these paths only: a few term lookups, for a sync
    /// of a few named paths.
    pub fn of_keys(snapshot: &Snapshot, keys: &[u64]) -> tantivy::Result<Known> {
        let searcher = snapshot.searcher();
        let field = snapshot.fields().path_hash;
        let mut stamps = Vec::with_capacity(keys.len());
        for &key in keys {
            let term = Term::from_field_u64(field, key);
            let query = TermQuery::new(term, IndexRecordOption::Basic);
            for doc in searcher.search(&query, &DocSetCollector)? {
                let ff = searcher.segment_reader(doc.segment_ord).fast_fields();
                stamps.push(Indexed {
                    stamp: Stamp {
                        key,
                        size: ff.u64(schema::SIZE)?.first(doc.doc_id).unwrap_or(0),
                        mtime: ff.i64(schema::MTIME)?.first(doc.doc_id).unwrap_or(0),
                    },
                    position: ff.u64(schema::POSITION)?.first(doc.doc_id).unwrap_or(0),
                });
            }
        }
        Ok(Known::new(stamps))
    }

    /// Whether the index holds a document for this path.
    pub fn holds(&self, key: u64) -> bool {
        let first = self.stamps.partition_point(|s| s.stamp.key < key);
        self.stamps.get(first).is_some_and(|s| s.stamp.key == key)
    }

    pub fn new(mut stamps: Vec<Indexed>) -> Known {
        stamps.sort_unstable_by_key(|s| (s.stamp.key, s.position));
        let seen = (0..stamps.len().div_ceil(64))
            .map(|_| AtomicU64::new(0))
            .collect();
        Known { stamps, seen }
    }

    /// Compares a walked file with the index and marks its path as found. Safe to call from
    /// several threads at once.
    pub fn check(&self, file: &Stamp) -> Verdict {
        let first = self.stamps.partition_point(|s| s.stamp.key < file.key);
        let documents = self.stamps.get(first..).unwrap_or_default();
        let end = documents.partition_point(|s| s.stamp.key == file.key);
        let documents = documents.get(..end).unwrap_or_default();
        if documents.is_empty() {
            return Verdict::Added;
        }
        let bit = 1u64 << (first % 64);
        let before = self
            .seen
            .get(first / 64)
            .map_or(0, |word| word.fetch_or(bit, Ordering::Relaxed));
        if before & bit != 0 {
            return Verdict::Again;
        }
        // Two documents at one position: an interrupted sync indexed the file twice.
        let twice = documents
            .windows(2)
            .any(|pair| pair[0].position == pair[1].position);
        let same = |s: &Indexed| s.stamp.size == file.size && s.stamp.mtime == file.mtime;
        if !twice && documents.iter().all(same) {
            Verdict::Unchanged
        } else {
            Verdict::Changed
        }
    }

    /// The keys of the paths the walk did not find: their files are gone.
    pub fn unseen(&self) -> Vec<u64> {
        let mut gone = Vec::new();
        let mut previous = None;
        for (i, stamp) in self.stamps.iter().enumerate() {
            let key = stamp.stamp.key;
            if previous == Some(key) {
                continue;
            }
            previous = Some(key);
            let found = self
                .seen
                .get(i / 64)
                .is_some_and(|word| word.load(Ordering::Relaxed) & (1 << (i % 64)) != 0);
            if !found {
                gone.push(key);
            }
        }
        gone
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(key: u64, size: u64) -> Stamp {
        Stamp {
            key,
            size,
            mtime: 7,
        }
    }

    fn doc(key: u64, size: u64, position: u64) -> Indexed {
        Indexed {
            stamp: stamp(key, size),
            position,
        }
    }

    #[test]
    fn files_are_sorted_into_unchanged_changed_added_and_gone() {
        // Enough stamps to span several words of the bitset.
        let known = Known::new((0..200).rev().map(|k| doc(k * 2, 10, 0)).collect());
        assert_eq!(known.check(&stamp(0, 10)), Verdict::Unchanged);
        assert_eq!(known.check(&stamp(398, 10)), Verdict::Unchanged);
        assert_eq!(known.check(&stamp(130, 11)), Verdict::Changed);
        let touched = Stamp {
            mtime: 8,
            ..stamp(200, 10)
        };
        assert_eq!(known.check(&touched), Verdict::Changed);
        assert_eq!(known.check(&stamp(3, 10)), Verdict::Added);
        assert_eq!(known.check(&stamp(999, 10)), Verdict::Added);
        let mut gone = known.unseen();
        gone.sort_unstable();
        let expected: Vec<u64> = (0..200)
            .map(|k| k * 2)
            .filter(|k| ![0, 398, 130, 200].contains(k))
            .collect();
        assert_eq!(gone, expected);
    }

    #[test]
    fn a_path_found_twice_counts_once() {
        let known = Known::new(vec![doc(5, 1, 0), doc(9, 1, 0)]);
        assert_eq!(known.check(&stamp(9, 1)), Verdict::Unchanged);
        assert_eq!(known.check(&stamp(9, 1)), Verdict::Again);
        assert_eq!(known.unseen(), vec![5]);
    }

    #[test]
    fn a_path_indexed_twice_is_reindexed_and_not_reported_gone() {
        let known = Known::new(vec![doc(4, 1, 0), doc(4, 1, 0), doc(6, 1, 0), doc(6, 1, 0)]);
        assert_eq!(known.check(&stamp(4, 1)), Verdict::Changed);
        assert_eq!(
            known.unseen(),
            vec![6],
            "one removal per path, not per document"
        );
    }

    #[test]
    fn a_file_of_many_articles_is_one_file() {
        let known = Known::new(vec![doc(4, 1, 2), doc(4, 1, 0), doc(4, 1, 5), doc(6, 1, 0)]);
        assert_eq!(known.check(&stamp(4, 1)), Verdict::Unchanged);
        assert_eq!(known.check(&stamp(6, 2)), Verdict::Changed);
        assert!(known.unseen().is_empty());
    }
}
