//! The word being typed as a prefix: every document with a word that starts with it.
//!
//! A prefix stands for every dictionary term it starts, however many: a count that left some
//! out would be a wrong count (`pr` starts thousands of words in a news archive). The terms are
//! not turned into one query each: [`WordStartQuery`] walks the term dictionary's range for the
//! prefix and sets a bit for each document of each term's postings, reading the postings in
//! blocks, without frequencies or scores. A prefix of one or two characters begins too many
//! words for that walk at a million articles, so the index holds those starts as terms of their
//! own ([`crate::index::tokenizer::StartsTokenizer`]): such a prefix reads two posting lists
//! per field, the start's and the word it is the whole of, and matches the same documents the
//! walk would. The bits of a segment are kept ([`cache`]): the first page and the count of one
//! keystroke, and a prefix typed again after a backspace, read them once.
//!
//! Relevance is not a matter of this module: the engine ranks a prefix's matches by the exact
//! word and its most frequent completions ([`completions`], [`super::rank`]).

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tantivy::index::InvertedIndexReader;
use tantivy::postings::TermInfo;
use tantivy::query::{ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED, TantivyError, Term};

use crate::index::Fields;
use crate::index::tokenizer::is_indexed_start;

mod bits;
mod cache;

pub use bits::Bits;

/// Forgets the documents kept for every prefix, so that the next search reads them from the
/// postings: for benchmarks that time a prefix as first typed.
pub fn forget_cached() {
    cache::clear();
}

/// When set, short prefixes walk the dictionary as longer ones do, ignoring the starts fields:
/// for benchmarks that compare the two on one index.
static WALK_SHORT_STARTS: AtomicBool = AtomicBool::new(false);

/// Makes short prefixes walk the dictionary (`true`) or read the starts fields (`false`, the
/// default); see [`WALK_SHORT_STARTS`].
pub fn walk_short_starts(walk: bool) {
    WALK_SHORT_STARTS.store(walk, Ordering::Relaxed);
}

/// Every document with a word that starts with `prefix` in any of `fields`. Matches score 0:
/// the ranking comes from other clauses.
#[derive(Clone)]
pub struct WordStartQuery {
    fields: Vec<Searched>,
    prefix: String,
}

/// A field searched for a word start, and the field of its words' short starts, when the
/// query reads those.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Searched {
    words: Field,
    starts: Option<Field>,
}

impl WordStartQuery {
    /// `prefix` as indexed: folded by the tokenizer. It walks the dictionary of each field,
    /// however short the prefix: [`WordStartQuery::with_starts`] reads short ones faster.
    pub fn new(fields: Vec<Field>, prefix: impl Into<String>) -> Self {
        let fields = fields
            .into_iter()
            .map(|words| Searched {
                words,
                starts: None,
            })
            .collect();
        WordStartQuery {
            fields,
            prefix: prefix.into(),
        }
    }

    /// Reads a prefix of one or two characters from the starts fields of `index` instead of
    /// walking the dictionary: the same documents, from two posting lists per field.
    pub fn with_starts(mut self, index: &Fields) -> Self {
        for searched in &mut self.fields {
            searched.starts = index.starts_of(searched.words);
        }
        self
    }
}

impl fmt::Debug for WordStartQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WordStart({:?} in {:?})", self.prefix, self.fields)
    }
}

impl Query for WordStartQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for WordStartQuery {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let bits = self.bits(reader)?;
        Ok(Box::new(ConstScorer::new(BitsDocSet::new(bits), 0.0)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if self.bits(reader)?.contains(doc) {
            return Ok(Explanation::new("a word starts with the prefix", 0.0));
        }
        Err(TantivyError::InvalidArgument(format!(
            "document {doc} has no word starting with {:?}",
            self.prefix
        )))
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        let bits = self.bits(reader)?;
        Ok(match reader.alive_bitset() {
            Some(alive) => bits.iter().filter(|&d| alive.is_alive(d)).count() as u32,
            None => bits.len(),
        })
    }
}

impl WordStartQuery {
    /// This segment's documents, from the cache or from the postings.
    fn bits(&self, reader: &SegmentReader) -> tantivy::Result<Arc<Bits>> {
        let walk = WALK_SHORT_STARTS.load(Ordering::Relaxed);
        let key = cache::Key {
            segment: reader.segment_id(),
            fields: self
                .fields
                .iter()
                .map(|s| Searched {
                    starts: s.starts.filter(|_| !walk),
                    ..*s
                })
                .collect(),
            prefix: self.prefix.clone(),
        };
        if let Some(bits) = cache::get(&key) {
            return Ok(bits);
        }
        let bits = Arc::new(self.read_postings(reader)?);
        cache::put(key, bits.clone());
        Ok(bits)
    }

