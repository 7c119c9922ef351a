//! How articles look on stdout: timeline lines, JSON objects, and wrapped text for `show`.
//! Article strings were sanitised by the parser; file names are sanitised here.

use std::io::{self, Write};
use std::path::Path;

use serde_json::json;
use unicode_width::UnicodeWidthStr;

use crate::article::{Article, Meta, Paragraph, Precision, Problem, Published};
use crate::catalog::Row;
use crate::sanitize::sanitize;

/// Source names wider than this are cut in timeline lines, so titles stay aligned.
const SOURCE_COLUMN_MAX: usize = 24;

/// What both a row and a loaded article can be printed from.
pub struct Record<'a> {
    pub id: &'a str,
    pub path: &'a Path,
    pub url: Option<&'a str>,
    pub source: &'a str,
    pub title: &'a str,
    pub lede: &'a str,
    pub language: &'a str,
    pub published: Option<Published>,
    pub paragraphs: Option<&'a [Paragraph]>,
    pub problems: &'a [Problem],
    /// Authors, categories, tags and image; empty unless the format gives them.
    pub meta: Meta,
    /// Hits of a search in the title, as character ranges (only `folio search` sets them).
    pub highlights: Option<Vec<[usize; 2]>>,
    /// How many other articles are copies of the same story, and the id of the earliest of
    /// them (`None` when there are none): `copies` and `group` in JSON, when set.
    pub group: Option<(usize, Option<String>)>,
    /// The user's labels of the article, from the reading state: `labels` in JSON, when set.
    pub labels: Option<Vec<String>>,
}

impl<'a> Record<'a> {
    pub fn from_row(row: &'a Row, problems: &'a [Problem]) -> Self {
        Record {
            id: row.id.as_str(),
            path: &row.path,
            url: row.url.as_deref(),
            source: &row.source,
            title: &row.title,
            lede: &row.lede,
            language: &row.language,
            published: row.published,
            paragraphs: None,
            problems,
            meta: Meta::default(),
            highlights: None,
            group: None,
            labels: None,
        }
    }

    pub fn from_article(article: &'a Article) -> Self {
        Record {
            id: article.id.as_str(),
            path: &article.path,
            url: article.url.as_deref(),
            source: &article.source,
            title: &article.title,
            lede: &article.lede,
            language: &article.language,
            published: article.published,
            paragraphs: Some(&article.paragraphs),
            problems: &article.problems,
            meta: article.meta.clone(),
            highlights: None,
            group: None,
            labels: None,
        }
    }

