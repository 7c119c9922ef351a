//! Plain-word queries: every word must occur (in the title, lede, body or source), case and
//! accents ignored, and the last word is a prefix while it is being typed. The full query
//! language (phrases, fields, dates) builds on these pieces later.

use std::collections::BTreeSet;

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::tokenizer::terms;
use crate::store::Fields;

/// At most this many dictionary terms stand for the prefix being typed: enough for any
/// real word, and it keeps a one-letter prefix from turning into a query over the whole
/// vocabulary.
pub const MAX_PREFIX_TERMS: usize = 50;

/// A hit in the title says more about an article than one deep in its body.
const TITLE_BOOST: f32 = 2.0;

/// `None` for a query with no words, which matches everything.
pub fn plain_query(searcher: &Searcher, fields: &Fields, text: &str) -> Option<Box<dyn Query>> {
    let mut words = terms(text);
    let typing = !text.ends_with(char::is_whitespace);
    let prefix = if typing { words.pop() } else { None };
    let mut required: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for word in &words {
        required.push((Occur::Must, any_field(fields, std::slice::from_ref(word))));
    }
    if let Some(prefix) = prefix {
        let mut expansions = expand_prefix(searcher, fields, &prefix);
        // The word itself always counts, even when the cap cut it from the expansion.
        expansions.insert(prefix);
        let expansions: Vec<String> = expansions.into_iter().collect();
        required.push((Occur::Must, any_field(fields, &expansions)));
    }
    match required.len() {
        0 => None,
        1 => required.pop().map(|(_, q)| q),
        _ => Some(Box::new(BooleanQuery::new(required))),
    }
}

/// Matches documents containing any of `alternatives` in any searched field.
fn any_field(fields: &Fields, alternatives: &[String]) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for field in searched(fields) {
        for term in alternatives {
            let query: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(field, term),
                IndexRecordOption::WithFreqs,
            ));
            let query = if field == fields.title {
                Box::new(BoostQuery::new(query, TITLE_BOOST))
            } else {
                query
            };
            should.push((Occur::Should, query));
        }
    }
    Box::new(BooleanQuery::new(should))
}

fn searched(fields: &Fields) -> [Field; 4] {
    [fields.title, fields.lede, fields.body, fields.source]
}

/// The first terms (in dictionary order) that start with `prefix`, over all segments and
/// searched fields, at most [`MAX_PREFIX_TERMS`].
pub fn expand_prefix(searcher: &Searcher, fields: &Fields, prefix: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for reader in searcher.segment_readers() {
        for field in searched(fields) {
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
