//! What the tests of the multi-article readers share: the fixture files of
//! `tests/fixtures/formats`, days, and the check that no control character reached a field.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::article::{Article, Paragraph, Problem, Published};

pub(super) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

pub(super) fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

pub(super) fn day(y: i32, m: u32, d: u32) -> Option<Published> {
    NaiveDate::from_ymd_opt(y, m, d).map(Published::day)
}

/// The paragraphs, headings marked `# `, as the reader would set them apart.
pub(super) fn texts(article: &Article) -> Vec<String> {
    article
        .paragraphs
        .iter()
        .map(|p| match p {
            Paragraph::Heading(t) => format!("# {t}"),
            Paragraph::Text(t) => t.clone(),
        })
        .collect()
}

pub(super) fn whats(problems: &[Problem]) -> Vec<&str> {
    problems.iter().map(|p| p.what.as_str()).collect()
}

/// Every string of the article, as drawn; none may hold a character a terminal acts on.
pub(super) fn assert_no_controls(article: &Article) {
    let mut fields: Vec<&str> = vec![&article.title, &article.lede, &article.source];
    fields.extend(article.url.as_deref());
    fields.extend(article.paragraphs.iter().map(Paragraph::text));
    fields.extend(article.meta.authors.iter().map(String::as_str));
    fields.extend(article.meta.categories.iter().map(String::as_str));
    fields.extend(article.meta.tags.iter().map(String::as_str));
    fields.extend(article.problems.iter().map(|p| p.what.as_str()));
    for field in fields {
        assert!(
            !field.chars().any(|c| c.is_control()),
            "a control character survived in {field:?}"
        );
    }
}

/// The articles of a read, the skipped items as `Err`.
pub(super) fn ok(items: &[Result<Article, Problem>], at: usize) -> &Article {
    match items.get(at) {
        Some(Ok(article)) => article,
        other => panic!("item {at} is not an article: {other:?}"),
    }
}
