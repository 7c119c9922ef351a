//! Bytes of one article file -> [`Article`], or a [`Problem`] saying why it is not one.
//! Pure functions, no I/O. (Stub: the real parser is being written.)

use std::path::Path;

use crate::article::{Article, ArticleId, Problem};

/// Files larger than this are skipped and reported rather than parsed.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

pub fn parse_article(path: &Path, bytes: &[u8]) -> Result<Article, Problem> {
    if bytes.is_empty() {
        return Err(Problem::skipped(path, "the file is empty"));
    }
    let text = String::from_utf8_lossy(bytes);
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let _header = lines.next();
    Ok(Article {
        id: ArticleId(path.display().to_string()),
        path: path.to_path_buf(),
        url: None,
        title: lines.next().unwrap_or_default().to_string(),
        lede: lines.next().unwrap_or_default().to_string(),
        lede_truncated: false,
        source: String::new(),
        language: "und".into(),
        published: None,
        paragraphs: Vec::new(),
        problems: Vec::new(),
    })
}
