//! The reader's text, wrapped lazily: blocks (title, meta, lede, paragraphs) are wrapped one
//! after another only as far as the screen needs, and kept until the width or the options
//! change. Scrolling a 6 MB article costs its visible lines; `G` wraps the rest once.

use std::sync::OnceLock;

use hyphenation::{Language, Load, Standard};
use textwrap::{Options, WordSplitter, WrapAlgorithm};
use unicode_width::UnicodeWidthStr;

/// How a line of the reader is styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Meta,
    Url,
    Lede,
    Heading,
    Body,
    Blank,
}

/// One unwrapped piece of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: LineKind,
    pub text: String,
    /// A blank line follows it.
    pub gap: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    pub kind: LineKind,
    pub text: String,
    /// The block it came from: resizing keeps the reader on the same block.
    pub block: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrapOptions {
    pub width: u16,
    pub justify: bool,
    pub hyphenate: bool,
}

/// The embedded English patterns, loaded once (a few ms) and only if hyphenation is asked for.
fn dictionary() -> Option<&'static Standard> {
    static DICT: OnceLock<Option<Standard>> = OnceLock::new();
    DICT.get_or_init(|| Standard::from_embedded(Language::EnglishUS).ok())
        .as_ref()
}

pub struct Wrapped {
    options: WrapOptions,
    textwrap: Options<'static>,
    lines: Vec<WrappedLine>,
    /// Index in `lines` where each wrapped block starts.
    block_starts: Vec<usize>,
    wrapped_bytes: usize,
}

impl Wrapped {
    pub fn new(options: WrapOptions) -> Wrapped {
        let splitter = match (options.hyphenate, dictionary()) {
            (true, Some(dict)) => WordSplitter::Hyphenation(dict.clone()),
            _ => WordSplitter::HyphenSplitter,
        };
        let textwrap = Options::new(usize::from(options.width.max(1)))
            .wrap_algorithm(WrapAlgorithm::new_optimal_fit())
            .word_splitter(splitter);
        Wrapped {
            options,
            textwrap,
            lines: Vec::new(),
            block_starts: Vec::new(),
            wrapped_bytes: 0,
        }
    }

    pub fn options(&self) -> WrapOptions {
        self.options
    }

    /// Lines wrapped so far.
    pub fn lines(&self) -> &[WrappedLine] {
        &self.lines
    }

    pub fn is_complete(&self, blocks: &[Block]) -> bool {
        self.block_starts.len() == blocks.len()
    }

    /// Wraps more blocks until there are `needed` lines or none are left.
    pub fn ensure(&mut self, blocks: &[Block], needed: usize) {
        while self.lines.len() < needed {
            let index = self.block_starts.len();
            let Some(block) = blocks.get(index) else {
                return;
            };
            self.block_starts.push(self.lines.len());
            self.wrapped_bytes += block.text.len();
            let wrapped = textwrap::wrap(&block.text, &self.textwrap);
            let count = wrapped.len();
            for (i, piece) in wrapped.into_iter().enumerate() {
                let last = i + 1 == count;
                let text = if self.options.justify && block.kind == LineKind::Body && !last {
                    justify(&piece, usize::from(self.options.width))
                } else {
                    piece.into_owned()
                };
                self.lines.push(WrappedLine {
                    kind: block.kind,
                    text,
                    block: index as u32,
                });
            }
            if block.gap {
                self.lines.push(WrappedLine {
                    kind: LineKind::Blank,
                    text: String::new(),
                    block: index as u32,
                });
            }
        }
    }

    /// Total lines once complete, else an estimate from the share of text wrapped so far.
    pub fn total_estimate(&self, blocks: &[Block], total_bytes: usize) -> usize {
        if self.is_complete(blocks) || self.wrapped_bytes == 0 {
            return self.lines.len();
        }
        let scaled = self.lines.len() as u128 * total_bytes as u128 / self.wrapped_bytes as u128;
        usize::try_from(scaled).unwrap_or(usize::MAX)
    }

    /// Where `line` is, as (block, fraction of the block), to find it again at another width.
    pub fn anchor(&self, line: usize) -> Option<(usize, f64)> {
        let block = self.lines.get(line)?.block as usize;
        let start = *self.block_starts.get(block)?;
        let end = self
            .block_starts
            .get(block + 1)
            .copied()
            .unwrap_or(self.lines.len());
        let span = end.saturating_sub(start).max(1);
        Some((block, (line - start) as f64 / span as f64))
    }

    /// The line at `anchor` in this wrapping (wrapping up to it if needed).
    pub fn line_at(&mut self, blocks: &[Block], (block, fraction): (usize, f64)) -> usize {
        while self.block_starts.len() <= block + 1 && !self.is_complete(blocks) {
            let more = self.lines.len() + 64;
            self.ensure(blocks, more);
        }
        let Some(&start) = self.block_starts.get(block) else {
            return self.lines.len();
        };
        let end = self
            .block_starts
            .get(block + 1)
            .copied()
            .unwrap_or(self.lines.len());
        start + (fraction * (end - start) as f64) as usize
    }
}

/// Widens the spaces of a line so it fills `width` columns; the leftmost gaps get the extra.
fn justify(line: &str, width: usize) -> String {
    let words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
    let text_width: usize = words.iter().map(|w| w.width()).sum();
    let gaps = words.len().saturating_sub(1);
    if gaps == 0 || text_width + gaps > width {
        return line.to_string();
    }
    let spaces = width - text_width;
    let (each, extra) = (spaces / gaps, spaces % gaps);
    let mut out = String::with_capacity(line.len() + spaces);
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.extend(std::iter::repeat_n(' ', each + usize::from(i <= extra)));
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Block {
        Block {
            kind: LineKind::Body,
            text: text.into(),
            gap: true,
        }
    }

    fn opts(width: u16) -> WrapOptions {
        WrapOptions {
            width,
            justify: false,
            hyphenate: false,
        }
    }

    #[test]
    fn wraps_only_what_is_needed() {
        let blocks: Vec<Block> = (0..1000).map(|i| body(&format!("paragraph {i}"))).collect();
        let mut w = Wrapped::new(opts(40));
        w.ensure(&blocks, 10);
        assert!(w.lines().len() < 20, "wrapped {} lines", w.lines().len());
        assert!(!w.is_complete(&blocks));
        w.ensure(&blocks, usize::MAX);
        assert!(w.is_complete(&blocks));
        assert_eq!(w.lines().len(), 2000);
    }

    #[test]
    fn justified_lines_fill_the_width_except_the_last() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let mut w = Wrapped::new(WrapOptions {
            justify: true,
            ..opts(20)
        });
        w.ensure(&[body(text)], usize::MAX);
        let lines: Vec<&WrappedLine> = w
            .lines()
            .iter()
            .filter(|l| l.kind == LineKind::Body)
            .collect();
        let (last, rest) = lines.split_last().unwrap();
        for line in rest {
            assert_eq!(line.text.width(), 20, "{:?}", line.text);
        }
        assert!(last.text.width() < 20);
    }

    #[test]
    fn anchors_map_between_widths() {
        let long = "word ".repeat(400);
        let blocks = vec![body("intro"), body(&long), body("outro")];
        let mut narrow = Wrapped::new(opts(20));
        narrow.ensure(&blocks, usize::MAX);
        let middle = narrow.line_at(&blocks, (1, 0.5));
        let anchor = narrow.anchor(middle).unwrap();
        let mut wide = Wrapped::new(opts(80));
        let line = wide.line_at(&blocks, anchor);
        assert_eq!(wide.lines()[line].block, 1);
        assert!(wide.lines()[line].text.starts_with("word"));
    }
}
