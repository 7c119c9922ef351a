//! One committed version of the index seen as a [`Catalog`].
//!
//! Opening reads no document at all; the timeline is built from fast columns (kind, date
//! key, id hash, source and host ordinals), never stored documents, when first asked for, so
//! a count answers without it and the timeline of a million articles is ready in well under
//! 200 ms.
//! Display fields are read per row, on demand, through a small cache; bodies are re-read from
//! files. A document's stored fields are read back by `stored`, the ids of many entries at
//! once by `ids`.

mod address;
mod ids;
mod order;
mod sources;
mod stored;
mod view;

use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use lru::LruCache;
use rustc_hash::FxHashMap;
use tantivy::columnar::Column;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, TantivyError, Term};

use super::read::read_article_at;
use super::scan::mtime_nanos;
use crate::article::{Article, ArticleId, Problem};
use crate::catalog::{Catalog, DocRef, Entry, Row, SourceNames, id_hash};
use crate::copies::Groups;
use crate::index::Fields;
use crate::index::schema;
pub use address::{doc_address, doc_ref};
use sources::SegmentSources;
pub use stored::Stored;
use view::View;

/// Rows kept for display, least recently drawn forgotten first; a screenful is ~50, so this
/// covers scrolling back and forth.
const ROW_CACHE: NonZeroUsize = NonZeroUsize::new(2048).unwrap();

pub struct Snapshot {
    searcher: Searcher,
    fields: Fields,
    segments: Vec<SegmentColumns>,
    /// The timeline and the sources: built on first use (see `view.rs`).
    view: OnceLock<View>,
    problems: OnceLock<Vec<Problem>>,
    rows: Mutex<LruCache<DocRef, Row>>,
    /// The groups of copies the store found at its last sync.
    copies: Arc<Groups>,
    /// The timeline entries of the articles in a group, by id hash: built when first asked.
    grouped: OnceLock<FxHashMap<u64, Entry>>,
}

/// One segment's fast columns, opened (not read) with the snapshot.
struct SegmentColumns {
    date_key: Column<i64>,
    id_hash: Column<u64>,
    kind: Column<u64>,
    position: Column<u64>,
    problem_count: Column<u64>,
    /// The source and host columns, their pairs not counted yet.
    sources: SegmentSources,
}

impl Snapshot {
    /// Opens the columns of every segment; reads no document until something asks for the
    /// timeline, the sources or an entry.
    pub fn build(searcher: Searcher, fields: Fields) -> Result<Snapshot, TantivyError> {
        let mut segments = Vec::with_capacity(searcher.segment_readers().len());
        for reader in searcher.segment_readers() {
            let ff = reader.fast_fields();
            segments.push(SegmentColumns {
                date_key: ff.i64(schema::DATE_KEY)?,
                id_hash: ff.u64(schema::ID_HASH)?,
                kind: ff.u64(schema::KIND)?,
                position: ff.u64(schema::POSITION)?,
                problem_count: ff.u64(schema::PROBLEM_COUNT)?,
                sources: SegmentSources::open(reader)?,
            });
        }
        Ok(Snapshot {
            searcher,
            fields,
            segments,
            view: OnceLock::new(),
            problems: OnceLock::new(),
            rows: Mutex::new(LruCache::new(ROW_CACHE)),
            copies: Arc::default(),
            grouped: OnceLock::new(),
        })
    }

    /// This snapshot with the groups of copies the store found.
    pub fn with_copies(mut self, copies: Arc<Groups>) -> Snapshot {
        self.copies = copies;
        self
    }

    /// Builds the timeline and the sources now, on the caller's thread, rather than on
    /// whichever first asks for them (the reader's, mid-frame).
    pub fn warm(&self) {
        self.view();
    }

    #[cfg(test)]
    pub(crate) fn timeline_built(&self) -> bool {
        self.view.get().is_some()
    }

    fn view(&self) -> &View {
        self.view
            .get_or_init(|| View::build(self.searcher.segment_readers(), &self.segments))
    }

