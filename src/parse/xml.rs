//! trafilatura's `--xml` output: a `<doc>` whose attributes hold the metadata (`title`,
//! `author`, `date`, `url` or `source`, `hostname`, `sitename`, `excerpt` or `description`,
//! `categories`, `tags`, `language`, `image`) and whose `<main>` holds the text as `<p>`,
//! `<head>`, `<list>`/`<item>`, `<quote>`, `<lb/>`, `<table>`/`<row>`/`<cell>`. Reader
//! comments in `<comments>` are not the article and are left out. A file of several `<doc>`s
//! (trafilatura's output for many pages, concatenated) gives one article each.
//!
//! Read with quick-xml, which expands no entity but the five XML predefines and character
//! references. A document type with an internal subset (where `<!ENTITY` declarations live) is
//! refused outright, here and for feeds, so entity bombs and external entities cannot work
//! whatever a later reader would do with them. Reading the `<doc>`s out of the XML is
//! `docs`' job; this file makes each an article.

use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{Notes, item, stamp, url, within_limit};
use crate::article::{Article, Meta, Problem, Published};
use crate::sanitize::{sanitize, sanitize_url};
use docs::{Doc, docs};

mod docs;

/// The problem of a file that declares entities or a DTD of its own.
const DTD_REFUSED: &str = "the file declares a document type with its own definitions \
     (<!DOCTYPE ... [ ... ]>, where entities are declared); folio refuses these so that \
     entity bombs and external entities cannot work. Remove the DOCTYPE to read the file";

/// `Err` with [`DTD_REFUSED`] when the XML in `bytes` has a document type with an internal
/// subset. A bare `<!DOCTYPE rss PUBLIC ... "...dtd">` (as Netscape's RSS 0.91 files carry)
/// is let through: folio never fetches or reads an external DTD, so it declares nothing.
/// Only the prolog is read; the document type cannot come after the root element.
pub(super) fn refuse_dtd(bytes: &[u8]) -> Result<(), String> {
    // A JSON Feed is no XML, though the HTML in its strings may hold a `<!DOCTYPE`.
    let start = bytes
        .strip_prefix(b"\xef\xbb\xbf")
        .unwrap_or(bytes)
        .trim_ascii_start();
    if start.starts_with(b"{") {
        return Ok(());
    }
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::DocType(doctype)) if doctype.contains('[') => {
                return Err(DTD_REFUSED.to_owned());
            }
            Ok(Event::Start(_) | Event::Empty(_) | Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => buf.clear(),
        }
    }
}

/// The articles in a trafilatura XML file, one per `<doc>`, in the file's order.
pub(super) fn read(path: &Path, bytes: &[u8]) -> Result<Vec<Result<Article, Problem>>, Problem> {
    let skip = |what: String| Problem::skipped(path, what);
    within_limit(path, bytes, "the file", "one file")?;
    let mut notes = Notes::new(path);
    let text = super::decode(bytes, &mut notes)?;
    // Repairs of the whole file (its encoding) belong to every article in it.
    let file_problems = notes.problems;
    let docs = docs(&text).map_err(skip)?;
    let many = docs.len() > 1;
    Ok(docs
        .into_iter()
        .enumerate()
        .map(|(position, doc)| article(path, position, many, doc, &file_problems))
        .collect())
}

fn article(
    path: &Path,
    position: usize,
    many: bool,
    doc: Doc,
    file_problems: &[Problem],
) -> Result<Article, Problem> {
    let own_title = doc.get("title");
    let url = doc
        .get("url")
        .or_else(|| doc.get("source"))
        .map(|u| sanitize_url(u).into_owned());
    let name = item::name(position, own_title.or(url.as_deref()));
    let mut notes = Notes::new(path);
    let mut paragraphs = doc.paragraphs.clone();
    let what = if many { name.as_str() } else { "the <doc>" };
    let title = item::titled(path, what, own_title, &mut paragraphs, &mut notes)?;
    let summary = doc.get("excerpt").or_else(|| doc.get("description"));
    let (lede, lede_truncated) =
        summary.map_or((String::new(), false), |s| item::lede(s, &paragraphs));
    let published = published(doc.get("date"), &mut notes);
    let host = doc
        .get("hostname")
        .or_else(|| doc.get("source-hostname"))
        .map(str::to_lowercase)
        .or_else(|| url.as_deref().and_then(url::host));
    let source = match (doc.get("sitename"), host) {
        (Some(site), _) => sanitize(site).into_owned(),
        (None, Some(host)) => sanitize(&url::source_from_host(&host)).into_owned(),
        (None, None) => String::new(),
    };
    let language = item::language_of(doc.get("language"), &title, &lede, &paragraphs, &mut notes);
    let meta = Meta {
        authors: list(doc.get("author"), false),
        categories: list(doc.get("categories"), true),
        tags: list(doc.get("tags"), true),
        image_url: doc.get("image").map(|u| sanitize_url(u).into_owned()),
    };
    if !doc.unknown_entities.is_empty() {
        notes.repaired(
            format!(
                "undeclared entities in the text ({})",
                sanitize(&doc.unknown_entities.join(" "))
            ),
            "kept them as written",
        );
    }
    if let Some(damage) = &doc.damage {
        notes.repaired(damage.clone(), "kept the text before it");
    }
    let fields = item::Fields {
        url,
        title,
        lede,
        lede_truncated,
        source,
        language,
        published,
        paragraphs,
        meta,
    };
    let mut article = item::article(path, fields, &mut notes);
    let mut problems = file_problems.to_vec();
    problems.extend(if many {
        item::named(notes.problems, &name)
    } else {
        notes.problems
    });
    article.problems = problems;
    Ok(article)
}

fn published(date: Option<&str>, notes: &mut Notes) -> Option<Published> {
    let published = date.and_then(|d| {
        let published = stamp::published(d);
        if published.is_none() {
            notes.repaired(
                format!("the date \"{}\" is not a date", sanitize(d)),
                "ignored it",
            );
        }
        published
    });
    item::date_or_note(published, None, notes)
}

/// trafilatura joins a list with `;`. Keywords copied from a page's meta tags may be joined
/// with `,` instead; names never are split there (`Doe, Jane` is one author).
fn list(joined: Option<&str>, commas: bool) -> Vec<String> {
    let Some(joined) = joined else {
        return Vec::new();
    };
    let separator = if commas && !joined.contains(';') {
        ','
    } else {
        ';'
    };
    item::clean_list(joined.split(separator))
}

#[cfg(test)]
#[path = "xml_tests.rs"]
mod tests;
