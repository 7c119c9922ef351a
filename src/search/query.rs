//! The search language: what the user types in the search line or passes to `folio search`,
//! turned into a typed [`Query`] for the engine, or a [`QueryError`] that says what is wrong
//! and where.
//!
//! The language:
//! - Words are ANDed. The word still being typed — the last one, when the input does not end
//!   in whitespace — is a prefix (`erdo` finds Erdogan). Only positive words and `title:`,
//!   `source:`, `author:` and `tag:` values are prefixes; a word inside quotes, an excluded
//!   word (`-erd` excludes only `erd`: excluding every word that starts with `e` while the
//!   user types would hide most of the archive) and a `lang:` code never are.
//! - `"exact phrase"`; a single quoted word is that exact word, never a prefix. A quote still
//!   open at the end of the input is being typed: its last word is a prefix (`"opec minist`),
//!   unless a space follows it.
//! - `-word`, `-"phrase"`, `-title:word`, `-date:2022`, `-is:read` exclude; `-(a OR b)`
//!   excludes both.
//! - `a OR b` (or `a || b`) binds tighter than AND, written (`AND`, `&&`) or not: `x a OR b
//!   AND y` is x AND (a OR b) AND y. `NOT x` is `-x`. Only the capitalised `OR`, `AND`, `NOT`
//!   are operators; `or`, `and`, `not` are words, and so is an operator in quotes (`"AND"`).
//!   Parentheses group.
//! - Fields: `title:`, `source:` (a word of the source name), `author:` (a word of an
//!   author's name; `author:"anna berg"` the name), `tag:` (a word of a category or tag),
//!   `lang:`, `date:` (`2022`,
//!   `2022-01`, `2022-01-10`, or a range `a..b` with either side open; a year or month bound
//!   covers the whole period), `is:unread`, `is:read`, `is:starred`, `is:labelled`, `is:noted`,
//!   `label:NAME` (labels are case-folded; `-label:NAME` excludes), `is:copy` (a copy of an
//!   earlier article, see `copies`; `-is:copy` leaves one article a story). Field names
//!   ignore case.
//!   A name that is not a field (`https://x`, `10:30`, `titel:x`) leaves the token a plain
//!   word, so URLs and times can be searched as typed.
//! - `@name` is a saved search (`[[search]]` in the config file): its query in parentheses,
//!   so `@bridge date:2023` narrows it and `-@bridge` excludes it; see [`saved`] and
//!   [`Query::parse_with`].
//! - Unfinished input at the very end reads as what has been typed so far, so typing never
//!   flashes an error: an open quote, a trailing `-`, `OR`, `AND`, `NOT` or `field:`, unclosed
//!   parentheses.
//!   The same constructs anywhere else are errors.
//!
//! Text is kept as typed: the engine's tokenizer folds case and diacritics and splits a word
//! such as `l'Otan`, `covid-19` or a run of Chinese into several tokens.

mod dates;
mod lexer;
mod lower;
mod parser;
mod saved;
mod tree;

pub use saved::{Expanded, SavedSearch, SavedSearches, valid_name};

use std::ops::Range;

use chrono::NaiveDate;

/// How many words (phrase words included) and filters one query may hold: each becomes a
/// term query, and a pasted page of text must not become a thousand-clause query.
pub const MAX_PARTS: usize = 64;

/// How deep parentheses may nest: the parser recurses once per level.
pub const MAX_DEPTH: usize = 8;

