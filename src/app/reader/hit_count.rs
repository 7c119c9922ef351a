//! How many lines of the article shown have a hit, for the reader's hit counter.

use super::{Content, Reader};

/// Text counted for "hit 3 of 7": a scan of the whole text (~100 MB/s) plus the wrapping of
/// the blocks with hits (15 MB/s, 3 MB/s hyphenated) stays within a frame or two. Longer
/// articles show the hit without the count.
pub const COUNT_BYTES: usize = 256 * 1024;

impl Reader {
    /// The numbers of the lines with a hit in the article shown, at the current width;
    /// `None` without an article or past [`COUNT_BYTES`].
    pub fn hit_lines(&mut self, hit: impl Fn(&str) -> bool) -> Option<Vec<usize>> {
        let Content::Ready(r) = &mut self.content else {
            return None;
        };
        r.text.hit_lines(&hit, COUNT_BYTES)
    }
}
