//! Where the words of a query occur in a piece of text, found with the index's own tokenizer
//! so that what is highlighted is what matched: `erdogan` marks "Erdoğan", `otan` marks
//! "l’OTAN", a prefix marks the whole word it starts, and a Chinese query marks the run of
//! characters whose bigrams it is made of.

use std::ops::Range;

use tantivy::tokenizer::TokenStream;

use super::query::Highlight;
use crate::index::tokenizer::{analyzer, terms};

/// One highlighted word as index terms: a word the tokenizer splits (`l'Otan`, a run of
/// Chinese) must match as consecutive tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    tokens: Vec<String>,
    /// The last token may be the start of a longer one.
    prefix: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matcher {
    patterns: Vec<Pattern>,
}

struct Token {
    text: String,
    bytes: Range<usize>,
}

impl Matcher {
    pub fn new(highlights: &[Highlight]) -> Matcher {
        let patterns = highlights
            .iter()
            .map(|h| Pattern {
                tokens: terms(&h.text),
                prefix: h.prefix,
            })
            .filter(|p| !p.tokens.is_empty())
            .collect();
        Matcher { patterns }
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Byte ranges of the hits in `text`, in order, overlapping ones merged.
    pub fn spans(&self, text: &str) -> Vec<Range<usize>> {
        if self.is_empty() {
            return Vec::new();
        }
        let tokens = tokenize(text);
        let mut spans: Vec<Range<usize>> = Vec::new();
        for start in 0..tokens.len() {
            for pattern in &self.patterns {
                let Some(end) = pattern.matches_at(&tokens, start) else {
                    continue;
                };
                let (Some(first), Some(last)) = (tokens.get(start), tokens.get(end - 1)) else {
                    continue;
                };
                let span = first.bytes.start..last.bytes.end;
                match spans.last_mut() {
                    Some(prev) if span.start <= prev.end => prev.end = prev.end.max(span.end),
                    _ => spans.push(span),
                }
            }
        }
        spans
    }

    /// [`Matcher::spans`] as `[start, end)` character offsets, the form `--json` prints.
    pub fn char_spans(&self, text: &str) -> Vec<[usize; 2]> {
        self.spans(text)
            .into_iter()
            .map(|r| [char_offset(text, r.start), char_offset(text, r.end)])
            .collect()
    }

    pub fn contains_hit(&self, text: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        // One pass over the tokens without collecting them (n/N may check megabytes): most
        // patterns are one token, and a longer one's first token only says that the full
        // check is worth making.
        let mut analyzer = analyzer();
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            for pattern in &self.patterns {
                if pattern.starts_with(&token.text) {
                    return pattern.tokens.len() == 1 || !self.spans(text).is_empty();
                }
            }
        }
        false
    }
}

impl Pattern {
    /// Whether a pattern match could start at a token with this text.
    fn starts_with(&self, token: &str) -> bool {
        match self.tokens.as_slice() {
            [only] if self.prefix => token.starts_with(only.as_str()),
            [first, ..] => token == first,
            [] => false,
        }
    }

    /// The index one past the last token when the pattern matches from `start`.
    fn matches_at(&self, tokens: &[Token], start: usize) -> Option<usize> {
        let end = start + self.tokens.len();
        let window = tokens.get(start..end)?;
        let last = self.tokens.len() - 1;
        let all = window
            .iter()
            .zip(&self.tokens)
            .enumerate()
            .all(|(i, (t, p))| {
                if i == last && self.prefix {
                    t.text.starts_with(p.as_str())
                } else {
                    t.text == *p
                }
            });
        all.then_some(end)
    }
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push(Token {
            text: t.text.clone(),
            bytes: t.offset_from..t.offset_to,
        });
    }
    out
}

fn char_offset(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(0, |s| s.chars().count())
}

/// A line of at most `width` characters of `text` around its first hit, with the hits in it
/// (byte ranges into the returned line); `None` when `text` has no hit. A few words before
/// the hit are kept for context, and "…" marks text left out.
pub fn snippet(matcher: &Matcher, text: &str, width: usize) -> Option<(String, Vec<Range<usize>>)> {
    /// Characters of context before the first hit.
    const LEAD: usize = 16;
    let first = matcher.spans(text).into_iter().next()?;
    let before = text.get(..first.start)?;
    let skip = before.chars().count().saturating_sub(LEAD);
    let mut start = text.char_indices().nth(skip).map_or(0, |(i, _)| i);
    // Start at a word boundary, when there is one near.
    if skip > 0
        && let Some(space) = text.get(start..first.start).and_then(|s| s.find(' '))
    {
        start += space + 1;
    }
    let mut line = String::new();
    if start > 0 {
        line.push('…');
    }
    let offset = line.len();
    let room = width.saturating_sub(line.chars().count());
    let body: String = text.get(start..)?.chars().take(room).collect();
    let cut = body.len() < text.len() - start;
    line.push_str(&body);
    if cut {
        line.pop();
        line.push('…');
    }
    let spans = matcher
        .spans(&line[offset..])
        .into_iter()
        .map(|r| r.start + offset..r.end + offset)
        .collect();
    Some((line, spans))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(words: &[(&str, bool)]) -> Matcher {
        Matcher::new(
            &words
                .iter()
                .map(|&(text, prefix)| Highlight {
                    text: text.into(),
                    prefix,
                })
                .collect::<Vec<_>>(),
        )
    }

    fn marked(m: &Matcher, text: &str) -> Vec<String> {
        m.spans(text)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn folded_words_and_prefixes_mark_whole_words() {
        let m = matcher(&[("erdogan", false), ("oto", true)]);
        assert_eq!(
            marked(
                &m,
                "Poutine et Erdoğan, l’OTAN et ERDOGAN: autonomie, otopsie"
            ),
            ["Erdoğan", "ERDOGAN", "otopsie"]
        );
    }

    #[test]
    fn a_split_word_matches_as_consecutive_tokens() {
        let m = matcher(&[("l'otan", false)]);
        assert_eq!(marked(&m, "face à l’Otan, pas l’autre Otan"), ["l’Otan"]);
    }

    #[test]
    fn chinese_substrings_mark_their_characters() {
        let m = matcher(&[("人民共", false)]);
        assert_eq!(marked(&m, "中华人民共和国"), ["人民共"]);
    }

    #[test]
    fn json_offsets_count_characters() {
        let m = matcher(&[("erdo", true)]);
        assert_eq!(m.char_spans("Poutine et Erdoğan"), [[11, 18]]);
        assert!(matcher(&[]).char_spans("anything").is_empty());
    }

    #[test]
    fn snippets_start_near_the_first_hit_and_fit_the_width() {
        let m = matcher(&[("garanties", false)]);
        let text = "Les deux présidents ont évoqué longuement la question des garanties \
                    de sécurité demandées par Moscou.";
        let (line, spans) = snippet(&m, text, 40).unwrap();
        assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
        assert_eq!(line.chars().count(), 40, "{line}");
        assert_eq!(
            spans.iter().map(|r| &line[r.clone()]).collect::<Vec<_>>(),
            ["garanties"]
        );
        assert!(snippet(&m, "nothing here", 40).is_none());
    }

    #[test]
    fn contains_hit_agrees_with_the_spans() {
        let m = matcher(&[("l'otan", false), ("erdo", true)]);
        for text in [
            "l’autre, puis l’Otan",
            "l’autre seulement",
            "l’autre puis Erdoğan",
            "Otan et erd",
            "",
        ] {
            assert_eq!(m.contains_hit(text), !m.spans(text).is_empty(), "{text}");
        }
        assert!(!matcher(&[]).contains_hit("anything"));
    }
}
