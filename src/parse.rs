//! Bytes of one article file -> [`Article`], or a [`Problem`] saying why it is not one.
//! Pure functions, no I/O, linear in the input.
//!
//! The seed format (see DESIGN.md): a header line ` date YYYY-MM URL`, the title, the lede
//! ending in a trailer `DD.MM.YYYY, Source`, and the body, usually one line of glued
//! paragraphs. Lines may be separated by blank lines or not. Anything that deviates is read as
//! well as it can be and reported in [`Article::problems`]; only files that are not text, or
//! hold no title, are refused.
//!
//! - `decode`: bytes to text, binary detection, BOM, invalid UTF-8, line ends.
//! - `header`, `date`: the header line, and the date with its precision.
//! - `lede`: the lede's trailer (date, source) and truncation.
//! - `url`, `language`: source and language from the URL, or from the text.
//! - `body`: paragraphs and headings recovered from the glue.
//! - `text`: the body as searched, for the phrase checks that read articles again.
//! - `format`: which reader a file goes to (extension, then content), and the formats folio
//!   names but cannot read yet.
//! - `json`: news-please and trafilatura `--json` articles and plain (`cc_news`) rows: one
//!   JSON object to an article.
//! - `jsonl`: JSON Lines, plain or compressed, and JSON arrays: many articles a file.
//! - `source`: a file as a reader gets it, whole or as a stream.
//! - `feed`, `xml`, `newsboat`: RSS/Atom/JSON Feed files, trafilatura `--xml` files and
//!   newsboat's `cache.db`, many articles a file; `html` turns their HTML into paragraphs,
//!   `stamp` reads their dates, `item` holds what the three do alike.
//! - `meta`: authors, categories and tags: split, cleaned, de-duplicated and bounded.
//!
//! This is the only module that knows a file format. A file holds zero or more articles,
//! each at a position (from 0, in the order the file holds them): everything else gets them
//! from [`read_articles`], one again from [`read_article_at`], and a body's text from
//! [`article_body_text`], so a new format is a new reader here (one arm in `read_format`).
//!
//! An article's identity is its URL, else its file's path, and `path#position` for an
//! article past the first of a file that holds several. Its problems carry its position
//! (and line, for JSON Lines) so `folio check` can say which article of the file it means.

mod body;
mod date;
mod decode;
// The readers of issue 15's multi-article formats and their helpers; the dispatch in
// `format.rs` wires them in, until then only their tests call them.
#[allow(dead_code)]
mod feed;
#[cfg(test)]
mod fixtures;
mod format;
mod header;
#[cfg(test)]
mod hostile_tests;
#[allow(dead_code)]
mod html;
#[allow(dead_code)]
mod item;
mod json;
mod jsonl;
mod language;
mod lede;
#[allow(dead_code)]
mod newsboat;
#[allow(dead_code)]
mod salvage;
#[allow(dead_code)]
mod stamp;
mod meta;
mod source;
mod text;
mod url;
#[allow(dead_code)]
mod xml;

use std::borrow::Cow;
use std::cell::LazyCell;
use std::path::Path;

use crate::article::{Article, ArticleId, Paragraph, Place, Problem};
use crate::sanitize::{sanitize, sanitize_url};
use format::Format;

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

/// A line this long without a trailer is body text, not a lede.
const MAX_LEDE_BYTES: usize = 2000;

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

/// Which articles of a file a read wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wanted {
    All,
    At(usize),
}

