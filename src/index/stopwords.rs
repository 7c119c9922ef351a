//! Function words ("the", "de", "und", "и") are a third or more of any text and are never what
//! a reader searches for. Article bodies leave them out of the index, which makes it smaller
//! and its build faster, by the article's own language: German bodies drop the article "die",
//! English ones keep the verb. The lists are NLTK's (the `stop-words` crate).
//!
//! Queries stay exact about this (see `search::build`): a stop word next to other words is
//! satisfied by any article whose language drops it, and a phrase skips it, keeping its place,
//! so `"prix de l'énergie"` still finds the French article. Titles, ledes and sources keep
//! every word.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use tantivy::tokenizer::{TokenStream, Tokenizer};

use super::tokenizer::{WordTokenizer, terms};

/// Chinese and Japanese are indexed as bigrams of characters, where a stop list of words has
/// no meaning; `hinglish` is not a language code.
const NOT_APPLIED: &[&str] = &["zh", "ja", "hinglish"];

pub struct StopList {
    /// As the word tokenizer emits them (lowercased, Greek accents folded, not yet folded to
    /// ASCII): what indexing compares with, once per word of every body, hence the fast hash.
    index_forms: FxHashSet<String>,
    /// As query terms are (fully folded).
    query_forms: HashSet<String>,
}

impl StopList {
    pub fn drops(&self, lowercased: &str) -> bool {
        self.index_forms.contains(lowercased)
    }
}

fn lists() -> &'static HashMap<&'static str, StopList> {
    static LISTS: OnceLock<HashMap<&'static str, StopList>> = OnceLock::new();
    LISTS.get_or_init(|| {
        stop_words::available_languages()
            .iter()
            .filter(|code| !NOT_APPLIED.contains(code))
            .filter_map(|&code| Some((code, build(stop_words::lookup(code)?))))
            .collect()
    })
}

fn build(words: &[&str]) -> StopList {
    let mut list = StopList {
        index_forms: FxHashSet::default(),
        query_forms: HashSet::new(),
    };
    for word in words {
        // A listed word the tokenizer splits ("don't") never reaches the filter whole.
        let mut tokenizer = WordTokenizer;
        let mut stream = tokenizer.token_stream(word);
        let Some(first) = stream.next().map(|t| t.text.clone()) else {
            continue;
        };
        if stream.next().is_some() {
            continue;
        }
        list.index_forms.insert(first);
        list.query_forms.extend(terms(word));
    }
    list
}

/// The stop list of articles in `language` (an ISO 639-1 code), if there is one.
pub fn for_language(language: &str) -> Option<&'static StopList> {
    lists().get(language)
}

/// The languages whose article bodies do not index the query term `term`, sorted.
pub fn dropped_in(term: &str) -> Vec<&'static str> {
    let mut languages: Vec<&'static str> = lists()
        .iter()
        .filter(|(_, list)| list.query_forms.contains(term))
        .map(|(code, _)| *code)
        .collect();
    languages.sort_unstable();
    languages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_cover_the_archive_languages_but_not_cjk() {
        for code in ["en", "fr", "de", "es", "ru", "el", "it", "pt", "nl"] {
            assert!(for_language(code).is_some(), "no stop list for {code}");
        }
        assert!(for_language("zh").is_none());
        assert!(for_language("ja").is_none());
        assert!(for_language("xx").is_none());
    }

    #[test]
    fn a_function_word_in_one_language_is_a_word_in_another() {
        let german = for_language("de").map(|l| l.drops("die"));
        let english = for_language("en").map(|l| l.drops("die"));
        assert_eq!((german, english), (Some(true), Some(false)));
        assert!(dropped_in("die").contains(&"de"));
        assert!(!dropped_in("die").contains(&"en"));
        assert!(dropped_in("harbour").is_empty());
    }

    #[test]
    fn forms_are_compared_as_the_tokenizer_writes_them() {
        let french = for_language("fr");
        // Indexing compares before folding to ASCII ("été"), queries after ("ete").
        assert_eq!(french.map(|l| l.drops("été")), Some(true));
        assert!(dropped_in("ete").contains(&"fr"));
        // Greek is compared without its accents, as the tokenizer writes it.
        assert_eq!(for_language("el").map(|l| l.drops("και")), Some(true));
    }
}
