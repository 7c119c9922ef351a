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

mod chars;
mod starts;
mod stream;

use tantivy::Index;
use tantivy::tokenizer::{AsciiFoldingFilter, TextAnalyzer};

use super::stopwords::{self, StopList};

pub(crate) use chars::is_cjk;
pub use starts::{STARTS_TOKENIZER, StartsTokenizer, is_indexed_start, starts};
pub use stream::{WordStream, WordTokenizer};

/// The name the analyzer is registered under in every folio index.
pub const TOKENIZER: &str = "folio";

/// Tokens of this many bytes or more are base64 blobs, URLs run together and the like: never
/// searched for, and they would bloat the term dictionary.
pub(super) const MAX_TOKEN_BYTES: usize = 64;

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
pub(super) fn read_tag(text: &str) -> (Option<&'static StopList>, usize) {
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

/// Makes the analyzers known to an index; needed after every open, since tantivy does not
/// persist custom tokenizers.
pub fn register(index: &Index) {
    index.tokenizers().register(TOKENIZER, analyzer());
    index
        .tokenizers()
        .register(STARTS_TOKENIZER, StartsTokenizer::default());
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

#[cfg(test)]
mod tests;
