//! One committed version of the index seen as a [`Catalog`].
//!
//! Opening reads only fast columns (kind, date key, id hash, source ordinal), never stored
//! documents, so the timeline of a million articles is ready in well under 200 ms. Display
//! fields are read per row, on demand, through a small cache; bodies are re-read from files.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use rayon::iter::{IntoParallelRefMutIterator, ParallelIterator};
use rustc_hash::FxHashMap;
use tantivy::columnar::Column;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, TantivyError, Term};

use super::read::read_article;
use super::scan::mtime_nanos;
use super::schema::{self, Fields, KIND_ARTICLE, KIND_SKIPPED};
use crate::article::{Article, ArticleId, Problem, Published};
use crate::catalog::{Catalog, DocRef, Entry, Row, id_hash};

/// Rows kept for display; a screenful is ~50, so this covers scrolling back and forth.
const ROW_CACHE: usize = 2048;

pub struct Snapshot {
    searcher: Searcher,
    fields: Fields,
    segments: Vec<SegmentColumns>,
    timeline: Vec<Entry>,
    sources: Vec<(String, usize)>,
    /// Documents that carry problems; their texts are read on the first `problems()` call.
    flagged: Vec<DocRef>,
    problems: OnceLock<Vec<Problem>>,
    rows: Mutex<HashMap<DocRef, Row>>,
}

struct SegmentColumns {
    date_key: Column<i64>,
    id_hash: Column<u64>,
    source_ords: Option<Column<u64>>,
    /// Segment-local source ordinal -> index in `Snapshot::sources`.
    source_map: Vec<u32>,
}

/// What the index knows about one stored document, beyond its row.
pub struct Stored {
    pub row: Row,
    pub size: u64,
    pub mtime: i64,
    pub problems: Vec<Problem>,
}

impl Snapshot {
    pub fn build(searcher: Searcher, fields: Fields) -> Result<Snapshot, TantivyError> {
        let readers = searcher.segment_readers();
        let mut names = BTreeSet::new();
        let mut source_columns = Vec::with_capacity(readers.len());
        for reader in readers {
            let column = reader.fast_fields().str(schema::SOURCE)?;
            let mut local = Vec::new();
            if let Some(column) = &column {
                for ord in 0..column.num_terms() as u64 {
                    let mut name = String::new();
                    column.ord_to_str(ord, &mut name)?;
                    names.insert(name.clone());
                    local.push(name);
                }
            }
            source_columns.push((column, local));
        }
        // Articles without a source are counted under "" so every entry has a valid index.
        names.insert(String::new());
        let names: Vec<String> = names.into_iter().collect();
        let global = |name: &str| {
            names
                .binary_search_by(|n| n.as_str().cmp(name))
                .unwrap_or(0)
        };
        let unknown = global("") as u32;

        let mut counts = vec![0usize; names.len()];
        let mut segments = Vec::with_capacity(readers.len());
        let mut timeline = Vec::with_capacity(searcher.num_docs() as usize);
        let mut flagged = Vec::new();
        for (segment, (reader, (column, local))) in readers.iter().zip(source_columns).enumerate() {
            let ff = reader.fast_fields();
            let kind = ff.u64(schema::KIND)?;
            let problem_count = ff.u64(schema::PROBLEM_COUNT)?;
            let columns = SegmentColumns {
                date_key: ff.i64(schema::DATE_KEY)?,
                id_hash: ff.u64(schema::ID_HASH)?,
                source_ords: column.map(|c| c.ords().clone()),
                source_map: local.iter().map(|n| global(n) as u32).collect(),
            };
            for doc in reader.doc_ids_alive() {
                let doc_ref = DocRef {
                    segment: segment as u32,
                    doc,
                };
                let kind = kind.first(doc).unwrap_or(KIND_ARTICLE);
                if kind == KIND_SKIPPED || problem_count.first(doc).unwrap_or(0) > 0 {
                    flagged.push(doc_ref);
                }
                if kind != KIND_ARTICLE {
                    continue;
                }
                let entry = columns.entry(doc_ref, unknown);
                if let Some(count) = counts.get_mut(entry.source as usize) {
                    *count += 1;
                }
                timeline.push(entry);
            }
            segments.push(columns);
        }
        let timeline = newest_first(timeline);
        Ok(Snapshot {
            searcher,
            fields,
            segments,
            timeline,
            sources: names.into_iter().zip(counts).collect(),
            flagged,
            problems: OnceLock::new(),
            rows: Mutex::new(HashMap::new()),
        })
    }

    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The timeline entry of a document found by a query on this snapshot's searcher.
    pub fn entry_at(&self, address: DocAddress) -> Option<Entry> {
        let columns = self.segments.get(address.segment_ord as usize)?;
        let unknown = self
            .sources
            .binary_search_by(|(n, _)| n.as_str().cmp(""))
            .unwrap_or(0) as u32;
        Some(columns.entry(
            DocRef {
                segment: address.segment_ord,
                doc: address.doc_id,
            },
            unknown,
        ))
    }

