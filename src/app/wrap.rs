//! The reader's text, wrapped lazily: each block (title, meta, lede, paragraph) is wrapped
//! on its own, the first time the screen needs it, and kept until the width or the options
//! change. Scrolling, `G` and a resize in a 6 MB article cost the blocks on screen, not the
//! article.

mod words;

use std::sync::OnceLock;

use hyphenation::{Language, Load, Standard};
use textwrap::core::break_words;
use textwrap::{WordSplitter, WrapAlgorithm};
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

/// The blocks of one article wrapped at one width, each on demand. The blocks wrapped in a
/// row from the first one are also counted, so the exact line number of any of them is known.
pub struct Wrapped {
    options: WrapOptions,
    splitter: WordSplitter,
    algorithm: WrapAlgorithm,
    /// The lines of each block, by block index; `None` until first needed.
    blocks: Vec<Option<Vec<WrappedLine>>>,
    /// The first line number of each block of the unbroken run wrapped from the top, and one
    /// past its end: `starts[i]` for block `i`, `starts.len() - 1` blocks in the run.
    starts: Vec<usize>,
    /// Bytes of text in that run, for estimating the article's length in lines.
    run_bytes: usize,
    /// Bytes of text wrapped in all.
    wrapped_bytes: usize,
}

impl Wrapped {
    pub fn new(options: WrapOptions, blocks: usize) -> Wrapped {
        let splitter = match (options.hyphenate, dictionary()) {
            (true, Some(dict)) => WordSplitter::Hyphenation(dict.clone()),
            _ => WordSplitter::HyphenSplitter,
        };
        Wrapped {
            options,
            splitter,
            algorithm: WrapAlgorithm::new_optimal_fit(),
            blocks: vec![None; blocks],
            starts: vec![0],
            run_bytes: 0,
            wrapped_bytes: 0,
        }
    }

    /// The lines of block `index`, wrapping it now if it never was; empty past the end.
    pub fn block(&mut self, blocks: &[Block], index: usize) -> &[WrappedLine] {
        if matches!(self.blocks.get(index), Some(None))
            && let Some(block) = blocks.get(index)
        {
            let lines = self.wrap(block, index);
            self.wrapped_bytes += block.text.len();
            if let Some(slot) = self.blocks.get_mut(index) {
                *slot = Some(lines);
            }
            self.extend_run(blocks);
        }
        self.cached(index)
    }

    /// The lines of block `index` if it is wrapped already.
    pub fn cached(&self, index: usize) -> &[WrappedLine] {
        self.blocks
            .get(index)
            .and_then(Option::as_deref)
            .unwrap_or_default()
    }

    /// How many lines block `index` wraps to.
    pub fn len(&mut self, blocks: &[Block], index: usize) -> usize {
        self.block(blocks, index).len()
    }

    /// The exact line number of the first line of block `index` (of the end, past the last
    /// block), wrapping every block above it that is not wrapped yet.
    pub fn start(&mut self, blocks: &[Block], index: usize) -> usize {
        let index = index.min(blocks.len());
        while self.starts.len() <= index {
            let before = self.starts.len();
            self.block(blocks, before - 1);
            if self.starts.len() == before {
                break;
            }
        }
        self.starts.get(index).copied().unwrap_or_default()
    }

    /// Lines and bytes of the run of blocks wrapped from the top, and whether it is the whole
    /// article.
    pub fn run(&self) -> (usize, usize, bool) {
        let lines = self.starts.last().copied().unwrap_or_default();
        (lines, self.run_bytes, self.starts.len() > self.blocks.len())
    }

    /// Bytes of text wrapped so far: the work done at this width.
    pub fn wrapped_bytes(&self) -> usize {
        self.wrapped_bytes
    }

    /// Counts the blocks that now continue the run from the top.
    fn extend_run(&mut self, blocks: &[Block]) {
        while let Some(Some(lines)) = self.blocks.get(self.starts.len() - 1) {
            let next = self.starts.len() - 1;
            let end = self.starts.last().copied().unwrap_or_default() + lines.len();
            self.run_bytes += blocks.get(next).map_or(0, |b| b.text.len());
            self.starts.push(end);
        }
    }

