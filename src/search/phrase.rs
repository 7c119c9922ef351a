//! Whether a phrase occurs in an article's text.
//!
//! Bodies are indexed without word positions: positions were half of the index, and without
//! them it shrinks from 47% to 29% of the archive. The index still says which articles hold
//! every word of a phrase; this module decides, on the article's own text, whether they stand
//! together (see [`super::verified`] for when it is asked).
//!
//! The text is the body as the index holds it, which `parse` hands out
//! (`parse::article_body_text`): paragraphs and headings already split where the reader
//! splits them, invalid bytes replaced, no header. It is read with the index's tokenizer, so a
//! phrase matches here exactly where it would have matched on positions: same folding, same
//! places for stop words, same bigrams for Chinese and Japanese. Nothing here knows a file
//! format.

use tantivy::tokenizer::TokenStream;

use crate::index::tokenizer::{analyzer, is_cjk};

/// The terms of a phrase at their places: a stop word left out of a query keeps its gap.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phrase {
    /// `(offset, term)`, offsets increasing from 0.
    terms: Vec<(usize, String)>,
    /// The last term may be the start of a longer word (the word being typed).
    prefix: bool,
    /// For a run of Chinese or Japanese, the characters themselves: a byte search in the text
    /// answers for it, without tokenizing.
    literal: Option<String>,
}

impl Phrase {
    /// `None` for fewer than two terms, which need no check.
    pub fn new(mut terms: Vec<(usize, String)>, prefix: bool) -> Option<Phrase> {
        if terms.len() < 2 {
            return None;
        }
        terms.sort_by_key(|(offset, _)| *offset);
        let first = terms.first().map_or(0, |(offset, _)| *offset);
        for (offset, _) in &mut terms {
            *offset -= first;
        }
        let literal = cjk_literal(&terms);
        Some(Phrase {
            terms,
            // A bigram is the longest CJK term there is, so it starts no other: the phrase
            // being typed and the phrase typed are one, and share their verdicts.
            prefix: prefix && literal.is_none(),
            literal,
        })
    }

    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().map(|(_, t)| t.as_str())
    }

    pub fn prefix(&self) -> bool {
        self.prefix
    }

    /// Whether the phrase occurs in an article's body text. A run of Chinese or Japanese is
    /// looked for as its characters, without tokenizing.
    pub fn occurs_in(&self, body: &str) -> bool {
        match &self.literal {
            Some(literal) => memchr::memmem::find(body.as_bytes(), literal.as_bytes()).is_some(),
            None => self.occurs_in_tokens(body),
        }
    }

    fn occurs_in_tokens(&self, text: &str) -> bool {
        let span = self.terms.last().map_or(0, |(offset, _)| offset + 1);
        // The last `span` tokens by position; a slot holds its position so that a word the
        // tokenizer did not emit (too long) leaves a stale slot that cannot match.
        let mut window: Vec<(usize, String)> = vec![(usize::MAX, String::new()); span];
        let mut analyzer = analyzer();
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            let position = token.position;
            if let Some(slot) = window.get_mut(position % span) {
                slot.0 = position;
                slot.1.clear();
                slot.1.push_str(&token.text);
            }
            if let Some(start) = (position + 1).checked_sub(span)
                && self.matches_from(&window, start)
            {
                return true;
            }
        }
        false
    }

    fn matches_from(&self, window: &[(usize, String)], start: usize) -> bool {
        let last = self.terms.len() - 1;
        self.terms.iter().enumerate().all(|(i, (offset, term))| {
            let at = start + offset;
            window
                .get(at % window.len())
                .is_some_and(|(position, text)| {
                    *position == at
                        && if i == last && self.prefix {
                            text.starts_with(term.as_str())
                        } else {
                            text == term
                        }
                })
        })
    }
}

