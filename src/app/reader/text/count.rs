//! The lines with a hit, counted for the reader's "hit 3 of 7": only the blocks whose whole
//! text has a hit are wrapped, and only in texts short enough to do it within a frame.

use super::{Anchor, Text};

impl Text {
    /// The numbers of the lines whose text `hit` accepts, in order; `None` when the text is
    /// longer than `limit` bytes (the count would cost more than a frame).
    pub fn hit_lines(&mut self, hit: &impl Fn(&str) -> bool, limit: usize) -> Option<Vec<usize>> {
        if self.offsets.last().copied().unwrap_or_default() > limit {
            return None;
        }
        let mut lines = Vec::new();
        for block in 0..self.blocks.len() {
            if !self.blocks.get(block).is_some_and(|b| hit(&b.text)) {
                continue;
            }
            for line in 0..self.len(block) {
                let at = Anchor { block, line };
                if self.line(at).is_some_and(|l| hit(&l.text)) {
                    lines.push(self.number(at));
                }
            }
        }
        Some(lines)
    }
}
