//! An article's blocks wrapped at one width, positions in them, and the line numbers of
//! those positions.
//!
//! A position is an [`Anchor`] (a block and a line of it), so `G` or a resize only wraps the
//! blocks around it. Line numbers (what `Reader::scroll`, search hits and saved positions are
//! made of) are exact for the blocks that start in the first [`HEAD_BYTES`] of text, which is
//! the whole of an ordinary article. Past that, each block owns a slot of numbers as long as
//! its text in bytes: no wrapping of it can have more lines (each holds at least one
//! character, plus the blank line after it), so the number of any line is known without
//! wrapping the text above it. Such numbers skip the unused end of each slot; they order
//! lines and find them again, and the percentage is computed from bytes instead.

use crate::app::wrap::{Block, WrapOptions, Wrapped, WrappedLine};

pub use search::Step;

/// How much of the text is numbered exactly: small enough to wrap within one frame even with
/// hyphenation (~3 MB/s), large enough to hold any ordinary article.
pub const HEAD_BYTES: usize = 16 * 1024;

/// A line of the text: `line` counts the lines of `block`'s wrapping, blank line included.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Anchor {
    pub block: usize,
    pub line: usize,
}

pub struct Text {
    blocks: Vec<Block>,
    /// Where each block starts in bytes of text, then the total.
    offsets: Vec<usize>,
    /// How many blocks, from the first, are numbered exactly.
    head: usize,
    /// The first number of the slot of each block from `head` on, then the end.
    slots: Vec<usize>,
    wrapped: Wrapped,
}

impl Text {
    pub fn new(blocks: Vec<Block>, options: WrapOptions) -> Text {
        let mut offsets = Vec::with_capacity(blocks.len() + 1);
        let mut total = 0;
        for block in &blocks {
            offsets.push(total);
            total += block.text.len();
        }
        offsets.push(total);
        let head = offsets
            .partition_point(|&o| o < HEAD_BYTES)
            .min(blocks.len());
        // A block's lines: at most one per byte (one for an empty text), and the blank one.
        let slot = |b: &Block| b.text.len() + 2;
        let mut next: usize = blocks.iter().take(head).map(slot).sum();
        let mut slots = Vec::with_capacity(blocks.len() - head + 1);
        for block in blocks.iter().skip(head) {
            slots.push(next);
            next += slot(block);
        }
        slots.push(next);
        let wrapped = Wrapped::new(options, blocks.len());
        Text {
            blocks,
            offsets,
            head,
            slots,
            wrapped,
        }
    }

    /// Drops the wrapping: blocks are wrapped again for `options` as they are needed.
    pub fn rewrap(&mut self, options: WrapOptions) {
        self.wrapped = Wrapped::new(options, self.blocks.len());
    }

    /// How many lines `block` wraps to (wrapping it if needed).
    pub fn len(&mut self, block: usize) -> usize {
        self.wrapped.len(&self.blocks, block)
    }

    /// The unwrapped text of `block` and its lines (wrapping it if needed).
    pub fn block_lines(&mut self, block: usize) -> (&str, &[WrappedLine]) {
        let text = self.blocks.get(block).map_or("", |b| b.text.as_str());
        (text, self.wrapped.block(&self.blocks, block))
    }

    /// The line at `at`, if its block is wrapped.
    pub fn line(&self, at: Anchor) -> Option<&WrappedLine> {
        self.wrapped.cached(at.block).get(at.line)
    }

    pub fn first(&mut self) -> Anchor {
        self.first_from(0).unwrap_or_default()
    }

    pub fn last(&mut self) -> Anchor {
        self.last_before(self.blocks.len()).unwrap_or_default()
    }

    pub fn next(&mut self, at: Anchor) -> Option<Anchor> {
        if at.line + 1 < self.len(at.block) {
            return Some(Anchor {
                line: at.line + 1,
                ..at
            });
        }
        self.first_from(at.block + 1)
    }

    pub fn prev(&mut self, at: Anchor) -> Option<Anchor> {
        if at.line > 0 {
            return Some(Anchor {
                line: at.line - 1,
                ..at
            });
        }
        self.last_before(at.block)
    }

    /// Whether `at` is the last line, judged without wrapping anything.
    pub fn is_last(&self, at: Anchor) -> bool {
        at.block + 1 >= self.blocks.len() && at.line + 1 >= self.wrapped.cached(at.block).len()
    }

    /// `count` lines down (up), or as far as the text goes.
    pub fn step(&mut self, mut at: Anchor, count: usize, down: bool) -> Anchor {
        for _ in 0..count {
            let next = if down { self.next(at) } else { self.prev(at) };
            match next {
                Some(next) => at = next,
                None => break,
            }
        }
        at
    }

