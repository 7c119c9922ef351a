//! The index's fields. Bodies are indexed but not stored: articles are re-read from their
//! files on `load`, which stay the source of truth. Bodies are also indexed without word
//! positions, which were half of the index: phrases over bodies are checked on the files
//! instead (`search::verified`), and the index stays near 30% of the text.
//!
//! Each searched field (title, lede, body, source) has a companion that holds the one- and
//! two-character starts of its words ([`super::tokenizer::StartsTokenizer`]), so that a word
//! start that short is one posting list rather than the thousands of words it begins. They
//! hold documents only (no frequencies, positions or norms): they decide what matches, never
//! how it ranks.

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{TantivyDocument, TantivyError};

use super::tokenizer::{STARTS_TOKENIZER, TOKENIZER};

/// What a document stands for (the `kind` fast field).
pub const KIND_ARTICLE: u64 = 0;
/// A file that could not be read as an article: kept so that its problem is shown on a warm
/// open, and so that an unchanged bad file is not re-read on every sync.
pub const KIND_SKIPPED: u64 = 1;

pub const ID: &str = "id";
pub const PATH: &str = "path";
pub const PATH_HASH: &str = "path_hash";
/// The article's position in its file (from 0): a file may hold many (JSON Lines, feeds).
pub const POSITION: &str = "position";
pub const URL: &str = "url";
pub const TITLE: &str = "title";
pub const LEDE: &str = "lede";
pub const BODY: &str = "body";
pub const SOURCE: &str = "source";
/// The URL's host, lowercased: with the source column it tells which articles of an outlet
/// were named after their host (`catalog::SourceNames`), and `source:` searches find them.
pub const HOST: &str = "host";
pub const LANGUAGE: &str = "language";
/// `Published::sort_key` (which also encodes the precision), or `i32::MIN` when undated.
pub const DATE_KEY: &str = "date_key";
pub const ID_HASH: &str = "id_hash";
pub const SIZE: &str = "size";
/// Modification time in nanoseconds since the Unix epoch.
pub const MTIME: &str = "mtime";
pub const KIND: &str = "kind";
pub const PROBLEM_COUNT: &str = "problem_count";
/// The problems as a JSON array, stored only.
pub const PROBLEMS: &str = "problems";
/// The article's names (one value each), searched by `author:`; phrases stay within a name.
pub const AUTHOR: &str = "author";
/// Its categories and tags (one value each), searched by `tag:`.
pub const TAG: &str = "tag";
/// Authors, categories, tags and image as a JSON object (`article::Meta`), stored only and
/// only when one of them is there.
pub const META: &str = "meta";
/// The starts of the words of title, lede, body and source (see the module comment).
pub const TITLE_STARTS: &str = "title_starts";
pub const LEDE_STARTS: &str = "lede_starts";
pub const BODY_STARTS: &str = "body_starts";
pub const SOURCE_STARTS: &str = "source_starts";
/// The body's MinHash signature (`copies::Signature::packed`): 16 u64 values a document, in
/// order; none when the body is too short to judge (see `copies`).
pub const MINHASH: &str = "minhash";
/// The number of shingles the signature was made from.
pub const SHINGLES: &str = "shingles";

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub path: Field,
    pub path_hash: Field,
    pub position: Field,
    pub url: Field,
    pub title: Field,
    pub lede: Field,
    pub body: Field,
    pub source: Field,
    pub host: Field,
    pub language: Field,
    pub date_key: Field,
    pub id_hash: Field,
    pub size: Field,
    pub mtime: Field,
    pub kind: Field,
    pub problem_count: Field,
    pub problems: Field,
    pub author: Field,
    pub tag: Field,
    pub meta: Field,
    pub title_starts: Field,
    pub lede_starts: Field,
    pub body_starts: Field,
    pub source_starts: Field,
    pub minhash: Field,
    pub shingles: Field,
}

