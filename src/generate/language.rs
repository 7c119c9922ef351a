//! The languages and outlets of synthetic archives: small hand-written word lists for the most
//! frequent words, and syllable inventories from which the long tail of the vocabulary is built.
//! They are data, kept in `assets/generate/languages.toml` (documented there) and embedded.

use std::sync::OnceLock;

use serde::Deserialize;

const LANGUAGES_TOML: &str = include_str!("../../assets/generate/languages.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// What sources name the language by.
    pub code: String,
    /// Whether words are separated by spaces (not in Chinese and Japanese).
    pub spaced: bool,
    pub full_stop: String,
    pub comma: String,
    /// Grammatical words: they take the top frequency ranks and are never used as queries.
    pub function: Vec<String>,
    /// Common content words, ranked right after the grammatical ones.
    pub content: Vec<String>,
    /// Inventories of syllables; each invented word is built from one of them.
    pub syllables: Vec<Vec<String>>,
    /// Share of invented words written with a capital, as German nouns are.
    pub capitalised_share: f64,
    /// The word URL slugs use when the title is not in Latin script.
    #[serde(default)]
    pub slug: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub name: String,
    /// Host, with a language subdomain where the outlet uses one.
    pub host: String,
    /// The code of the source's language, as written in the file.
    #[serde(rename = "language")]
    language_code: String,
    /// The source's language, as an index into [`languages`]; resolved when the file is read.
    #[serde(skip)]
    pub language: usize,
    /// Relative share of the archive's articles.
    pub weight: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    names: Vec<String>,
    #[serde(rename = "source")]
    sources: Vec<Source>,
    #[serde(rename = "language")]
    languages: Vec<Language>,
}

/// Every language of the archives, in a fixed order (vocabularies are seeded by position).
pub fn languages() -> &'static [Language] {
    &data().languages
}

/// Every outlet; never empty.
pub fn sources() -> &'static [Source] {
    &data().sources
}

/// Proper names that turn up in every Latin-script language, capitalised mid-sentence.
pub fn names() -> &'static [String] {
    &data().names
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    // The file is part of the binary, not input: `the_embedded_data_is_valid` proves it reads.
    DATA.get_or_init(|| parse(LANGUAGES_TOML).unwrap_or_else(|why| panic!("{why}")))
}

fn parse(text: &str) -> Result<Data, String> {
    let mut data: Data = toml::from_str(text)
        .map_err(|e| format!("assets/generate/languages.toml does not read: {e}"))?;
    if data.sources.is_empty() || data.languages.is_empty() {
        return Err("assets/generate/languages.toml needs a source and a language".into());
    }
    for source in &mut data.sources {
        source.language = data
            .languages
            .iter()
            .position(|l| l.code == source.language_code)
            .ok_or_else(|| {
                format!(
                    "assets/generate/languages.toml: source {:?} names language {:?}, which is not there",
                    source.name, source.language_code
                )
            })?;
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_data_is_valid() {
        let data = parse(LANGUAGES_TOML).expect("the embedded file reads");
        assert_eq!(data.languages.len(), 8);
        assert!(data.sources.iter().all(|s| s.weight > 0));
        assert!(data.languages.iter().all(|l| !l.syllables.is_empty()));
    }

    #[test]
    fn a_source_in_an_unknown_language_is_refused_by_name() {
        let text = r#"
            names = []
            [[source]]
            name = "Nowhere Times"
            host = "nowhere.example"
            language = "xx"
            weight = 1
            [[language]]
            code = "en"
            spaced = true
            full_stop = "."
            comma = ","
            function = []
            content = []
            syllables = [["ba"]]
            capitalised_share = 0.0
        "#;
        let why = parse(text).err().unwrap_or_default();
        assert!(
            why.contains("Nowhere Times") && why.contains("\"xx\""),
            "{why}"
        );
    }
}
