//! Where a note's passage is in an article's text, and finding it again after the file was
//! re-indexed or edited a little.
//!
//! A passage is kept as its quote, its char offsets in the article's note text ([`text_of`]:
//! the body's paragraphs joined by a blank line) and a little context on each side. Finding
//! it again tries, in order: the quote at the stored offsets; the quote elsewhere, the
//! occurrence nearest to them; the text between the stored context (or after the prefix,
//! before the suffix) when it is still close to the quote ([`SIMILAR`]); else the passage is
//! gone, which callers show as such (a note is never dropped). Offsets are in chars, so they
//! do not depend on how the reader wraps the text. Pure: no I/O.

use std::ops::Range;

use crate::article::Paragraph;

/// Chars of context kept on each side of a passage.
pub const CONTEXT_CHARS: usize = 32;

/// How close (0-1, a character diff's ratio) the text found by context must be to the quote
/// to count as the passage, edited: a typo fixed or a word changed, not another sentence.
pub const SIMILAR: f32 = 0.75;

/// Between paragraphs in the note text.
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// The article's body as notes address it: paragraphs (headings included) joined by a blank
/// line.
pub fn text_of(paragraphs: &[Paragraph]) -> String {
    let texts: Vec<&str> = paragraphs.iter().map(Paragraph::text).collect();
    texts.join(PARAGRAPH_SEPARATOR)
}

/// Where each paragraph starts in the note text, in chars, then the end.
pub fn paragraph_starts(paragraphs: &[Paragraph]) -> Vec<usize> {
    let sep = PARAGRAPH_SEPARATOR.chars().count();
    let mut starts = Vec::with_capacity(paragraphs.len() + 1);
    let mut at = 0;
    for (i, p) in paragraphs.iter().enumerate() {
        starts.push(at);
        at += p.text().chars().count();
        if i + 1 < paragraphs.len() {
            at += sep;
        }
    }
    starts.push(at);
    starts
}

/// The paragraph a char offset of the note text falls in (the last one past the end).
pub fn paragraph_at(starts: &[usize], offset: usize) -> usize {
    starts
        .partition_point(|&s| s <= offset)
        .saturating_sub(1)
        .min(starts.len().saturating_sub(2))
}

/// A passage as stored: what it said and what was around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub quote: String,
    /// Char offsets in the note text.
    pub start: usize,
    pub end: usize,
    pub prefix: String,
    pub suffix: String,
}

/// The passage at chars `range` of `text` (clamped to it), with its context.
pub fn capture(text: &str, range: Range<usize>) -> Passage {
    let chars: Vec<char> = text.chars().collect();
    let end = range.end.min(chars.len());
    let start = range.start.min(end);
    let slice = |r: Range<usize>| chars.get(r).unwrap_or_default().iter().collect::<String>();
    Passage {
        quote: slice(start..end),
        start,
        end,
        prefix: slice(start.saturating_sub(CONTEXT_CHARS)..start),
        suffix: slice(end..(end + CONTEXT_CHARS).min(chars.len())),
    }
}

/// How a passage was found again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The quote, where it was.
    Exact(Range<usize>),
    /// The quote, elsewhere (text was added or removed before it).
    Moved(Range<usize>),
    /// Text close to the quote, between its old context (the passage itself was edited).
    Edited(Range<usize>),
    /// Neither the quote nor its context is in the text any more.
    Gone,
}

impl Found {
    /// The passage's chars in the text, unless it is gone.
    pub fn range(&self) -> Option<Range<usize>> {
        match self {
            Found::Exact(r) | Found::Moved(r) | Found::Edited(r) => Some(r.clone()),
            Found::Gone => None,
        }
    }
}

/// Finds `passage` in `text` (see the module comment).
pub fn locate(text: &str, passage: &Passage) -> Found {
    let chars: Vec<char> = text.chars().collect();
    let quote: Vec<char> = passage.quote.chars().collect();
    if quote.is_empty() {
        return Found::Gone;
    }
    let len = quote.len();
    if chars.get(passage.start..passage.start + len) == Some(quote.as_slice()) {
        return Found::Exact(passage.start..passage.start + len);
    }
    if let Some(at) = occurrences(&chars, &quote).min_by_key(|&at| at.abs_diff(passage.start)) {
        return Found::Moved(at..at + len);
    }
    match by_context(&chars, passage) {
        Some(range) => Found::Edited(range),
        None => Found::Gone,
    }
}

/// Every position where `needle` starts in `hay`.
fn occurrences<'a>(hay: &'a [char], needle: &'a [char]) -> impl Iterator<Item = usize> + 'a {
    let last = hay.len().checked_sub(needle.len());
    (0..=last.unwrap_or(0))
        .filter(move |_| last.is_some())
        .filter(move |&at| hay.get(at..at + needle.len()) == Some(needle))
}

