//! The reader's line of a hit chosen in the concordance, found again in the reader's own
//! blocks by the part of the article it is in and its place among that part's hits.

use super::{Content, Reader};
use crate::kwic::Part;
use crate::search::Matcher;

impl Reader {
    /// The number of the line holding the `nth` hit of `matcher` in `part` of the article
    /// shown (wrapping only that hit's block); `None` when it has no such hit.
    pub fn line_of_hit(&mut self, part: Part, nth: usize, matcher: &Matcher) -> Option<usize> {
        let Content::Ready(r) = &mut self.content else {
            return None;
        };
        let at = r.text.hit_anchor(part, nth, matcher)?;
        Some(r.text.number(at))
    }
}