    /// The article with this id, if the index has it. Looked up by the id's hash (a u64 term
    /// is a fraction of a URL's in the term dictionary), then checked against the stored id.
    pub fn find(&self, id: &ArticleId) -> Option<Entry> {
        self.entries_with(self.fields.id_hash, id_hash(id))
            .into_iter()
            .find(|entry| self.stored(entry.doc).is_some_and(|s| s.row.id == *id))
    }

    /// The documents whose u64 `field` holds `value`, in index order.
    fn entries_with(&self, field: tantivy::schema::Field, value: u64) -> Vec<Entry> {
        let query = TermQuery::new(Term::from_field_u64(field, value), IndexRecordOption::Basic);
        let hits = self
            .searcher
            .search(&query, &tantivy::collector::DocSetCollector)
            .unwrap_or_default();
        let mut hits: Vec<DocAddress> = hits.into_iter().collect();
        hits.sort_unstable();
        hits.into_iter().filter_map(|a| self.entry_at(a)).collect()
    }

    /// The problems recorded for one article (repairs made while parsing, duplicates).
    pub fn problems_of(&self, entry: &Entry) -> Vec<Problem> {
        self.stored(entry.doc)
            .map(|s| s.problems)
            .unwrap_or_default()
    }

    /// Everything stored for a document; `None` when it is not in this snapshot.
    pub fn stored(&self, doc: DocRef) -> Option<Stored> {
        let reader = self.searcher.segment_readers().get(doc.segment as usize)?;
        if doc.doc >= reader.max_doc() {
            return None;
        }
        let address = DocAddress::new(doc.segment, doc.doc);
        let stored: TantivyDocument = self.searcher.doc(address).ok()?;
        let f = &self.fields;
        let text = |field| {
            stored
                .get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let id = text(f.id);
        // No url field: the URL is the id (see `sync`); an empty one: there is no URL.
        let url = match stored.get_first(f.url) {
            Some(url) => url.as_str().unwrap_or_default().to_string(),
            None => id.clone(),
        };
        let problems = serde_json::from_str(&text(f.problems)).unwrap_or_default();
        Some(Stored {
            row: Row {
                id: ArticleId(id),
                path: PathBuf::from(text(f.path)),
                url: (!url.is_empty()).then_some(url),
                title: text(f.title),
                lede: text(f.lede),
                source: text(f.source),
                language: text(f.language),
                published: stored
                    .get_first(f.date_key)
                    .and_then(|v| v.as_i64())
                    .and_then(published_from_key),
            },
            size: stored
                .get_first(f.size)
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            mtime: stored
                .get_first(f.mtime)
                .and_then(|v| v.as_i64())
                .unwrap_or(0),
            problems,
        })
    }
}

/// The timeline order: newest first, and within a day by id hash, an order that does not
/// depend on how the index happens to lay documents out. A million articles fall on a few
/// thousand days, so they are first moved to their day's place in one pass, in place, and
/// only each day's few hundred are compared: a comparison sort of the whole was two thirds
/// of a warm open at 1M.
fn newest_first(mut entries: Vec<Entry>) -> Vec<Entry> {
    let mut per_day: FxHashMap<i32, usize> = FxHashMap::default();
    for entry in &entries {
        *per_day.entry(entry.sort_key).or_default() += 1;
    }
    let mut days: Vec<(i32, usize)> = per_day.into_iter().collect();
    days.sort_unstable_by_key(|&(day, _)| std::cmp::Reverse(day));
    let bucket_of: FxHashMap<i32, usize> = days
        .iter()
        .enumerate()
        .map(|(bucket, &(day, _))| (day, bucket))
        .collect();
    let mut ends = Vec::with_capacity(days.len());
    let mut end = 0;
    for &(_, count) in &days {
        end += count;
        ends.push(end);
    }
    // `next[b]`: the first place of day `b` not yet holding one of its own entries.
    let mut next: Vec<usize> = std::iter::once(0)
        .chain(ends.iter().copied())
        .take(days.len())
        .collect();
    for bucket in 0..days.len() {
        while next[bucket] < ends[bucket] {
            let here = next[bucket];
            let home = bucket_of
                .get(&entries[here].sort_key)
                .copied()
                .unwrap_or(bucket);
            if home == bucket {
                next[bucket] += 1;
            } else {
                entries.swap(here, next[home]);
                next[home] += 1;
            }
        }
    }
    let mut rest: &mut [Entry] = &mut entries;
    let mut chunks = Vec::with_capacity(days.len());
    for &(_, count) in &days {
        let (day, after) = std::mem::take(&mut rest).split_at_mut(count);
        chunks.push(day);
        rest = after;
    }
    chunks.par_iter_mut().for_each(|day| {
        day.sort_unstable_by(|a, b| a.id_hash.cmp(&b.id_hash).then(a.doc.cmp(&b.doc)));
    });
    entries
}

impl SegmentColumns {
    fn entry(&self, doc: DocRef, unknown_source: u32) -> Entry {
        let source = self
            .source_ords
            .as_ref()
            .and_then(|c| c.first(doc.doc))
            .and_then(|ord| self.source_map.get(ord as usize).copied())
            .unwrap_or(unknown_source);
        let sort_key = self
            .date_key
            .first(doc.doc)
            .and_then(|k| i32::try_from(k).ok())
            .unwrap_or(i32::MIN);
        Entry {
            doc,
            sort_key,
            id_hash: self.id_hash.first(doc.doc).unwrap_or(0),
            source,
        }
    }
}

/// Inverse of [`Published::sort_key`]: odd keys are days, even keys months.
pub fn published_from_key(key: i64) -> Option<Published> {
    let key = i32::try_from(key).ok().filter(|k| *k != i32::MIN)?;
    let date = chrono::NaiveDate::from_num_days_from_ce_opt(key.div_euclid(2))?;
    Some(if key.rem_euclid(2) == 1 {
        Published::day(date)
    } else {
        Published {
            date,
            precision: crate::article::Precision::Month,
        }
    })
}

impl Catalog for Snapshot {
    fn timeline(&self) -> &[Entry] {
        &self.timeline
    }

