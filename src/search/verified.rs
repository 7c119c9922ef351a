//! Phrases over article bodies as tantivy queries.
//!
//! Bodies are indexed without positions ([`super::phrase`] says why), so a phrase over the
//! body is the articles holding all of its words, each checked before it counts on its body
//! text, read from its file through the parser as the reader reads it. The check sits inside
//! the query, so a phrase can stand anywhere a term can: beside other words, in an `OR`,
//! excluded. A document is read at most once per phrase (verdicts are kept across queries,
//! see `verdicts`), however often the scorers come back to it.
//!
//! - this file: the query, its weight and its scorer, which ask the verifier about each
//!   candidate;
//! - `verifier`: what the checks of one query share, and the check ahead on every core;
//! - `verdicts`: the verdicts kept across queries.
//!
//! Two things let the engine keep the check cheap (see [`super::engine`]):
//! - [`Verifier::restrict_to`]: while it is set, documents outside a given set count as no
//!   match and are never read; the first page checks only the newest candidates.
//! - [`Verifier::stop_when`]: a search that nobody waits for any more stops reading files.

mod verdicts;
mod verifier;

use std::fmt;
use std::sync::Arc;

use tantivy::index::SegmentId;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::store::StoreReader;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

use super::phrase::Phrase;
use verdicts::Verdicts;
pub use verifier::Verifier;

/// Stored blocks kept per scorer: candidates come in document order, so consecutive ones
/// mostly share a block.
const STORE_BLOCKS: usize = 4;

/// The articles whose body holds every word of `candidates` and, read from the file, the
/// phrase itself.
pub struct VerifiedPhrase {
    candidates: Box<dyn Query>,
    phrase: Arc<Phrase>,
    verifier: Arc<Verifier>,
}

impl VerifiedPhrase {
    /// `candidates` must match every document whose body holds the phrase (the conjunction
    /// of its words); its scores are the phrase's scores.
    pub fn new(candidates: Box<dyn Query>, phrase: Phrase, verifier: Arc<Verifier>) -> Self {
        let phrase = Arc::new(phrase);
        verifier.register(candidates.as_ref(), &phrase);
        VerifiedPhrase {
            candidates,
            phrase,
            verifier,
        }
    }
}

impl Clone for VerifiedPhrase {
    fn clone(&self) -> Self {
        VerifiedPhrase {
            candidates: self.candidates.box_clone(),
            phrase: self.phrase.clone(),
            verifier: self.verifier.clone(),
        }
    }
}

impl fmt::Debug for VerifiedPhrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifiedPhrase")
            .field("phrase", &self.phrase)
            .field("candidates", &self.candidates)
            .finish()
    }
}

impl Query for VerifiedPhrase {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(VerifiedWeight {
            candidates: self.candidates.weight(scoring)?,
            query: self.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.candidates.query_terms(visitor);
    }
}

struct VerifiedWeight {
    candidates: Box<dyn Weight>,
    query: VerifiedPhrase,
}

impl Weight for VerifiedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let segment = reader.segment_id();
        let mut scorer = VerifiedScorer {
            candidates: self.candidates.scorer(reader, boost)?,
            store: reader.get_store_reader(STORE_BLOCKS)?,
            segment,
            phrase: self.query.phrase.clone(),
            verdicts: self
                .query
                .verifier
                .verdicts_for(&self.query.phrase, segment),
            verifier: self.query.verifier.clone(),
        };
        scorer.settle();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if self.scorer(reader, 1.0)?.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document {doc} does not hold the phrase"
            )));
        }
        self.candidates.explain(reader, doc)
    }
}

struct VerifiedScorer {
    candidates: Box<dyn Scorer>,
    store: StoreReader,
    segment: SegmentId,
    phrase: Arc<Phrase>,
    /// This phrase's verdicts on this segment, shared with every query that asks it.
    verdicts: Verdicts,
    verifier: Arc<Verifier>,
}

impl VerifiedScorer {
    /// Moves on from the current candidate to the first one that holds the phrase.
    fn settle(&mut self) -> DocId {
        let mut doc = self.candidates.doc();
        while doc != TERMINATED
            && !self
                .verifier
                .holds(&self.phrase, &self.verdicts, self.segment, doc, &self.store)
        {
            doc = self.candidates.advance();
        }
        doc
    }
}

impl DocSet for VerifiedScorer {
    fn advance(&mut self) -> DocId {
        self.candidates.advance();
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.candidates.seek(target);
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.candidates.doc()
    }

    fn size_hint(&self) -> u32 {
        self.candidates.size_hint()
    }
}

impl Scorer for VerifiedScorer {
    fn score(&mut self) -> Score {
        self.candidates.score()
    }
}