/// The text the old context now surrounds, or that follows the prefix or precedes the
/// suffix, when it is similar enough to the quote; the most similar candidate wins.
fn by_context(chars: &[char], passage: &Passage) -> Option<Range<usize>> {
    let quote = &passage.quote;
    let len = quote.chars().count();
    // An edit may lengthen or shorten the passage a little.
    let slack = len / 2 + 8;
    let prefix: Vec<char> = passage.prefix.chars().collect();
    let suffix: Vec<char> = passage.suffix.chars().collect();
    let mut candidates: Vec<Range<usize>> = Vec::new();
    let after_prefix: Vec<usize> = if prefix.is_empty() {
        Vec::new()
    } else {
        occurrences(chars, &prefix)
            .map(|at| at + prefix.len())
            .collect()
    };
    let before_suffix: Vec<usize> = if suffix.is_empty() {
        Vec::new()
    } else {
        occurrences(chars, &suffix).collect()
    };
    for &start in &after_prefix {
        for &end in &before_suffix {
            if end > start && end - start <= len + slack {
                candidates.push(start..end);
            }
        }
        candidates.push(start..(start + len).min(chars.len()));
    }
    for &end in &before_suffix {
        candidates.push(end.saturating_sub(len)..end);
    }
    candidates
        .into_iter()
        .filter(|r| r.start < r.end)
        .map(|r| {
            let found: String = chars.get(r.clone()).unwrap_or_default().iter().collect();
            let ratio = similar::TextDiff::from_chars(quote.as_str(), found.as_str()).ratio();
            (r, ratio)
        })
        .filter(|(_, ratio)| *ratio >= SIMILAR)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(r, _)| r)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The council met on Monday. It voted to close the old bridge to lorries \
                        from March. Residents said the detour adds twenty minutes.";

    fn passage_of(quote: &str) -> Passage {
        let start = TEXT.find(quote).unwrap();
        let start = TEXT[..start].chars().count();
        capture(TEXT, start..start + quote.chars().count())
    }

    #[test]
    fn the_quote_at_its_offsets_is_exact() {
        let p = passage_of("close the old bridge");
        assert_eq!(p.prefix.chars().count(), CONTEXT_CHARS);
        assert!(p.suffix.starts_with(" to lorries"));
        assert_eq!(locate(TEXT, &p), Found::Exact(p.start..p.end));
    }

    #[test]
    fn text_added_before_moves_the_passage() {
        let p = passage_of("close the old bridge");
        let edited = format!("Updated: new figures. {TEXT}");
        let found = locate(&edited, &p);
        let Found::Moved(r) = found else {
            panic!("{found:?}")
        };
        let shown: String = edited.chars().skip(r.start).take(r.len()).collect();
        assert_eq!(shown, "close the old bridge");
    }

    #[test]
    fn the_nearest_occurrence_wins() {
        let text = "bridge one. bridge two. bridge three.";
        let p = Passage {
            quote: "bridge".into(),
            start: 13,
            end: 19,
            prefix: String::new(),
            suffix: String::new(),
        };
        assert_eq!(locate(text, &p), Found::Moved(12..18));
    }

    #[test]
    fn a_small_edit_inside_the_quote_is_found_by_context() {
        let p = passage_of("close the old bridge to lorries");
        let edited = TEXT.replace("old bridge to lorries", "old brigde to lorries");
        let found = locate(&edited, &p);
        let Found::Edited(r) = found else {
            panic!("{found:?}")
        };
        let shown: String = edited.chars().skip(r.start).take(r.len()).collect();
        assert!(shown.contains("old brigde"), "{shown:?}");
    }

    #[test]
    fn a_rewritten_passage_is_gone_and_says_so() {
        let p = passage_of("close the old bridge to lorries");
        let edited = "A different story altogether, about a football match on Sunday.";
        assert_eq!(locate(edited, &p), Found::Gone);
        assert_eq!(locate("", &p), Found::Gone);
    }

    #[test]
    fn paragraphs_are_addressed_in_chars() {
        let paragraphs = vec![
            Paragraph::Heading("Zürich".into()),
            Paragraph::Text("Ça va.".into()),
        ];
        let text = text_of(&paragraphs);
        assert_eq!(text, "Zürich\n\nÇa va.");
        let starts = paragraph_starts(&paragraphs);
        assert_eq!(starts, vec![0, 8, 14]);
        assert_eq!(paragraph_at(&starts, 9), 1);
        assert_eq!(paragraph_at(&starts, 3), 0);
        assert_eq!(paragraph_at(&starts, 99), 1);
        let p = capture(&text, 8..10);
        assert_eq!(p.quote, "Ça");
    }
}