/// A parsed query: an article matches when every `must` clause, at least one alternative of
/// each `any_of` group, and no `must_not` clause match. A query (or an alternative) without
/// positive clauses means "everything" minus its `must_not`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub must: Vec<Clause>,
    pub must_not: Vec<Clause>,
    /// Each group comes from one `a OR b OR ...`; an alternative is itself a query (from
    /// parentheses) but never holds an [`Clause::Is`], which only appears at the top level.
    pub any_of: Vec<Vec<Query>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// One whitespace-delimited word as typed; `prefix` when it is the word being typed.
    Term {
        field: Field,
        text: String,
        prefix: bool,
    },
    /// At least two words, in order; `prefix` when the last one is the word being typed (an
    /// open quote at the end of the input).
    Phrase {
        field: Field,
        words: Vec<String>,
        prefix: bool,
    },
    /// Inclusive bounds on the publication date; `None` is open.
    DateRange {
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
    /// Answered from the reading state, outside the index.
    Is(Flag),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Title, lede, body and source.
    All,
    Title,
    Source,
    /// A name among the article's authors.
    Author,
    /// A name among its categories and tags.
    Tag,
    Lang,
}

/// A filter answered from the reading state (read marks, stars, labels).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Flag {
    Unread,
    Read,
    Starred,
    /// Has at least one label.
    Labelled,
    /// Has this label (case-folded, as `state::Label` keeps them).
    Label(String),
    /// Has at least one note or highlight.
    Noted,
    /// A copy of an earlier article (any member of a group of copies but the earliest).
    Copy,
}

/// A word to mark in titles and text; `prefix` marks every word that starts with it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Highlight {
    pub text: String,
    pub prefix: bool,
}

/// Why a query cannot be run, for the user, and which bytes of the input it is about.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct QueryError {
    pub message: String,
    /// Byte offsets into the input, on character boundaries.
    pub span: Range<usize>,
}

impl QueryError {
    pub(crate) fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        QueryError {
            message: message.into(),
            span,
        }
    }
}

/// User text echoed in a message, cut short so a pasted page does not become the message.
pub(crate) fn shorten(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// A query quoted in a status message, cut short.
pub fn shorten_for_status(text: &str) -> String {
    format!("\"{}\"", shorten(text))
}

impl Query {
    pub fn parse(input: &str) -> Result<Query, QueryError> {
        lower::lower(parser::parse(input)?)
    }

    /// True when the query selects the whole timeline (nothing typed, or only whitespace or
    /// unfinished syntax such as a lone `"`).
    pub fn is_empty(&self) -> bool {
        self.must.is_empty() && self.must_not.is_empty() && self.any_of.is_empty()
    }

    /// The words of the title and full-text clauses that can match, in query order, without
    /// repeats. Excluded words, `source:` and `lang:` values are left out: they do not appear
    /// as such in the text being read.
    pub fn highlights(&self) -> Vec<Highlight> {
        let mut out = Vec::new();
        self.collect_highlights(&mut out);
        out
    }

    fn collect_highlights(&self, out: &mut Vec<Highlight>) {
        let mut push = |text: &str, prefix: bool| {
            if !out.iter().any(|h| h.text == text && h.prefix == prefix) {
                out.push(Highlight {
                    text: text.to_owned(),
                    prefix,
                });
            }
        };
        for clause in &self.must {
            match clause {
                Clause::Term {
                    field: Field::All | Field::Title,
                    text,
                    prefix,
                } => push(text, *prefix),
                Clause::Phrase {
                    field: Field::All | Field::Title,
                    words,
                    prefix,
                } => {
                    let last = words.len().saturating_sub(1);
                    for (i, word) in words.iter().enumerate() {
                        push(word, *prefix && i == last);
                    }
                }
                _ => {}
            }
        }
        for alternative in self.any_of.iter().flatten() {
            alternative.collect_highlights(out);
        }
    }

    /// The reading-state filters, with `true` when the flag is required and `false` when it
    /// is excluded (`-is:starred`). The engine leaves these clauses out of the index query.
    pub fn flags(&self) -> Vec<(Flag, bool)> {
        let wanted = self.must.iter().map(|c| (c, true));
        let unwanted = self.must_not.iter().map(|c| (c, false));
        wanted
            .chain(unwanted)
            .filter_map(|(clause, wanted)| match clause {
                Clause::Is(flag) => Some((flag.clone(), wanted)),
                _ => None,
            })
            .collect()
    }
}
