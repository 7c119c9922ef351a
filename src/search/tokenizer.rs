//! How text becomes index terms, shared by indexing and querying so both fold the same way.
//!
//! Words are runs of letters, digits and combining marks; they are lowercased and folded to
//! ASCII where a folding exists (Erdoğan -> erdogan, sécurité -> securite, OTAN -> otan).
//! Cyrillic is only lowercased; Greek also loses its accents and final sigma (Κέσσια ->
//! κεσσια), since Greek is often typed without them. Chinese and Japanese are written without spaces,
//! so a run of those characters is indexed as overlapping bigrams: any substring of two or
//! more characters is then a sequence of bigrams that all occur in the text.

use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer, Token, TokenStream, Tokenizer,
};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The name the analyzer is registered under in every folio index.
pub const TOKENIZER: &str = "folio";

/// Longer "words" are base64 blobs, URLs run together and the like: never searched for,
/// and they would bloat the term dictionary.
const MAX_TOKEN_BYTES: usize = 64;

/// The full analyzer: split, drop overlong tokens, lowercase, fold to ASCII.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Makes the analyzer known to an index; needed after every open, since tantivy does not
/// persist custom tokenizers.
pub fn register(index: &Index) {
    index.tokenizers().register(TOKENIZER, analyzer());
}

/// The terms a piece of text is indexed as, in order.
pub fn terms(text: &str) -> Vec<String> {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Cjk,
    Other,
}

fn class(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Other
        };
    }
    if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() || is_combining_mark(c) {
        Class::Word
    } else {
        Class::Other
    }
}

/// Scripts written without spaces between words. Hangul is left out: Korean separates words.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF       // Hiragana, Katakana
        | 0x31F0..=0x31FF     // Katakana phonetic extensions
        | 0x3400..=0x4DBF     // CJK extension A
        | 0x4E00..=0x9FFF     // CJK unified ideographs
        | 0xF900..=0xFAFF     // CJK compatibility ideographs
        | 0xFF66..=0xFF9F     // halfwidth Katakana
        | 0x20000..=0x2FA1F) // CJK extensions B-F, compatibility supplement
}

fn is_greek(c: char) -> bool {
    matches!(c as u32, 0x0370..=0x03FF | 0x1F00..=0x1FFF)
}

/// Splits text into words and CJK bigrams (see the module comment).
#[derive(Clone, Default)]
pub struct WordTokenizer;

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        WordStream {
            text,
            cursor: 0,
            cjk: Vec::new(),
            cjk_next: 0,
            token: Token::default(),
            position: None,
        }
    }
}

pub struct WordStream<'a> {
    text: &'a str,
    /// Byte offset where scanning for the next run resumes.
    cursor: usize,
    /// Byte offsets of the characters of the current CJK run, plus its end offset.
    cjk: Vec<usize>,
    /// Index in `cjk` of the first character of the next bigram to emit.
    cjk_next: usize,
    token: Token,
    position: Option<usize>,
}

impl WordStream<'_> {
    fn emit(&mut self, from: usize, to: usize) {
        let slice = &self.text[from..to];
        let position = self.position.map_or(0, |p| p + 1);
        self.position = Some(position);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = position;
        self.token.position_length = 1;
        self.token.text.clear();
        if slice.is_ascii() {
            self.token.text.push_str(slice);
        } else if slice.chars().any(is_greek) {
            let bare = slice.nfd().filter(|c| !is_combining_mark(*c));
            self.token
                .text
                .extend(bare.map(|c| if c == 'ς' { 'σ' } else { c }).nfc());
        } else if slice.chars().any(is_combining_mark) {
            // Decomposed accents (e + U+0301) are composed first so that folding sees "é".
            self.token.text.extend(slice.nfc());
        } else {
            self.token.text.push_str(slice);
        }
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
        self.emit(from, to);
        true
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next_bigram() {
            return true;
        }
        let rest = &self.text[self.cursor..];
        let mut chars = rest.char_indices().map(|(i, c)| (self.cursor + i, c));
        let (start, kind) = loop {
            match chars.next() {
                None => {
                    self.cursor = self.text.len();
                    return false;
                }
                Some((i, c)) => match class(c) {
                    Class::Other => continue,
                    kind => break (i, kind),
                },
            }
        };
        let mut end = self.text.len();
        self.cjk.clear();
        self.cjk.push(start);
        for (i, c) in chars {
            if class(c) != kind {
                end = i;
                break;
            }
            if kind == Class::Cjk {
                self.cjk.push(i);
            }
        }
        self.cursor = end;
        if kind == Class::Word {
            self.cjk.clear();
            self.emit(start, end);
            return true;
        }
        self.cjk.push(end);
        self.cjk_next = 0;
        self.next_bigram()
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(terms("Erdoğan"), ["erdogan"]);
        assert_eq!(terms("sécurité OTAN"), ["securite", "otan"]);
        assert_eq!(terms("Straße Œuvre"), ["strasse", "oeuvre"]);
    }

    #[test]
    fn decomposed_accents_fold_like_composed_ones() {
        assert_eq!(terms("se\u{301}curite\u{301}"), terms("sécurité"));
    }

    #[test]
    fn lowercases_cyrillic_and_greek() {
        assert_eq!(terms("Путин ΑΘΗΝΑ"), ["путин", "αθηνα"]);
    }

    #[test]
    fn greek_accents_and_final_sigma_fold() {
        assert_eq!(terms("Κέσσια"), terms("ΚΕΣΣΙΑ"));
        assert_eq!(terms("καταιγίδας"), ["καταιγιδασ"]);
        assert_eq!(terms("ΚΑΤΑΙΓΙΔΑΣ"), ["καταιγιδασ"]);
        assert_eq!(terms("ἀρχή"), ["αρχη"]);
        // Cyrillic letters keep their marks: й is not и.
        assert_eq!(terms("Йод"), ["йод"]);
    }

    #[test]
    fn splits_on_punctuation_and_apostrophes() {
        assert_eq!(
            terms("l’Otan, 02.01.2022 (Russie-Otan)"),
            ["l", "otan", "02", "01", "2022", "russie", "otan"]
        );
    }

    #[test]
    fn cjk_runs_become_overlapping_bigrams() {
        assert_eq!(terms("北京大学"), ["北京", "京大", "大学"]);
        assert_eq!(terms("東京"), ["東京"]);
        assert_eq!(terms("中"), ["中"]);
        assert_eq!(terms("在北京 News"), ["在北", "北京", "news"]);
    }

    #[test]
    fn any_cjk_substring_is_a_run_of_indexed_bigrams() {
        let indexed = terms("中华人民共和国成立");
        for query in ["人民", "共和国", "华人民共"] {
            for term in terms(query) {
                assert!(indexed.contains(&term), "{term} of {query} not indexed");
            }
        }
    }

    #[test]
    fn japanese_mixed_with_latin_words() {
        assert_eq!(
            terms("ソニーのPlayStation"),
            ["ソニ", "ニー", "ーの", "playstation"]
        );
    }

    #[test]
    fn positions_and_offsets_follow_the_text() {
        let mut analyzer = analyzer();
        let mut stream = analyzer.token_stream("Un 北京");
        let mut seen = Vec::new();
        while let Some(t) = stream.next() {
            seen.push((t.position, t.offset_from, t.offset_to));
        }
        assert_eq!(seen, [(0, 0, 2), (1, 3, 9)]);
    }

    #[test]
    fn drops_overlong_tokens() {
        let blob = "a".repeat(200);
        assert_eq!(terms(&format!("x {blob} y")), ["x", "y"]);
    }
}
