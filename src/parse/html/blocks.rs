//! The paragraphs and headings of a text, built from its elements as they open and close,
//! by their HTML names: block elements end a paragraph, headings mark theirs, list items
//! get their bullet or number, table cells are joined with ` | `, and `<pre>` keeps its
//! lines. Both the HTML tokenizer (`html.rs`) and trafilatura's XML (`xml.rs`) drive it.

use crate::article::Paragraph;
use crate::sanitize::sanitize;

/// Elements that start and end a paragraph of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
    "figure",
    "figcaption",
    "pre",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "dl",
    "dt",
    "dd",
    "address",
    "details",
    "summary",
    "center",
    "hr",
    "br",
    "fieldset",
    "legend",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// The paragraphs found so far, and the one being written. Driven by element names as HTML
/// spells them, so trafilatura's XML (`parse/xml.rs`) maps its elements onto these.
#[derive(Default)]
pub(in crate::parse) struct Blocks {
    out: Vec<Paragraph>,
    /// The current paragraph's text, whitespace already collapsed.
    line: String,
    /// Whitespace was seen since the last character kept: one space goes before the next.
    space: bool,
    /// Inside this many open headings.
    heading: usize,
    /// Inside this many `<pre>`: line ends there end paragraphs instead of becoming spaces.
    pre: usize,
    /// Open lists, innermost last: `None` for bullets, `Some(n)` for the next number.
    lists: Vec<Option<u64>>,
    /// The marker of the list item being written, put in front of it when it has text.
    marker: Option<String>,
}

impl Blocks {
    pub(in crate::parse) fn text(&mut self, text: &str) {
        for c in text.chars() {
            if c == '\n' && self.pre > 0 {
                self.end_paragraph();
            } else if c.is_whitespace() {
                self.space = !self.line.is_empty();
            } else {
                if self.space {
                    self.line.push(' ');
                    self.space = false;
                }
                self.line.push(c);
            }
        }
    }

    pub(in crate::parse) fn open(&mut self, name: &str, start: Option<u64>) {
        if HEADINGS.contains(&name) {
            self.end_paragraph();
            self.heading += 1;
        } else if name == "ul" || name == "ol" || name == "menu" {
            self.end_paragraph();
            self.lists
                .push((name == "ol").then_some(start.unwrap_or(1)));
        } else if name == "li" {
            self.end_paragraph();
            self.marker = Some(match self.lists.last_mut() {
                Some(Some(n)) => {
                    let marker = format!("{n}. ");
                    *n = n.saturating_add(1);
                    marker
                }
                _ => "• ".to_owned(),
            });
        } else if name == "td" || name == "th" {
            if !self.line.is_empty() {
                self.line.push_str(" | ");
            }
            self.space = false;
        } else if BLOCKS.contains(&name) {
            self.end_paragraph();
            if name == "pre" {
                self.pre += 1;
            }
        }
    }

    pub(in crate::parse) fn close(&mut self, name: &str) {
        if HEADINGS.contains(&name) {
            self.end_paragraph();
            self.heading = self.heading.saturating_sub(1);
        } else if name == "ul" || name == "ol" || name == "menu" {
            self.end_paragraph();
            self.lists.pop();
        } else if name == "li" || BLOCKS.contains(&name) {
            self.end_paragraph();
            if name == "pre" {
                self.pre = self.pre.saturating_sub(1);
            }
        }
    }

    /// The paragraphs, the last one ended.
    pub(in crate::parse) fn finish(mut self) -> Vec<Paragraph> {
        self.end_paragraph();
        self.out
    }

    /// Ends the paragraph being written; an empty one is not kept.
    fn end_paragraph(&mut self) {
        self.space = false;
        let marker = self.marker.take();
        if self.line.is_empty() {
            return;
        }
        let text = match marker {
            Some(m) => format!("{m}{}", self.line),
            None => std::mem::take(&mut self.line),
        };
        self.line.clear();
        // Sanitising removes invisible characters, which may be all the paragraph held.
        let text = sanitize(&text).trim().to_owned();
        if text.is_empty() {
            return;
        }
        self.out.push(if self.heading > 0 {
            Paragraph::Heading(text)
        } else {
            Paragraph::Text(text)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::texts;

    #[test]
    fn lists_quotes_and_tables() {
        let html = "<ul><li>Roads</li><li> </li><li>Schools</li></ul>\
                    <ol start=\"3\"><li>Third</li><li>Fourth</li></ol>\
                    <blockquote><p>We will build it.</p></blockquote>\
                    <table><tr><th>Year</th><th>Budget</th></tr><tr><td>2021</td><td>4.2m</td></tr></table>";
        assert_eq!(
            texts(html),
            [
                "• Roads",
                "• Schools",
                "3. Third",
                "4. Fourth",
                "We will build it.",
                "Year | Budget",
                "2021 | 4.2m",
            ]
        );
    }

    #[test]
    fn preformatted_lines_stay_lines() {
        assert_eq!(
            texts("<pre>line one\n  line two</pre>"),
            ["line one", "line two"]
        );
    }
}
