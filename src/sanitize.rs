//! Makes untrusted article text safe to draw; applied once, where text is loaded.
//!
//! The promise: what comes out holds no character a terminal would act on. Specifically:
//! - C0 controls, DEL and C1 controls are replaced by visible placeholders (`␛`, `␇`, `␀`,
//!   `␡`; C1 as `␛` plus its 7-bit form, so the 8-bit CSI U+009B reads `␛[`). Escape
//!   sequences (CSI, OSC, DCS, SOS, PM, APC) are neutralised by their introducer alone: the
//!   rest of the sequence is shown as plain text, so an unterminated sequence swallows nothing.
//! - Bidi controls and invisible format characters (zero width space, word joiner, BOM, soft
//!   hyphen, tags) are removed; `sanitize/classify.rs` lists them and says why.
//! - TAB is expanded to spaces (stops every [`TAB_STOP`] columns); line ends become a space in
//!   [`sanitize`] and `\n` in [`sanitize_block`].
//! - Combining marks and joiners are kept, but at most [`MAX_EXTEND_RUN`] in a row.
//!
//! Every function is idempotent and returns `Cow::Borrowed` when nothing had to change.

mod classify;

use std::borrow::Cow;
use std::fmt::Write as _;

use classify::{Class, ESCAPE_PICTURE, Placeholder, classify};

/// Combining marks (and joiners, variation selectors) kept in a row; the rest are dropped.
/// Real text needs a handful (Vietnamese stacks two, Zalgo-free Indic at most four); 32
/// leaves room for any script while bounding what one grapheme costs to measure and draw.
pub const MAX_EXTEND_RUN: usize = 32;

/// TAB expands to the next multiple of this many columns, counted from the line's start.
pub const TAB_STOP: usize = 4;

/// One line of display text, safe for a `Span`: line ends become spaces.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    clean(s, Mode::Line)
}

/// Multi-line text: like [`sanitize`], but line ends (LF, CRLF, lone CR, U+2028/9) become `\n`.
pub fn sanitize_block(s: &str) -> Cow<'_, str> {
    clean(s, Mode::Block)
}

/// A URL for display, copying or handing to an opener: whitespace, controls, bidi and
/// invisible characters are percent-encoded rather than shown, so the link still works and
/// nothing hidden survives in it.
pub fn sanitize_url(s: &str) -> Cow<'_, str> {
    clean(s, Mode::Url)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Line,
    Block,
    Url,
}

/// The output under construction. It stays `None` (borrowing the input) until the first
/// character that must change, so clean text costs one pass and no allocation.
struct Out<'a> {
    src: &'a str,
    buf: Option<String>,
    /// Consecutive extending characters just emitted; dropped ones do not count and do not
    /// reset it, which is what keeps the cap idempotent.
    extend_run: usize,
    /// Column bookkeeping for tab expansion: `col` columns precede byte `at` of `buf`.
    line: (usize, usize),
}

impl<'a> Out<'a> {
    /// Switches to an owned buffer holding the input before byte `upto`.
    fn owned(&mut self, upto: usize) -> &mut String {
        let src = self.src;
        self.buf.get_or_insert_with(|| {
            let mut b = String::with_capacity(src.len() + 16);
            b.push_str(src.get(..upto).unwrap_or(src));
            b
        })
    }

    fn keep(&mut self, c: char) {
        if let Some(b) = &mut self.buf {
            b.push(c);
        }
    }

    fn column(&mut self, upto: usize) -> usize {
        let (at, col) = self.line;
        let buf = self.owned(upto);
        // Measured as drawn, so tab stops land where the screen puts them.
        let col = col + buf.get(at..).map_or(0, crate::width::columns);
        self.line = (buf.len(), col);
        col
    }
}

