//! The seed format (see DESIGN.md): a header line ` date YYYY-MM URL`, the title, the lede
//! ending in a trailer `DD.MM.YYYY, Source`, and the body, usually one line of glued
//! paragraphs. Each line is put where it belongs and the article assembled from them; what
//! deviates is read as well as it can be and noted.

use std::borrow::Cow;
use std::cell::LazyCell;
use std::path::Path;

use super::{Notes, body, cut_title, date, decode, header, language, lede, url};
use crate::article::{Article, ArticleId, Paragraph, Problem};
use crate::sanitize::{sanitize, sanitize_url};

/// A line this long without a trailer is body text, not a lede.
const MAX_LEDE_BYTES: usize = 2000;

/// The article in a seed-format file.
pub(super) fn parse_seed(path: &Path, bytes: &[u8]) -> Result<Article, Problem> {
    let mut notes = Notes::new(path);
    let text = decode(bytes, &mut notes)?;
    super::decode::line_ending_notes(&text, &mut notes);
    let lines = article_lines(&text, &mut notes)?;
    Ok(finish(path, lines, notes))
}

/// The lines of a seed-format article, each where it belongs.
pub(super) struct Lines<'t> {
    pub(super) header: Option<header::Header<'t>>,
    /// Sanitised, and cut when overlong.
    pub(super) title: String,
    pub(super) lede: Option<&'t str>,
    pub(super) body: Vec<&'t str>,
}

pub(super) fn article_lines<'t>(text: &'t str, notes: &mut Notes) -> Result<Lines<'t>, Problem> {
    let path = notes.path;
    let skip = |what: &str| Problem::skipped(path, what);
    let mut lines = super::decode::lines(text)
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
pub(super) struct Body {
    pub(super) paragraphs: Vec<Paragraph>,
    language: Option<&'static str>,
}

/// Reads the body's paragraphs. The language (from the URL's host, else detected in the
/// text) is worked out only when a seam in the body depends on it or `with_language` asks:
/// detecting it is a fifth of a parse, and the phrase checks need the paragraphs only.
pub(super) fn read_body(
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
