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
//! whatever a later reader would do with them.

use std::path::Path;

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, events::BytesRef};

use super::{MAX_FILE_BYTES, Notes, html::Blocks, item, stamp, url};
use crate::article::{Article, ArticleId, Meta, Paragraph, Problem, Published};
use crate::sanitize::{sanitize, sanitize_url};

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
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(skip(format!(
            "the file is {} MB, more than folio's limit of {} MB for one file",
            bytes.len() >> 20,
            MAX_FILE_BYTES >> 20
        )));
    }
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

/// One `<doc>` as read: its attributes and the paragraphs of its `<main>`.
struct Doc {
    attributes: Vec<(String, String)>,
    paragraphs: Vec<Paragraph>,
    /// Undeclared entities met in the text, kept as written.
    unknown_entities: Vec<String>,
    /// Why the document ends early: malformed XML, or the file cut short.
    damage: Option<String>,
}

impl Doc {
    fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }
}

/// A `<doc>` being read.
struct Open {
    attributes: Vec<(String, String)>,
    blocks: Blocks,
    unknown_entities: Vec<String>,
    /// Elements open inside the `<doc>`.
    depth: usize,
    /// The depth of `<main>` while inside it.
    main: Option<usize>,
}

impl Open {
    fn new(start: &BytesStart) -> Open {
        Open {
            attributes: attributes(start),
            blocks: Blocks::default(),
            unknown_entities: Vec::new(),
            depth: 0,
            main: None,
        }
    }

    fn in_main(&self) -> bool {
        self.main.is_some()
    }

    fn start(&mut self, name: &str) {
        self.depth += 1;
        if self.main.is_none() && name == "main" {
            self.main = Some(self.depth);
        } else if self.in_main() {
            self.open(name);
        }
    }

    /// An element opened in `<main>`, as the HTML element it stands for.
    fn open(&mut self, name: &str) {
        if let Some(html) = as_html(name) {
            self.blocks.open(html, None);
        }
    }

    fn close(&mut self, name: &str) {
        if let Some(html) = as_html(name) {
            self.blocks.close(html);
        }
    }

    fn end(&mut self, name: &str) {
        if self.main == Some(self.depth) {
            self.main = None;
        } else if self.in_main() {
            self.close(name);
        }
        self.depth = self.depth.saturating_sub(1);
    }

    fn reference(&mut self, reference: &BytesRef) {
        if !self.in_main() {
            return;
        }
        match reference.resolve_char_ref() {
            Ok(Some(c)) => self.blocks.text(c.encode_utf8(&mut [0; 4])),
            _ => match resolve_predefined_entity(reference) {
                Some(text) => self.blocks.text(text),
                None => {
                    let written = format!("&{};", &**reference);
                    self.blocks.text(&written);
                    if !self.unknown_entities.contains(&written) {
                        self.unknown_entities.push(written);
                    }
                }
            },
        }
    }

    fn finish(self, damage: Option<String>) -> Doc {
        Doc {
            attributes: self.attributes,
            paragraphs: self.blocks.finish(),
            unknown_entities: self.unknown_entities,
            damage,
        }
    }
}

/// trafilatura's element names as the HTML ones `Blocks` knows; `None` for those dropped
/// (a `<graphic>` has no text) or inline (`<hi>`, `<ref>`, `<del>`), whose text is kept.
fn as_html(name: &str) -> Option<&'static str> {
    Some(match name {
        "p" => "p",
        "head" => "h2",
        "list" => "ul",
        "item" => "li",
        "quote" => "blockquote",
        "lb" => "br",
        "code" => "pre",
        "table" => "table",
        "row" => "tr",
        "cell" => "td",
        "div" => "div",
        _ => return None,
    })
}

