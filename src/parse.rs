//! One article file -> its [`Article`]s, or a [`Problem`] saying why a part of it or the
//! whole is not one. Pure functions over the file as a [`Source`] gives it, linear in the
//! input; the one reader that does I/O itself is newsboat's, since SQLite opens a database by
//! its path (read-only).
//!
//! The seed format (see DESIGN.md): a header line ` date YYYY-MM URL`, the title, the lede
//! ending in a trailer `DD.MM.YYYY, Source`, and the body, usually one line of glued
//! paragraphs. Lines may be separated by blank lines or not. Anything that deviates is read as
//! well as it can be and reported in [`Article::problems`]; only files that are not text, or
//! hold no title, are refused.
//!
//! - `read`: which reader a file's format goes to, and the position each article carries.
//! - `seed`: the seed format's lines put where they belong, and the article made of them.
//! - `decode`: bytes to text, binary detection, BOM, invalid UTF-8, line ends.
//! - `header`, `date`: the header line, and the date with its precision.
//! - `lede`: the lede's trailer (date, source) and truncation.
//! - `url`, `language`: source and language from the URL, or from the text.
//! - `body`: paragraphs and headings recovered from the glue.
//! - `text`: the body as searched, for the phrase checks that read articles again.
//! - `format`: which reader a file goes to (extension, then content), the XML folio names but
//!   cannot read, and SQLite's side files, which are never article files.
//! - `json`: news-please and trafilatura `--json` articles and plain (`cc_news`) rows: one
//!   JSON object to an article.
//! - `jsonl`: JSON Lines, plain or compressed, and JSON arrays: many articles a file.
//! - `source`: a file as a reader gets it, whole or as a stream.
//! - `feed`, `xml`, `newsboat`: RSS/RDF/Atom/JSON Feed files, trafilatura `--xml` files and
//!   newsboat's `cache.db`, many articles a file; `html` turns their HTML into paragraphs,
//!   `stamp` reads their dates, `item` holds what the three do alike, `salvage` reads the
//!   items of a feed cut short.
//! - `meta`: authors, categories and tags: split, cleaned, de-duplicated and bounded.
//!
//! This is the only module that knows a file format. A file holds zero or more articles,
//! each at a position (from 0, in the order the file holds them): everything else gets them
//! from [`read_articles`], one again from [`read_article_at`], and a body's text from
//! [`article_body_text`], so a new format is a new reader here (one arm in
//! `read::read_format`).
//!
//! An article's identity is its URL, else its file's path, and `path#position` for an
//! article past the first of a file that holds several. Its problems carry its position
//! (and line, for JSON Lines) so `folio check` can say which article of the file it means.

mod body;
mod date;
mod decode;
mod feed;
#[cfg(test)]
mod fixtures;
mod format;
mod header;
#[cfg(test)]
mod hostile_tests;
mod html;
mod item;
mod json;
mod jsonl;
mod language;
mod lede;
mod meta;
mod newsboat;
mod read;
mod salvage;
mod seed;
mod source;
mod stamp;
mod text;
mod url;
mod xml;

use std::borrow::Cow;
use std::path::Path;

use crate::article::{Article, Problem};
use read::{Wanted, placed, read_format};

pub use format::is_database_side_file;
pub use language::{UNDETERMINED, detect as detect_language};
pub use source::{Bytes, Source};
pub use text::{article_body_text, body_text_of};
/// For the catalog, which merges a host's name with the name its ledes give.
pub(crate) use url::{host as url_host, source_from_host};

/// Files larger than this are skipped and reported rather than parsed. Real articles are
/// kilobytes; 64 MB leaves room for pathological scrapes while bounding memory per file.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Titles are cut to this many characters (a 100 KB "title" is a scraping accident, and
/// would make every timeline row that shows it expensive).
pub const MAX_TITLE_CHARS: usize = 400;

/// Problems found while reading one file.
struct Notes<'p> {
    path: &'p Path,
    problems: Vec<Problem>,
}

impl<'p> Notes<'p> {
    fn new(path: &'p Path) -> Self {
        Notes {
            path,
            problems: Vec::new(),
        }
    }

    fn repaired(&mut self, what: impl Into<String>, action: impl Into<String>) {
        self.problems
            .push(Problem::repaired(self.path, what, action));
    }
}

