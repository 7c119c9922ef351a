//! A file as a format reader gets it. The store opens the file (without blocking, within
//! folio's limits) and the reader asks for what its format needs: the whole file for a format
//! read at once (the seed format, one JSON object, a feed), or a stream for one read line by
//! line (JSON Lines, which may be gigabytes), so that such a file is never held whole.

use std::borrow::Cow;
use std::io::BufRead;

use crate::article::Problem;

/// What [`super::read_articles`] reads a file through.
pub trait Source {
    /// The first bytes of the file (at least the first 4 KB when it is that long), from which
    /// its format is told.
    fn head(&mut self) -> Result<&[u8], Problem>;
    /// The whole file; `Err` when it is over [`super::MAX_FILE_BYTES`] or cannot be read.
    fn whole(&mut self) -> Result<Cow<'_, [u8]>, Problem>;
    /// The file from its start as a buffered stream, of any length.
    fn stream(&mut self) -> Result<Box<dyn BufRead + Send + '_>, Problem>;
    /// The file from the start of line `line` (from 0), when the source can go there without
    /// reading the lines before it (the store keeps where a large file's lines start);
    /// `None` when it cannot, and the reader passes over them itself.
    fn stream_from_line(
        &mut self,
        line: usize,
    ) -> Option<Result<Box<dyn BufRead + Send + '_>, Problem>> {
        let _ = line;
        None
    }
}

/// A file already in memory (tests, tools, a file given on the command line).
pub struct Bytes<'b>(pub &'b [u8]);

impl Source for Bytes<'_> {
    fn head(&mut self) -> Result<&[u8], Problem> {
        Ok(self.0)
    }

    fn whole(&mut self) -> Result<Cow<'_, [u8]>, Problem> {
        Ok(Cow::Borrowed(self.0))
    }

    fn stream(&mut self) -> Result<Box<dyn BufRead + Send + '_>, Problem> {
        Ok(Box::new(self.0))
    }
}
