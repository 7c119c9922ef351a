//! Searching an article's text for a line with a hit: whole blocks first, both cores on
//! far ones, and only the block with the hit is wrapped.

use rayon::prelude::*;

use super::{Anchor, Text};
use crate::app::wrap::Block;

/// Text searched block by block before both cores join in: a hit nearby costs little.
const NEAR_BYTES: usize = 16 * 1024;
/// Text that both cores search at once: large enough to share, small enough that little is
/// searched past a hit.
const CHUNK_BYTES: usize = 256 * 1024;

/// Where a find stands once its budget of text is spent or it has its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Found(Anchor),
    /// No line in that direction has a hit.
    Missing,
    /// The budget ran out with this block searched: the find goes on past it.
    Paused(usize),
}

/// What a search of the blocks' whole texts found.
enum Scan {
    Hit(usize),
    End,
    Paused(usize),
}

impl Text {
    /// The first line from `start` (down) or the last up to it (up) whose text `hit`
    /// accepts, unless `budget` bytes of text were searched first. The other blocks are only
    /// wrapped when their whole text has a hit.
    pub fn find(
        &mut self,
        start: Anchor,
        down: bool,
        hit: &(impl Fn(&str) -> bool + Sync),
        budget: usize,
    ) -> Step {
        let lines = self.wrapped.block(&self.blocks, start.block);
        let found = if down {
            let rest = lines.get(start.line..).unwrap_or_default();
            rest.iter()
                .position(|l| hit(&l.text))
                .map(|i| start.line + i)
        } else {
            let upto = lines.get(..=start.line).unwrap_or(lines);
            upto.iter().rposition(|l| hit(&l.text))
        };
        match found {
            Some(line) => Step::Found(Anchor { line, ..start }),
            None => self.search_blocks(start.block, down, hit, budget, true),
        }
    }

    /// Like [`Text::find`], from the block after `block` (the one before it, going up): how
    /// a paused find goes on.
    pub fn find_past(
        &mut self,
        block: usize,
        down: bool,
        hit: &(impl Fn(&str) -> bool + Sync),
        budget: usize,
    ) -> Step {
        // Nothing near the start of the find is left: both cores from the first chunk on.
        self.search_blocks(block, down, hit, budget, false)
    }

    fn search_blocks(
        &mut self,
        mut block: usize,
        down: bool,
        hit: &(impl Fn(&str) -> bool + Sync),
        mut budget: usize,
        mut near: bool,
    ) -> Step {
        loop {
            block = match self.next_candidate(block, down, hit, &mut budget, near) {
                Scan::Hit(block) => block,
                Scan::End => return Step::Missing,
                Scan::Paused(edge) => return Step::Paused(edge),
            };
            let lines = self.wrapped.block(&self.blocks, block);
            let found = if down {
                lines.iter().position(|l| hit(&l.text))
            } else {
                lines.iter().rposition(|l| hit(&l.text))
            };
            if let Some(line) = found {
                return Step::Found(Anchor { block, line });
            }
            near = false;
            // The block's text has a hit that no single line has (a phrase across a line
            // break): the search goes on past it.
            if budget == 0 {
                return Step::Paused(block);
            }
        }
    }

    /// The first block after `block` (the last before it, going up) whose text `hit` accepts,
    /// searching chunks of text until `budget` bytes are spent (at least one chunk, so a
    /// find always moves on). The highlighter reads some 70 MB/s on one core, and a long
    /// article can hold megabytes between two hits: past the `near` blocks, searched one
    /// by one, both cores share the search, chunk by chunk.
    fn next_candidate(
        &self,
        block: usize,
        down: bool,
        hit: &(impl Fn(&str) -> bool + Sync),
        budget: &mut usize,
        mut near: bool,
    ) -> Scan {
        let mut edge = block;
        loop {
            let size = if near { NEAR_BYTES } else { CHUNK_BYTES };
            let Some((low, high)) = self.chunk(edge, down, size.min(*budget)) else {
                return Scan::End;
            };
            let Some(chunk) = self.blocks.get(low..high) else {
                return Scan::End;
            };
            let has = |b: &Block| hit(&b.text);
            let found = match (down, near) {
                (true, true) => chunk.iter().position(has),
                (false, true) => chunk.iter().rposition(has),
                (true, false) => chunk.par_iter().position_first(has),
                (false, false) => chunk.par_iter().position_last(has),
            };
            if let Some(i) = found {
                *budget = budget.saturating_sub(self.bytes(low, low + i + 1));
                return Scan::Hit(low + i);
            }
            *budget = budget.saturating_sub(self.bytes(low, high));
            edge = if down { high - 1 } else { low };
            if *budget == 0 {
                return Scan::Paused(edge);
            }
            near = false;
        }
    }

    /// The blocks right after `edge` (before it, going up) that hold about `bytes` of text,
    /// at least one; `None` past the end (the start).
    fn chunk(&self, edge: usize, down: bool, bytes: usize) -> Option<(usize, usize)> {
        let count = self.blocks.len();
        if down {
            let low = edge + 1;
            if low >= count {
                return None;
            }
            let end = self.offsets.get(low)?.saturating_add(bytes);
            let high = self.offsets.partition_point(|&o| o < end);
            Some((low, high.clamp(low + 1, count)))
        } else {
            let high = edge.min(count);
            if high == 0 {
                return None;
            }
            let start = self.offsets.get(high)?.saturating_sub(bytes);
            // The last block starting at or before `start`.
            let low = self
                .offsets
                .partition_point(|&o| o <= start)
                .saturating_sub(1);
            Some((low.min(high - 1), high))
        }
    }
}
