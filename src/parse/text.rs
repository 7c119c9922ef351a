//! What a search reads of an article: its body as the reader shows it and the index holds it.
//!
//! Phrases over bodies are checked on the article's text rather than on word positions
//! (`search::phrase` says why). That text comes from here, out of the same parse the reader
//! and the indexer use, so a phrase is checked on the words the index found, split where the
//! reader splits glued paragraphs and headings, and no other module knows a file format.

use std::path::Path;

use super::format::{Format, sniff};
use super::seed::{article_lines, read_body};
use super::source::{Bytes, Source};
use super::{Notes, decode, lede, url};
use crate::article::{Paragraph, Problem};

/// The body text of the article at `position` in a file's bytes, as [`super::read_articles`]
/// reads it for the reader and the index: its paragraphs and headings, one per line. `Err`
/// when the file holds no article there. Articles are numbered from 0 in the order the file
/// holds them; a seed-format file holds one.
pub fn article_body_text(path: &Path, bytes: &[u8], position: usize) -> Result<String, Problem> {
    body_text_of(path, &mut Bytes(bytes), position)
}

/// [`article_body_text`] of a file opened by the store: a JSON Lines file is read up to the
/// article's line, never whole.
pub fn body_text_of(
    path: &Path,
    file: &mut dyn Source,
    position: usize,
) -> Result<String, Problem> {
    if sniff(path, file.head()?) != Format::Seed || position != 0 {
        // Another format's body is its paragraphs as written; reading the rest costs little
        // beside parsing the JSON itself.
        return super::read_article_at(path, file, position).map(|a| body_text(&a.paragraphs));
    }
    let mut notes = Notes::new(path);
    // The steps of `parse_article` that lead to the paragraphs, without those that only
    // fill other fields (date, source, language unless the body needs it).
    let bytes = file.whole()?;
    let text = decode(&bytes, &mut notes)?;
    let lines = article_lines(&text, &mut notes)?;
    let lede_text = lines.lede.map_or("", |l| lede::split(l).text);
    let host = lines
        .header
        .as_ref()
        .and_then(|h| h.url)
        .and_then(url::host);
    let body = read_body(&lines.title, lede_text, &lines.body, host.as_deref(), false);
    Ok(body_text(&body.paragraphs))
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
    use crate::parse::parse_article;

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

    /// Whether a seam is a heading's end can depend on the language ("La" opens a French
    /// paragraph), which the text path works out only then: it still reads as the reader.
    #[test]
    fn a_seam_that_needs_the_language_splits_as_in_the_reader() {
        let file = " date 2023-01-05 https://www.example.org/a\n\nLe budget\n\n\
            Le conseil a voté 05.01.2023, Exemple\n\n\
            La mairie de ValmontLa municipalité a voté le budget de la nouvelle année, \
            et les habitants ont dit ce qu'ils en pensaient dans la salle.\n";
        let path = Path::new("fr.txt");
        let article = parse_article(path, file.as_bytes()).expect("the article");
        assert_eq!(article.language, "fr");
        let text = article_body_text(path, file.as_bytes(), 0).expect("the text");
        assert!(text.contains("\nLa municipalité"), "{text}");
        assert_eq!(text, body_text(&article.paragraphs));
    }

    /// Every article file in the repository (the seeds, the parser's fixtures, the fidelity
    /// bench's articles) reads the same both ways.
    #[test]
    fn the_text_path_reads_every_file_in_the_repository_as_the_reader() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut read = 0;
        for folder in ["seeds", "tests/fixtures/parse", "benches/fidelity"] {
            let entries = std::fs::read_dir(root.join(folder)).expect("the folder is there");
            for entry in entries {
                let path = entry.expect("an entry").path();
                if path.extension().is_none_or(|e| e != "txt") {
                    continue;
                }
                let bytes = std::fs::read(&path).expect("the file reads");
                let text = article_body_text(&path, &bytes, 0);
                let article = parse_article(&path, &bytes);
                assert_eq!(
                    text,
                    article.map(|a| body_text(&a.paragraphs)),
                    "{}",
                    path.display()
                );
                read += 1;
            }
        }
        assert!(read > 50, "{read} files read");
    }
}
