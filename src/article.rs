//! The domain model: what folio knows about one article, independent of where it came from.
//!
//! Everything here is plain data. Parsing lives in [`crate::parse`], persistence in
//! [`crate::store`]; strings stored here have already been sanitised (see [`crate::sanitize`]),
//! so any widget may draw them as they are.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::sanitize::sanitize;

/// A stable identity for an article: its URL when it has one, else the path of its file.
///
/// Reading state (read marks, stars, positions) is keyed by this, so it survives moving or
/// re-indexing the archive.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// The identity every format gives an article: its URL (already made safe to show) when
    /// it has one, else the path of its file, so reading state follows the article rather than
    /// the file wherever the URL is known.
    pub fn of(url: Option<&str>, path: &Path) -> ArticleId {
        match url {
            Some(url) => ArticleId(url.to_string()),
            None => ArticleId(sanitize(&path.display().to_string()).into_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How much of a publication date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Month,
    Day,
}

/// A publication date with its precision. For month precision `date` is the first of the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Published {
    pub date: NaiveDate,
    pub precision: Precision,
}

impl Published {
    pub fn day(date: NaiveDate) -> Self {
        Published {
            date,
            precision: Precision::Day,
        }
    }

    /// `None` when the month does not exist (e.g. 2022-13).
    pub fn month(year: i32, month: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|date| Published {
            date,
            precision: Precision::Month,
        })
    }

    /// A key that orders articles on the timeline: by day, and within the same month an
    /// article known only to the month sorts before (older than) every day of that month.
    pub fn sort_key(&self) -> i32 {
        let days = self.date.num_days_from_ce();
        match self.precision {
            Precision::Day => days * 2 + 1,
            Precision::Month => days * 2,
        }
    }

    /// The date a [`Published::sort_key`] was made from, read back from the key alone (the
    /// timeline and the index keep only the key). `None` for `i32::MIN`, the key the index
    /// gives an undated article, and for a key no date has.
    pub fn from_sort_key(key: i32) -> Option<Published> {
        if key == i32::MIN {
            return None;
        }
        let date = NaiveDate::from_num_days_from_ce_opt(key.div_euclid(2))?;
        let precision = if key.rem_euclid(2) == 1 {
            Precision::Day
        } else {
            Precision::Month
        };
        Some(Published { date, precision })
    }
}

/// `YYYY-MM-DD` for day precision, `YYYY-MM` for month precision: the JSON and CLI form.
impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Day => write!(f, "{}", self.date.format("%Y-%m-%d")),
            Precision::Month => write!(f, "{:04}-{:02}", self.date.year(), self.date.month()),
        }
    }
}

/// One block of an article body, as recovered from the scraper's glued text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "text", rename_all = "lowercase")]
pub enum Paragraph {
    Heading(String),
    Text(String),
}

impl Paragraph {
    pub fn text(&self) -> &str {
        match self {
            Paragraph::Heading(t) | Paragraph::Text(t) => t,
        }
    }
}

/// A fully parsed article. All strings are sanitised: no control or bidi characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub id: ArticleId,
    pub path: PathBuf,
    pub url: Option<String>,
    pub title: String,
    pub lede: String,
    /// The scraper cut the lede short (it ends in "..." before the trailer).
    pub lede_truncated: bool,
    pub source: String,
    /// ISO 639-1 code ("fr", "en", "zh", ...), or "und" when unknown.
    pub language: String,
    /// `None` only when the file gives no usable date at all.
    pub published: Option<Published>,
    pub paragraphs: Vec<Paragraph>,
    /// Fields some formats give and the seed format does not (authors, categories, tags).
    pub meta: Meta,
    /// What was wrong with the file and repaired; the article is still shown.
    pub problems: Vec<Problem>,
}

/// What a source says about an article beyond its title, lede and body: news-please's
/// `authors`, trafilatura's `categories` and `tags`, a feed item's categories. Empty for the
/// seed format. Sanitised like every other field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub authors: Vec<String>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub image_url: Option<String>,
}

