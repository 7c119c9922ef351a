//! What the readers of files holding many articles (feeds, trafilatura XML, newsboat's cache)
//! do alike when they fill an [`Article`] from one item: naming the item in its problems, the
//! language code, lists of names, a title when the item has none, a lede that does not repeat
//! the body.

use std::path::Path;

use super::{Notes, cut_title, language};
use crate::article::{Article, ArticleId, Meta, Paragraph, Problem, Published};
use crate::sanitize::sanitize;

/// How long a title made from an item's text may be, in characters: a headline's length.
const MADE_TITLE_CHARS: usize = 90;

/// Names an item in a problem: `item 3 ("Rates rise")`, counted from 1 as people count.
pub(super) fn name(position: usize, label: Option<&str>) -> String {
    let number = position.saturating_add(1);
    match label.map(str::trim).filter(|l| !l.is_empty()) {
        Some(label) => {
            let label: String = sanitize(label).chars().take(60).collect();
            format!("item {number} (\"{label}\")")
        }
        None => format!("item {number}"),
    }
}

/// The problems of one item, each naming it, so `folio check` says which of a file's items
/// was repaired.
pub(super) fn named(problems: Vec<Problem>, item: &str) -> Vec<Problem> {
    problems
        .into_iter()
        .map(|mut p| {
            p.what = format!("{item}: {}", p.what);
            p
        })
        .collect()
}

/// The skip problem of an item that cannot be shown.
pub(super) fn skipped(path: &Path, item: &str, why: &str) -> Problem {
    Problem::skipped(path, format!("{item} {why}"))
}

/// A language code as feeds write it (`en`, `en-US`, `pt_BR`, `fra`), as ISO 639-1 where
/// folio knows the language; `None` (noted) when the text is no code.
pub(super) fn language_code(code: &str, notes: &mut Notes) -> Option<String> {
    let primary = code.trim().split(['-', '_']).next().unwrap_or_default();
    let primary = primary.to_ascii_lowercase();
    if let Some(known) = language::known_code(&primary) {
        return Some(known.to_owned());
    }
    if (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return Some(primary);
    }
    notes.repaired(
        format!("the language \"{}\" is not a language code", sanitize(code)),
        "detected the language from the text",
    );
    None
}

/// The item's language: the code it gives, else detected in its text.
pub(super) fn language_of(
    code: Option<&str>,
    title: &str,
    lede: &str,
    paragraphs: &[Paragraph],
    notes: &mut Notes,
) -> String {
    code.and_then(|c| language_code(c, notes))
        .unwrap_or_else(|| {
            let lines: Vec<&str> = paragraphs.iter().map(Paragraph::text).collect();
            language::detect_article(title, lede, &lines).to_owned()
        })
}

/// Names, categories or tags: sanitised, trimmed, without blanks or repeats, in source order.
pub(super) fn clean_list<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let item = super::html::collapse_whitespace(&sanitize(item));
        if !item.is_empty() && !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// The title an item shows (see [`title`]), its repeat at the top of the body dropped;
/// `Err`, the item skipped as `what`, when it has neither a title nor any text.
pub(super) fn titled(
    path: &Path,
    what: &str,
    own: Option<&str>,
    paragraphs: &mut Vec<Paragraph>,
    notes: &mut Notes,
) -> Result<String, Problem> {
    let Some(title) = title(own, paragraphs, notes) else {
        return Err(skipped(path, what, "has neither a title nor any text"));
    };
    drop_repeated_title(paragraphs, &title);
    Ok(title)
}

/// The title an item shows: its own (sanitised, cut when overlong), else the start of its
/// text (noted); `None` when it has neither, and cannot be shown.
fn title(own: Option<&str>, paragraphs: &[Paragraph], notes: &mut Notes) -> Option<String> {
    let own = own.map(|t| super::html::collapse_whitespace(&sanitize(t)));
    if let Some(own) = own.filter(|t| !t.is_empty()) {
        return Some(cut_title(own.into(), notes));
    }
    let first = paragraphs.first()?.text();
    let mut made: String = first.chars().take(MADE_TITLE_CHARS).collect();
    if made.len() < first.len() {
        if let Some(space) = made.rfind(' ').filter(|&s| s > MADE_TITLE_CHARS / 2) {
            made.truncate(space);
        }
        made.push('…');
    }
    notes.repaired("no title", "used the start of its text as the title");
    Some(made)
}

/// A heading that repeats the title at the top of the body is dropped: the reader shows the
/// title already.
fn drop_repeated_title(paragraphs: &mut Vec<Paragraph>, title: &str) {
    if let Some(Paragraph::Heading(first)) = paragraphs.first()
        && first.trim().eq_ignore_ascii_case(title.trim())
    {
        paragraphs.remove(0);
    }
}

