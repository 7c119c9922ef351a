//! What the engine computes from the matching documents without fetching a stored one: the
//! reading-state filter, and the tally (count, matches per day, which documents matched),
//! read from the date and id-hash fast columns.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use fixedbitset::FixedBitSet;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::query::Flag;
use crate::copies::Groups;

/// `is:unread`, `is:read`, `is:starred`, `is:labelled`, `label:NAME` (or their negations),
/// answered from the reading state by the article's id hash.
#[derive(Debug, Clone, Default)]
pub struct FlagFilter {
    /// Each flag with `true` when required, `false` when excluded.
    pub wanted: Vec<(Flag, bool)>,
    pub read: HashSet<u64>,
    pub starred: HashSet<u64>,
    /// The articles of each label the query names (only those: see [`FlagFilter::labels_for`]).
    pub labels: HashMap<String, HashSet<u64>>,
    /// Every article with a label, when `is:labelled` is asked.
    pub labelled: HashSet<u64>,
    /// Every article with a note or highlight, when `is:noted` is asked.
    pub noted: HashSet<u64>,
    /// The archive's groups of copies, for `is:copy`.
    pub copies: Arc<Groups>,
}

impl FlagFilter {
    pub fn accepts(&self, id_hash: u64) -> bool {
        self.wanted.iter().all(|(flag, wanted)| {
            let has = match flag {
                Flag::Read => self.read.contains(&id_hash),
                Flag::Unread => !self.read.contains(&id_hash),
                Flag::Starred => self.starred.contains(&id_hash),
                Flag::Labelled => self.labelled.contains(&id_hash),
                Flag::Noted => self.noted.contains(&id_hash),
                Flag::Label(name) => self
                    .labels
                    .get(name)
                    .is_some_and(|set| set.contains(&id_hash)),
                Flag::Copy => self.copies.is_copy(id_hash),
            };
            has == *wanted
        })
    }

    /// Fills `noted` from the articles that have notes, when the query asks.
    pub fn notes_for(&mut self, noted: impl IntoIterator<Item = u64>) {
        if self.wanted.iter().any(|(f, _)| *f == Flag::Noted) {
            self.noted = noted.into_iter().collect();
        }
    }

    /// Fills `labels` and `labelled` from each article's labels, with only what `wanted` asks:
    /// the sets are copied for every search.
    pub fn labels_for<'a>(&mut self, by_article: impl IntoIterator<Item = (u64, &'a [String])>) {
        let names: Vec<&String> = self
            .wanted
            .iter()
            .filter_map(|(flag, _)| match flag {
                Flag::Label(name) => Some(name),
                _ => None,
            })
            .collect();
        let labelled = self.wanted.iter().any(|(f, _)| *f == Flag::Labelled);
        if names.is_empty() && !labelled {
            return;
        }
        for name in &names {
            self.labels.entry((*name).clone()).or_default();
        }
        for (hash, labels) in by_article {
            if labelled && !labels.is_empty() {
                self.labelled.insert(hash);
            }
            for label in labels {
                if let Some(set) = self.labels.get_mut(label) {
                    set.insert(hash);
                }
            }
        }
    }
}

/// Which documents of one segment matched: one bit per document id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocBits(FixedBitSet);

impl DocBits {
    /// Room for the documents of a segment of `max_doc` documents, so that inserting never
    /// grows the set.
    fn for_segment(max_doc: DocId) -> DocBits {
        DocBits(FixedBitSet::with_capacity(max_doc as usize))
    }

    fn insert(&mut self, doc: DocId) {
        // `FixedBitSet::insert` panics past its length; a segment's ids stay under its max_doc,
        // and this keeps a wrong id from becoming a crash.
        self.0.grow_and_insert(doc as usize);
    }

    pub fn contains(&self, doc: DocId) -> bool {
        self.0.contains(doc as usize)
    }
}