/// An article of a file, or why there is none at that position.
pub type AtPosition = (usize, Result<Article, Problem>);

/// Reads every article of the file, handing each (or why a part of the file is none) to
/// `each` with its position, in the file's order. A file of many articles is read as a
/// stream where its format allows (JSON Lines), so memory stays bounded by a batch. `Err`:
/// the file as a whole is no article file (binary, not JSON, a format folio cannot read,
/// empty); nothing was handed to `each` then.
pub fn read_articles(
    path: &Path,
    file: &mut dyn Source,
    each: &mut dyn FnMut(usize, Result<Article, Problem>),
) -> Result<(), Problem> {
    let format = format::sniff(path, file.head()?);
    let mut any = false;
    read_format(path, format, file, Wanted::All, &mut |position, result| {
        any = true;
        each(position, placed(path, format, position, result));
    })?;
    if !any {
        return Err(Problem::skipped(path, "the file holds no articles"));
    }
    Ok(())
}

/// The article at `position` in the file, as [`read_articles`] gives it; for a JSON Lines
/// file the lines before it are passed over unparsed (but a compressed one is decompressed up
/// to it).
pub fn read_article_at(
    path: &Path,
    file: &mut dyn Source,
    position: usize,
) -> Result<Article, Problem> {
    let format = format::sniff(path, file.head()?);
    let mut found = None;
    read_format(
        path,
        format,
        file,
        Wanted::At(position),
        &mut |at, result| {
            if at == position && found.is_none() {
                found = Some(result);
            }
        },
    )?;
    let result = found.unwrap_or_else(|| {
        Err(Problem::skipped(
            path,
            format!(
                "the file holds no article {} now (it changed since it was indexed)",
                position + 1
            ),
        ))
    });
    placed(path, format, position, result)
}

/// Every article of a file in memory, with its position.
pub fn parse_articles(path: &Path, bytes: &[u8]) -> Result<Vec<AtPosition>, Problem> {
    let mut all = Vec::new();
    read_articles(path, &mut Bytes(bytes), &mut |i, r| all.push((i, r)))?;
    Ok(all)
}

/// The article in a file of any format folio reads, or why there is none; for a file of
/// several, the first.
pub fn parse_article(path: &Path, bytes: &[u8]) -> Result<Article, Problem> {
    let mut first = None;
    read_articles(path, &mut Bytes(bytes), &mut |_, r| {
        first.get_or_insert(r);
    })?;
    first.unwrap_or_else(|| Err(Problem::skipped(path, "the file holds no articles")))
}

/// The file's text, when it is text and not too large for one article.
fn decode<'b>(bytes: &'b [u8], notes: &mut Notes) -> Result<Cow<'b, str>, Problem> {
    let path = notes.path;
    within_limit(path, bytes, "the file", "one article")?;
    decode::decode(bytes, notes).map_err(|what| Problem::skipped(path, what))
}

/// `Err` when `bytes` are more than [`MAX_FILE_BYTES`]: "`what` is N MB, more than folio's
/// limit of 64 MB for `unit`".
fn within_limit(path: &Path, bytes: &[u8], what: &str, unit: &str) -> Result<(), Problem> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Problem::skipped(
            path,
            format!(
                "{what} is {} MB, more than folio's limit of {} MB for {unit}",
                bytes.len() >> 20,
                MAX_FILE_BYTES >> 20
            ),
        ));
    }
    Ok(())
}

/// Cuts an overlong title at a word boundary near [`MAX_TITLE_CHARS`], marking the cut with `…`.
fn cut_title(title: Cow<str>, notes: &mut Notes) -> String {
    let Some((at, _)) = title.char_indices().nth(MAX_TITLE_CHARS) else {
        return title.into_owned();
    };
    let head = title.get(..at).unwrap_or_default();
    let head = match head.rfind(' ') {
        Some(space) if space > at / 2 => head.get(..space).unwrap_or(head),
        _ => head,
    };
    notes.repaired(
        match title.len() {
            n if n >= 10 * 1024 => format!("the title is {} KB long", n / 1024),
            n => format!("the title is {n} bytes long"),
        },
        format!("cut it to {MAX_TITLE_CHARS} characters"),
    );
    format!("{}…", head.trim_end())
}
