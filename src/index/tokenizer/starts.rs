//! The one- and two-character starts of words, indexed as terms of their own.
//!
//! A word being typed stands for every word it starts. For a start of three characters or more
//! search walks the term dictionary's range for it (`search::prefix`), a few hundred words at
//! most. A start of one or two characters begins thousands of words in a large archive, and
//! walking them all and joining their postings took 37 ms at p95 at a million articles. So each
//! searched field has a companion field (`title_starts`, ...) holding, for every word the
//! field's own analyzer emits, its first one and first two characters: such a start is then
//! one posting list.
//!
//! The starts are taken from the field's own tokens, so they mean exactly what the walk meant:
//! folded as the words are, without the stop words a body leaves out (`th` does not match an
//! English body through "the" alone), without overlong tokens. A start that is the whole
//! word (`of`, a lone `a`, and every Chinese or Japanese bigram's second character) is not
//! emitted: the word's own term already lists those documents, and search reads it beside the
//! start's ([`super::super::schema::Fields::starts_of`]). Each start is emitted once per value:
//! the field records no frequencies or positions, so repeats would only cost time.

use rustc_hash::FxHashSet;
use tantivy::tokenizer::{BoxTokenStream, TextAnalyzer, Token, TokenStream, Tokenizer};

use super::analyzer;

/// The name the starts analyzer is registered under in every folio index.
pub const STARTS_TOKENIZER: &str = "folio_starts";

/// Starts up to this many characters are indexed; longer ones walk the dictionary, where they
/// begin few enough words.
pub const INDEXED_START_CHARS: usize = 2;

/// Whether a word start (as indexed: folded by the analyzer) has its own term in the starts
/// fields, with the word it is the whole of in the words field.
pub fn is_indexed_start(start: &str) -> bool {
    (1..=INDEXED_START_CHARS).contains(&start.chars().count())
}

/// The starts of each word the folio analyzer emits (see the module comment).
#[derive(Clone)]
pub struct StartsTokenizer {
    words: TextAnalyzer,
    /// The starts emitted in the current value, packed ([`packed`]); kept between values so
    /// that its room is allocated once per indexing thread.
    seen: FxHashSet<u64>,
}

impl Default for StartsTokenizer {
    fn default() -> Self {
        StartsTokenizer {
            words: analyzer(),
            seen: FxHashSet::default(),
        }
    }
}

impl Tokenizer for StartsTokenizer {
    type TokenStream<'a> = StartsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> StartsStream<'a> {
        let StartsTokenizer { words, seen } = self;
        seen.clear();
        StartsStream {
            words: words.token_stream(text),
            seen,
            pending: None,
            token: Token::default(),
        }
    }
}

pub struct StartsStream<'a> {
    words: BoxTokenStream<'a>,
    seen: &'a mut FxHashSet<u64>,
    /// The byte length of the current word's two-character start, still to be emitted.
    pending: Option<usize>,
    token: Token,
}

impl StartsStream<'_> {
    /// Sets the token to the current word's first `len` bytes.
    fn emit(&mut self, len: usize) {
        let word = self.words.token();
        self.token.text.clear();
        self.token
            .text
            .push_str(word.text.get(..len).unwrap_or_default());
        self.token.offset_from = word.offset_from;
        self.token.offset_to = word.offset_to;
        self.token.position = word.position;
        self.token.position_length = 1;
    }
}

impl TokenStream for StartsStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some(len) = self.pending.take() {
            self.emit(len);
            return true;
        }
        while self.words.advance() {
            let word = self.words.token().text.as_str();
            // Where the second and third characters begin: the ends of the one- and
            // two-character starts, present only when the start is shorter than the word.
            let mut ends = word.char_indices().skip(1).map(|(at, _)| at);
            let mut new = |end: Option<usize>| {
                end.filter(|&end| {
                    self.seen
                        .insert(packed(word.get(..end).unwrap_or_default()))
                })
            };
            let one = new(ends.next());
            let two = new(ends.next());
            match (one, two) {
                (Some(one), two) => {
                    self.pending = two;
                    self.emit(one);
                    return true;
                }
                (None, Some(two)) => {
                    self.emit(two);
                    return true;
                }
                (None, None) => {}
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// A start of at most two characters (8 bytes of UTF-8) as one number, zero-padded: tokens
/// hold no NUL character, so two different starts never pack alike.
fn packed(start: &str) -> u64 {
    let mut bytes = [0u8; 8];
    for (slot, byte) in bytes.iter_mut().zip(start.as_bytes()) {
        *slot = *byte;
    }
    u64::from_le_bytes(bytes)
}

/// The starts terms of a piece of text, in order: for tests and for checking an index.
pub fn starts(text: &str) -> Vec<String> {
    let mut tokenizer = StartsTokenizer::default();
    let mut stream = tokenizer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}
