//! A stored document's fields, read back from the index: the row the timeline draws, and
//! what `load` needs to read the article again and tell whether its file changed.

use std::path::PathBuf;

use tantivy::TantivyDocument;
use tantivy::schema::Value;

use super::Snapshot;
use super::address::doc_address;
use crate::article::{ArticleId, Meta, Problem, Published};
use crate::catalog::{DocRef, Row};

/// What the index knows about one stored document, beyond its row.
pub struct Stored {
    pub row: Row,
    /// The article's position in its file (0 for a file of one article).
    pub position: u64,
    pub size: u64,
    pub mtime: i64,
    pub problems: Vec<Problem>,
    /// Authors, categories, tags and image; empty for formats without them.
    pub meta: Meta,
}

impl Snapshot {
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
        let meta = match stored.get_first(f.meta).and_then(|v| v.as_str()) {
            Some(json) => serde_json::from_str(json).unwrap_or_default(),
            None => Meta::default(),
        };
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
            position: stored
                .get_first(f.position)
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            size: stored
                .get_first(f.size)
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            mtime: stored
                .get_first(f.mtime)
                .and_then(|v| v.as_i64())
                .unwrap_or(0),
            problems,
            meta,
        })
    }
}
