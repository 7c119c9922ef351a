//! One committed version of the index seen as a [`Catalog`].
//!
//! Opening reads only fast columns (kind, date key, id hash, source and host ordinals), never
//! stored documents, so the timeline of a million articles is ready in well under 200 ms.
//! Display fields are read per row, on demand, through a small cache; bodies are re-read from
//! files.

mod address;
mod order;
mod sources;

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use lru::LruCache;
use tantivy::columnar::Column;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, TantivyError, Term};

use super::read::read_article;
use super::scan::mtime_nanos;
use crate::article::{Article, ArticleId, Problem, Published};
use crate::catalog::{Catalog, DocRef, Entry, Row, SourceNames, id_hash};
use crate::index::Fields;
use crate::index::schema::{self, KIND_ARTICLE, KIND_SKIPPED};
pub use address::{doc_address, doc_ref};
use order::newest_first;
use sources::SegmentSources;

/// Rows kept for display, least recently drawn forgotten first; a screenful is ~50, so this
/// covers scrolling back and forth.
const ROW_CACHE: NonZeroUsize = NonZeroUsize::new(2048).unwrap();

pub struct Snapshot {
    searcher: Searcher,
    fields: Fields,
    segments: Vec<SegmentColumns>,
    timeline: Vec<Entry>,
    sources: SourceNames,
    /// Documents that carry problems; their texts are read on the first `problems()` call.
    flagged: Vec<DocRef>,
    problems: OnceLock<Vec<Problem>>,
    rows: Mutex<LruCache<DocRef, Row>>,
}

struct SegmentColumns {
    date_key: Column<i64>,
    id_hash: Column<u64>,
    sources: SegmentSources,
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
        let mut segments = Vec::with_capacity(readers.len());
        let mut timeline = Vec::with_capacity(searcher.num_docs() as usize);
        let mut flagged = Vec::new();
        for (segment, reader) in readers.iter().enumerate() {
            let ff = reader.fast_fields();
            let kind = ff.u64(schema::KIND)?;
            let problem_count = ff.u64(schema::PROBLEM_COUNT)?;
            let mut columns = SegmentColumns {
                date_key: ff.i64(schema::DATE_KEY)?,
                id_hash: ff.u64(schema::ID_HASH)?,
                sources: SegmentSources::open(reader)?,
            };
            for doc in reader.doc_ids_alive() {
                let doc_ref = doc_ref(DocAddress::new(segment as u32, doc));
                let kind = kind.first(doc).unwrap_or(KIND_ARTICLE);
                if kind == KIND_SKIPPED || problem_count.first(doc).unwrap_or(0) > 0 {
                    flagged.push(doc_ref);
                }
                if kind != KIND_ARTICLE {
                    continue;
                }
                // The source's pair number for now: its name is known once every segment's
                // pairs are counted.
                let pair = columns.sources.count(doc);
                timeline.push(Entry {
                    source: pair,
                    ..columns.entry(doc_ref)
                });
            }
            segments.push(columns);
        }
        let sources = SourceNames::merge(segments.iter().flat_map(|c| c.sources.pairs()));
        for columns in &mut segments {
            columns.sources.resolve(&sources);
        }
        for entry in &mut timeline {
            if let Some(columns) = segments.get(doc_address(entry.doc).segment_ord as usize) {
                entry.source = columns.sources.index_of_pair(entry.source);
            }
        }
        let timeline = newest_first(timeline);
        Ok(Snapshot {
            searcher,
            fields,
            segments,
            timeline,
            sources,
            flagged,
            problems: OnceLock::new(),
            rows: Mutex::new(LruCache::new(ROW_CACHE)),
        })
    }

    /// The sources, merged per outlet: what `source:` searches look up.
    pub fn source_names(&self) -> &SourceNames {
        &self.sources
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
        Some(columns.entry(doc_ref(address)))
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

    /// The name the catalog gives the document's source (see [`SourceNames`]).
    fn source_name(&self, doc: DocRef) -> String {
        let address = doc_address(doc);
        let index = self
            .segments
            .get(address.segment_ord as usize)
            .map_or(0, |c| c.sources.index_of(address.doc_id));
        self.sources.name(index).unwrap_or_default().to_string()
    }

    /// The problems recorded for one article (repairs made while parsing, duplicates).
    pub fn problems_of(&self, entry: &Entry) -> Vec<Problem> {
        self.stored(entry.doc)
            .map(|s| s.problems)
            .unwrap_or_default()
    }

    /// Everything stored for a document; `None` when it is not in this snapshot.
    pub fn stored(&self, doc: DocRef) -> Option<Stored> {
        let address = doc_address(doc);
        let reader = self
            .searcher
            .segment_readers()
            .get(address.segment_ord as usize)?;
        if address.doc_id >= reader.max_doc() {
            return None;
        }
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
                    .and_then(|k| i32::try_from(k).ok())
                    .and_then(Published::from_sort_key),
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

impl SegmentColumns {
    fn entry(&self, doc: DocRef) -> Entry {
        let id = doc_address(doc).doc_id;
        let source = self.sources.index_of(id);
        let sort_key = self
            .date_key
            .first(id)
            .and_then(|k| i32::try_from(k).ok())
            .unwrap_or(i32::MIN);
        Entry {
            doc,
            sort_key,
            id_hash: self.id_hash.first(id).unwrap_or(0),
            source,
        }
    }
}

impl Catalog for Snapshot {
    fn timeline(&self) -> &[Entry] {
        &self.timeline
    }

    fn sources(&self) -> &[(String, usize)] {
        self.sources.names()
    }

    fn row(&self, entry: &Entry) -> Option<Row> {
        if let Some(row) = self.rows.lock().ok()?.get(&entry.doc) {
            return Some(row.clone());
        }
        let mut row = self.stored(entry.doc)?.row;
        row.source = self.source_name(entry.doc);
        if let Ok(mut rows) = self.rows.lock() {
            rows.put(entry.doc, row.clone());
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
        article.source = self.source_name(entry.doc);
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