/// Reads every `<doc>` in the text. `Err` when there is none, or the file is refused.
fn docs(text: &str) -> Result<Vec<Doc>, String> {
    let mut reader = Reader::from_str(text);
    let mut docs = Vec::new();
    let mut open: Option<Open> = None;
    let mut root: Option<String> = None;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let damage = format!(
                    "the XML is malformed at byte {} ({})",
                    reader.error_position(),
                    sanitize(&e.to_string())
                );
                match open.take() {
                    Some(doc) => docs.push(doc.finish(Some(damage))),
                    None if docs.is_empty() => return Err(damage),
                    // Damage after the last complete document loses no text of it.
                    None => {}
                }
                break;
            }
        };
        match event {
            Event::DocType(doctype) if doctype.contains('[') => {
                return Err(DTD_REFUSED.to_owned());
            }
            Event::Start(start) => {
                let name = local_name(&start);
                match open.as_mut() {
                    Some(doc) => doc.start(&name),
                    None if name == "doc" => open = Some(Open::new(&start)),
                    None => {
                        root.get_or_insert(name);
                    }
                }
            }
            Event::Empty(start) => {
                let name = local_name(&start);
                match open.as_mut() {
                    Some(doc) if doc.in_main() => {
                        doc.open(&name);
                        doc.close(&name);
                    }
                    Some(_) => {}
                    None if name == "doc" => docs.push(Open::new(&start).finish(None)),
                    None => {
                        root.get_or_insert(name);
                    }
                }
            }
            Event::End(end) => {
                let name = end.local_name().as_ref().to_owned();
                if let Some(doc) = open.as_mut() {
                    if doc.depth == 0 {
                        if let Some(doc) = open.take() {
                            docs.push(doc.finish(None));
                        }
                    } else {
                        doc.end(&name);
                    }
                }
            }
            Event::Text(text) => {
                if let Some(doc) = open.as_mut().filter(|d| d.in_main()) {
                    doc.blocks.text(&text.xml10_content());
                }
            }
            Event::CData(text) => {
                if let Some(doc) = open.as_mut().filter(|d| d.in_main()) {
                    doc.blocks.text(&text.xml10_content());
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(doc) = open.as_mut() {
                    doc.reference(&reference);
                }
            }
            Event::Eof => {
                if let Some(doc) = open.take() {
                    let damage = "the file ends inside a <doc> (it was cut short)".to_owned();
                    docs.push(doc.finish(Some(damage)));
                }
                break;
            }
            _ => {}
        }
    }
    if docs.is_empty() {
        return Err(match root.as_deref() {
            Some("TEI") => "the file is trafilatura's TEI XML (--xml-tei), which folio does not \
                            read; export with --xml or --json instead"
                .to_owned(),
            Some(other) => format!(
                "the XML's root is <{}>, not trafilatura's <doc>",
                sanitize(other)
            ),
            None => "the file holds no XML element".to_owned(),
        });
    }
    Ok(docs)
}

fn local_name(start: &BytesStart) -> String {
    start.local_name().as_ref().to_owned()
}

/// An element's attributes, values unescaped; a value with an undeclared entity is kept as
/// written, a malformed attribute left out.
fn attributes(start: &BytesStart) -> Vec<(String, String)> {
    start
        .attributes()
        .filter_map(Result::ok)
        .map(|a| {
            let key = a.key.local_name().as_ref().to_owned();
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .unwrap_or_else(|_| a.value.clone());
            (key, value.into_owned())
        })
        .collect()
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
    let Some(title) = item::title(own_title, &paragraphs, &mut notes) else {
        let what = if many { name } else { "the <doc>".to_owned() };
        return Err(item::skipped(
            path,
            &what,
            "has neither a title nor any text",
        ));
    };
    item::drop_repeated_title(&mut paragraphs, &title);
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
    let mut article = Article {
        id: ArticleId::of(url.as_deref(), path),
        path: path.to_path_buf(),
        url,
        title,
        lede: sanitize(&lede).into_owned(),
        lede_truncated,
        source,
        language,
        published,
        paragraphs,
        meta,
        problems: Vec::new(),
    };
    item::note_empty_body(&article, &mut notes);
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
