//! A file's articles handed out by position: the one reader each format goes to, the
//! position (and line) each article and problem carries, and the one article a read asks
//! for when the store wants it again.

use std::path::Path;

use super::format::{self, Format};
use super::source::Source;
use super::{Notes, decode, feed, json, jsonl, newsboat, seed, xml};
use crate::article::{Article, ArticleId, Place, Problem};

/// Which articles of a file a read wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Wanted {
    All,
    At(usize),
}

/// Hands the articles of a file of `format` to `each` (for `Wanted::At`, at least the one
/// wanted). One arm per format: a reader that returns its articles as a list (a feed, a
/// trafilatura XML file, a newsboat cache) is one `listed(...)` line. newsboat's reader
/// opens the database itself, read-only, by its path: SQLite needs the file, not its bytes.
pub(super) fn read_format(
    path: &Path,
    format: Format,
    file: &mut dyn Source,
    wanted: Wanted,
    each: &mut dyn FnMut(usize, Result<Article, Problem>),
) -> Result<(), Problem> {
    match format {
        Format::Seed => {
            let bytes = file.whole()?;
            single(path, wanted, each, || seed::parse_seed(path, &bytes))
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
        Format::Feed => listed(feed::read(path, &file.whole()?)?, wanted, each),
        Format::TrafilaturaXml => listed(xml::read(path, &file.whole()?)?, wanted, each),
        Format::Sqlite => listed(newsboat::read(path)?, wanted, each),
        Format::OtherXml => Err(format::other_xml_problem(path)),
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
pub(super) fn placed(
    path: &Path,
    format: Format,
    position: usize,
    result: Result<Article, Problem>,
) -> Result<Article, Problem> {
    let line = match format {
        Format::Seed | Format::JsonObject => return result,
        Format::JsonLines | Format::CompressedJsonLines(_) => Some(position as u64 + 1),
        Format::JsonArray
        | Format::Feed
        | Format::TrafilaturaXml
        | Format::Sqlite
        | Format::OtherXml => None,
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
