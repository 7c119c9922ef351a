//! Phrases over article bodies. Bodies are indexed without word positions, so a phrase there
//! is its words, each required, and then either checked on the article's text
//! ([`VerifiedPhrase`]) or, when the engine asks only for candidates, left as they are.

use tantivy::Term;
use tantivy::query::{BooleanQuery, EmptyQuery, Occur, Query as TQuery, TermQuery};
use tantivy::schema::IndexRecordOption;

use super::{BodyPhrases, Builder};
use crate::search::phrase::Phrase;
use crate::search::verified::VerifiedPhrase;

impl Builder<'_> {
    /// Bodies with these tokens at these places; `typing`: the last one is a prefix.
    pub(super) fn body_at(
        &self,
        kept: Vec<(usize, &String)>,
        typing: bool,
    ) -> Option<Box<dyn TQuery>> {
        let body = self.fields.body;
        let term = |t: &str| Term::from_field_text(body, t);
        match kept.as_slice() {
            [] => None,
            [(_, only)] if typing => Some(self.word_start(&[body], only)),
            [(_, only)] => Some(Box::new(TermQuery::new(
                term(only),
                IndexRecordOption::WithFreqs,
            ))),
            _ => {
                let placed = kept.iter().map(|(i, t)| (*i, t.to_string())).collect();
                Some(self.body_phrase(placed, typing))
            }
        }
    }

    /// Bodies with these terms at these places (see [`BodyPhrases`]); `prefix`: the last one
    /// is the word being typed, standing for every word it starts.
    pub(super) fn body_phrase(
        &self,
        placed: Vec<(usize, String)>,
        prefix: bool,
    ) -> Box<dyn TQuery> {
        self.has_body_phrase.set(true);
        let body = self.fields.body;
        let term = |t: &str| -> Box<dyn TQuery> {
            Box::new(TermQuery::new(
                Term::from_field_text(body, t),
                IndexRecordOption::WithFreqs,
            ))
        };
        let last = placed.len().saturating_sub(1);
        let words: Vec<(Occur, Box<dyn TQuery>)> = placed
            .iter()
            .enumerate()
            .map(|(i, (_, word))| {
                if i < last || !prefix {
                    return (Occur::Must, term(word));
                }
                (Occur::Must, self.word_start(&[body], word))
            })
            .collect();
        let candidates: Box<dyn TQuery> = Box::new(BooleanQuery::new(words));
        match self.phrases {
            BodyPhrases::Candidates if self.excluded => Box::new(EmptyQuery),
            BodyPhrases::Candidates => candidates,
            BodyPhrases::Checked(verifier) => match Phrase::new(placed, prefix) {
                Some(phrase) => Box::new(VerifiedPhrase::new(candidates, phrase, verifier.clone())),
                None => candidates,
            },
        }
    }
}