/// The lede from a summary, unless the body starts with the same words (feeds often give
/// the first paragraph, or its start and an ellipsis, as the summary). The flag is whether
/// the summary was cut short by its writer.
pub(super) fn lede(summary: &str, paragraphs: &[Paragraph]) -> (String, bool) {
    const ELLIPSES: [&str; 4] = ["[…]", "[...]", "…", "..."];
    let summary = super::html::collapse_whitespace(summary);
    let (stem, truncated) = ELLIPSES
        .iter()
        .find_map(|e| summary.strip_suffix(e))
        .map_or((summary.as_str(), false), |s| (s.trim_end(), true));
    let first = paragraphs
        .iter()
        .find_map(|p| matches!(p, Paragraph::Text(_)).then(|| p.text()));
    if stem.is_empty() || first.is_some_and(|f| f.starts_with(stem)) {
        return (String::new(), false);
    }
    (summary.clone(), truncated)
}

/// Notes "no usable date" when there is none, as the other readers do.
pub(super) fn date_or_note(
    published: Option<Published>,
    why: Option<String>,
    notes: &mut Notes,
) -> Option<Published> {
    if published.is_none() {
        notes.repaired(
            why.unwrap_or_else(|| "no usable date".to_owned()),
            "listed it after all dated articles",
        );
    }
    published
}

/// What a reader found of an item, before it is the item's article.
#[derive(Default)]
pub(super) struct Fields {
    pub(super) url: Option<String>,
    pub(super) title: String,
    /// As the item gives it: sanitised when the article is made.
    pub(super) lede: String,
    pub(super) lede_truncated: bool,
    pub(super) source: String,
    pub(super) language: String,
    pub(super) published: Option<Published>,
    pub(super) paragraphs: Vec<Paragraph>,
    pub(super) meta: Meta,
}

/// The item's article, known by its URL, else by its file's path; an empty body is noted.
/// Its problems are the reader's to set: each names the item in its own way.
pub(super) fn article(path: &Path, fields: Fields, notes: &mut Notes) -> Article {
    let article = Article {
        id: ArticleId::of(fields.url.as_deref(), path),
        path: path.to_path_buf(),
        url: fields.url,
        title: fields.title,
        lede: sanitize(&fields.lede).into_owned(),
        lede_truncated: fields.lede_truncated,
        source: fields.source,
        language: fields.language,
        published: fields.published,
        paragraphs: fields.paragraphs,
        meta: fields.meta,
        problems: Vec::new(),
    };
    note_empty_body(&article, notes);
    article
}

/// Notes an empty body, as the other readers do.
fn note_empty_body(article: &Article, notes: &mut Notes) {
    if article.paragraphs.is_empty() {
        let shown = if article.lede.is_empty() {
            "showing the title only"
        } else {
            "showing the title and lede only"
        };
        notes.repaired("no body text", shown);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ledes_that_repeat_the_body_are_dropped() {
        let body = [Paragraph::Text(
            "The council met on Tuesday to vote.".into(),
        )];
        assert_eq!(
            lede("The council met on Tuesday…", &body),
            (String::new(), false)
        );
        assert_eq!(
            lede("The council met on Tuesday [...]", &body),
            (String::new(), false)
        );
        assert_eq!(
            lede("A vote on roads, at last.", &body),
            ("A vote on roads, at last.".into(), false)
        );
        assert_eq!(
            lede("A vote on roads, and…", &body),
            ("A vote on roads, and…".into(), true)
        );
    }

    #[test]
    fn titles_made_from_text_are_cut_at_a_word() {
        let mut notes = Notes::new(Path::new("f"));
        let long = "word ".repeat(40);
        let body = [Paragraph::Text(long.trim().to_owned())];
        let made = title(None, &body, &mut notes).unwrap_or_default();
        assert!(made.ends_with("word…"), "{made}");
        assert!(made.chars().count() <= MADE_TITLE_CHARS + 1);
        assert_eq!(notes.problems.len(), 1);
        assert_eq!(title(Some("  "), &[], &mut notes), None);
    }

    #[test]
    fn language_codes() {
        let mut notes = Notes::new(Path::new("f"));
        assert_eq!(language_code("en-US", &mut notes).as_deref(), Some("en"));
        assert_eq!(language_code("pt_BR", &mut notes).as_deref(), Some("pt"));
        assert_eq!(language_code("English!", &mut notes), None);
        assert_eq!(notes.problems.len(), 1);
    }

    #[test]
    fn lists_are_cleaned() {
        assert_eq!(
            clean_list([" Jane  Doe ", "", "Jane Doe", "Ali\u{1b}[2J"]),
            ["Jane Doe", "Ali␛[2J"]
        );
    }
}
