//! The word being typed as a prefix: the dictionary terms it stands for, capped so that a
//! one-letter prefix does not turn into a query over the whole vocabulary.

use std::collections::BTreeSet;

use tantivy::Searcher;
use tantivy::schema::Field;

use crate::store::Fields;

/// At most this many dictionary terms stand for the prefix being typed: enough for any
/// real word, and it keeps a one-letter prefix from turning into a query over the whole
/// vocabulary.
pub const MAX_PREFIX_TERMS: usize = 50;

/// The first terms (in dictionary order) that start with `prefix` in any searched field
/// (title, lede, body, source), at most [`MAX_PREFIX_TERMS`].
pub fn expand_prefix(searcher: &Searcher, fields: &Fields, prefix: &str) -> BTreeSet<String> {
    let searched = [fields.title, fields.lede, fields.body, fields.source];
    expand_prefix_in(searcher, &searched, prefix)
}

/// [`expand_prefix`] over the given fields only.
pub fn expand_prefix_in(searcher: &Searcher, fields: &[Field], prefix: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for reader in searcher.segment_readers() {
        for &field in fields {
            let Ok(inverted) = reader.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream()
            else {
                continue;
            };
            let mut taken = 0;
            while let Some((key, _)) = stream.next() {
                if !key.starts_with(prefix.as_bytes()) || taken >= MAX_PREFIX_TERMS {
                    break;
                }
                if let Ok(term) = std::str::from_utf8(key) {
                    found.insert(term.to_string());
                }
                taken += 1;
            }
        }
    }
    while found.len() > MAX_PREFIX_TERMS {
        found.pop_last();
    }
    found
}