    fn sources(&self) -> &[(String, usize)] {
        &self.sources
    }

    fn row(&self, entry: &Entry) -> Option<Row> {
        if let Some(row) = self.rows.lock().ok()?.get(&entry.doc) {
            return Some(row.clone());
        }
        let row = self.stored(entry.doc)?.row;
        if let Ok(mut rows) = self.rows.lock() {
            if rows.len() >= ROW_CACHE {
                rows.clear();
            }
            rows.insert(entry.doc, row.clone());
        }
        Some(row)
    }

    fn load(&self, entry: &Entry) -> Result<Article, Problem> {
        let stored = self.stored(entry.doc).ok_or_else(|| {
            Problem::skipped(
                "?",
                "the article is no longer in the index (it was re-indexed); reopen it from the timeline",
            )
        })?;
        let path = stored.row.path.clone();
        let mut article = read_article(&path)?;
        // Reading state is keyed by the indexed id, which differs from the parsed one for
        // the second file of a duplicated URL.
        article.id = stored.row.id;
        if unchanged(&path, stored.size, stored.mtime) {
            article.problems = stored.problems;
        } else {
            article.problems.push(Problem::repaired(
                &path,
                "the file changed since it was indexed",
                "showing it as it is now; the index catches up at the next sync",
            ));
        }
        Ok(article)
    }

    fn entry_of_file(&self, path: &Path) -> Option<Entry> {
        // By the path's key, then checked against the stored path (and that it is an article).
        let entry = self
            .entries_with(self.fields.path_hash, super::scan::path_key(path))
            .into_iter()
            .find(|e| self.stored(e.doc).is_some_and(|s| s.row.path == path))?;
        self.timeline.contains(&entry).then_some(entry)
    }

    fn problems(&self) -> &[Problem] {
        self.problems.get_or_init(|| {
            let mut all: Vec<Problem> = self
                .flagged
                .iter()
                .filter_map(|d| self.stored(*d))
                .flat_map(|s| s.problems)
                .collect();
            all.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.what.cmp(&b.what)));
            all
        })
    }
}

fn unchanged(path: &Path, size: u64, mtime: i64) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() == size && mtime_nanos(&m) == mtime)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn date_keys_round_trip_with_precision() {
        let day = Published::day(NaiveDate::from_ymd_opt(2022, 1, 2).unwrap());
        let month = Published::month(1969, 12).unwrap();
        for p in [day, month] {
            assert_eq!(published_from_key(i64::from(p.sort_key())), Some(p));
        }
        assert_eq!(published_from_key(i64::from(i32::MIN)), None);
    }

    #[test]
    fn the_timeline_is_newest_first_then_by_id_hash() {
        // Days repeat, come in any order, and include undated articles (`i32::MIN`).
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let entries: Vec<Entry> = (0..5000u32)
            .map(|i| Entry {
                doc: DocRef {
                    segment: i % 3,
                    doc: i,
                },
                sort_key: match next() % 50 {
                    0 => i32::MIN,
                    k => 738_000 + k as i32,
                },
                id_hash: next() % 2000,
                source: 0,
            })
            .collect();
        let mut expected = entries.clone();
        expected.sort_by(|a, b| {
            b.sort_key
                .cmp(&a.sort_key)
                .then(a.id_hash.cmp(&b.id_hash))
                .then(a.doc.cmp(&b.doc))
        });
        assert_eq!(newest_first(entries), expected);
        assert!(newest_first(Vec::new()).is_empty());
    }
}
