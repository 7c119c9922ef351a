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
        meta: Default::default(),
        problems: Vec::new(),
    }
}

pub fn catalog(articles: Vec<Article>, problems: Vec<Problem>) -> Arc<dyn Catalog> {
    MemoryCatalog::new(articles, problems).into_shared()
}

/// Article `n` with forty paragraphs of six sentences, a heading every ten: long enough to
/// scroll through.
pub fn long(n: usize, published: Option<Published>, source: &str) -> Article {
    Article {
        paragraphs: (0..40)
            .map(|p| {
                if p % 10 == 0 {
                    Paragraph::Heading(format!("Part {p}"))
                } else {
                    Paragraph::Text(format!("Paragraph {p} of article {n}. ").repeat(6))
                }
            })
            .collect(),
        ..article(n, published, source, "")
    }
}

/// Five [`long`] articles: two on 2022-01-03, one on 2022-01-02, one known only to January
/// 2022, one from December 2021. Newest first they are 0, 1 (same day, by id), 2, 3, 4.
pub fn five() -> Vec<Article> {
    vec![
        long(0, day(2022, 1, 3), "Alpha"),
        long(1, day(2022, 1, 3), "Beta"),
        long(2, day(2022, 1, 2), "Alpha"),
        long(3, Published::month(2022, 1), "Beta"),
        long(4, day(2021, 12, 15), "Alpha"),
    ]
}
