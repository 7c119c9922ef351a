//! A parsed [`Query`] to a tantivy query over the store's fields.
//!
//! - A word searches title, lede, body and source (title boosted); `title:`, `source:`,
//!   `author:` and `tag:` search only that field; `lang:` is an exact code.
//! - A word the tokenizer splits (`l'Otan`, `covid-19`, a run of Chinese) is a phrase of its
//!   tokens; a phrase of one token is that term. The word being typed is a prefix that
//!   stands for every word it starts, however many: alone it matches every document holding
//!   one ([`WordStartQuery`]), ranked by the exact word above its completions
//!   ([`super::rank`]); at the end of a phrase it is a phrase-prefix query over every term it
//!   starts (titles, ledes, sources) or, in bodies, the phrase's other words beside every
//!   document with a word it starts, checked on the file.
//! - Titles, ledes and sources have positions, so their phrases are tantivy phrase queries.
//!   Bodies do not: a phrase over bodies is its words, checked on the file
//!   ([`super::verified`]), or, when the engine asks for [`BodyPhrases::Candidates`], just its
//!   words (and nothing where it is excluded): a cheap query that matches at least
//!   everything the checked one does.
//! - Dates: an article known to the day matches when its day is in the range; one known only
//!   to its month matches when the range overlaps that month (`date:2022-01-10` finds the
//!   January articles whose day is unknown: they may be from that day). Undated articles
//!   match no date range.
//! - Article bodies do not index their language's stop words ([`crate::index::stopwords`]). A stop
//!   word beside other words is satisfied by any article of a language that drops it; a
//!   phrase is also tried without them, keeping their places, in those languages. Alone, a
//!   stop word matches only where it is indexed (titles, ledes, other languages' bodies).
//! - `is:` clauses are not part of the index query (see [`super::FlagFilter`]); a query
//!   (or an OR alternative) without positive clauses is "everything" minus its exclusions.

use std::cell::Cell;
use std::sync::Arc;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhrasePrefixQuery, PhraseQuery,
    Query as TQuery, TermQuery,
};
use tantivy::schema::{Field as TField, IndexRecordOption};
use tantivy::{Searcher, Term};

mod body;
mod dates;

use super::prefix::{WordStartQuery, terms_starting};
use super::query::{Clause, Field, Query};
use super::rank::{Completions, RankOnly};
use super::sources::{either, merged_alternatives};
use super::verified::Verifier;
use crate::catalog::SourceNames;
use crate::index::Fields;
use crate::index::stopwords::dropped_in;
use crate::index::tokenizer::terms;

/// A hit in the title says more about an article than one deep in its body.
const TITLE_BOOST: f32 = 2.0;

/// What the exact word being typed adds to a match's score at least, and what its longer
/// completions add at most: an article with `pont` outranks one with only `ponton`.
const EXACT_FLOOR: f32 = 1.0;

/// What a phrase over article bodies becomes.
#[derive(Debug, Clone)]
pub enum BodyPhrases {
    /// Its words, each article checked on its file by this verifier: exact.
    Checked(Arc<Verifier>),
    /// Its words, unchecked, and nothing where it is excluded: a superset, cheap to run.
    Candidates,
}

pub struct Built {
    /// `None` when the query has no index clause at all (the empty query, or only `is:`
    /// filters): every article matches.
    pub query: Option<Box<dyn TQuery>>,
    /// Whether it holds a phrase over bodies.
    pub has_body_phrase: bool,
}

/// The tantivy query for `query`. `sources`: the catalog's merged source names, which
/// `source:` clauses also match (see [`super::sources`]).
pub fn build(
    searcher: &Searcher,
    fields: &Fields,
    sources: Option<&SourceNames>,
    query: &Query,
    phrases: &BodyPhrases,
) -> Built {
    let has_index_clause = query.must.iter().any(|c| !matches!(c, Clause::Is(_)))
        || query.must_not.iter().any(|c| !matches!(c, Clause::Is(_)))
        || !query.any_of.is_empty();
    let has_body_phrase = Cell::new(false);
    let builder = Builder {
        searcher,
        fields,
        sources,
        phrases,
        excluded: false,
        has_body_phrase: &has_body_phrase,
    };
    let query = has_index_clause.then(|| builder.query(query));
    Built {
        query,
        has_body_phrase: has_body_phrase.get(),
    }
}