    fn read_postings(&self, reader: &SegmentReader) -> tantivy::Result<Bits> {
        let mut bits = Bits::with_max_doc(reader.max_doc());
        let short = is_indexed_start(&self.prefix) && !WALK_SHORT_STARTS.load(Ordering::Relaxed);
        for searched in &self.fields {
            match searched.starts.filter(|_| short) {
                // The words it begins, then the word it is the whole of (never a start term).
                Some(starts) => {
                    for field in [starts, searched.words] {
                        let inverted = reader.inverted_index(field)?;
                        let term = Term::from_field_text(field, &self.prefix);
                        if let Some(info) = inverted.get_term_info(&term)? {
                            add_postings(&inverted, &info, &mut bits)?;
                        }
                    }
                }
                None => self.walk(reader, searched.words, &mut bits)?,
            }
            // Every document has one: no other field can add any.
            if bits.is_full() {
                break;
            }
        }
        Ok(bits)
    }

    /// Sets the documents of every term of `field` that starts with the prefix.
    fn walk(&self, reader: &SegmentReader, field: Field, bits: &mut Bits) -> tantivy::Result<()> {
        let inverted = reader.inverted_index(field)?;
        let end = prefix_end(self.prefix.as_bytes());
        let mut range = inverted.terms().range().ge(self.prefix.as_bytes());
        if let Some(end) = &end {
            range = range.lt(end);
        }
        let mut terms = range.into_stream()?;
        while terms.advance() && !bits.is_full() {
            add_postings(&inverted, terms.value(), bits)?;
        }
        Ok(())
    }
}

/// Sets the documents of one term's postings, read in blocks without frequencies.
fn add_postings(
    inverted: &InvertedIndexReader,
    info: &TermInfo,
    bits: &mut Bits,
) -> tantivy::Result<()> {
    let mut postings =
        inverted.read_block_postings_from_terminfo(info, IndexRecordOption::Basic)?;
    loop {
        let docs = postings.docs();
        if docs.is_empty() {
            return Ok(());
        }
        bits.insert_all(docs);
        postings.advance();
    }
}

/// The smallest byte string above every string starting with `prefix`; `None` when there is
/// none (the prefix is all 0xFF bytes, which UTF-8 never holds).
fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

/// The documents of a [`Bits`], in order.
struct BitsDocSet {
    bits: Arc<Bits>,
    doc: DocId,
}

impl BitsDocSet {
    fn new(bits: Arc<Bits>) -> Self {
        let doc = bits.next_from(0).unwrap_or(TERMINATED);
        BitsDocSet { bits, doc }
    }
}

impl DocSet for BitsDocSet {
    fn advance(&mut self) -> DocId {
        if self.doc != TERMINATED {
            self.doc = self.bits.next_from(self.doc + 1).unwrap_or(TERMINATED);
        }
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc < target {
            self.doc = self.bits.next_from(target).unwrap_or(TERMINATED);
        }
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.bits.len()
    }
}

/// The `k` most frequent terms that start with `prefix` in `fields` and are longer than it,
/// most frequent first (ties in dictionary order): what the user most likely means while the
/// word is unfinished, for ranking.
pub fn completions(searcher: &Searcher, fields: &[Field], prefix: &str, k: usize) -> Vec<String> {
    let mut frequency: HashMap<Vec<u8>, u64> = HashMap::new();
    let end = prefix_end(prefix.as_bytes());
    for reader in searcher.segment_readers() {
        for &field in fields {
            let Ok(inverted) = reader.inverted_index(field) else {
                continue;
            };
            let mut range = inverted.terms().range().gt(prefix.as_bytes());
            if let Some(end) = &end {
                range = range.lt(end);
            }
            let Ok(mut terms) = range.into_stream() else {
                continue;
            };
            while terms.advance() {
                *frequency.entry(terms.key().to_vec()).or_default() +=
                    u64::from(terms.value().doc_freq);
            }
        }
    }
    let mut ranked: Vec<(Vec<u8>, u64)> = frequency.into_iter().collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked
        .into_iter()
        .filter_map(|(term, _)| String::from_utf8(term).ok())
        .take(k)
        .collect()
}

/// How many terms start with `prefix` in `field`, in the segment that has the most.
pub fn terms_starting(searcher: &Searcher, field: Field, prefix: &str) -> usize {
    let end = prefix_end(prefix.as_bytes());
    let mut most = 0;
    for reader in searcher.segment_readers() {
        let Ok(inverted) = reader.inverted_index(field) else {
            continue;
        };
        let mut range = inverted.terms().range().ge(prefix.as_bytes());
        if let Some(end) = &end {
            range = range.lt(end);
        }
        let Ok(mut terms) = range.into_stream() else {
            continue;
        };
        let mut n = 0;
        while terms.advance() {
            n += 1;
        }
        most = most.max(n);
    }
    most
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_ends_above_every_word_the_prefix_starts() {
        assert_eq!(prefix_end(b"pr"), Some(b"ps".to_vec()));
        assert_eq!(prefix_end(b"a\xff"), Some(b"b".to_vec()));
        assert_eq!(prefix_end(b"\xff\xff"), None);
        assert_eq!(prefix_end(b""), None);
    }
}