/// Hands the articles of a file of `format` to `each` (for `Wanted::At`, at least the one
/// wanted). One arm per format: a reader that returns its articles as a list (a feed, a
/// newsboat cache) is one `listed(...)` line here, e.g.
/// `Format::Unreadable(Unreadable::Rss | Unreadable::Atom | Unreadable::JsonFeed) =>
/// listed(feed::read(path, &file.whole()?)?, wanted, each)`, or for a reader that opens
/// the file itself, `Format::Unreadable(Unreadable::Sqlite) => listed(newsboat::read(path)?,
/// wanted, each)`.
fn read_format(
    path: &Path,
    format: Format,
    file: &mut dyn Source,
    wanted: Wanted,
    each: &mut dyn FnMut(usize, Result<Article, Problem>),
) -> Result<(), Problem> {
    match format {
        Format::Seed => {
            let bytes = file.whole()?;
            single(path, wanted, each, || parse_seed(path, &bytes))
        }
        Format::JsonObject => {
            let bytes = file.whole()?;
            single(path, wanted, each, || {
                let mut notes = Notes::new(path);
                let text = decode(&bytes, &mut notes)?;
                json::parse(&text, notes)
            })
        }
        Format::JsonLines => match wanted {
            // Straight to the line when the store knows where it starts.
            Wanted::At(position) => {
                if let Some(stream) = file.stream_from_line(position) {
                    each(position, jsonl::read_at(path, stream?, 0));
                    return Ok(());
                }
                lines(path, file.stream()?, wanted, each)
            }
            Wanted::All => lines(path, file.stream()?, wanted, each),
        },
        Format::CompressedJsonLines(how) => lines(
            path,
            jsonl::decompress(path, file.stream()?, how)?,
            wanted,
            each,
        ),
        Format::JsonArray => {
            let bytes = file.whole()?;
            let mut notes = Notes::new(path);
            let text = decode(&bytes, &mut notes)?;
            let mut articles = jsonl::read_array(path, &text)?;
            // What the file's decoding repaired goes with its first article.
            if let Some(Ok(first)) = articles.first_mut() {
                first.problems.splice(0..0, notes.problems);
            }
            listed(articles, wanted, each)
        }
        Format::Unreadable(kind) => Err(kind.problem(path)),
    }
}

/// A file of one article: that article (or why the file is none) at position 0.
fn single(
    path: &Path,
    wanted: Wanted,
    each: &mut dyn FnMut(usize, Result<Article, Problem>),
    parse: impl FnOnce() -> Result<Article, Problem>,
) -> Result<(), Problem> {
    match wanted {
        Wanted::At(position) if position > 0 => Err(Problem::skipped(
            path,
            format!("the file holds one article, not {}", position + 1),
        )),
        _ => {
            each(0, Ok(parse()?));
            Ok(())
        }
    }
}

fn lines(
    path: &Path,
    stream: Box<dyn std::io::BufRead + Send + '_>,
    wanted: Wanted,
    each: &mut dyn FnMut(usize, Result<Article, Problem>),
) -> Result<(), Problem> {
    match wanted {
        Wanted::All => jsonl::read(path, stream, each),
        Wanted::At(position) => each(position, jsonl::read_at(path, stream, position)),
    }
    Ok(())
}

/// The articles of a reader that gives them as a list, the position of each its index.
fn listed(
    articles: Vec<Result<Article, Problem>>,
    wanted: Wanted,
    each: &mut dyn FnMut(usize, Result<Article, Problem>),
) -> Result<(), Problem> {
    for (position, result) in articles.into_iter().enumerate() {
        if wanted == Wanted::All || wanted == Wanted::At(position) {
            each(position, result);
        }
    }
    Ok(())
}

/// An article of a file of several given its place: its identity made unique in the file
/// when it has no URL, and its problems placed.
fn placed(
    path: &Path,
    format: Format,
    position: usize,
    result: Result<Article, Problem>,
) -> Result<Article, Problem> {
    let line = match format {
        Format::Seed | Format::JsonObject => return result,
        Format::JsonLines | Format::CompressedJsonLines(_) => Some(position as u64 + 1),
        Format::JsonArray | Format::Unreadable(_) => None,
    };
    let place = Place {
        position: position as u64,
        line,
    };
    match result {
        Ok(mut article) => {
            if article.url.is_none() && position > 0 {
                let id = ArticleId::of(None, path);
                article.id = ArticleId(format!("{id}#{position}"));
            }
            for problem in &mut article.problems {
                problem.at = Some(place);
            }
            Ok(article)
        }
        Err(problem) => Err(problem.at(place)),
    }
}

/// The article in a seed-format file.
fn parse_seed(path: &Path, bytes: &[u8]) -> Result<Article, Problem> {
    let mut notes = Notes::new(path);
    let text = decode(bytes, &mut notes)?;
    decode::line_ending_notes(&text, &mut notes);
    let lines = article_lines(&text, &mut notes)?;
    Ok(finish(path, lines, notes))
}

/// The file's text, when it is text and not too large for one article.
fn decode<'b>(bytes: &'b [u8], notes: &mut Notes) -> Result<Cow<'b, str>, Problem> {
    let path = notes.path;
    let skip = |what: String| Problem::skipped(path, what);
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(skip(format!(
            "the file is {} MB, more than folio's limit of {} MB for one article",
            bytes.len() >> 20,
            MAX_FILE_BYTES >> 20
        )));
    }
    decode::decode(bytes, notes).map_err(skip)
}

/// The lines of a seed-format article, each where it belongs.
struct Lines<'t> {
    header: Option<header::Header<'t>>,
    /// Sanitised, and cut when overlong.
    title: String,
    lede: Option<&'t str>,
    body: Vec<&'t str>,
}

