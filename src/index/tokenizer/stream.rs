//! The word tokenizer itself: a single pass over the text that finds words and CJK runs,
//! lowercases as it goes, and leaves out a tagged body's stop words (keeping their positions).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;

use super::chars::{Class, char_at, class, fold_greek, is_greek, push_lowercase};
use super::{MAX_TOKEN_BYTES, read_tag};
use crate::index::stopwords::StopList;

/// Splits text into lowercased words and CJK bigrams (see the module comment).
#[derive(Clone, Default)]
pub struct WordTokenizer;

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        let (stops, start) = read_tag(text);
        WordStream {
            text,
            cursor: start,
            stops,
            cjk: Vec::new(),
            cjk_next: 0,
            token: Token::default(),
            position: None,
            composed: String::new(),
        }
    }
}

pub struct WordStream<'a> {
    text: &'a str,
    /// Byte offset where scanning for the next run resumes.
    cursor: usize,
    /// Words not emitted (a tagged body's language's stop words).
    stops: Option<&'static StopList>,
    /// Byte offsets of the characters of the current CJK run, plus its end offset.
    cjk: Vec<usize>,
    /// Index in `cjk` of the first character of the next bigram to emit.
    cjk_next: usize,
    token: Token,
    position: Option<usize>,
    /// Scratch space for composing a word with combining marks.
    composed: String,
}

impl WordStream<'_> {
    /// Sets the token to the word `from..to`, lowercased. A word of `MAX_TOKEN_BYTES` or more,
    /// or a stop word, still takes its position (phrases keep the gap) but is not emitted.
    fn emit_word(&mut self, from: usize, to: usize, marks: bool) -> bool {
        let slice = &self.text[from..to];
        self.place(from, to);
        self.token.text.clear();
        if marks {
            // Decomposed accents (e + U+0301) are composed first so that folding sees "é".
            self.composed.clear();
            self.composed.extend(slice.nfc());
            if self.composed.len() >= MAX_TOKEN_BYTES {
                return false;
            }
            push_lowercase(&mut self.token.text, &self.composed);
        } else {
            if slice.len() >= MAX_TOKEN_BYTES {
                return false;
            }
            push_lowercase(&mut self.token.text, slice);
        }
        if !slice.is_ascii() && self.token.text.chars().any(is_greek) {
            fold_greek(&mut self.token.text);
        }
        !self.stops.is_some_and(|s| s.drops(&self.token.text))
    }

    fn place(&mut self, from: usize, to: usize) {
        let position = self.position.map_or(0, |p| p + 1);
        self.position = Some(position);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = position;
        self.token.position_length = 1;
    }

    /// Emits the next bigram of the pending CJK run, if any is left. A run of one character
    /// is emitted as that character, so a lone ideograph can still be found.
    fn next_bigram(&mut self) -> bool {
        let chars = self.cjk.len().saturating_sub(1);
        let tokens = if chars == 1 {
            1
        } else {
            chars.saturating_sub(1)
        };
        let i = self.cjk_next;
        if i >= tokens {
            return false;
        }
        let (Some(&from), Some(&to)) = (self.cjk.get(i), self.cjk.get((i + 2).min(chars))) else {
            return false;
        };
        self.cjk_next += 1;
        self.place(from, to);
        // Kana and ideographs have no case.
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
        true
    }

    /// Finds the next word or CJK run and sets the token to it (or its first bigram): `None`
    /// at the end of the text, `Some(false)` when the word was too long to emit.
    fn next_run(&mut self) -> Option<bool> {
        let mut start = self.cursor;
        let (kind, mut marks) = loop {
            let (c, len) = char_at(self.text, start)?;
            match class(c) {
                Class::Other => start += len,
                Class::Mark => break (Class::Word, true),
                kind => break (kind, false),
            }
        };
        self.cjk.clear();
        let mut end = start;
        while let Some((c, len)) = char_at(self.text, end) {
            let this = match class(c) {
                Class::Mark => {
                    marks = true;
                    Class::Word
                }
                this => this,
            };
            if this != kind {
                break;
            }
            if kind == Class::Cjk {
                self.cjk.push(end);
            }
            end += len;
        }
        self.cursor = end;
        if kind == Class::Word {
            return Some(self.emit_word(start, end, marks));
        }
        self.cjk.push(end);
        self.cjk_next = 0;
        Some(self.next_bigram())
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next_bigram() {
            return true;
        }
        loop {
            match self.next_run() {
                None => {
                    self.cursor = self.text.len();
                    return false;
                }
                Some(true) => return true,
                Some(false) => continue, // an overlong or stop word: skipped
            }
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}