    fn wrap(&self, block: &Block, index: usize) -> Vec<WrappedLine> {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        let wrapped = self.wrap_text(&block.text);
        let count = wrapped.len();
        let mut lines = Vec::with_capacity(count + usize::from(block.gap));
        for (i, piece) in wrapped.into_iter().enumerate() {
            let last = i + 1 == count;
            let text = if self.options.justify && block.kind == LineKind::Body && !last {
                justify(&piece, usize::from(self.options.width))
            } else {
                piece
            };
            lines.push(WrappedLine {
                kind: block.kind,
                text,
                block: index,
            });
        }
        if block.gap {
            lines.push(WrappedLine {
                kind: LineKind::Blank,
                text: String::new(),
                block: index,
            });
        }
        lines
    }
}

impl Wrapped {
    /// `text` broken into lines of the width, the way `textwrap::wrap` does but with the
    /// words cut by [`words::words`], which keeps URLs, addresses and code whole.
    fn wrap_text(&self, text: &str) -> Vec<String> {
        let width = usize::from(self.options.width.max(1));
        let mut out = Vec::new();
        for line in text.split('\n') {
            let words = break_words(words::words(line, &self.splitter), width);
            if words.is_empty() {
                out.push(String::new());
                continue;
            }
            for placed in self.algorithm.wrap(&words, &[width]) {
                let mut text = String::new();
                for (i, word) in placed.iter().enumerate() {
                    text.push_str(word.word);
                    if i + 1 < placed.len() {
                        text.push_str(word.whitespace);
                    } else {
                        text.push_str(word.penalty);
                    }
                }
                out.push(text);
            }
        }
        out
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
    fn wraps_only_the_blocks_asked_for() {
        let blocks: Vec<Block> = (0..1000).map(|i| body(&format!("paragraph {i}"))).collect();
        let mut w = Wrapped::new(opts(40), blocks.len());
        assert_eq!(w.block(&blocks, 700)[0].text, "paragraph 700");
        assert_eq!(w.wrapped_bytes(), "paragraph 700".len());
        assert!(w.cached(699).is_empty() && w.cached(701).is_empty());
        assert_eq!(w.run(), (0, 0, false), "nothing is wrapped from the top");
    }

    #[test]
    fn starts_count_the_lines_above_and_the_run_grows_over_wrapped_blocks() {
        let long = "word ".repeat(30);
        let blocks = vec![body("intro"), body(&long), body("outro")];
        let mut w = Wrapped::new(opts(20), blocks.len());
        w.block(&blocks, 2);
        assert_eq!(w.run().0, 0);
        // intro + blank, then the long block (150 bytes, 8 lines of 20) + blank.
        assert_eq!(w.start(&blocks, 1), 2);
        let long_lines = w.len(&blocks, 1);
        assert!(long_lines > 2);
        assert_eq!(w.start(&blocks, 2), 2 + long_lines);
        let (lines, bytes, complete) = w.run();
        assert_eq!(
            lines,
            2 + long_lines + 2,
            "the run reaches the block wrapped first"
        );
        assert_eq!(bytes, "intro".len() + long.len() + "outro".len());
        assert!(complete);
        assert_eq!(w.start(&blocks, 99), lines, "past the end is the end");
    }

    #[test]
    fn a_url_is_never_hyphenated_and_breaks_without_adding_a_character() {
        let url = "https://www.lemonde.fr/economie/article/2024/09/20/les-poids-lourds-9911.html";
        let text =
            format!("Les grévistes bloquent les poids lourds, selon {url} et redaction@lemonde.fr");
        let mut w = Wrapped::new(
            WrapOptions {
                hyphenate: true,
                ..opts(30)
            },
            1,
        );
        let lines: Vec<String> = w
            .block(&[body(&text)], 0)
            .iter()
            .map(|l| l.text.clone())
            .collect();
        let joined = lines.join("");
        assert!(joined.contains(url), "{lines:#?}");
        assert!(joined.contains("redaction@lemonde.fr"), "{lines:#?}");
        assert!(lines.iter().all(|l| l.width() <= 30), "{lines:#?}");
    }

    #[test]
    fn justified_lines_fill_the_width_except_the_last() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let mut w = Wrapped::new(
            WrapOptions {
                justify: true,
                ..opts(20)
            },
            1,
        );
        let lines: Vec<&WrappedLine> = w
            .block(&[body(text)], 0)
            .iter()
            .filter(|l| l.kind == LineKind::Body)
            .collect();
        let (last, rest) = lines.split_last().unwrap();
        assert!(!rest.is_empty());
        for line in rest {
            assert_eq!(line.text.width(), 20, "{:?}", line.text);
        }
        assert!(last.text.width() < 20);
    }
}