pub fn schema() -> Schema {
    let indexed = |option| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(option),
        )
    };
    let text = indexed(IndexRecordOption::WithFreqsAndPositions);
    let mut b = Schema::builder();
    // A raw fast column too: a bulk action over every result of a search reads 100k ids
    // from it in milliseconds, where the stored documents take most of a second.
    b.add_text_field(ID, TextOptions::default().set_stored().set_fast(None));
    b.add_text_field(PATH, STORED);
    b.add_u64_field(PATH_HASH, INDEXED | FAST);
    b.add_u64_field(POSITION, FAST | STORED);
    b.add_text_field(URL, STORED);
    b.add_text_field(TITLE, text.clone().set_stored());
    b.add_text_field(LEDE, text.clone().set_stored());
    // Frequencies stay: relevance order weighs how often a word occurs.
    b.add_text_field(BODY, indexed(IndexRecordOption::WithFreqs));
    // Searched as words, and a raw fast column for facets and the timeline's source index.
    b.add_text_field(SOURCE, text.set_stored().set_fast(None));
    b.add_text_field(HOST, STRING | FAST);
    b.add_text_field(LANGUAGE, STRING | FAST | STORED);
    b.add_i64_field(DATE_KEY, INDEXED | FAST | STORED);
    b.add_u64_field(ID_HASH, INDEXED | FAST);
    b.add_u64_field(SIZE, FAST | STORED);
    b.add_i64_field(MTIME, FAST | STORED);
    b.add_u64_field(KIND, FAST);
    b.add_u64_field(PROBLEM_COUNT, FAST);
    b.add_text_field(PROBLEMS, STORED);
    let starts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(STARTS_TOKENIZER)
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    for name in [TITLE_STARTS, LEDE_STARTS, BODY_STARTS, SOURCE_STARTS] {
        b.add_text_field(name, starts.clone());
    }
    // Few words each: their prefixes walk the terms rather than keep a starts field.
    for name in [AUTHOR, TAG] {
        b.add_text_field(name, indexed(IndexRecordOption::WithFreqsAndPositions));
    }
    b.add_text_field(META, STORED);
    b.add_u64_field(MINHASH, FAST);
    b.add_u64_field(SHINGLES, FAST);
    b.build()
}

impl Fields {
    pub fn new(schema: &Schema) -> Result<Fields, TantivyError> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: f(ID)?,
            path: f(PATH)?,
            path_hash: f(PATH_HASH)?,
            position: f(POSITION)?,
            url: f(URL)?,
            title: f(TITLE)?,
            lede: f(LEDE)?,
            body: f(BODY)?,
            source: f(SOURCE)?,
            host: f(HOST)?,
            language: f(LANGUAGE)?,
            date_key: f(DATE_KEY)?,
            id_hash: f(ID_HASH)?,
            size: f(SIZE)?,
            mtime: f(MTIME)?,
            kind: f(KIND)?,
            problem_count: f(PROBLEM_COUNT)?,
            problems: f(PROBLEMS)?,
            author: f(AUTHOR)?,
            tag: f(TAG)?,
            meta: f(META)?,
            title_starts: f(TITLE_STARTS)?,
            lede_starts: f(LEDE_STARTS)?,
            body_starts: f(BODY_STARTS)?,
            source_starts: f(SOURCE_STARTS)?,
            minhash: f(MINHASH)?,
            shingles: f(SHINGLES)?,
        })
    }

    /// The field holding the short starts of `words`' words, if it is a searched field.
    pub fn starts_of(&self, words: Field) -> Option<Field> {
        [
            (self.title, self.title_starts),
            (self.lede, self.lede_starts),
            (self.body, self.body_starts),
            (self.source, self.source_starts),
        ]
        .into_iter()
        .find_map(|(field, starts)| (field == words).then_some(starts))
    }

    /// Adds `text` to a searched field and the same text to its starts field, which analyzes
    /// it into the starts of the words the field holds.
    pub fn add_searched(&self, doc: &mut TantivyDocument, words: Field, text: &str) {
        if let Some(starts) = self.starts_of(words) {
            doc.add_text(starts, text);
        }
        doc.add_text(words, text);
    }
}
