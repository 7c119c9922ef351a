//! Finding the next line with a hit in the reader's article, in turns of a bounded amount of
//! text so that a far hit never holds up a frame.

use super::text::Step;
use super::{Content, Reader};

/// Bytes of text a find searches in one turn of the event loop before it lets a frame be
/// drawn: 4-6 ms on two cores (the highlighter reads ~100-150 MB/s on both), so a
/// keystroke is answered within a frame even when the next hit is megabytes away.
pub const FIND_BUDGET: usize = 512 * 1024;

/// What a find in the reader came to in one turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Find {
    /// The number of the line with the hit.
    Found(usize),
    /// No line in that direction has a hit.
    Missing,
    /// The budget ran out: [`Reader::find_more`] goes on from here.
    Pending(Resume),
}

/// Where a paused find goes on: in which article (the reader's generation), past which
/// block, in which direction. Blocks do not change with the width, so a resize between two
/// turns does not lose the place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resume {
    generation: u64,
    block: usize,
    forward: bool,
}

impl Reader {
    /// The number of the first line after the one numbered `from` (or the last before it,
    /// going back) whose text satisfies `hit`, or where to go on once [`FIND_BUDGET`] bytes
    /// of text were searched in vain. Blocks are searched as whole texts and only the one
    /// with the hit is wrapped, so a hit far away costs no wrapping in between.
    pub fn find_line(
        &mut self,
        from: Option<usize>,
        forward: bool,
        hit: impl Fn(&str) -> bool + Sync,
    ) -> Find {
        let Content::Ready(r) = &mut self.content else {
            return Find::Missing;
        };
        let text = &mut r.text;
        let start = match from {
            None if forward => Some(text.first()),
            None => Some(text.last()),
            Some(from) => {
                // The line numbered `from`, or the last one before it: numbers may skip.
                let at = text.locate(from);
                let taken = text.number(at) >= from;
                match (forward, taken) {
                    (true, _) => text.next(at),
                    (false, true) => text.prev(at),
                    (false, false) => Some(at),
                }
            }
        };
        let Some(start) = start else {
            return Find::Missing;
        };
        let step = text.find(start, forward, &hit, FIND_BUDGET);
        self.answer(step, forward)
    }

    /// Goes on with a paused find; `None` when the article it searched is no longer shown.
    pub fn find_more(&mut self, resume: Resume, hit: impl Fn(&str) -> bool + Sync) -> Option<Find> {
        if !self.can_resume(&resume) {
            return None;
        }
        let Content::Ready(r) = &mut self.content else {
            return None;
        };
        let step = r
            .text
            .find_past(resume.block, resume.forward, &hit, FIND_BUDGET);
        Some(self.answer(step, resume.forward))
    }

    /// Whether a paused find is still about the article shown.
    pub fn can_resume(&self, resume: &Resume) -> bool {
        resume.generation == self.generation && matches!(self.content, Content::Ready(_))
    }

    fn answer(&mut self, step: Step, forward: bool) -> Find {
        let Content::Ready(r) = &mut self.content else {
            return Find::Missing;
        };
        match step {
            Step::Found(at) => Find::Found(r.text.number(at)),
            Step::Missing => Find::Missing,
            Step::Paused(block) => Find::Pending(Resume {
                generation: self.generation,
                block,
                forward,
            }),
        }
    }
}
