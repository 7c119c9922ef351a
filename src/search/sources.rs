//! `source:` finds an outlet under every name the catalog merged into one
//! ([`SourceNames`]): when a word of the picker's name, or of a host-made name merged into it,
//! matches, the search takes every article the picker lists under that name, so a search and
//! the source picker count the same articles.

use tantivy::Term;
use tantivy::query::{BooleanQuery, EmptyQuery, Occur, PhraseQuery, Query as TQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use crate::catalog::SourceNames;
use crate::index::Fields;
use crate::index::tokenizer::terms;

/// The queries to add, as alternatives, to a `source:` clause of these tokens (the last one a
/// word start when `prefix`): one per merged source that the clause names.
pub fn merged_alternatives(
    fields: &Fields,
    names: &SourceNames,
    tokens: &[String],
    prefix: bool,
) -> Vec<Box<dyn TQuery>> {
    let mut out: Vec<Box<dyn TQuery>> = Vec::new();
    for (index, (name, _)) in names.names().iter().enumerate() {
        let merged = names.merged_in(index);
        if merged.is_empty() {
            continue;
        }
        let named = std::iter::once(name.as_str())
            .chain(merged.iter().map(|(made, _)| made.as_str()))
            .any(|n| holds(&terms(n), tokens, prefix));
        if !named {
            continue;
        }
        out.push(phrase(fields.source, &terms(name)));
        // A host-made name is merged for the articles of one host only.
        for (made, host) in merged {
            let host = TermQuery::new(
                Term::from_field_text(fields.host, host),
                IndexRecordOption::Basic,
            );
            out.push(Box::new(BooleanQuery::new(vec![
                (Occur::Must, phrase(fields.source, &terms(made))),
                (Occur::Must, Box::new(host)),
            ])));
        }
    }
    out
}

/// `own` or any of `merged`.
pub fn either(
    own: Option<Box<dyn TQuery>>,
    merged: Option<Vec<Box<dyn TQuery>>>,
) -> Option<Box<dyn TQuery>> {
    let merged = merged.unwrap_or_default();
    if merged.is_empty() {
        return own;
    }
    let should = own
        .into_iter()
        .chain(merged)
        .map(|q| (Occur::Should, q))
        .collect();
    Some(Box::new(BooleanQuery::new(should)))
}

/// Whether `tokens` stand together in `name`, the last one only as a word start if `prefix`.
fn holds(name: &[String], tokens: &[String], prefix: bool) -> bool {
    if tokens.is_empty() || tokens.len() > name.len() {
        return false;
    }
    let last = tokens.len() - 1;
    name.windows(tokens.len()).any(|window| {
        window
            .iter()
            .zip(tokens)
            .enumerate()
            .all(|(i, (word, token))| {
                if prefix && i == last {
                    word.starts_with(token.as_str())
                } else {
                    word == token
                }
            })
    })
}

fn phrase(field: Field, tokens: &[String]) -> Box<dyn TQuery> {
    let term = |t: &String| Term::from_field_text(field, t);
    match tokens {
        [] => Box::new(EmptyQuery),
        [one] => Box::new(TermQuery::new(term(one), IndexRecordOption::Basic)),
        many => Box::new(PhraseQuery::new(many.iter().map(term).collect())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        terms(text)
    }

    #[test]
    fn a_clause_names_a_source_by_its_words_or_a_word_start() {
        let name = words("Ostrianer Tagblatt");
        assert!(holds(&name, &words("tagblatt"), false));
        assert!(holds(&name, &words("ostrianer tag"), true));
        assert!(!holds(&name, &words("tag"), false));
        assert!(!holds(&name, &words("tagblatt ostrianer"), false));
        assert!(holds(
            &words("tagblatt-ostria.example"),
            &words("example"),
            false
        ));
    }
}
