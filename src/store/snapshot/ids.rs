//! The ids of many entries at once (`Catalog::ids`, for exports and state): from each
//! segment's id column in one walk of its dictionary, else from its stored documents in
//! storage order.

use tantivy::schema::Value;
use tantivy::{DocId, TantivyDocument};

use super::Snapshot;
use super::address::doc_address;
use crate::article::ArticleId;
use crate::catalog::Entry;
use crate::index::schema;

impl Snapshot {
    /// From the id column, in term order per segment (one pass over its dictionary);
    /// from the stored documents in storage order where a segment has no column.
    pub(super) fn ids_of(&self, entries: &[Entry]) -> Vec<Option<ArticleId>> {
        let mut out = vec![None; entries.len()];
        let mut by_segment: std::collections::BTreeMap<u32, Vec<(DocId, usize)>> =
            Default::default();
        for (i, entry) in entries.iter().enumerate() {
            let address = doc_address(entry.doc);
            by_segment
                .entry(address.segment_ord)
                .or_default()
                .push((address.doc_id, i));
        }
        for (segment, docs) in by_segment {
            let Some(reader) = self.searcher.segment_readers().get(segment as usize) else {
                continue;
            };
            let column = reader.fast_fields().str(schema::ID).ok().flatten();
            match column {
                Some(column) => ids_from_column(&column, docs, &mut out),
                None => self.ids_from_store(reader, docs, &mut out),
            }
        }
        out
    }

    /// The ids of `docs` from the stored documents, read in storage order so that each
    /// compressed block is read once (an index built before the id column existed).
    fn ids_from_store(
        &self,
        reader: &tantivy::SegmentReader,
        mut docs: Vec<(DocId, usize)>,
        out: &mut [Option<ArticleId>],
    ) {
        let Ok(store) = reader.get_store_reader(1) else {
            return;
        };
        docs.sort_unstable();
        for (doc, i) in docs {
            if let Ok(stored) = store.get::<TantivyDocument>(doc)
                && let Some(id) = stored.get_first(self.fields.id).and_then(|v| v.as_str())
                && let Some(slot) = out.get_mut(i)
            {
                *slot = Some(ArticleId(id.to_string()));
            }
        }
    }
}

/// The ids of `docs` (with their places in `out`) from a segment's id column: ordinals first,
/// then one walk of the dictionary in ordinal order.
fn ids_from_column(
    column: &tantivy::columnar::StrColumn,
    docs: Vec<(DocId, usize)>,
    out: &mut [Option<ArticleId>],
) {
    let mut ords: Vec<(u64, usize)> = docs
        .into_iter()
        .filter_map(|(doc, i)| Some((column.ords().first(doc)?, i)))
        .collect();
    ords.sort_unstable();
    let mut distinct: Vec<u64> = ords.iter().map(|&(ord, _)| ord).collect();
    distinct.dedup();
    let mut next = ords.iter().peekable();
    let mut at = distinct.iter();
    let _ = column
        .dictionary()
        .sorted_ords_to_term_cb(distinct.iter().copied(), |bytes| {
            let Some(&ord) = at.next() else {
                return Ok(());
            };
            let id = String::from_utf8_lossy(bytes);
            while let Some((_, i)) = next.next_if(|(o, _)| *o == ord) {
                if let Some(slot) = out.get_mut(*i) {
                    *slot = Some(ArticleId(id.to_string()));
                }
            }
            Ok(())
        });
}
