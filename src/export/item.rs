//! One article as an export writes it: every field cleaned here, once, so that no writer can
//! let an escape sequence or a hidden character into a file.

use std::path::Path;

use crate::article::{Article, Paragraph, Published};
use crate::catalog::Row;
use crate::sanitize::{sanitize, sanitize_block, sanitize_url};

use super::research::Research;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub url: Option<String>,
    pub title: String,
    pub source: String,
    pub published: Option<Published>,
    /// ISO 639-1, or empty when unknown (never "und": a reference manager would show it).
    pub language: String,
    pub lede: String,
    pub authors: Vec<String>,
    pub path: String,
    /// The body's paragraphs, one per line-separated block; `None` when not read.
    pub body: Option<Vec<String>>,
    pub labels: Vec<String>,
    /// Notes may hold line ends; the formats that cannot keep them flatten them.
    pub notes: Vec<String>,
}

impl Item {
    /// From the index's row: everything but the authors and the body.
    pub fn from_row(row: &Row, research: Research) -> Item {
        Item::new(Fields {
            id: row.id.as_str(),
            url: row.url.as_deref(),
            title: &row.title,
            source: &row.source,
            published: row.published,
            language: &row.language,
            lede: &row.lede,
            path: &row.path,
            authors: &[],
            body: None,
            research,
        })
    }

    /// From the article's file: every field. `source` is the catalog's name for the outlet
    /// (the file may spell it otherwise; the row's name is the one shown everywhere).
    pub fn from_article(article: &Article, source: &str, research: Research) -> Item {
        Item::new(Fields {
            id: article.id.as_str(),
            url: article.url.as_deref(),
            title: &article.title,
            source,
            published: article.published,
            language: &article.language,
            lede: &article.lede,
            path: &article.path,
            authors: &article.meta.authors,
            body: Some(&article.paragraphs),
            research,
        })
    }

    fn new(f: Fields) -> Item {
        let line = |s: &str| sanitize(s.trim()).into_owned();
        let list = |v: &[String]| -> Vec<String> {
            v.iter()
                .map(|s| line(s))
                .filter(|s| !s.is_empty())
                .collect()
        };
        let language = line(f.language);
        Item {
            id: line(f.id),
            url: f
                .url
                .map(|u| sanitize_url(u.trim()).into_owned())
                .filter(|u| !u.is_empty()),
            title: line(f.title),
            source: line(f.source),
            published: f.published,
            language: if language == "und" {
                String::new()
            } else {
                language
            },
            lede: line(f.lede),
            authors: list(f.authors),
            path: line(&f.path.display().to_string()),
            body: f.body.map(|paragraphs| {
                paragraphs
                    .iter()
                    .map(|p| line(p.text()))
                    .filter(|p| !p.is_empty())
                    .collect()
            }),
            labels: list(&f.research.labels),
            notes: f
                .research
                .notes
                .iter()
                .map(|n| sanitize_block(n.trim()).into_owned())
                .filter(|n| !n.is_empty())
                .collect(),
        }
    }

    /// `2022-01-02`, `2022-01` for a month, empty when undated.
    pub fn date(&self) -> String {
        self.published.map(|p| p.to_string()).unwrap_or_default()
    }

    /// The body as text, paragraphs apart by a blank line; empty when not read.
    pub fn body_text(&self) -> String {
        self.body.as_deref().unwrap_or_default().join("\n\n")
    }
}

struct Fields<'a> {
    id: &'a str,
    url: Option<&'a str>,
    title: &'a str,
    source: &'a str,
    published: Option<Published>,
    language: &'a str,
    lede: &'a str,
    path: &'a Path,
    authors: &'a [String],
    body: Option<&'a [Paragraph]>,
    research: Research,
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::article::ArticleId;
    use chrono::NaiveDate;

    /// An article whose every field is hostile: escapes, bidi controls, CSV formulas,
    /// markup of every format.
    pub fn hostile() -> Item {
        let row = Row {
            id: ArticleId("https://evil.example/a b".into()),
            path: "archive/evil\u{1b}[31m.txt".into(),
            url: Some("https://evil.example/a b\u{202e}{x}".into()),
            title: "=HYPERLINK(\"http://x\") {braces} 50% & $5 #1 a_b \\cmd \u{1b}]0;pwned\u{7}"
                .into(),
            lede: "+1 | pipe *bold* [link](x) <script> ER  - \nTY  - BOOK".into(),
            source: "@Wire\u{202e}".into(),
            language: "und".into(),
            published: Some(Published::day(
                NaiveDate::from_ymd_opt(2022, 1, 2).expect("a date"),
            )),
        };
        let research = Research {
            labels: vec!["-minus".into(), "war, peace".into()],
            notes: vec!["first line\nsecond line \u{1b}[2J".into()],
        };
        Item::from_row(&row, research)
    }

    #[test]
    fn every_field_is_cleaned_where_the_item_is_made() {
        let item = hostile();
        let all = format!("{item:?}");
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{202e}'),
            "{all}"
        );
        assert!(!item.lede.contains('\n'));
        assert_eq!(item.notes.len(), 1);
        assert!(item.notes[0].contains('\n'), "a note keeps its lines");
        assert_eq!(item.language, "", "und is no language");
        assert!(
            item.url.as_deref().is_some_and(|u| !u.contains(' ')),
            "{:?}",
            item.url
        );
    }
}