    /// One JSON object on one line; `paragraphs` only when the record has them. `authors`,
    /// `categories` and `tags` are always there, empty lists when the format gives none, and
    /// `image_url` is `null` then, so a script reads every row alike.
    pub fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", self.json())
    }

    /// The record as a JSON object.
    pub fn json(&self) -> serde_json::Value {
        let mut object = json!({
            "id": self.id,
            "path": self.path.to_string_lossy(),
            "url": self.url,
            "source": self.source,
            "title": self.title,
            "lede": self.lede,
            "date": self.published.map(|p| p.to_string()),
            "precision": self.published.map(|p| match p.precision {
                Precision::Day => "day",
                Precision::Month => "month",
            }),
            "language": self.language,
            "authors": self.meta.authors,
            "categories": self.meta.categories,
            "tags": self.meta.tags,
            "image_url": self.meta.image_url,
            "problems": self.problems.iter().map(Problem::message).collect::<Vec<_>>(),
        });
        if let Some(map) = object.as_object_mut() {
            if let Some(paragraphs) = self.paragraphs {
                map.insert("paragraphs".into(), json!(paragraphs));
            }
            if let Some(highlights) = &self.highlights {
                map.insert("highlights".into(), json!(highlights));
            }
            if let Some((copies, group)) = &self.group {
                map.insert("copies".into(), json!(copies));
                map.insert("group".into(), json!(group));
            }
            if let Some(labels) = &self.labels {
                map.insert("labels".into(), json!(labels));
            }
        }
        object
    }

    /// `2022-01-02  Sputnik France  Poutine et Erdogan ...`, the source padded to `width`.
    pub fn write_line(&self, source_width: usize, out: &mut dyn Write) -> io::Result<()> {
        let date = self
            .published
            .map_or_else(|| "undated".to_string(), |p| p.to_string());
        let source = fit(self.source, source_width);
        writeln!(out, "{date:<10}  {source}  {}", self.title)
    }

    /// The article as a person reads it, wrapped at `width` columns.
    pub fn write_text(&self, width: usize, out: &mut dyn Write) -> io::Result<()> {
        let width = width.max(20);
        let wrap = |text: &str| textwrap::wrap(text, width).join("\n");
        writeln!(out, "{}", wrap(self.title))?;
        let mut about = vec![self.source.to_string()];
        if let Some(p) = self.published {
            about.push(p.to_string());
        }
        about.push(self.language.to_string());
        about.retain(|s| !s.is_empty());
        writeln!(out, "{}", wrap(&about.join(" · ")))?;
        for line in self.meta.name_lines() {
            writeln!(out, "{}", wrap(&line))?;
        }
        if let Some(url) = self.url {
            writeln!(out, "{url}")?;
        }
        if let Some(image) = &self.meta.image_url {
            writeln!(out, "Image: {image}")?;
        }
        if !self.lede.is_empty() {
            writeln!(out, "\n{}", wrap(self.lede))?;
        }
        for paragraph in self.paragraphs.unwrap_or_default() {
            match paragraph {
                Paragraph::Heading(text) => {
                    let heading = wrap(text);
                    let rule = "─".repeat(heading.lines().map(|l| l.width()).max().unwrap_or(0));
                    writeln!(out, "\n\n{heading}\n{rule}")?;
                }
                Paragraph::Text(text) => writeln!(out, "\n{}", wrap(text))?,
            }
        }
        if !self.problems.is_empty() {
            writeln!(out, "\nProblems with this file:")?;
            for problem in self.problems {
                writeln!(out, "{}", wrap(&format!("- {}", problem.message())))?;
            }
        }
        Ok(())
    }
}

/// Pads or cuts `text` to exactly `width` columns.
fn fit(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let cut = text.width() > width;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width.saturating_sub(usize::from(cut)) {
            break;
        }
        out.push(c);
        used += w;
    }
    if cut {
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// The width of the source column: the widest source name, capped.
pub fn source_width<'a>(sources: impl Iterator<Item = &'a str>) -> usize {
    sources
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
        .clamp(1, SOURCE_COLUMN_MAX)
}

/// `path: what; action` with the path made safe to print (`path:line:` for a line of a JSON
/// Lines file, `path (article N):` for an item of a feed).
pub fn write_problem(problem: &Problem, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{}: {}",
        sanitize(&problem.location()),
        sanitize(&problem.message())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_pads_and_cuts_by_display_width() {
        assert_eq!(fit("AFP", 5), "AFP  ");
        assert_eq!(fit("新华社新闻", 6), "新华… ");
        assert_eq!(fit("Sputnik France", 8), "Sputnik…");
    }

    #[test]
    fn headings_are_set_apart_and_text_wrapped() {
        let paragraphs = [
            Paragraph::Text("one two three four five six seven eight nine ten".into()),
            Paragraph::Heading("A heading".into()),
            Paragraph::Text("After.".into()),
        ];
        let record = Record {
            id: "x",
            path: Path::new("x.txt"),
            url: None,
            source: "Wire",
            title: "Title",
            lede: "",
            language: "en",
            published: None,
            paragraphs: Some(&paragraphs),
            problems: &[],
            meta: Meta::default(),
            highlights: None,
            group: None,
            labels: None,
        };
        let mut out = Vec::new();
        record.write_text(24, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.lines().all(|l| l.width() <= 24), "{text}");
        assert!(
            text.contains("\n\n\nA heading\n─────────\n\nAfter."),
            "{text}"
        );
    }
}