    /// `at` if it is a line of the text, else the nearest one.
    pub fn valid(&mut self, at: Anchor) -> Anchor {
        if at.block >= self.blocks.len() {
            return self.last();
        }
        match self.len(at.block) {
            0 => self
                .first_from(at.block)
                .or_else(|| self.last_before(at.block))
                .unwrap_or_default(),
            len => Anchor {
                line: at.line.min(len - 1),
                ..at
            },
        }
    }

    /// The first line of the first block from `block` on that has lines.
    fn first_from(&mut self, block: usize) -> Option<Anchor> {
        (block..self.blocks.len())
            .find(|&b| self.len(b) > 0)
            .map(|block| Anchor { block, line: 0 })
    }

    /// The last line of the last block before `block` that has lines.
    fn last_before(&mut self, block: usize) -> Option<Anchor> {
        (0..block.min(self.blocks.len())).rev().find_map(|b| {
            self.len(b)
                .checked_sub(1)
                .map(|line| Anchor { block: b, line })
        })
    }

    /// The line number of `at`.
    pub fn number(&mut self, at: Anchor) -> usize {
        if at.block < self.head {
            return self.wrapped.start(&self.blocks, at.block) + at.line;
        }
        let i = at.block - self.head;
        match (self.slots.get(i), self.slots.get(i + 1)) {
            (Some(&start), Some(&end)) => start + at.line.min(end - start - 1),
            _ => self.slots.last().copied().unwrap_or_default(),
        }
    }

    /// The line numbered `number`, or else the last one numbered below it.
    pub fn locate(&mut self, number: usize) -> Anchor {
        let tail = self.slots.first().copied().unwrap_or_default();
        if self.head == self.blocks.len() || number < tail {
            return self.locate_in_head(number);
        }
        let i = self
            .slots
            .partition_point(|&s| s <= number)
            .saturating_sub(1);
        let start = self.slots.get(i).copied().unwrap_or_default();
        self.valid(Anchor {
            block: self.head + i,
            line: number - start,
        })
    }

    fn locate_in_head(&mut self, number: usize) -> Anchor {
        for block in 0..self.head {
            if number < self.wrapped.start(&self.blocks, block + 1) {
                let start = self.wrapped.start(&self.blocks, block);
                return self.valid(Anchor {
                    block,
                    line: number - start,
                });
            }
        }
        self.last_before(self.head).unwrap_or_default()
    }

    /// Where a position saved as `number` at `saved_width` columns is at the current width:
    /// the line count of the text before it scales inversely with the width.
    pub fn restore(&mut self, number: usize, saved_width: u16, width: u16) -> Anchor {
        let scale = |n: usize| n * usize::from(saved_width) / usize::from(width.max(1));
        let tail = self.slots.first().copied().unwrap_or_default();
        if self.head == self.blocks.len() || number < tail {
            return self.locate_in_head(scale(number));
        }
        let at = self.locate(number);
        let start = self.number(Anchor { line: 0, ..at });
        self.valid(Anchor {
            line: scale(number.saturating_sub(start)),
            ..at
        })
    }

    /// The bytes of text in blocks `low..high`.
    fn bytes(&self, low: usize, high: usize) -> usize {
        let at = |i: usize| self.offsets.get(i).copied().unwrap_or_default();
        at(high).saturating_sub(at(low))
    }

    /// How far through the text a screen of `height` lines from the line numbered `top` is,
    /// 0-100; `bottom` is its last line and `at_end` whether that is the text's last.
    pub fn percent(&self, top: usize, height: usize, bottom: Anchor, at_end: bool) -> u16 {
        let total_bytes = self.offsets.last().copied().unwrap_or_default();
        if self.head == self.blocks.len() {
            // Numbers are line counts: the lines wrapped so far tell how many there are.
            let (lines, bytes, complete) = self.wrapped.run();
            let total = if complete || bytes == 0 {
                lines
            } else {
                usize::try_from(lines as u128 * total_bytes as u128 / bytes as u128)
                    .unwrap_or(usize::MAX)
            };
            let total = total.max(1);
            let seen = top.saturating_add(height).min(total);
            return (seen * 100 / total) as u16;
        }
        if at_end {
            return 100;
        }
        let start = self.offsets.get(bottom.block).copied().unwrap_or_default();
        let end = self.offsets.get(bottom.block + 1).copied().unwrap_or(start);
        let lines = self.wrapped.cached(bottom.block).len().max(1);
        let seen = start + (end - start) * (bottom.line + 1) / lines;
        (seen.min(total_bytes) * 100 / total_bytes.max(1)) as u16
    }
}

mod count;
mod hit;
mod search;
#[cfg(test)]
mod tests;
