//! Which source each document of a segment belongs to. The source and host columns give each
//! document a (source, host) pair; a snapshot counts the pairs of all segments, merges them
//! into one name per outlet ([`SourceNames`]), and maps each pair to its name's index.

use rustc_hash::FxHashMap;
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, SegmentReader, TantivyError};

use crate::catalog::SourceNames;
use crate::index::schema;

/// Stands for a missing value in a pair.
const NONE: u64 = u64::MAX;

#[derive(Clone)]
pub(super) struct SegmentSources {
    source: Option<Column<u64>>,
    host: Option<Column<u64>>,
    source_names: Vec<String>,
    host_names: Vec<String>,
    /// (source ord, host ord) -> pair number, in the order first met.
    pairs: FxHashMap<(u64, u64), u32>,
    /// Per pair number: its ords and its number of documents.
    counted: Vec<((u64, u64), usize)>,
    /// Per pair number: the index in the snapshot's [`SourceNames`], once resolved.
    resolved: Vec<u32>,
}

impl SegmentSources {
    pub fn open(reader: &SegmentReader) -> Result<SegmentSources, TantivyError> {
        let ff = reader.fast_fields();
        let (source, source_names) = ords_and_names(ff.str(schema::SOURCE)?)?;
        let (host, host_names) = ords_and_names(ff.str(schema::HOST)?)?;
        Ok(SegmentSources {
            source,
            host,
            source_names,
            host_names,
            pairs: FxHashMap::default(),
            counted: Vec::new(),
            resolved: Vec::new(),
        })
    }

    fn pair_of(&self, doc: DocId) -> (u64, u64) {
        let ord = |column: &Option<Column<u64>>| {
            column.as_ref().and_then(|c| c.first(doc)).unwrap_or(NONE)
        };
        (ord(&self.source), ord(&self.host))
    }

    /// Counts the document's pair; returns its pair number, to be [`resolve`]d later.
    pub fn count(&mut self, doc: DocId) -> u32 {
        let pair = self.pair_of(doc);
        let next = self.counted.len() as u32;
        let number = *self.pairs.entry(pair).or_insert(next);
        if number == next {
            self.counted.push((pair, 0));
        }
        self.counted[number as usize].1 += 1;
        number
    }

    /// The counted pairs by name: (source, host, documents).
    pub fn pairs(&self) -> impl Iterator<Item = (&str, Option<&str>, usize)> {
        self.counted.iter().map(|&((source, host), count)| {
            (
                name_at(&self.source_names, source).unwrap_or_default(),
                name_at(&self.host_names, host),
                count,
            )
        })
    }

    pub fn resolve(&mut self, names: &SourceNames) {
        let resolved: Vec<u32> = self
            .pairs()
            .map(|(source, host, _)| names.index_of(source, host).unwrap_or(0))
            .collect();
        self.resolved = resolved;
    }

    /// The source index of a pair number [`count`] gave.
    pub fn index_of_pair(&self, number: u32) -> u32 {
        self.resolved.get(number as usize).copied().unwrap_or(0)
    }

    /// The source index of any document of the segment.
    pub fn index_of(&self, doc: DocId) -> u32 {
        self.pairs
            .get(&self.pair_of(doc))
            .map_or(0, |&number| self.index_of_pair(number))
    }
}

fn name_at(names: &[String], ord: u64) -> Option<&str> {
    usize::try_from(ord)
        .ok()
        .and_then(|i| names.get(i))
        .map(String::as_str)
}

fn ords_and_names(
    column: Option<StrColumn>,
) -> Result<(Option<Column<u64>>, Vec<String>), TantivyError> {
    let Some(column) = column else {
        return Ok((None, Vec::new()));
    };
    let mut names = Vec::with_capacity(column.num_terms());
    for ord in 0..column.num_terms() as u64 {
        let mut name = String::new();
        column.ord_to_str(ord, &mut name)?;
        names.push(name);
    }
    Ok((Some(column.ords().clone()), names))
}