/// A word that is a stop word in no language anchors a query: beside it, stop words can be
/// satisfied by an article's language.
fn anchors(clause: &Clause) -> bool {
    let words: Vec<&str> = match clause {
        Clause::Term {
            field: Field::Lang, ..
        } => return false,
        Clause::Term { text, .. } => vec![text],
        Clause::Phrase { words, .. } => words.iter().map(String::as_str).collect(),
        Clause::DateRange { .. } | Clause::Is(_) => return false,
    };
    words
        .iter()
        .flat_map(|w| terms(w))
        .any(|t| dropped_in(&t).is_empty())
}

#[derive(Clone, Copy)]
struct Builder<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    sources: Option<&'a SourceNames>,
    phrases: &'a BodyPhrases,
    /// Building a `must_not` clause.
    excluded: bool,
    has_body_phrase: &'a Cell<bool>,
}

impl Builder<'_> {
    fn query(&self, query: &Query) -> Box<dyn TQuery> {
        let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        let lenient = query.must.iter().any(anchors);
        for clause in &query.must {
            if let Some(q) = self.clause(clause, lenient) {
                clauses.push((Occur::Must, q));
            }
        }
        for group in &query.any_of {
            let alternatives: Vec<(Occur, Box<dyn TQuery>)> = group
                .iter()
                .map(|alternative| (Occur::Should, self.query(alternative)))
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(alternatives))));
        }
        let positive = !clauses.is_empty();
        let excluding = Builder {
            excluded: true,
            ..*self
        };
        for clause in &query.must_not {
            if let Some(q) = excluding.clause(clause, false) {
                clauses.push((Occur::MustNot, q));
            }
        }
        // tantivy matches nothing for a query of exclusions only.
        if !positive {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        if clauses.len() == 1
            && let Some((Occur::Must, only)) = clauses.pop()
        {
            return only;
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// `None` for a clause that asks nothing of the index: `is:` filters, and words without
    /// any letter or digit (`-`, `…`), which the tokenizer drops. `lenient`: stop words may be
    /// satisfied by an article's language (another word of the query anchors it).
    fn clause(&self, clause: &Clause, lenient: bool) -> Option<Box<dyn TQuery>> {
        match clause {
            Clause::Term {
                field: Field::Lang,
                text,
                ..
            } => Some(Box::new(TermQuery::new(
                Term::from_field_text(self.fields.language, &text.to_lowercase()),
                IndexRecordOption::Basic,
            ))),
            Clause::Term {
                field,
                text,
                prefix,
            } => self.with_merged_sources(*field, terms(text), *prefix, lenient),
            Clause::Phrase {
                field,
                words,
                prefix,
            } => {
                let tokens = words.iter().flat_map(|w| terms(w)).collect();
                self.with_merged_sources(*field, tokens, *prefix, lenient)
            }
            Clause::DateRange { from, to } => Some(dates::range(self.fields.date_key, *from, *to)),
            Clause::Is(_) => None,
        }
    }

    /// [`Self::tokens`], and for a `source:` clause the articles of the sources it names
    /// that the catalog lists under a merged name.
    fn with_merged_sources(
        &self,
        field: Field,
        tokens: Vec<String>,
        prefix: bool,
        lenient: bool,
    ) -> Option<Box<dyn TQuery>> {
        let names = self.sources.filter(|_| field == Field::Source);
        let merged = names.map(|n| merged_alternatives(self.fields, n, &tokens, prefix));
        either(self.tokens(field, tokens, prefix, lenient), merged)
    }

    fn searched(&self, field: Field) -> Vec<TField> {
        let f = self.fields;
        match field {
            Field::Title => vec![f.title],
            Field::Source => vec![f.source],
            Field::Author => vec![f.author],
            Field::Tag => vec![f.tag],
            Field::All | Field::Lang => vec![f.title, f.lede, f.body, f.source],
        }
    }

    fn tokens(
        &self,
        field: Field,
        mut tokens: Vec<String>,
        prefix: bool,
        lenient: bool,
    ) -> Option<Box<dyn TQuery>> {
        let fields = self.searched(field);
        let mut should: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        if fields.contains(&self.fields.body) {
            should.extend(self.without_stop_words(&tokens, prefix, lenient));
        }
        match tokens.len() {
            0 => return None,
            1 => {
                let token = tokens.pop()?;
                if prefix {
                    should.push((Occur::Should, self.word_start(&fields, &token)));
                } else {
                    should.extend(self.exact(&fields, &token));
                }
            }
            _ => {
                for &f in &fields {
                    if f == self.fields.body {
                        let placed = tokens.iter().cloned().enumerate().collect();
                        should.push((Occur::Should, self.body_phrase(placed, prefix)));
                        continue;
                    }
                    let phrase: Vec<Term> =
                        tokens.iter().map(|t| Term::from_field_text(f, t)).collect();
                    let q: Box<dyn TQuery> = if prefix {
                        let last = tokens.last().map_or("", String::as_str);
                        // Every term the last word starts: tantivy takes a cap, and reserves
                        // room for it, so the cap is the count.
                        let starts = terms_starting(self.searcher, f, last).max(1);
                        let mut q = PhrasePrefixQuery::new(phrase);
                        q.set_max_expansions(u32::try_from(starts).unwrap_or(u32::MAX));
                        Box::new(q)
                    } else {
                        Box::new(PhraseQuery::new(phrase))
                    };
                    should.push((Occur::Should, self.boosted(f, q)));
                }
            }
        }
        Some(Box::new(BooleanQuery::new(should)))
    }

    /// For each language whose bodies drop some of `tokens`: its articles whose body has the
    /// other tokens at their places (or, `lenient`, all its articles when none is left).
    fn without_stop_words(
        &self,
        tokens: &[String],
        prefix: bool,
        lenient: bool,
    ) -> Vec<(Occur, Box<dyn TQuery>)> {
        let dropped: Vec<Vec<&str>> = tokens.iter().map(|t| dropped_in(t)).collect();
        let mut languages: Vec<&str> = dropped.iter().flatten().copied().collect();
        languages.sort_unstable();
        languages.dedup();
        let mut out: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for language in languages {
            let kept: Vec<(usize, &String)> = tokens
                .iter()
                .zip(&dropped)
                .enumerate()
                .filter(|(_, (_, dropped))| !dropped.contains(&language))
                .map(|(i, (t, _))| (i, t))
                .collect();
            let typing = prefix && kept.last().is_some_and(|(i, _)| *i + 1 == tokens.len());
            let articles_in: Box<dyn TQuery> = Box::new(TermQuery::new(
                Term::from_field_text(self.fields.language, language),
                IndexRecordOption::Basic,
            ));
            let query = match self.body_at(kept, typing) {
                Some(rest) => Box::new(BooleanQuery::new(vec![
                    (Occur::Must, articles_in),
                    (Occur::Must, rest),
                ])),
                None if lenient => articles_in,
                None => continue,
            };
            out.push((Occur::Should, query));
        }
        out
    }

    /// The word in each of `fields`, scored.
    fn exact(&self, fields: &[TField], word: &str) -> Vec<(Occur, Box<dyn TQuery>)> {
        fields
            .iter()
            .map(|&f| {
                let term = Term::from_field_text(f, word);
                let q = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                (Occur::Should, self.boosted(f, q))
            })
            .collect()
    }

    /// Every document with a word that `prefix` starts in one of `fields`, ranked (when
    /// ranked) by the exact word, at least [`EXACT_FLOOR`], then by its most frequent
    /// completions, below it.
    fn word_start(&self, fields: &[TField], prefix: &str) -> Box<dyn TQuery> {
        let exact = BooleanQuery::new(self.exact(fields, prefix));
        let exact_floor = ConstScoreQuery::new(Box::new(exact.clone()), EXACT_FLOOR);
        let completions = Completions {
            fields: fields.to_vec(),
            prefix: prefix.to_string(),
            boosted: Some((self.fields.title, TITLE_BOOST)),
        };
        let ranking: Vec<(Occur, Box<dyn TQuery>)> = vec![
            (Occur::Should, Box::new(exact_floor)),
            (Occur::Should, Box::new(exact)),
            (
                Occur::Should,
                Box::new(RankOnly::below(Box::new(completions), EXACT_FLOOR)),
            ),
        ];
        Box::new(BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(WordStartQuery::new(fields.to_vec(), prefix).with_starts(self.fields)),
            ),
            (
                Occur::Should,
                Box::new(RankOnly::new(Box::new(BooleanQuery::new(ranking)))),
            ),
        ]))
    }

    fn boosted(&self, field: TField, query: Box<dyn TQuery>) -> Box<dyn TQuery> {
        if field == self.fields.title {
            Box::new(BoostQuery::new(query, TITLE_BOOST))
        } else {
            query
        }
    }
}
