//! The parts of a snapshot that take a pass over every document: the timeline, the sources
//! with their article counts, and which documents carry problems.
//!
//! Built on first use, not when the snapshot opens: a headless count needs none of it, and
//! at a million articles the pass (and the timeline's sort) was nine tenths of a warm
//! `folio search --count --no-sync` (~190 of 210 ms). The reader still gets it off its own
//! thread: the store builds it before it publishes a new snapshot (see `Store::publish`).

use tantivy::{DocAddress, SegmentReader};

use super::SegmentColumns;
use super::address::{doc_address, doc_ref};
use super::order::newest_first;
use super::sources::SegmentSources;
use crate::catalog::{DocRef, Entry, SourceNames};
use crate::index::schema::{KIND_ARTICLE, KIND_SKIPPED};

pub(super) struct View {
    pub timeline: Vec<Entry>,
    pub sources: SourceNames,
    /// Documents that carry problems; their texts are read on the first `problems()` call.
    pub flagged: Vec<DocRef>,
    /// Per segment: which source each document belongs to, resolved against `sources`.
    pub segment_sources: Vec<SegmentSources>,
}

impl View {
    pub fn build(readers: &[SegmentReader], segments: &[SegmentColumns]) -> View {
        let mut timeline = Vec::with_capacity(readers.iter().map(|r| r.num_docs() as usize).sum());
        let mut flagged = Vec::new();
        let mut segment_sources = Vec::with_capacity(segments.len());
        for (segment, (reader, columns)) in readers.iter().zip(segments).enumerate() {
            let mut sources = columns.sources.clone();
            for doc in reader.doc_ids_alive() {
                let doc_ref = doc_ref(DocAddress::new(segment as u32, doc));
                let kind = columns.kind.first(doc).unwrap_or(KIND_ARTICLE);
                if kind == KIND_SKIPPED || columns.problem_count.first(doc).unwrap_or(0) > 0 {
                    flagged.push(doc_ref);
                }
                if kind != KIND_ARTICLE {
                    continue;
                }
                // The source's pair number for now: its name is known once every segment's
                // pairs are counted.
                let pair = sources.count(doc);
                timeline.push(columns.entry(doc_ref, pair));
            }
            segment_sources.push(sources);
        }
        let sources = SourceNames::merge(segment_sources.iter().flat_map(|s| s.pairs()));
        for segment in &mut segment_sources {
            segment.resolve(&sources);
        }
        for entry in &mut timeline {
            if let Some(segment) = segment_sources.get(doc_address(entry.doc).segment_ord as usize)
            {
                entry.source = segment.index_of_pair(entry.source);
            }
        }
        View {
            timeline: newest_first(timeline),
            sources,
            flagged,
            segment_sources,
        }
    }

    /// The source index of any document.
    pub fn source_of(&self, doc: DocRef) -> u32 {
        let address = doc_address(doc);
        self.segment_sources
            .get(address.segment_ord as usize)
            .map_or(0, |s| s.index_of(address.doc_id))
    }
}