fn clean(s: &str, mode: Mode) -> Cow<'_, str> {
    // Nearly all text is clean from start to end: find the first character that may need
    // work with a cheap scan, and leave only the rest to the character loop.
    let start = untouched_prefix(s, mode);
    let Some(rest) = s.get(start..).filter(|r| !r.is_empty()) else {
        return Cow::Borrowed(s);
    };
    let mut out = Out {
        src: s,
        buf: None,
        extend_run: 0,
        line: (0, 0),
    };
    let mut chars = rest.char_indices().map(|(i, c)| (start + i, c)).peekable();
    while let Some((i, c)) = chars.next() {
        let class = classify(c);
        // Only what is emitted breaks a run: a removed character must not let two runs join
        // into one longer than the cap, or a second pass would cut more.
        let removed = class == Class::Invisible && mode != Mode::Url;
        if class != Class::Extend && !removed {
            out.extend_run = 0;
        }
        match (class, mode) {
            (Class::Plain, Mode::Url) if c.is_whitespace() => percent_encode(out.owned(i), c),
            (Class::Plain, _) => out.keep(c),
            (Class::Extend, _) if out.extend_run < MAX_EXTEND_RUN => {
                out.extend_run += 1;
                out.keep(c);
            }
            (Class::Extend, Mode::Url) => percent_encode(out.owned(i), c),
            (Class::Extend, _) => {
                out.owned(i);
            }
            (Class::Tab, Mode::Url) => percent_encode(out.owned(i), c),
            (Class::Tab, _) => {
                let col = out.column(i);
                let spaces = TAB_STOP - col % TAB_STOP;
                out.owned(i).extend(std::iter::repeat_n(' ', spaces));
            }
            (Class::LineEnd, Mode::Block) if c == '\n' => {
                out.keep(c);
                // Without a buffer yet, the output so far is the input so far.
                out.line = (out.buf.as_ref().map_or(i + 1, String::len), 0);
            }
            (Class::LineEnd, Mode::Block) => {
                // CRLF is one line end, not two.
                if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                }
                let b = out.owned(i);
                b.push('\n');
                out.line = (b.len(), 0);
            }
            (Class::LineEnd, Mode::Line) => {
                if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                }
                out.owned(i).push(' ');
            }
            (Class::LineEnd | Class::Control(_) | Class::Invisible, Mode::Url) => {
                percent_encode(out.owned(i), c);
            }
            (Class::Control(Placeholder::Picture(p)), _) => out.owned(i).push(p),
            (Class::Control(Placeholder::EscapeThen(p)), _) => {
                let b = out.owned(i);
                b.push(ESCAPE_PICTURE);
                b.push(p);
            }
            (Class::Invisible, _) => {
                out.owned(i);
            }
        }
    }
    match out.buf {
        Some(b) => Cow::Owned(b),
        None => Cow::Borrowed(s),
    }
}

/// The length of the longest prefix of `s` that [`clean`] passes through untouched: plain
/// characters only (no extending ones, which are counted), and in URLs no whitespace. The
/// character loop resumes after it in the state it starts in, as plain characters reset it.
fn untouched_prefix(s: &str, mode: Mode) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if !(0x20..=0x7E).contains(&b) || (mode == Mode::Url && b == b' ') {
                return i;
            }
            i += 1;
            continue;
        }
        // Whitespace outside ASCII must be encoded in URLs, and is not told apart here.
        let next = s.get(i..).and_then(|r| r.chars().next());
        match next {
            Some(c) if mode != Mode::Url && classify::is_common_text(u32::from(c)) => {
                i += c.len_utf8();
            }
            _ => return i,
        }
    }
    i
}

fn percent_encode(buf: &mut String, c: char) {
    let mut utf8 = [0; 4];
    for byte in c.encode_utf8(&mut utf8).bytes() {
        // Writing to a String cannot fail.
        let _ = write!(buf, "%{byte:02X}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        for s in ["", "Poutine et Erdogan", "Ελλάδα, Россия, 日本", "👩‍👩‍👧 é"]
        {
            assert!(matches!(sanitize(s), Cow::Borrowed(_)), "{s:?}");
        }
    }

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(sanitize("\u{1b}]0;pwned\u{7}"), "␛]0;pwned␇");
        assert_eq!(sanitize("x\u{9b}31m"), "x␛[31m");
    }

    #[test]
    fn line_ends_become_spaces_and_crlf_is_one() {
        assert_eq!(sanitize("a\r\nb\rc\nd"), "a b c d");
        assert_eq!(sanitize_block("a\r\nb\rc\nd"), "a\nb\nc\nd");
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(sanitize("\tx"), "    x");
        assert_eq!(sanitize("ab\tx"), "ab  x");
        assert_eq!(sanitize("日本\tx"), "日本    x");
        assert_eq!(sanitize_block("ab\ncd\tx"), "ab\ncd  x");
    }

    #[test]
    fn bidi_and_invisible_characters_are_removed() {
        assert_eq!(sanitize("evil\u{202E}txt.exe"), "eviltxt.exe");
        assert_eq!(sanitize("a\u{200B}b\u{FEFF}c\u{AD}d"), "abcd");
    }

    #[test]
    fn combining_marks_are_capped_across_removed_characters() {
        let marks = "\u{301}".repeat(20);
        let s = format!("e{marks}\u{200B}{marks}");
        let once = sanitize(&s).into_owned();
        assert_eq!(once.chars().count(), 1 + MAX_EXTEND_RUN);
        assert_eq!(sanitize(&once), once);
    }

    #[test]
    fn urls_are_percent_encoded_where_unsafe() {
        assert_eq!(
            sanitize_url("https://x.org/a b\u{202E}\u{1b}"),
            "https://x.org/a%20b%E2%80%AE%1B"
        );
        assert!(matches!(
            sanitize_url("https://fr.sputniknews.com/20220102/x.html"),
            Cow::Borrowed(_)
        ));
    }
}
