//! The concordance view's lines as it holds them: those read so far, in the order chosen
//! (by date, or by the words after or before the hit), merged in batch by batch as they
//! arrive, with the selection and scroll kept across a batch and a change of order.

use crate::catalog::Entry;
use crate::kwic::Order;

use super::HitLine;

/// Lines the view holds at most: a word found a million times is a list nobody reads to the
/// end, and each line costs a few hundred bytes.
pub const MAX_LINES: usize = 200_000;

/// The results a view lists: how many, the first and the last.
pub(super) type Listed = (usize, Option<Entry>, Option<Entry>);

/// The view while it is open.
pub struct Concordance {
    pub generation: u64,
    /// The query as typed, for the title.
    pub query: String,
    pub lines: Vec<HitLine>,
    pub order: Order,
    /// Indices into `lines` in `order`.
    shown: Vec<u32>,
    pub selected: usize,
    /// The first line drawn.
    pub top: usize,
    pub articles_read: usize,
    pub articles: usize,
    pub unreadable: usize,
    pub done: bool,
    /// [`MAX_LINES`] was reached: the rest are not listed.
    pub truncated: bool,
    /// The results listed: how many, the first and the last (a cheap check that the
    /// results on screen are still those).
    pub(super) listed: Listed,
}

impl Concordance {
    /// The view of request `generation` before any of its lines arrive: `articles` to read
    /// (done at once when there are none), of the results `listed`.
    pub(super) fn new(
        generation: u64,
        query: String,
        order: Order,
        articles: usize,
        listed: Listed,
    ) -> Concordance {
        Concordance {
            generation,
            query,
            lines: Vec::new(),
            order,
            shown: Vec::new(),
            selected: 0,
            top: 0,
            articles_read: 0,
            articles,
            unreadable: 0,
            done: articles == 0,
            truncated: false,
            listed,
        }
    }

    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// The line at `index` in the order shown.
    pub fn line(&self, index: usize) -> Option<&HitLine> {
        let i = *self.shown.get(index)?;
        self.lines.get(i as usize)
    }

    pub fn selected_line(&self) -> Option<&HitLine> {
        self.line(self.selected)
    }

    pub(super) fn add(&mut self, lines: Vec<HitLine>) {
        let room = MAX_LINES.saturating_sub(self.lines.len());
        if lines.len() > room {
            self.truncated = true;
        }
        let first = self.lines.len() as u32;
        self.lines.extend(lines.into_iter().take(room));
        let new = first..self.lines.len() as u32;
        if self.order == Order::Date {
            // Lines arrive in date order.
            self.shown.extend(new);
            return;
        }
        // The batch sorted, then merged in: linear in the lines held, not a sort of them all.
        let chosen = self.shown.get(self.selected).copied();
        let order = self.order;
        let lines = &self.lines;
        let key = |i: u32| lines[i as usize].key(order);
        let mut batch: Vec<u32> = new.collect();
        batch.sort_by(|&a, &b| key(a).cmp(&key(b)));
        let old = std::mem::take(&mut self.shown);
        let mut merged = Vec::with_capacity(old.len() + batch.len());
        let (mut a, mut b) = (old.into_iter().peekable(), batch.into_iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(&x), Some(&y)) if key(y) < key(x) => b.next(),
                (Some(_), _) => a.next(),
                (None, _) => b.next(),
            };
            match next {
                Some(i) => merged.push(i),
                None => break,
            }
        }
        self.shown = merged;
        // The selected line stays selected as others come in above it (the first stays
        // first, so that the view opens on the top line).
        if self.selected > 0
            && let Some(chosen) = chosen
        {
            self.selected = self.shown.iter().position(|&i| i == chosen).unwrap_or(0);
        }
    }

    pub(super) fn sort(&mut self, order: Order) {
        let chosen = self
            .selected_line()
            .map(|l| (l.rank, l.line.part, l.line.nth));
        self.order = order;
        let lines = &self.lines;
        self.shown = (0..lines.len() as u32).collect();
        if order != Order::Date {
            self.shown.sort_by(|&a, &b| {
                lines[a as usize]
                    .key(order)
                    .cmp(&lines[b as usize].key(order))
            });
        }
        self.selected = chosen
            .and_then(|c| {
                self.shown.iter().position(|&i| {
                    let l = &lines[i as usize];
                    (l.rank, l.line.part, l.line.nth) == c
                })
            })
            .unwrap_or(0);
        self.top = self.selected.saturating_sub(3);
    }

    /// Keeps the selection within the `height` lines drawn.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + height {
            self.top = self.selected + 1 - height;
        }
    }
}
