//! HTML from a feed item or newsboat's cache -> the paragraphs and headings the reader shows.
//!
//! Read by html5ever's tokenizer, as a browser reads it, so broken markup, stray `<` and
//! entities come out the way their author saw them; never by pattern matching. The tokenizer
//! is driven without a tree builder: what is kept is text, so no tree is needed, and building
//! one costs time quadratic in the nesting depth (100,000 nested `<div>`s, which a hostile
//! feed can send, took 45 seconds). The sink switches the tokenizer to raw text inside
//! `<script>`, `<style>` and the like, as the tree builder would.
//!
//! `<p>`, `<div>`, `<blockquote>`, `<br>` and list items end a paragraph, `<h1>`..`<h6>`
//! become headings, table cells are joined with ` | `. Scripts, styles, comments, form
//! controls and embedded objects are dropped with everything inside them. Every paragraph is
//! passed through [`sanitize`], so an escape sequence written into the HTML (raw, or as
//! `&#27;`) reaches the screen as a visible placeholder and nothing else. What an element
//! does to the paragraphs is `blocks`' job; this file decides which elements are read.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use crate::article::Paragraph;
use crate::sanitize::sanitize;

mod blocks;
pub(super) use blocks::Blocks;

/// The paragraphs and headings of an HTML fragment, in document order, none of them empty.
pub(super) fn paragraphs(html: &str) -> Vec<Paragraph> {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    // The sink never asks the tokenizer to pause for a script, so one feed reads it all.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.walk.into_inner().blocks.finish()
}

/// Receives the tokens; the tokenizer hands them over through `&self`.
#[derive(Default)]
struct Sink {
    walk: RefCell<Walk>,
}

#[derive(Default)]
struct Walk {
    blocks: Blocks,
    /// The dropped element being skipped, and how many of its name are open.
    skipping: Option<(String, usize)>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        // The tokenizer never calls back while a token is processed, so the borrow is free.
        let Ok(mut walk) = self.walk.try_borrow_mut() else {
            return TokenSinkResult::Continue;
        };
        match token {
            Token::TagToken(tag) => return walk.tag(&tag),
            Token::CharacterTokens(text) if walk.skipping.is_none() => walk.blocks.text(&text),
            // Comments, doctypes, NUL characters and parse errors are not text.
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl Walk {
    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        if let Some((skipped, open)) = &mut self.skipping {
            if skipped == name && !VOID.contains(&name) {
                if start {
                    *open += 1;
                } else {
                    *open -= 1;
                    if *open == 0 {
                        self.skipping = None;
                    }
                }
            }
        } else if DROPPED.contains(&name) {
            if start && !tag.self_closing && !VOID.contains(&name) {
                self.skipping = Some((name.to_owned(), 1));
            }
        } else if start || name == "br" {
            // `</br>` is a line break too, as browsers read it.
            let list_start = tag
                .attrs
                .iter()
                .find(|a| &*a.name.local == "start")
                .and_then(|a| a.value.trim().parse().ok());
            self.blocks.open(name, list_start);
            if tag.self_closing {
                self.blocks.close(name);
            }
        } else {
            self.blocks.close(name);
        }
        match (start && !tag.self_closing, name) {
            (true, "script") => TokenSinkResult::RawData(RawKind::ScriptData),
            (true, "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript") => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            (true, "textarea" | "title") => TokenSinkResult::RawData(RawKind::Rcdata),
            (true, "plaintext") => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

/// Text that is not HTML (JSON Feed's `content_text`, newsboat's `text/plain` content): a
/// paragraph per non-blank line, sanitised.
pub(super) fn text_paragraphs(text: &str) -> Vec<Paragraph> {
    super::decode::lines(text)
        .map(|line| collapse_whitespace(&sanitize(line)))
        .filter(|line| !line.is_empty())
        .map(Paragraph::Text)
        .collect()
}

/// One line of text from HTML that should be a line (a title or summary given as HTML):
/// its paragraphs joined by spaces.
pub(super) fn inline_text(html: &str) -> String {
    let parts: Vec<String> = paragraphs(html)
        .into_iter()
        .map(|p| match p {
            Paragraph::Heading(t) | Paragraph::Text(t) => t,
        })
        .collect();
    parts.join(" ")
}

/// Runs of whitespace as one space, trimmed at both ends.
pub(super) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Elements dropped with everything inside them: code, styling, media and controls, whose
/// text (if any) is not part of what the article says.
const DROPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "head",
    "title",
    "select",
    "textarea",
    "button",
    "input",
    "canvas",
    "audio",
    "video",
    "map",
    "picture",
    "source",
    "track",
    "frameset",
    "frame",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
];

/// Elements that never have content, so a start tag opens nothing to skip.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "frame",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The paragraphs of `html`, a heading marked `# `.
    pub(super) fn texts(html: &str) -> Vec<String> {
        paragraphs(html)
            .into_iter()
            .map(|p| match p {
                Paragraph::Heading(t) => format!("# {t}"),
                Paragraph::Text(t) => t,
            })
            .collect()
    }

    #[test]
    fn blocks_become_paragraphs_and_headings() {
        let html = "<p>The council met on  Tuesday.</p>\n<h2>What was <em>decided</em></h2>\
                    <p>First line<br>second line</p><div>A <b>bold</b> claim &amp; more</div>";
        assert_eq!(
            texts(html),
            [
                "The council met on Tuesday.",
                "# What was decided",
                "First line",
                "second line",
                "A bold claim & more",
            ]
        );
    }

    #[test]
    fn scripts_styles_comments_and_controls_never_survive() {
        let html = "<style>p { color: red }</style><script>alert('x')</script>\
                    <!-- editor's note --><p>Clean \u{1b}[31mred\u{1b}[0m &#27;]0;title&#7; \u{9b}2J text</p>\
                    <noscript>enable js</noscript><iframe src=x>frame</iframe><svg><text>chart</text></svg>";
        let out = texts(html);
        assert_eq!(out.len(), 1, "{out:?}");
        let text = &out[0];
        assert!(text.starts_with("Clean "), "{text}");
        for gone in ["alert", "color", "editor", "enable", "frame", "chart"] {
            assert!(!text.contains(gone), "{gone} in {text}");
        }
        assert!(!text.chars().any(char::is_control), "{text:?}");
        assert!(
            text.contains('␛'),
            "the escapes are shown, not dropped: {text}"
        );
    }

    #[test]
    fn broken_markup_is_read_as_a_browser_would() {
        assert_eq!(
            texts("<p>Unclosed <b>bold<p>Next & last < 3"),
            ["Unclosed bold", "Next & last < 3"]
        );
        assert!(texts("").is_empty());
        assert!(texts("<p> </p><br><br>").is_empty());
    }

    #[test]
    fn deep_nesting_costs_no_stack() {
        let html = format!(
            "{}deep{}",
            "<div><span>".repeat(50_000),
            "</span></div>".repeat(50_000)
        );
        assert_eq!(texts(&html), ["deep"]);
    }

    #[test]
    fn plain_text_and_inline_text() {
        assert_eq!(
            text_paragraphs("First para.\n\n  Second\tpara. \r\n"),
            [
                Paragraph::Text("First para.".into()),
                Paragraph::Text("Second para.".into())
            ]
        );
        assert_eq!(
            inline_text("Rates <b>rise</b><br>again"),
            "Rates rise again"
        );
    }
}
