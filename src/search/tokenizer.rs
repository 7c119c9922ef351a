//! How text becomes index terms, shared by indexing and querying so both fold the same way.
//!
//! Words are runs of letters, digits and combining marks; they are lowercased and folded to
//! ASCII where a folding exists (Erdoğan -> erdogan, sécurité -> securite, OTAN -> otan).
//! Cyrillic is only lowercased; Greek also loses its accents and final sigma (Κέσσια ->
//! κεσσια), since Greek is often typed without them. Chinese and Japanese are written without spaces,
//! so a run of those characters is indexed as overlapping bigrams: any substring of two or
//! more characters is then a sequence of bigrams that all occur in the text.
//!
//! An article body is handed to the index behind a tag naming its language ([`tagged_body`]),
//! so that the tokenizer can leave out that language's stop words ([`super::stopwords`]);
//! they still take their positions, so phrases keep their gaps.

use tantivy::Index;
use tantivy::tokenizer::{AsciiFoldingFilter, TextAnalyzer, Token, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::stopwords::{self, StopList};

/// The name the analyzer is registered under in every folio index.
pub const TOKENIZER: &str = "folio";

/// Tokens of this many bytes or more are base64 blobs, URLs run together and the like: never
/// searched for, and they would bloat the term dictionary.
const MAX_TOKEN_BYTES: usize = 64;

/// The full analyzer: split, drop overlong tokens and lowercase in one pass (the tokenizer
/// does it while the word is in cache: half the cost of tantivy's separate filters), then
/// fold to ASCII.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Brackets the language code at the start of a body value: a private-use character, which
/// the tokenizer would skip anyway, and which only folio puts at the start of a value.
const LANGUAGE_TAG: char = '\u{E000}';

/// An article body as indexed: its paragraphs, one per line, behind its language's tag.
pub fn tagged_body<'a>(language: &str, paragraphs: impl Iterator<Item = &'a str>) -> String {
    let mut body = String::new();
    body.push(LANGUAGE_TAG);
    body.push_str(language);
    body.push(LANGUAGE_TAG);
    for paragraph in paragraphs {
        body.push_str(paragraph);
        body.push('\n');
    }
    body
}

/// The stop list a value's tag names, and where its text starts.
fn read_tag(text: &str) -> (Option<&'static StopList>, usize) {
    let tagged = text
        .strip_prefix(LANGUAGE_TAG)
        .and_then(|rest| rest.split_once(LANGUAGE_TAG));
    match tagged {
        Some((code, _)) => (
            stopwords::for_language(code),
            code.len() + 2 * LANGUAGE_TAG.len_utf8(),
        ),
        None => (None, 0),
    }
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
    /// A combining mark: part of a word, and a sign that the word needs composing.
    Mark,
    Cjk,
    Other,
}

#[inline]
fn class(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Other
        };
    }
    if is_common_letter(c) {
        Class::Word
    } else if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else if is_combining_mark(c) {
        Class::Mark
    } else {
        Class::Other
    }
}

/// Letters of the Latin, Greek and Cyrillic blocks, by range: the standard library's
/// `is_alphanumeric` walks a table for every non-ASCII character, and these are most of the
/// non-ASCII text folio sees. The ranges skip the blocks' signs and unassigned points.
fn is_common_letter(c: char) -> bool {
    matches!(c as u32,
        0x00C0..=0x00D6 | 0x00D8..=0x00F6 | 0x00F8..=0x024F // Latin-1 letters, Latin Extended
        | 0x0386 | 0x0388..=0x038A | 0x038C | 0x038E..=0x03A1 | 0x03A3..=0x03CE // Greek
        | 0x0400..=0x0481 | 0x048A..=0x052F) // Cyrillic
}

