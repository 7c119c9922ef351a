//! Articles made in memory, and the memory catalog over them. The same articles can be
//! written to disk and indexed by the real store ([`super::archive::of`]).

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use folio::article::{Article, ArticleId, Paragraph, Problem, Published};
use folio::catalog::{Catalog, MemoryCatalog};

pub fn day(y: i32, m: u32, d: u32) -> Option<Published> {
    NaiveDate::from_ymd_opt(y, m, d).map(Published::day)
}

/// Article `n`, from `source`, at `archive/{n}.txt`, with a few paragraphs of `body`. A test
/// that needs other fields sets them: `Article { title, ..article(n, ...) }`.
pub fn article(n: usize, published: Option<Published>, source: &str, body: &str) -> Article {
    Article {
        id: ArticleId(format!("https://example.org/{n}")),
        path: PathBuf::from(format!("archive/{n}.txt")),
        url: Some(format!("https://example.org/{n}")),
        title: format!("Article {n}"),
        lede: format!("The lede of article {n}."),
        lede_truncated: false,
        source: source.into(),
        language: "en".into(),
        published,
        paragraphs: (0..12)
            .map(|p| Paragraph::Text(format!("Paragraph {p} of article {n}. {body}")))
            .collect(),
        problems: Vec::new(),
    }
}

pub fn catalog(articles: Vec<Article>, problems: Vec<Problem>) -> Arc<dyn Catalog> {
    MemoryCatalog::new(articles, problems).into_shared()
}