    /// The sources, merged per outlet: what `source:` searches look up.
    pub fn source_names(&self) -> &SourceNames {
        &self.view().sources
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
        let doc = doc_ref(address);
        Some(columns.entry(doc, self.view().source_of(doc)))
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
        let view = self.view();
        view.sources
            .name(view.source_of(doc))
            .unwrap_or_default()
            .to_string()
    }

    /// The problems recorded for one article (repairs made while parsing, duplicates).
    pub fn problems_of(&self, entry: &Entry) -> Vec<Problem> {
        self.stored(entry.doc)
            .map(|s| s.problems)
            .unwrap_or_default()
    }
}

impl SegmentColumns {
    /// The entry of a document of this segment, with `source` as its source.
    fn entry(&self, doc: DocRef, source: u32) -> Entry {
        let id = doc_address(doc).doc_id;
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
        &self.view().timeline
    }

    fn sources(&self) -> &[(String, usize)] {
        self.view().sources.names()
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
        let position = usize::try_from(stored.position).unwrap_or(usize::MAX);
        let mut article = read_article_at(&path, position)?;
        if article.url != stored.row.url {
            // Lines moved in a file of many articles: what is at the position now is another.
            let mut problem = Problem::skipped(
                &path,
                "the file changed since it was indexed and holds another article at this \
                 place now; the index catches up at the next sync (reopen it from the timeline then)",
            );
            problem.at = stored.problems.iter().find_map(|p| p.at);
            return Err(problem);
        }
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

    fn copies(&self) -> Arc<Groups> {
        Arc::clone(&self.copies)
    }

    fn group_entries(&self, id_hash: u64) -> Vec<Entry> {
        let Some(place) = self.copies.place(id_hash) else {
            return Vec::new();
        };
        let grouped = self.grouped.get_or_init(|| {
            self.view()
                .timeline
                .iter()
                .filter(|e| self.copies.place(e.id_hash).is_some())
                .map(|e| (e.id_hash, *e))
                .collect()
        });
        self.copies
            .members(place.group)
            .iter()
            .filter_map(|id| grouped.get(id).copied())
            .collect()
    }

    fn ids(&self, entries: &[Entry]) -> Vec<Option<ArticleId>> {
        self.ids_of(entries)
    }

    fn entry_of_file(&self, path: &Path) -> Option<Entry> {
        self.entry_of_article(path, 0)
    }

    fn entry_of_article(&self, path: &Path, position: u64) -> Option<Entry> {
        // By the path's key and the position column (articles only), then checked against
        // the stored path; for position 0, the file's first article wherever it is.
        let mut best: Option<(u64, Entry)> = None;
        for entry in self.entries_with(self.fields.path_hash, super::scan::path_key(path)) {
            let address = doc_address(entry.doc);
            let Some(columns) = self.segments.get(address.segment_ord as usize) else {
                continue;
            };
            if columns.kind.first(address.doc_id) != Some(schema::KIND_ARTICLE) {
                continue;
            }
            let at = columns.position.first(address.doc_id).unwrap_or(0);
            let wanted = if position == 0 {
                best.is_none_or(|(first, _)| at < first)
            } else {
                at == position
            };
            if wanted {
                best = Some((at, entry));
            }
        }
        let (_, entry) = best?;
        self.stored(entry.doc)
            .is_some_and(|s| s.row.path == path)
            .then_some(entry)
    }

    fn problems(&self) -> &[Problem] {
        self.problems.get_or_init(|| {
            let mut all: Vec<Problem> = self
                .view()
                .flagged
                .iter()
                .filter_map(|d| self.stored(*d))
                .flat_map(|s| s.problems)
                .collect();
            // By file, then by place in it (a dump's bad lines in line order).
            let place = |p: &Problem| p.at.map(|at| at.position);
            all.sort_by(|a, b| {
                a.path
                    .cmp(&b.path)
                    .then_with(|| place(a).cmp(&place(b)))
                    .then_with(|| a.what.cmp(&b.what))
            });
            all
        })
    }
}

fn unchanged(path: &Path, size: u64, mtime: i64) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() == size && mtime_nanos(&m) == mtime)
}