/// The characters of a phrase that is one run of overlapping CJK bigrams (`技術`, `術者` is
/// "技術者"). Such a run never spans a line or a non-CJK character, in the index or here, so
/// finding the characters is finding the phrase.
fn cjk_literal(terms: &[(usize, String)]) -> Option<String> {
    let mut literal = String::new();
    for (i, (offset, term)) in terms.iter().enumerate() {
        let mut chars = term.chars();
        let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next()) else {
            return None;
        };
        if *offset != i || !is_cjk(a) || !is_cjk(b) {
            return None;
        }
        if i == 0 {
            literal.push(a);
        } else if !literal.ends_with(a) {
            return None;
        }
        literal.push(b);
    }
    Some(literal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::tokenizer::terms;

    /// The phrase a user types, as the query builder hands it over.
    fn phrase(text: &str) -> Phrase {
        let terms = terms(text).into_iter().enumerate().collect();
        Phrase::new(terms, false).expect("at least two terms")
    }

    /// A body as `parse` hands it over: paragraphs and headings, one per line.
    const ARTICLE: &str = "Vladimir Putin and Recep Tayyip Erdoğan spoke on the telephone.\n\
        The second talk in a month\nRussia proposed security guarantees.\n";

    #[test]
    fn words_side_by_side_match_and_words_apart_do_not() {
        assert!(phrase("recep tayyip").occurs_in(ARTICLE));
        assert!(
            phrase("Tayyip Erdogan").occurs_in(ARTICLE),
            "folded like the index"
        );
        assert!(!phrase("putin erdogan").occurs_in(ARTICLE));
        assert!(!phrase("tayyip recep").occurs_in(ARTICLE), "order counts");
    }

    #[test]
    fn a_phrase_runs_on_over_a_paragraph_end_as_positions_did() {
        assert!(phrase("month russia").occurs_in(ARTICLE));
        assert!(phrase("telephone the second").occurs_in(ARTICLE));
    }

    #[test]
    fn a_left_out_word_keeps_its_place() {
        // "talk in a month", with "in" and "a" left out: "talk" then "month" three places on.
        let gapped =
            Phrase::new(vec![(1, "talk".into()), (4, "month".into())], false).expect("two terms");
        assert!(gapped.occurs_in(ARTICLE));
        let wrong_gap =
            Phrase::new(vec![(0, "talk".into()), (2, "month".into())], false).expect("two terms");
        assert!(!wrong_gap.occurs_in(ARTICLE));
    }

    #[test]
    fn the_last_word_may_be_a_prefix() {
        let typing =
            Phrase::new(vec![(0, "security".into()), (1, "guar".into())], true).expect("two terms");
        assert!(typing.occurs_in(ARTICLE));
        let exact = Phrase::new(vec![(0, "security".into()), (1, "guar".into())], false)
            .expect("two terms");
        assert!(!exact.occurs_in(ARTICLE));
    }

    #[test]
    fn chinese_is_found_as_its_characters() {
        let text = "工程技术者在会议上发言。技术的者\n";
        let p = phrase("技术者");
        assert!(p.literal.is_some());
        let typing = Phrase::new(vec![(0, "技术".into()), (1, "术者".into())], true);
        assert_eq!(
            typing.as_ref(),
            Some(&p),
            "typed or being typed, the same phrase"
        );
        assert!(p.occurs_in(text));
        assert!(!phrase("术者在会在").occurs_in(text));
        assert!(!phrase("技术的是").occurs_in(text));
    }

    #[test]
    fn a_phrase_mixing_scripts_is_tokenized() {
        let p = phrase("iPhone 手机");
        assert!(p.literal.is_none());
        assert!(p.occurs_in("新款 iPhone 手机发布"));
        assert!(!p.occurs_in("iPhone 新款手机"));
        assert!(
            phrase("new iphone").occurs_in("the new iPhone"),
            "one word in the index"
        );
    }

    #[test]
    fn broken_text_is_no_match_and_no_panic() {
        for text in ["", "\n", " date", "\u{FEFF}", "x\u{0}y", "\u{301}\u{301}"] {
            assert!(!phrase("a b").occurs_in(text));
        }
    }
}