/// Scripts written without spaces between words. Hangul is left out: Korean separates words.
pub(crate) fn is_cjk(c: char) -> bool {
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

/// Greek is often typed without accents: drops them, and writes final sigma as σ.
fn fold_greek(word: &mut String) {
    let bare: String = word
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .nfc()
        .collect();
    *word = bare;
}

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

/// The character at byte `i` and its length, without decoding when it is ASCII (most of it).
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let byte = *text.as_bytes().get(i)?;
    if byte.is_ascii() {
        return Some((char::from(byte), 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Appends `text` lowercased, character by character: no final-sigma rule, so that a word
/// folds the same wherever it stands (as tantivy's `LowerCaser` does).
fn push_lowercase(out: &mut String, text: &str) {
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
        return;
    }
    for c in text.chars() {
        match lowercase_common(c) {
            Some(lower) => out.push(lower),
            None => out.extend(c.to_lowercase()),
        }
    }
}

/// The lowercase of ASCII, Latin-1, basic Greek and Russian letters by offset, where the
/// standard library searches a table for every character.
fn lowercase_common(c: char) -> Option<char> {
    let u = c as u32;
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => {
            u + 0x20
        }
        0x400..=0x40F => u + 0x50,
        0x00..=0x40 | 0x5B..=0x7F | 0xDF..=0xFF | 0x3AC..=0x3CE | 0x430..=0x45F => u,
        _ => return None,
    };
    char::from_u32(lower)
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
    fn common_letter_ranges_agree_with_unicode() {
        for c in (0x80..0x0530).filter_map(char::from_u32) {
            if is_common_letter(c) {
                assert!(
                    c.is_alphanumeric(),
                    "{c:?} ({:04X}) is not a letter",
                    c as u32
                );
            }
        }
        assert_eq!(class('×'), Class::Other);
        assert_eq!(class('҂'), Class::Other);
        assert_eq!(class('\u{301}'), Class::Mark);
    }

    #[test]
    fn quick_lowercase_agrees_with_unicode() {
        for c in (0..0x0530).filter_map(char::from_u32) {
            if let Some(lower) = lowercase_common(c) {
                assert_eq!(
                    c.to_lowercase().collect::<String>(),
                    lower.to_string(),
                    "{c:?}"
                );
            }
        }
    }

    #[test]
    fn lowercases_every_script_without_a_final_sigma() {
        assert_eq!(terms("ΟΔΥΣΣΕΥΣ ǅemal"), ["οδυσσευσ", "dzemal"]);
        assert_eq!(terms("ÀÉÎÕÜ"), ["aeiou"]);
    }

    #[test]
    fn an_overlong_word_keeps_its_position() {
        let blob = "b".repeat(80);
        let mut analyzer = analyzer();
        let text = format!("un {blob} deux");
        let mut stream = analyzer.token_stream(&text);
        let mut seen = Vec::new();
        while let Some(t) = stream.next() {
            seen.push((t.text.clone(), t.position));
        }
        assert_eq!(seen, [("un".to_string(), 0), ("deux".to_string(), 2)]);
    }

    fn positions(text: &str) -> Vec<(String, usize)> {
        let mut analyzer = analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut seen = Vec::new();
        while let Some(t) = stream.next() {
            seen.push((t.text.clone(), t.position));
        }
        seen
    }

    #[test]
    fn a_tagged_body_drops_its_languages_stop_words_and_keeps_their_places() {
        let french = tagged_body("fr", ["Le prix de l’énergie", "Die Welt"].into_iter());
        let kept: Vec<(String, usize)> = [("prix", 1), ("energie", 4), ("die", 5), ("welt", 6)]
            .iter()
            .map(|(t, p)| (t.to_string(), *p))
            .collect();
        assert_eq!(positions(&french), kept);
        let german = tagged_body("de", ["Die Welt"].into_iter());
        assert_eq!(positions(&german), [("welt".to_string(), 1)]);
    }

    #[test]
    fn untagged_text_and_unknown_languages_keep_every_word() {
        assert_eq!(terms("the harbour"), ["the", "harbour"]);
        let unknown = tagged_body("xx", ["the harbour"].into_iter());
        assert_eq!(terms(&unknown), ["the", "harbour"]);
        let chinese = tagged_body("zh", ["北京的 the"].into_iter());
        assert_eq!(terms(&chinese), ["北京", "京的", "the"]);
    }

    #[test]
    fn drops_overlong_tokens() {
        let blob = "a".repeat(200);
        assert_eq!(terms(&format!("x {blob} y")), ["x", "y"]);
    }
}
