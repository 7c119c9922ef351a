//! The article as the blocks the reader wraps: header, lede, then the body.

use crate::app::dates;
use crate::app::wrap::{Block, LineKind};
use crate::article::{Article, Paragraph};

use super::length::Length;

/// The longest text wrapped at once: a paragraph longer than this (a scraped page with no
/// paragraph breaks) is wrapped in pieces, so that showing any part of it stays within a
/// frame. Its lines break at the seams, which ordinary paragraphs never reach.
pub const MAX_BLOCK_BYTES: usize = 8 * 1024;

/// The blocks of `article`, its date written in `locale` (the user's language for dates).
pub fn blocks(article: &Article, locale: &str) -> Vec<Block> {
    let block = |kind, text: String, gap| Block { kind, text, gap };
    let mut out = vec![block(LineKind::Title, article.title.clone(), false)];
    let language = article.language.as_str();
    let date = article.published.map_or_else(
        || "undated".to_string(),
        |p| dates::long_published(p, locale),
    );
    let source = if article.source.is_empty() {
        "unknown source"
    } else {
        &article.source
    };
    out.push(block(LineKind::Meta, format!("{source} · {date}"), false));
    let length = Length::of_article(article);
    let minutes = length.minutes(language);
    out.push(block(
        LineKind::Meta,
        format!("{language} · {} · {minutes} min read", length.describe()),
        false,
    ));
    // Authors, categories and tags when the format gives them: seed articles have none.
    let names = article.meta.name_lines().into_iter();
    out.extend(names.map(|l| block(LineKind::Meta, l, false)));
    if let Some(url) = &article.url {
        out.push(block(LineKind::Url, url.clone(), false));
    }
    if let Some(image) = &article.meta.image_url {
        out.push(block(LineKind::Meta, format!("Image: {image}"), false));
    }
    if let Some(last) = out.last_mut() {
        last.gap = true;
    }
    if !article.lede.is_empty() {
        let lede = if article.lede_truncated {
            format!("{}…", article.lede.trim_end_matches(['.', '…', ' ']))
        } else {
            article.lede.clone()
        };
        push_split(&mut out, LineKind::Lede, &lede);
    }
    for p in &article.paragraphs {
        match p {
            Paragraph::Heading(t) => push_split(&mut out, LineKind::Heading, t),
            Paragraph::Text(t) => push_split(&mut out, LineKind::Body, t),
        }
    }
    out
}

/// Where each block starts in the article's note text (`crate::anchor::text_of`), in chars:
/// `None` for the header and lede, which notes do not address. The body's blocks are its
/// paragraphs in order, a long one in pieces (cut at spaces, which the pieces lose).
pub fn sources(article: &Article, blocks: &[Block]) -> Vec<Option<usize>> {
    let starts = crate::anchor::paragraph_starts(&article.paragraphs);
    let mut out = Vec::with_capacity(blocks.len());
    let mut paragraph = 0;
    let mut cursor = 0;
    for block in blocks {
        // Only the body's blocks are of these kinds (the header and lede have their own).
        let is_body = matches!(block.kind, LineKind::Body | LineKind::Heading);
        let text = article.paragraphs.get(paragraph).map(Paragraph::text);
        let (true, Some(text)) = (is_body, text) else {
            out.push(None);
            continue;
        };
        let at = text
            .get(cursor..)
            .and_then(|rest| rest.find(block.text.as_str()))
            .map_or(cursor, |found| cursor + found);
        let base = starts.get(paragraph).copied().unwrap_or_default();
        out.push(Some(base + text.get(..at).map_or(0, |t| t.chars().count())));
        cursor = (at + block.text.len()).min(text.len());
        if block.gap {
            paragraph += 1;
            cursor = 0;
        }
    }
    out
}

/// Pushes `text` as one block followed by a blank line, or as pieces of at most
/// [`MAX_BLOCK_BYTES`] cut at spaces, the blank line after the last.
fn push_split(out: &mut Vec<Block>, kind: LineKind, text: &str) {
    let mut rest = text;
    while rest.len() > MAX_BLOCK_BYTES {
        let limit = (0..=MAX_BLOCK_BYTES)
            .rev()
            .find(|&i| rest.is_char_boundary(i))
            .unwrap_or_default();
        let cut = match rest.get(..limit).and_then(|s| s.rfind(' ')) {
            Some(space) if space > 0 => space,
            _ => limit,
        };
        let Some((piece, after)) = rest.split_at_checked(cut).filter(|_| cut > 0) else {
            break;
        };
        out.push(Block {
            kind,
            text: piece.to_string(),
            gap: false,
        });
        rest = after.trim_start_matches(' ');
    }
    out.push(Block {
        kind,
        text: rest.to_string(),
        gap: true,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_paragraph_is_cut_at_spaces_and_keeps_every_word() {
        let text = "wörd ".repeat(5000);
        let mut out = Vec::new();
        push_split(&mut out, LineKind::Body, text.trim_end());
        assert!(out.len() > 1);
        assert!(out.iter().all(|b| b.text.len() <= MAX_BLOCK_BYTES));
        assert!(
            out.iter()
                .all(|b| b.text.starts_with('w') && b.text.ends_with('d'))
        );
        let gaps: Vec<bool> = out.iter().map(|b| b.gap).collect();
        assert_eq!(gaps.iter().filter(|&&g| g).count(), 1);
        assert_eq!(gaps.last(), Some(&true));
        let words: usize = out.iter().map(|b| b.text.split(' ').count()).sum();
        assert_eq!(words, 5000);
    }

    #[test]
    fn a_japanese_article_is_measured_in_characters() {
        let article = Article {
            id: crate::article::ArticleId("ja".into()),
            path: "ja.txt".into(),
            url: None,
            title: "東京都の天気".into(),
            lede: String::new(),
            lede_truncated: false,
            source: "NHK".into(),
            language: "ja".into(),
            published: None,
            paragraphs: vec![Paragraph::Text(
                "東京都は明日の天気を発表しました。".repeat(40),
            )],
            meta: Default::default(),
            problems: Vec::new(),
        };
        let meta: Vec<String> = blocks(&article, "en")
            .into_iter()
            .filter(|b| b.kind == LineKind::Meta)
            .map(|b| b.text)
            .collect();
        assert_eq!(meta[1], "ja · 646 characters · 2 min read", "{meta:?}");
    }

    #[test]
    fn a_huge_word_is_cut_at_a_character_boundary() {
        let text = "é".repeat(MAX_BLOCK_BYTES);
        let mut out = Vec::new();
        push_split(&mut out, LineKind::Body, &text);
        let joined: String = out.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(joined, text);
    }
}
