//! Reading one article file without ever blocking or loading something huge.

use std::io::Read;
use std::path::Path;

use crate::article::{Article, Problem};
use crate::parse::{self, MAX_FILE_BYTES};

use super::scan::io_reason;

/// Reads and parses the file at `path`. Every failure is a [`Problem`] naming the file.
pub fn read_article(path: &Path) -> Result<Article, Problem> {
    let bytes = read_bytes(path)?;
    parse::parse_article(path, &bytes)
}

/// The body text of the article at `position` in the file at `path`, read as
/// [`read_article`] reads it (see [`parse::article_body_text`]), for checks that look for
/// words in an article's own text.
pub fn read_body_text(path: &Path, position: usize) -> Result<String, Problem> {
    let bytes = read_bytes(path)?;
    parse::article_body_text(path, &bytes, position)
}

/// The bytes of the file at `path`, never more than [`MAX_FILE_BYTES`] and never blocking.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Problem> {
    let file = open(path).map_err(|e| Problem::skipped(path, io_reason(&e)))?;
    let metadata = file
        .metadata()
        .map_err(|e| Problem::skipped(path, io_reason(&e)))?;
    if !metadata.is_file() {
        return Err(Problem::skipped(path, "this is not a regular file"));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(path, metadata.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // The file may grow between the check and the read: never take more than the cap.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::skipped(path, io_reason(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    Ok(bytes)
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

    #[test]
    fn a_missing_file_says_so() {
        let problem = read_article(Path::new("/no/such/article.txt")).unwrap_err();
        assert!(problem.what.contains("disappeared"), "{problem}");
    }
}
