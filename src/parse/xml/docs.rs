//! trafilatura's XML as a list of `<doc>`s: each with its attributes, the paragraphs of its
//! `<main>` (its elements mapped onto the HTML ones [`Blocks`] knows), the undeclared
//! entities met in its text, and the damage that cut it short. What a `<doc>` means as an
//! article is `xml.rs`'s job.

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, events::BytesRef};

use super::DTD_REFUSED;
use crate::article::Paragraph;
use crate::parse::html::Blocks;
use crate::sanitize::sanitize;

/// One `<doc>` as read: its attributes and the paragraphs of its `<main>`.
pub(super) struct Doc {
    attributes: Vec<(String, String)>,
    pub(super) paragraphs: Vec<Paragraph>,
    /// Undeclared entities met in the text, kept as written.
    pub(super) unknown_entities: Vec<String>,
    /// Why the document ends early: malformed XML, or the file cut short.
    pub(super) damage: Option<String>,
}

impl Doc {
    pub(super) fn get(&self, name: &str) -> Option<&str> {
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
pub(super) fn docs(text: &str) -> Result<Vec<Doc>, String> {
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
