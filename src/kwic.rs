//! Keyword in context: every hit of a query in an article's text as one line, the hit with a
//! window of words either side, as a concordance shows it. Pure: the text comes in, lines go
//! out; `folio kwic` (`cli/kwic.rs`) and the TUI's concordance view (`app/concordance.rs`)
//! read the articles and print or draw the lines.
//!
//! Hits are found with the highlighter the reader uses ([`Matcher`], the index's own
//! tokenizer), so folding, prefixes, split words (`l'Otan`) and Chinese and Japanese behave
//! exactly as they do in the reader; the one difference is that a phrase is one hit, all its
//! words together, where the reader marks each of its words ([`matcher`]).
//!
//! - this file: the matcher and the lines of one article;
//! - `window`: cutting the context either side to N words (Chinese and Japanese: N
//!   characters);
//! - `sort`: the orders a concordance is read in (date, word after, word before).

mod sort;
mod window;

use crate::article::{Article, Paragraph};
use crate::index::stopwords;
use crate::sanitize::sanitize;
use crate::search::Matcher;
use crate::search::query::{Clause, Field, Highlight, Query};

pub use sort::{Order, SortKey, sort_key};

/// Words of context either side of a hit unless asked otherwise (characters for Chinese and
/// Japanese).
pub const DEFAULT_WINDOW: usize = 8;
/// The widest window asked for: past this a line is a paragraph, not a concordance line.
pub const MAX_WINDOW: usize = 100;

/// Which text of the article a hit is in, in the order the reader shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Title,
    Lede,
    /// The paragraph (or heading) at this index of `Article::paragraphs`.
    Paragraph(usize),
}

impl Part {
    /// The name `--json` and `--csv` print.
    pub fn name(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::Lede => "lede",
            Part::Paragraph(_) => "body",
        }
    }
}

/// One hit with its context, safe to print or draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub part: Part,
    /// Which hit of its part this is, from 0: how the reader finds it again.
    pub nth: usize,
    /// Where the hit starts in its part, in characters.
    pub offset: usize,
    /// The words before the hit, starting with "…" when the text goes on before them.
    pub left: String,
    pub hit: String,
    /// The words after the hit, ending with "…" when the text goes on after them.
    pub right: String,
}

/// What a concordance marks for `query`: its words and prefixes as the reader marks them, and
/// each phrase as one hit. Beside other words, a function word ("the", "de") is left out: a
/// query such as `the harbour` asks about harbours, not about every "the".
pub fn matcher(query: &Query) -> Matcher {
    let mut hits = Vec::new();
    collect(query, &mut hits);
    let content: Vec<Highlight> = hits
        .iter()
        .filter(|h| !is_function_word(&h.text))
        .cloned()
        .collect();
    Matcher::new(if content.is_empty() { &hits } else { &content })
}

fn collect(query: &Query, out: &mut Vec<Highlight>) {
    let mut push = |text: String, prefix: bool| {
        if !out.iter().any(|h| h.text == text && h.prefix == prefix) {
            out.push(Highlight { text, prefix });
        }
    };
    for clause in &query.must {
        match clause {
            Clause::Term {
                field: Field::All | Field::Title,
                text,
                prefix,
            } => push(text.clone(), *prefix),
            Clause::Phrase {
                field: Field::All | Field::Title,
                words,
                prefix,
            } => push(words.join(" "), *prefix),
            _ => {}
        }
    }
    for alternative in query.any_of.iter().flatten() {
        collect(alternative, out);
    }
}

/// A single word that some language's bodies leave out of the index as a function word.
fn is_function_word(text: &str) -> bool {
    let terms = crate::index::tokenizer::terms(text);
    matches!(terms.as_slice(), [only] if !stopwords::dropped_in(only).is_empty())
}

/// The texts of an article a concordance reads, in reading order: title, lede, paragraphs.
pub fn parts(article: &Article) -> impl Iterator<Item = (Part, &str)> {
    let title = std::iter::once((Part::Title, article.title.as_str()));
    let lede = (!article.lede.is_empty()).then_some((Part::Lede, article.lede.as_str()));
    let paragraphs = article.paragraphs.iter().enumerate().map(|(i, p)| {
        let text = match p {
            Paragraph::Heading(t) | Paragraph::Text(t) => t.as_str(),
        };
        (Part::Paragraph(i), text)
    });
    title.chain(lede).chain(paragraphs)
}

/// Every hit of `matcher` in `article`, in reading order, with `window` words of context
/// either side.
pub fn lines(article: &Article, matcher: &Matcher, window: usize) -> Vec<Line> {
    let mut out = Vec::new();
    for (part, text) in parts(article) {
        lines_in(part, text, matcher, window, &mut out);
    }
    out
}

/// The hits of one text.
pub fn lines_in(part: Part, text: &str, matcher: &Matcher, window: usize, out: &mut Vec<Line>) {
    let window = window.clamp(1, MAX_WINDOW);
    for (nth, span) in matcher.spans(text).into_iter().enumerate() {
        let (Some(before), Some(hit), Some(after)) = (
            text.get(..span.start),
            text.get(span.clone()),
            text.get(span.end..),
        ) else {
            continue;
        };
        let (left, left_cut) = window::before(before, window);
        let (right, right_cut) = window::after(after, window);
        out.push(Line {
            part,
            nth,
            offset: before.chars().count(),
            left: clean(left, left_cut, Side::Left),
            hit: clean(hit, false, Side::Hit),
            right: clean(right, right_cut, Side::Right),
        });
    }
}

/// Which side of a hit a text is on: the side facing the hit keeps its space (`l’` + `Otan`
/// has none, `de ` + `sécurité` has one), the far side is trimmed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Left,
    Hit,
    Right,
}

/// Text made safe and one line: control characters shown, not obeyed; line ends and runs of
/// spaces one space; "…" where the text goes on.
fn clean(text: &str, cut: bool, side: Side) -> String {
    let safe = sanitize(text);
    let mut collapsed = String::with_capacity(safe.len() + 4);
    let mut space = false;
    for c in safe.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            collapsed.push(' ');
        }
        space = false;
        collapsed.push(c);
    }
    if space {
        collapsed.push(' ');
    }
    match side {
        Side::Left => {
            let kept = collapsed.trim_start();
            if cut {
                format!("…{kept}")
            } else {
                kept.to_string()
            }
        }
        Side::Hit => collapsed.trim().to_string(),
        Side::Right => {
            let kept = collapsed.trim_end();
            if cut {
                format!("{kept}…")
            } else {
                kept.to_string()
            }
        }
    }
}

#[cfg(test)]
mod tests;
