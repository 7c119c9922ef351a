//! One article as the engine holds it: folded full-text fields that match exactly as folio's
//! own index does, and the original text in string attributes for display.
//!
//! Why folio folds the text itself rather than configuring the engine's tokenizer: folio's
//! tokenizer folds case and diacritics, splits Chinese and Japanese into bigrams and leaves
//! out each body's own language's stop words; no charset_table reproduces all of that, and
//! the remote archive must answer the query language as the local index does. So each field
//! is sent as folio's terms separated by spaces, with `_` standing where a word took a place
//! but was not indexed (a stop word of the body's language, an overlong token): phrases keep
//! their gaps, and the engine only has to split on spaces (see [`super::config`]).

use tantivy::tokenizer::TokenStream;

use crate::article::{Article, ArticleId, Meta};
use crate::catalog::id_hash;
use crate::index::tokenizer::{analyzer, tagged_body};

use super::escape::literal;

/// Stands where a word keeps its place but is not indexed.
pub const GAP: &str = "_";

/// Every document's `lang` field holds this besides its language: a query of exclusions only
/// (`-war`) needs something positive to subtract from, which the engine requires.
pub const EVERYTHING: &str = "_all";

/// Separates two names in one field (`sgroup`, `author`, `tag`), so that no phrase runs across
/// two.
const NAME_GAP: &str = "__";

/// What the engine holds for one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The engine's document id: the article id's hash, positive and non-zero as the
    /// engine requires. Also picks the shard.
    pub doc_id: u64,
    pub id: ArticleId,
    /// The file it was read from, for a problem's report.
    pub path: std::path::PathBuf,
    /// The values in the order of [`COLUMNS`], each already a SphinxQL literal.
    values: Vec<String>,
    /// A hash of everything sent, for the publish ledger.
    pub hash: String,
}

/// The columns of `REPLACE INTO`, after `id`.
pub const COLUMNS: &str = "title, lede, body, source, sgroup, lang, author, tag, sort_key, day, \
     idhash, lede_cut, article_id, path_s, url_s, title_s, lede_s, source_s, language_s, \
     paragraphs_s, problems_s, meta_s";

/// What a document holds, as a version: part of every document's hash, so that when it
/// changes (2: authors, categories, tags and image) every article's hash changes and the
/// next publish sends them all again.
pub const FORMAT: &str = "2";

/// The engine id of an article id.
pub fn doc_id(id: &ArticleId) -> u64 {
    match id_hash(id) & (i64::MAX as u64) {
        0 => 1,
        h => h,
    }
}

/// `text` as folio indexes it: its terms, with [`GAP`] where a word kept its place unindexed.
pub fn folded(text: &str) -> String {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = String::with_capacity(text.len());
    let mut next = 0usize;
    while let Some(token) = stream.next() {
        if !out.is_empty() {
            for _ in next..token.position {
                out.push_str(GAP);
                out.push(' ');
            }
        }
        out.push_str(&token.text);
        out.push(' ');
        next = token.position + 1;
    }
    out.truncate(out.trim_end().len());
    out
}

/// A language code as one token of the `lang` field.
pub fn language_token(code: &str) -> String {
    code.to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// What the publisher knows of an article besides its parsed fields.
pub struct Origin<'a> {
    /// The id the local index gives it (a duplicated URL's second file gets a suffix).
    pub id: &'a ArticleId,
    /// The source as the file names it; `article.source` is the catalog's merged name.
    pub own_source: &'a str,
    /// The names merged into the article's source in the catalog, itself first; empty when
    /// none was merged.
    pub merged_names: &'a [String],
}

/// Names (a source's merged names, authors, tags) folded, with [`NAME_GAP`] between two so
/// that no phrase runs from one into the next, as the local index keeps them apart.
fn names<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> String {
    let folded: Vec<String> = names
        .into_iter()
        .map(|n| folded(n.as_ref()))
        .filter(|n| !n.is_empty())
        .collect();
    folded.join(&format!(" {NAME_GAP} "))
}

impl Document {
    pub fn new(article: &Article, origin: &Origin<'_>) -> Document {
        let paragraphs = article.paragraphs.iter().map(|p| p.text());
        let body = folded(&tagged_body(&article.language, paragraphs));
        let lang = format!("{} {EVERYTHING}", language_token(&article.language));
        let sort_key = article.published.map_or(i32::MIN, |p| p.sort_key());
        let day = match sort_key {
            i32::MIN => i64::from(i32::MIN),
            key => i64::from(key.div_euclid(2)),
        };
        let json = |v: &dyn erased::Json| v.to_json();
        // No JSON for an article without names, as in the local index: most have none.
        let meta = match article.meta == Meta::default() {
            true => String::new(),
            false => json(&article.meta),
        };
        let tags: Vec<&String> = article
            .meta
            .categories
            .iter()
            .chain(&article.meta.tags)
            .collect();
        let values = vec![
            literal(&folded(&article.title)),
            literal(&folded(&article.lede)),
            literal(&body),
            literal(&folded(origin.own_source)),
            literal(&names(origin.merged_names)),
            literal(&lang),
            literal(&names(&article.meta.authors)),
            literal(&names(tags)),
            sort_key.to_string(),
            day.to_string(),
            (id_hash(origin.id) as i64).to_string(),
            u8::from(article.lede_truncated).to_string(),
            literal(origin.id.as_str()),
            literal(&article.path.to_string_lossy()),
            literal(article.url.as_deref().unwrap_or("")),
            literal(&article.title),
            literal(&article.lede),
            literal(&article.source),
            literal(&article.language),
            literal(&json(&article.paragraphs)),
            literal(&json(&article.problems)),
            literal(&meta),
        ];
        let mut hasher = blake3::Hasher::new();
        hasher.update(FORMAT.as_bytes());
        hasher.update(b"\0");
        for value in &values {
            hasher.update(value.as_bytes());
            hasher.update(b"\0");
        }
        Document {
            doc_id: doc_id(origin.id),
            id: origin.id.clone(),
            path: article.path.clone(),
            values,
            hash: hasher.finalize().to_hex().to_string(),
        }
    }

    /// `(id, …)` for `REPLACE INTO table (id, COLUMNS) VALUES …`.
    pub fn row(&self) -> String {
        format!("({}, {})", self.doc_id, self.values.join(", "))
    }
}

/// JSON for the list attributes, without a generic function per type.
mod erased {
    pub trait Json {
        fn to_json(&self) -> String;
    }

    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> String {
            serde_json::to_string(self).unwrap_or_else(|_| "[]".to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_text_is_folios_terms_with_gaps_for_stop_words() {
        assert_eq!(folded("Erdoğan à l'OTAN"), "erdogan a l otan");
        let english = tagged_body("en", ["War in the Ukraine"].into_iter());
        assert_eq!(folded(&english), "war _ _ ukraine");
        // Leading stop words leave no gap: nothing comes before them to keep apart.
        let leading = tagged_body("en", ["The war"].into_iter());
        assert_eq!(folded(&leading), "war");
        assert_eq!(folded("北京大学"), "北京 京大 大学");
    }

    #[test]
    fn a_document_id_is_positive_and_stable() {
        let id = ArticleId("https://example.org/a".into());
        assert_eq!(doc_id(&id), doc_id(&id));
        assert!(doc_id(&id) > 0 && doc_id(&id) <= i64::MAX as u64);
    }

    #[test]
    fn language_codes_become_one_token() {
        assert_eq!(language_token("pt-BR"), "pt_br");
        assert_eq!(language_token("en"), "en");
    }
}