/// Counts per day, in a dense array while the days stay close together (the usual archive
/// spans a few thousand days), in a map for the odd archive spanning centuries.
#[derive(Debug, Default)]
struct DayCounts {
    first: i32,
    dense: Vec<u32>,
    sparse: HashMap<i32, u32>,
}

/// Beyond this many days between the oldest and newest match, counts go to the map.
const DENSE_DAYS: i64 = 100_000;

impl DayCounts {
    fn add(&mut self, day: i32, n: u32) {
        if self.dense.is_empty() {
            self.first = day;
        }
        let offset = i64::from(day) - i64::from(self.first);
        let len = self.dense.len() as i64;
        if offset >= 0 && offset < len {
            if let Some(c) = self.dense.get_mut(offset as usize) {
                *c += n;
            }
        } else if offset >= len && offset < DENSE_DAYS {
            self.dense.resize(offset as usize + 1, 0);
            if let Some(c) = self.dense.last_mut() {
                *c += n;
            }
        } else if offset < 0 && len - offset < DENSE_DAYS {
            let mut grown = vec![0; (-offset) as usize];
            grown.append(&mut self.dense);
            self.dense = grown;
            self.first = day;
            if let Some(c) = self.dense.first_mut() {
                *c += n;
            }
        } else {
            *self.sparse.entry(day).or_default() += n;
        }
    }

    fn merge(&mut self, other: DayCounts) {
        for (i, &n) in other.dense.iter().enumerate() {
            if n > 0 {
                self.add(other.first + i as i32, n);
            }
        }
        for (day, n) in other.sparse {
            self.add(day, n);
        }
    }

    /// (day, count) for the days with matches, oldest first.
    fn into_days(self) -> Vec<(i32, u32)> {
        let mut days: Vec<(i32, u32)> = self
            .dense
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .map(|(i, &n)| (self.first + i as i32, n))
            .collect();
        days.extend(self.sparse);
        days.sort_unstable();
        days
    }
}

/// Everything about the matches except their order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub count: usize,
    /// Matches per day (days from CE, ascending), the strip's input; undated ones are left
    /// out, month-only ones count on the 1st.
    pub days: Vec<(i32, u32)>,
    /// Matching documents, by segment ordinal.
    pub matched: Vec<DocBits>,
}

/// Collects a [`Tally`]. Documents without an id hash are files that could not be read
/// (kept in the index for their problem reports): they are never results.
pub struct TallyCollector {
    pub date_field: String,
    pub id_hash_field: String,
    pub flags: Option<Arc<FlagFilter>>,
}

pub struct SegmentTally {
    segment: SegmentOrdinal,
    date: Column<i64>,
    id_hash: Column<u64>,
    flags: Option<Arc<FlagFilter>>,
    count: usize,
    days: DayCounts,
    /// Consecutive matches on one day are counted together: documents are often indexed in
    /// date order, so this saves most of the per-day bookkeeping.
    run: Option<(i32, u32)>,
    bits: DocBits,
}

