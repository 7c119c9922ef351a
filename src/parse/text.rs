//! What a search reads of an article: its body as the reader shows it and the index holds it.
//!
//! Phrases over bodies are checked on the article's text rather than on word positions
//! (`search::phrase` says why). That text comes from here, out of the same parse the reader
//! and the indexer use, so a phrase is checked on the words the index found, split where the
//! reader splits glued paragraphs and headings, and no other module knows a file format.

use std::path::Path;

use super::parse_article;
use crate::article::{Paragraph, Problem};

/// The body text of the article at `position` in a file's bytes, as [`parse_article`] reads
/// it for the reader and the index: its paragraphs and headings, one per line. `Err` when
/// the file holds no article there. Articles are numbered from 0 in the order the file holds
/// them; a seed-format file holds one.
pub fn article_body_text(path: &Path, bytes: &[u8], position: usize) -> Result<String, Problem> {
    if position != 0 {
        return Err(Problem::skipped(
            path,
            format!("the file holds one article, not {}", position + 1),
        ));
    }
    let article = parse_article(path, bytes)?;
    Ok(body_text(&article.paragraphs))
}

/// The body as the index holds it: the paragraphs and headings, one per line.
fn body_text(paragraphs: &[Paragraph]) -> String {
    let mut text = String::with_capacity(paragraphs.iter().map(|p| p.text().len() + 1).sum());
    for paragraph in paragraphs {
        text.push_str(paragraph.text());
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &[u8] = b" date 2023-01-05 https://news.example/a\n\nTitle\n\n\
        The lede 05.01.2023, Example\n\nFirst paragraph.Second one.\n";

    #[test]
    fn the_text_is_the_readers_paragraphs_one_a_line() {
        let path = Path::new("a.txt");
        let text = article_body_text(path, FILE, 0).expect("the text");
        assert_eq!(text, "First paragraph.\nSecond one.\n");
        let article = parse_article(path, FILE).expect("the article");
        let shown: Vec<&str> = article.paragraphs.iter().map(Paragraph::text).collect();
        assert_eq!(text.lines().collect::<Vec<_>>(), shown);
    }

    #[test]
    fn there_is_no_second_article_in_a_seed_file() {
        let problem = article_body_text(Path::new("a.txt"), FILE, 1).expect_err("one article");
        assert_eq!(problem.path, Path::new("a.txt"));
        assert!(problem.what.contains("one article"), "{problem}");
    }

    #[test]
    fn a_file_that_is_no_article_has_no_text() {
        let problem = article_body_text(Path::new("b.bin"), b"\0\x01", 0).expect_err("binary");
        assert!(problem.what.contains("binary"), "{problem}");
    }
}