impl Meta {
    /// Names shown of one list; a parser bounds them already, this bounds any catalog's.
    pub const SHOWN: usize = 50;

    /// What a reader's header shows of its names, one line each, nothing for what is
    /// absent: `By Anna Berg, Tom Brel`, `Categories: Économie, Mer · Tags: pêche, Kessia`.
    /// The image is shown on its own, after the article's URL.
    pub fn name_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.authors.is_empty() {
            lines.push(format!("By {}", listed(&self.authors)));
        }
        let filed: Vec<String> = [("Categories", &self.categories), ("Tags", &self.tags)]
            .into_iter()
            .filter(|(_, names)| !names.is_empty())
            .map(|(label, names)| format!("{label}: {}", listed(names)))
            .collect();
        if !filed.is_empty() {
            lines.push(filed.join(" · "));
        }
        lines
    }
}

/// `A, B, C`, at most [`Meta::SHOWN`] names and then how many more there are.
fn listed(names: &[String]) -> String {
    let shown = names.iter().take(Meta::SHOWN).map(String::as_str);
    let mut text = shown.collect::<Vec<_>>().join(", ");
    if let Some(more) = names.len().checked_sub(Meta::SHOWN).filter(|&n| n > 0) {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

/// How bad a problem is: whether the article could still be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file was read as an article, with something repaired or guessed.
    Repaired,
    /// The file could not be read as an article and is left out of the timeline.
    Skipped,
}

/// Something wrong with one file: which file, what, and what folio did about it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Problem {
    pub path: PathBuf,
    pub severity: Severity,
    /// What is wrong, as a sentence fragment: "invalid UTF-8 at byte 120".
    pub what: String,
    /// What folio did about it: "decoded lossily", "skipped".
    pub action: String,
    /// Which article of the file, when the file holds several (a JSON Lines dump, a feed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Place>,
}

/// Where an article is in a file that holds several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Place {
    /// The article's position in the file, from 0, as the store addresses it.
    pub position: u64,
    /// The line it starts on, from 1, where the format has lines that mean something (JSON
    /// Lines); `None` for an item of a feed or an array.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

impl fmt::Display for Place {
    /// `:12` after the path for a line, ` (article 3)` otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, ":{line}"),
            None => write!(f, " (article {})", self.position + 1),
        }
    }
}

impl Problem {
    pub fn repaired(
        path: impl Into<PathBuf>,
        what: impl Into<String>,
        action: impl Into<String>,
    ) -> Self {
        Problem {
            path: path.into(),
            severity: Severity::Repaired,
            what: what.into(),
            action: action.into(),
            at: None,
        }
    }

    pub fn skipped(path: impl Into<PathBuf>, what: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            severity: Severity::Skipped,
            what: what.into(),
            action: "skipped".into(),
            at: None,
        }
    }

    /// The same problem, placed at an article of a file that holds several.
    pub fn at(mut self, place: Place) -> Self {
        self.at = Some(place);
        self
    }

    /// The path as `folio check` names it: with `:LINE` or `(article N)` when the file
    /// holds several articles.
    pub fn location(&self) -> String {
        match &self.at {
            Some(place) => format!("{}{place}", self.path.display()),
            None => self.path.display().to_string(),
        }
    }

    /// The message without the path, for places that already show the path.
    pub fn message(&self) -> String {
        format!("{}; {}", self.what, self.action)
    }
}

/// `path: what; action` (`path:line: ...` for a line of a JSON Lines file), one line, the form
/// `folio check` prints.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}; {}", self.location(), self.what, self.action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_give_back_the_date_and_its_precision() {
        let day = Published::day(NaiveDate::from_ymd_opt(2022, 1, 2).expect("a date"));
        let month = Published::month(1969, 12).expect("a month");
        let first_day = Published::day(NaiveDate::from_ymd_opt(1, 1, 1).expect("a date"));
        for p in [day, month, first_day] {
            assert_eq!(Published::from_sort_key(p.sort_key()), Some(p));
        }
        assert_eq!(Published::from_sort_key(i32::MIN), None);
        assert_eq!(Published::from_sort_key(i32::MAX), None, "no such day");
    }
}
