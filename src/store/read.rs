//! Reading article files without ever blocking or loading something huge: a file read whole
//! is capped at [`MAX_FILE_BYTES`]; one of many articles (JSON Lines) is streamed, however
//! large.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use crate::article::{Article, Problem};
use crate::parse::{self, MAX_FILE_BYTES, Source};

use super::scan::io_reason;

/// Bytes read ahead of a stream: large reads, few system calls.
const STREAM_BUFFER: usize = 256 * 1024;

/// How much of a file is read to tell its format (`parse` sniffs the first 4 KB).
const HEAD_BYTES: u64 = 8 * 1024;

/// Reads and parses the file at `path`: its (first) article. Every failure is a [`Problem`]
/// naming the file.
pub fn read_article(path: &Path) -> Result<Article, Problem> {
    read_article_at(path, 0)
}

/// The article at `position` in the file at `path`, as the sync indexed it.
pub fn read_article_at(path: &Path, position: usize) -> Result<Article, Problem> {
    parse::read_article_at(path, &mut Opened::open(path)?, position)
}

/// Every article of the file at `path`, handed to `each` with its position as it is parsed
/// (see [`parse::read_articles`]); `Err` when the file as a whole is none.
pub fn read_articles(
    path: &Path,
    each: &mut dyn FnMut(usize, Result<Article, Problem>),
) -> Result<(), Problem> {
    parse::read_articles(path, &mut Opened::open(path)?, each)
}

/// The body text of the article at `position` in the file at `path`, read as
/// [`read_article_at`] reads it (see [`parse::article_body_text`]), for checks that look for
/// words in an article's own text.
pub fn read_body_text(path: &Path, position: usize) -> Result<String, Problem> {
    parse::body_text_of(path, &mut Opened::open(path)?, position)
}

/// The bytes of the file at `path`, never more than [`MAX_FILE_BYTES`] and never blocking.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Problem> {
    Opened::open(path)?.whole().map(Cow::into_owned)
}

/// A file opened for a reader in `parse`: its first bytes read, the rest read whole or
/// streamed as the format asks.
struct Opened<'p> {
    path: &'p Path,
    file: File,
    metadata: std::fs::Metadata,
    size: u64,
    /// The bytes read so far, from the start of the file.
    head: Vec<u8>,
}

impl<'p> Opened<'p> {
    fn open(path: &'p Path) -> Result<Opened<'p>, Problem> {
        let failed = |e: std::io::Error| Problem::skipped(path, io_reason(&e));
        let file = open(path).map_err(failed)?;
        let metadata = file.metadata().map_err(failed)?;
        if !metadata.is_file() {
            return Err(Problem::skipped(path, "this is not a regular file"));
        }
        let mut opened = Opened {
            path,
            file,
            size: metadata.len(),
            metadata,
            head: Vec::new(),
        };
        let head = HEAD_BYTES.min(opened.size.max(1));
        (&mut opened.file)
            .take(head)
            .read_to_end(&mut opened.head)
            .map_err(failed)?;
        Ok(opened)
    }
}

impl Source for Opened<'_> {
    fn head(&mut self) -> Result<&[u8], Problem> {
        Ok(&self.head)
    }

    fn whole(&mut self) -> Result<Cow<'_, [u8]>, Problem> {
        let path = self.path;
        if self.size > MAX_FILE_BYTES {
            return Err(too_large(path, self.size));
        }
        self.head.reserve(
            usize::try_from(self.size)
                .unwrap_or(0)
                .saturating_sub(self.head.len()),
        );
        // The file may grow between the check and the read: never take more than the cap.
        let rest = (MAX_FILE_BYTES + 1).saturating_sub(self.head.len() as u64);
        (&mut self.file)
            .take(rest)
            .read_to_end(&mut self.head)
            .map_err(|e| Problem::skipped(path, io_reason(&e)))?;
        if self.head.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large(path, self.head.len() as u64));
        }
        Ok(Cow::Borrowed(&self.head))
    }

    fn stream(&mut self) -> Result<Box<dyn BufRead + Send + '_>, Problem> {
        let start = std::io::Cursor::new(&self.head[..]);
        Ok(Box::new(BufReader::with_capacity(
            STREAM_BUFFER,
            start.chain(&mut self.file),
        )))
    }

    fn stream_from_line(
        &mut self,
        line: usize,
    ) -> Option<Result<Box<dyn BufRead + Send + '_>, Problem>> {
        if self.size < super::lines::MIN_INDEXED_BYTES {
            return None;
        }
        let path = self.path;
        let mut whole = self.file.try_clone().ok()?;
        whole.seek(SeekFrom::Start(0)).ok()?;
        let slot = super::lines::line_starts(path, &self.metadata, whole)?;
        let starts = slot.get()?.as_ref()?;
        let Some(offset) = starts.offset(line) else {
            return Some(Err(Problem::skipped(
                path,
                format!("the file has fewer than {} lines now", line + 1),
            )));
        };
        let failed = |e: std::io::Error| Problem::skipped(path, io_reason(&e));
        Some(self.file.seek(SeekFrom::Start(offset)).map_err(failed).map(
            |_| -> Box<dyn BufRead + Send + '_> {
                Box::new(BufReader::with_capacity(64 * 1024, &mut self.file))
            },
        ))
    }
}

fn too_large(path: &Path, size: u64) -> Problem {
    Problem::skipped(
        path,
        format!(
            "the file is {} MB, over folio's limit of {} MB for one article",
            size.div_ceil(1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// Opens without blocking: if the path became a FIFO since the scan, a plain open would wait
/// forever for a writer.
#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_cap_is_skipped_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.txt");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(MAX_FILE_BYTES + 1).unwrap();
        let problem = read_article(&path).unwrap_err();
        assert!(problem.what.contains("over folio's limit"), "{problem}");
        assert_eq!(problem.path, path);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pipe");
        let c_path = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo has no other preconditions.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let problem = read_article(&path).unwrap_err();
        assert!(problem.what.contains("not a regular file"), "{problem}");
    }

    /// An article past the start of a large dump is read by a seek to its line, and reads as
    /// when the lines before it are passed over.
    #[test]
    fn a_line_of_a_large_dump_is_read_from_where_it_starts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("large.jsonl");
        let mut text = String::new();
        let mut n = 0;
        while text.len() as u64 <= super::super::lines::MIN_INDEXED_BYTES {
            text.push_str(&format!(
                "{{\"title\": \"Report {n}\", \"text\": \"Line {n} of the dump.\"}}\n"
            ));
            n += 1;
        }
        std::fs::write(&path, &text).unwrap();
        for line in [0, 1, n / 2, n - 1] {
            let article = read_article_at(&path, line).unwrap();
            assert_eq!(article.title, format!("Report {line}"));
            let body = read_body_text(&path, line).unwrap();
            assert_eq!(body, format!("Line {line} of the dump.\n"));
        }
        assert!(read_article_at(&path, n).is_err(), "past the last line");
        let in_memory = crate::parse::article_body_text(&path, text.as_bytes(), n / 3).unwrap();
        assert_eq!(read_body_text(&path, n / 3).unwrap(), in_memory);
    }

    #[test]
    fn a_missing_file_says_so() {
        let problem = read_article(Path::new("/no/such/article.txt")).unwrap_err();
        assert!(problem.what.contains("disappeared"), "{problem}");
    }
}
