//! Which wrapped line holds a given hit of a part of the article (title, lede, paragraph).

use super::{Anchor, Text};
use crate::app::wrap::LineKind;
use crate::kwic::Part;
use crate::search::Matcher;

impl Text {
    /// The line of the `nth` hit of `matcher` in `part`. The blocks are the article's parts
    /// in order: the title, the lede, then each paragraph or heading, a long one cut into
    /// several blocks, the last of which is followed by a blank line. Only the block with the
    /// hit is wrapped.
    pub fn hit_anchor(&mut self, part: Part, nth: usize, matcher: &Matcher) -> Option<Anchor> {
        let mut paragraph = 0;
        let mut seen = 0;
        for index in 0..self.blocks.len() {
            let block = self.blocks.get(index)?;
            let this = match block.kind {
                LineKind::Title => Some(Part::Title),
                LineKind::Lede => Some(Part::Lede),
                LineKind::Heading | LineKind::Body => Some(Part::Paragraph(paragraph)),
                _ => None,
            };
            if matches!(block.kind, LineKind::Heading | LineKind::Body) && block.gap {
                paragraph += 1;
            }
            if this != Some(part) {
                continue;
            }
            let spans = matcher.spans(&block.text);
            let Some(span) = nth.checked_sub(seen).and_then(|i| spans.get(i)) else {
                seen += spans.len();
                continue;
            };
            // Wrapping moves spaces (and justification adds some), never the other
            // characters: the hit is on the line where its count of them is reached.
            let before = block
                .text
                .get(..span.start)
                .map_or(0, |t| t.chars().filter(|c| !c.is_whitespace()).count());
            let lines = self.wrapped.block(&self.blocks, index);
            let mut count = 0;
            for (line, wrapped) in lines.iter().enumerate() {
                count += wrapped.text.chars().filter(|c| !c.is_whitespace()).count();
                if count > before {
                    return Some(Anchor { block: index, line });
                }
            }
            return Some(Anchor {
                block: index,
                line: 0,
            });
        }
        None
    }
}
