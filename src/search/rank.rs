//! Clauses that only rank. Beside a required clause that decides what matches, they add to
//! the score of the matches they hold, and they cost nothing when nothing is scored: counting
//! and sorting by date build no scorer for them at all.
//!
//! The word being typed is ranked this way ([`super::build`]): its matches are every document
//! with a word it starts ([`super::prefix::WordStartQuery`]), and they rank by the exact word,
//! above its most frequent completions, below a ceiling ([`RankOnly::below`]) that the exact
//! word's matches always reach, so `pont` ranks an article with "pont" above one with only
//! "ponton".

use std::fmt;

use tantivy::query::{
    BooleanQuery, BoostQuery, EmptyQuery, EmptyScorer, EnableScoring, Explanation, Occur, Query,
    Scorer, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

use super::prefix::completions;

/// How many completions of the word being typed rank its matches: the most frequent ones.
/// Matches holding only rarer completions still match, and rank last.
pub const RANKED_COMPLETIONS: usize = 50;

/// Scores `inner`'s matches when scoring is on; matches nothing when it is off. Only for
/// `Should` beside a `Must` that decides the matches.
pub struct RankOnly {
    inner: Box<dyn Query>,
    ceiling: Option<Score>,
}

impl RankOnly {
    pub fn new(inner: Box<dyn Query>) -> Self {
        RankOnly {
            inner,
            ceiling: None,
        }
    }

    /// Scores squeezed into `0..ceiling`, keeping their order: a score `s` becomes
    /// `ceiling * s / (s + 1)`.
    pub fn below(inner: Box<dyn Query>, ceiling: Score) -> Self {
        RankOnly {
            inner,
            ceiling: Some(ceiling),
        }
    }
}

impl Clone for RankOnly {
    fn clone(&self) -> Self {
        RankOnly {
            inner: self.inner.box_clone(),
            ceiling: self.ceiling,
        }
    }
}

impl fmt::Debug for RankOnly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RankOnly({:?}, below {:?})", self.inner, self.ceiling)
    }
}

impl Query for RankOnly {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let inner = if scoring.is_scoring_enabled() {
            Some(self.inner.weight(scoring)?)
        } else {
            None
        };
        Ok(Box::new(RankWeight {
            inner,
            ceiling: self.ceiling,
        }))
    }
}

struct RankWeight {
    inner: Option<Box<dyn Weight>>,
    ceiling: Option<Score>,
}

impl Weight for RankWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let Some(inner) = &self.inner else {
            return Ok(Box::new(EmptyScorer));
        };
        let scorer = inner.scorer(reader, boost)?;
        Ok(match self.ceiling {
            Some(ceiling) => Box::new(Squeezed { scorer, ceiling }),
            None => scorer,
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        match &self.inner {
            Some(inner) => inner.explain(reader, doc),
            None => Ok(Explanation::new("not scored", 0.0)),
        }
    }
}

struct Squeezed {
    scorer: Box<dyn Scorer>,
    ceiling: Score,
}

impl DocSet for Squeezed {
    fn advance(&mut self) -> DocId {
        self.scorer.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.scorer.seek(target)
    }

    fn doc(&self) -> DocId {
        self.scorer.doc()
    }

    fn size_hint(&self) -> u32 {
        self.scorer.size_hint()
    }
}

impl Scorer for Squeezed {
    fn score(&mut self) -> Score {
        let s = self.scorer.score().max(0.0);
        self.ceiling * s / (s + 1.0)
    }
}

/// The [`RANKED_COMPLETIONS`] most frequent words longer than `prefix` that it starts, each
/// scored in each field, `boosted` fields by their factor. The words are looked up when a
/// scorer is asked for, so a query that is only counted never walks the dictionary for them.
#[derive(Debug, Clone)]
pub struct Completions {
    pub fields: Vec<Field>,
    pub prefix: String,
    pub boosted: Option<(Field, Score)>,
}

impl Query for Completions {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let Some(searcher) = scoring.searcher() else {
            return EmptyQuery.weight(scoring);
        };
        let words = completions(searcher, &self.fields, &self.prefix, RANKED_COMPLETIONS);
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for &field in &self.fields {
            for word in &words {
                let term = Term::from_field_text(field, word);
                let mut q: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                if let Some((boosted, factor)) = self.boosted
                    && boosted == field
                {
                    q = Box::new(BoostQuery::new(q, factor));
                }
                any.push((Occur::Should, q));
            }
        }
        BooleanQuery::new(any).weight(scoring)
    }
}
