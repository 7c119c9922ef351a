//! The concordance's work off the UI thread: a request's articles read a batch at a time,
//! in parallel, and every hit in them made a line with the keys the view sorts it by.

use std::sync::Arc;

use rayon::prelude::*;

use crate::article::{Article, Published};
use crate::catalog::{Catalog, Entry};
use crate::kwic::{self, Line, Order, Part, SortKey};
use crate::search::Matcher;

/// Words of context either side in the view: the screen shows about this many.
const WINDOW: usize = 10;

/// Words kept of a line's sort keys: enough to order the lines a person compares.
const KEY_WORDS: usize = 4;

/// Read the articles of these results and find every hit in them.
pub struct ConcordanceRequest {
    pub generation: u64,
    /// In the order the lines are listed by date: newest first.
    pub entries: Vec<Entry>,
    pub catalog: Arc<dyn Catalog>,
    pub matcher: Matcher,
}

/// The lines of the next batch of articles read.
pub struct ConcordanceAnswer {
    pub generation: u64,
    pub lines: Vec<HitLine>,
    /// Articles read for this answer, and those that could not be read.
    pub articles: usize,
    pub unreadable: usize,
    /// The last batch.
    pub done: bool,
}

/// One hit with what the view shows of its article.
#[derive(Debug, Clone)]
pub struct HitLine {
    pub entry: Entry,
    /// The article's place in the request: the date order.
    pub rank: u32,
    pub published: Option<Published>,
    pub source: String,
    pub line: Line,
    after: SortKey,
    before: SortKey,
}

impl HitLine {
    fn new(entry: Entry, rank: u32, article: &Article, line: Line) -> HitLine {
        let mut after = kwic::sort_key(&line, Order::After);
        let mut before = kwic::sort_key(&line, Order::Before);
        after.truncate(KEY_WORDS);
        before.truncate(KEY_WORDS);
        HitLine {
            entry,
            rank,
            published: article.published,
            source: article.source.clone(),
            line,
            after,
            before,
        }
    }

    pub(super) fn key(&self, order: Order) -> (&[String], u32, usize) {
        let words = match order {
            Order::Date => &[][..],
            Order::After => &self.after,
            Order::Before => &self.before,
        };
        (words, self.rank, self.line.nth + part_rank(self.line.part))
    }
}

/// Orders an article's lines by where they are in it (its parts in reading order).
fn part_rank(part: Part) -> usize {
    match part {
        Part::Title => 0,
        Part::Lede => 1 << 20,
        Part::Paragraph(i) => (i + 2) << 20,
    }
}

/// Reads `entries[range]` (in parallel) and answers with their lines, in order.
pub fn read(request: &ConcordanceRequest, range: std::ops::Range<usize>) -> ConcordanceAnswer {
    let entries = request.entries.get(range.clone()).unwrap_or_default();
    let read: Vec<Option<Vec<HitLine>>> = entries
        .par_iter()
        .enumerate()
        .map(|(i, entry)| {
            let article = request.catalog.load(entry).ok()?;
            let rank = u32::try_from(range.start + i).unwrap_or(u32::MAX);
            let lines = kwic::lines(&article, &request.matcher, WINDOW)
                .into_iter()
                .map(|line| HitLine::new(*entry, rank, &article, line))
                .collect();
            Some(lines)
        })
        .collect();
    let unreadable = read.iter().filter(|r| r.is_none()).count();
    ConcordanceAnswer {
        generation: request.generation,
        lines: read.into_iter().flatten().flatten().collect(),
        articles: entries.len(),
        unreadable,
        done: range.end >= request.entries.len(),
    }
}