impl Collector for TallyCollector {
    type Fruit = Tally;
    type Child = SegmentTally;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentTally> {
        let ff = reader.fast_fields();
        Ok(SegmentTally {
            segment,
            date: ff.i64(&self.date_field)?,
            id_hash: ff.u64(&self.id_hash_field)?,
            flags: self.flags.clone(),
            count: 0,
            days: DayCounts::default(),
            run: None,
            bits: DocBits::for_segment(reader.max_doc()),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Tally> {
        let mut days = DayCounts::default();
        let mut tally = Tally::default();
        for fruit in fruits {
            tally.count += fruit.count;
            days.merge(fruit.days);
            let slot = fruit.segment as usize;
            if tally.matched.len() <= slot {
                tally.matched.resize(slot + 1, DocBits::default());
            }
            if let Some(bits) = tally.matched.get_mut(slot) {
                *bits = fruit.bits;
            }
        }
        tally.days = days.into_days();
        Ok(tally)
    }
}

pub struct SegmentFruit {
    segment: SegmentOrdinal,
    count: usize,
    days: DayCounts,
    bits: DocBits,
}

impl SegmentCollector for SegmentTally {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.take(doc);
    }

    fn harvest(mut self) -> SegmentFruit {
        self.flush_run();
        SegmentFruit {
            segment: self.segment,
            count: self.count,
            days: self.days,
            bits: self.bits,
        }
    }
}

impl SegmentTally {
    fn take(&mut self, doc: DocId) {
        let Some(id_hash) = self.id_hash.first(doc) else {
            return;
        };
        if self.flags.as_ref().is_some_and(|f| !f.accepts(id_hash)) {
            return;
        }
        self.count += 1;
        self.bits.insert(doc);
        let key = self.date.first(doc).and_then(|k| i32::try_from(k).ok());
        let Some(key) = key.filter(|&k| k != i32::MIN) else {
            return;
        };
        let day = key.div_euclid(2);
        match &mut self.run {
            Some((d, n)) if *d == day => *n += 1,
            _ => {
                self.flush_run();
                self.run = Some((day, 1));
            }
        }
    }

    fn flush_run(&mut self) {
        if let Some((day, n)) = self.run.take() {
            self.days.add(day, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_counts_grow_both_ways_and_spill_far_days_into_the_map() {
        let mut counts = DayCounts::default();
        for (day, n) in [(100, 1), (105, 2), (90, 3), (100, 1), (900_000, 1)] {
            counts.add(day, n);
        }
        assert_eq!(
            counts.into_days(),
            [(90, 3), (100, 2), (105, 2), (900_000, 1)]
        );
    }

    #[test]
    fn flags_require_and_exclude() {
        let filter = FlagFilter {
            wanted: vec![(Flag::Unread, true), (Flag::Starred, false)],
            read: HashSet::from([1]),
            starred: HashSet::from([2]),
            ..FlagFilter::default()
        };
        assert!(!filter.accepts(1), "read");
        assert!(!filter.accepts(2), "starred");
        assert!(filter.accepts(3));
    }

    #[test]
    fn label_filters_copy_only_the_labels_asked_for() {
        let labels = [
            (1, vec!["a".to_string(), "b".to_string()]),
            (2, vec!["b".to_string()]),
            (3, vec!["c".to_string()]),
        ];
        let mut filter = FlagFilter {
            wanted: vec![
                (Flag::Label("b".into()), true),
                (Flag::Label("a".into()), false),
            ],
            ..FlagFilter::default()
        };
        filter.labels_for(labels.iter().map(|(h, l)| (*h, l.as_slice())));
        assert_eq!(filter.labels.len(), 2, "c is not copied");
        assert!(filter.labelled.is_empty(), "is:labelled was not asked");
        assert!(filter.accepts(2));
        assert!(!filter.accepts(1), "has a");
        assert!(!filter.accepts(3), "has no b");
        let mut labelled = FlagFilter {
            wanted: vec![(Flag::Labelled, true)],
            ..FlagFilter::default()
        };
        labelled.labels_for(labels.iter().map(|(h, l)| (*h, l.as_slice())));
        assert!(labelled.accepts(3) && !labelled.accepts(4));
    }

    #[test]
    fn minus_is_copy_leaves_out_copies_only() {
        let copies = FlagFilter {
            wanted: vec![(Flag::Copy, false)],
            copies: Arc::new(Groups::new(vec![vec![5, 6]])),
            ..FlagFilter::default()
        };
        assert!(
            copies.accepts(5) && copies.accepts(7),
            "the earliest and the rest stay"
        );
        assert!(!copies.accepts(6), "-is:copy leaves out copies");
    }

    #[test]
    fn doc_bits_hold_what_was_inserted() {
        let mut bits = DocBits::default();
        for doc in [0, 63, 64, 1000] {
            bits.insert(doc);
        }
        assert!([0, 63, 64, 1000].iter().all(|&d| bits.contains(d)));
        assert!(!bits.contains(1) && !bits.contains(65) && !bits.contains(5000));
    }
}