fn article_lines<'t>(text: &'t str, notes: &mut Notes) -> Result<Lines<'t>, Problem> {
    let path = notes.path;
    let skip = |what: &str| Problem::skipped(path, what);
    let mut lines = decode::lines(text)
        .filter(|l| !l.trim().is_empty())
        .peekable();
    let Some(first) = lines.next() else {
        return Err(skip("the file holds only blank space"));
    };
    let header = header::parse(first, notes);
    let title = if header.is_some() {
        lines.next()
    } else {
        notes.repaired(
            "no header line with the date and URL",
            "read the first line as the title",
        );
        Some(first)
    };
    let Some(title) = title else {
        return Err(skip("the file has a header line but no title or text"));
    };
    let title = cut_title(sanitize(title.trim()), notes);

    let (lede, body): (Option<&str>, Vec<&str>) = match lines.next() {
        Some(l) if lede::has_trailer(l) => (Some(l), lines.collect()),
        Some(l) if l.len() <= MAX_LEDE_BYTES && lines.peek().is_some() => {
            (Some(l), lines.collect())
        }
        Some(l) => {
            // A long line without a trailer, or the only line left: the body, lede missing.
            notes.repaired("no lede line", "left the lede empty");
            (None, std::iter::once(l).chain(lines).collect())
        }
        None => {
            notes.repaired("no lede line", "left the lede empty");
            (None, Vec::new())
        }
    };
    if body.is_empty() {
        notes.repaired("no body text", "showing the title and lede only");
    }
    Ok(Lines {
        header,
        title,
        lede,
        body,
    })
}

fn finish(path: &Path, lines: Lines, mut notes: Notes) -> Article {
    let Lines {
        header,
        title,
        lede: lede_line,
        body: body_lines,
    } = lines;
    let header = header.unwrap_or_default();
    let lede = lede_line.map(lede::split);
    let url = header.url.map(|u| sanitize_url(u).into_owned());
    let host = header.url.and_then(url::host);

    let evidence = date::Evidence {
        header: header.date,
        trailer: lede.as_ref().and_then(|l| l.date),
        url: header.url.and_then(date::from_url),
    };
    let published = date::resolve(&evidence, &mut notes);
    if published.is_none() {
        notes.repaired("no usable date", "listed it after all dated articles");
    }

    let source = match (lede.as_ref().and_then(|l| l.source), &host) {
        (Some(s), _) => sanitize(s).into_owned(),
        (None, Some(h)) => sanitize(&url::source_from_host(h)).into_owned(),
        (None, None) => String::new(),
    };

    let lede_text = lede.as_ref().map_or("", |l| l.text);
    let body = read_body(&title, lede_text, &body_lines, host.as_deref(), true);

    Article {
        id: ArticleId::of(url.as_deref(), path),
        path: path.to_path_buf(),
        url,
        title,
        lede: lede
            .as_ref()
            .map_or_else(String::new, |l| sanitize(l.text).into_owned()),
        lede_truncated: lede.as_ref().is_some_and(|l| l.truncated),
        source,
        language: body.language.unwrap_or(language::UNDETERMINED).to_owned(),
        published,
        paragraphs: body.paragraphs,
        meta: Default::default(),
        problems: notes.problems,
    }
}

/// A body as the reader shows it, and the article's language when it was asked for.
struct Body {
    paragraphs: Vec<Paragraph>,
    language: Option<&'static str>,
}

/// Reads the body's paragraphs. The language (from the URL's host, else detected in the
/// text) is worked out only when a seam in the body depends on it or `with_language` asks:
/// detecting it is a fifth of a parse, and the phrase checks need the paragraphs only.
fn read_body(
    title: &str,
    lede_text: &str,
    body: &[&str],
    host: Option<&str>,
    with_language: bool,
) -> Body {
    // Sanitised per line first, so the glue recovery sees what the reader will see.
    let body_lines: Vec<Cow<str>> = body.iter().map(|l| sanitize(l)).collect();
    let body_lines: Vec<&str> = body_lines.iter().map(|l| l.as_ref()).collect();
    let language = LazyCell::new(|| {
        host.and_then(language::from_host)
            .unwrap_or_else(|| language::detect_article(title, lede_text, &body_lines))
    });
    let known = || Some(*language).filter(|&l| l != language::UNDETERMINED);
    let paragraphs = body::paragraphs(&body_lines, &[title, lede_text], &known);
    Body {
        paragraphs,
        language: with_language.then(|| *language),
    }
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
