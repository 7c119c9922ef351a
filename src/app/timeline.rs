//! The timeline: a virtual list over the catalog's entries, with filters, order, selection and
//! the scroll anchor. Nothing here fetches a row; moving costs O(1) or O(log n), and only a
//! change of snapshot or filter scans the entries.

use std::collections::HashSet;
use std::sync::Arc;

use crate::catalog::{Catalog, Entry};

use super::dates::{self, Group, Period};

/// Which entries are shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filters {
    pub unread: bool,
    pub starred: bool,
    /// Index into `Catalog::sources`.
    pub source: Option<u32>,
}

impl Filters {
    pub fn any(&self) -> bool {
        self.unread || self.starred || self.source.is_some()
    }
}

/// Read and starred articles, by `catalog::id_hash`.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    pub read: HashSet<u64>,
    pub starred: HashSet<u64>,
}

/// One line of the visible part of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListLine {
    /// A day or month header, above the entry at this index.
    Header(Group, usize),
    Entry(usize),
    /// The search snippet under the entry at this index.
    Snippet(usize),
}

/// The answer of a search, as the timeline shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matches {
    /// Positions in `catalog.timeline()`: in catalog order when `by_date`, else best first.
    pub positions: Vec<u32>,
    pub by_date: bool,
    /// Matches per day from the engine, when it has counted them all.
    pub days: Option<Vec<(i32, u32)>>,
}

pub struct Timeline {
    catalog: Arc<dyn Catalog>,
    /// The search results the list is narrowed to, if a search is on.
    matches: Option<Matches>,
    /// A one-line snippet under each search result.
    snippets: bool,
    /// Positions in `catalog.timeline()` passing the filters (and the search), in catalog
    /// order (or the search's); `None` when nothing narrows the list, so the common case
    /// holds no copy of a million entries.
    filtered: Option<Vec<u32>>,
    filters: Filters,
    /// Oldest first.
    reversed: bool,
    selected: usize,
    /// The first entry drawn: the list scrolls by moving this anchor.
    top: usize,
    /// Shown articles per day (days from CE, ascending), for the strip.
    histogram: Vec<(i32, u32)>,
}

impl Timeline {
    pub fn new(catalog: Arc<dyn Catalog>) -> Timeline {
        let mut t = Timeline {
            catalog,
            matches: None,
            snippets: false,
            filtered: None,
            filters: Filters::default(),
            reversed: false,
            selected: 0,
            top: 0,
            histogram: Vec::new(),
        };
        t.rebuild_histogram();
        t
    }

    pub fn catalog(&self) -> &Arc<dyn Catalog> {
        &self.catalog
    }

    pub fn filters(&self) -> Filters {
        self.filters
    }

    pub fn reversed(&self) -> bool {
        self.reversed
    }

    pub fn len(&self) -> usize {
        match &self.filtered {
            Some(v) => v.len(),
            None => self.catalog.timeline().len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entry at a position of the list as shown (order and filters applied).
    pub fn entry(&self, index: usize) -> Option<Entry> {
        let len = self.len();
        if index >= len {
            return None;
        }
        let logical = if self.reversed {
            len - 1 - index
        } else {
            index
        };
        let physical = match &self.filtered {
            Some(v) => *v.get(logical)? as usize,
            None => logical,
        };
        self.catalog.timeline().get(physical).copied()
    }

    fn key(&self, index: usize) -> i32 {
        self.entry(index).map_or(i32::MIN, |e| e.sort_key)
    }

    pub fn selected_index(&self) -> usize {
        self.selected
    }

    pub fn selected(&self) -> Option<Entry> {
        self.entry(self.selected)
    }

    pub fn top(&self) -> usize {
        self.top
    }

    pub fn histogram(&self) -> &[(i32, u32)] {
        &self.histogram
    }

    pub fn matches(&self) -> Option<&Matches> {
        self.matches.as_ref()
    }

    /// Dates are in order, so entries are grouped under day headers (not in relevance order).
    fn by_date(&self) -> bool {
        self.matches.as_ref().is_none_or(|m| m.by_date)
    }

    pub fn snippets(&self) -> bool {
        self.snippets && self.matches.is_some()
    }

    pub fn set_snippets(&mut self, on: bool) {
        self.snippets = on;
    }

    /// Lines an entry takes (with its snippet).
    fn entry_lines(&self) -> usize {
        1 + usize::from(self.snippets())
    }

    /// A header is drawn above the entry at `index` when it is drawn first or starts a day.
    fn header_above(&self, index: usize) -> bool {
        index == self.top || (self.by_date() && self.key(index - 1) != self.key(index))
    }

    /// Narrows the list to search results, or widens it back with `None`. The selection
    /// stays on the same article when it is still shown, else goes to the first result.
    pub fn set_matches(&mut self, matches: Option<Matches>, marks: &Marks) {
        let keep = self.selected();
        let same_list = match (&self.matches, &matches) {
            (Some(a), Some(b)) => {
                a.positions.first() == b.positions.first() && a.by_date == b.by_date
            }
            _ => false,
        };
        self.matches = matches;
        self.refilter(marks);
        if same_list {
            self.restore(keep);
        } else {
            self.selected = 0;
            self.top = 0;
        }
    }

    /// Puts the selection and the scroll anchor back where they were (Esc in search).
    pub fn set_view(&mut self, keep: Option<Entry>, top: usize) {
        self.restore(keep);
        if top <= self.selected {
            self.top = top;
        }
    }

    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.len().saturating_sub(1));
    }

    pub fn move_by(&mut self, delta: isize) {
        self.select(self.selected.saturating_add_signed(delta));
    }

    /// `a` is drawn above `b`.
    fn ahead(&self, a: i32, b: i32) -> bool {
        if self.reversed { a < b } else { a > b }
    }

    /// The first index where `pred` turns false; `pred` must hold for a prefix of the list.
    fn partition_point(&self, pred: impl Fn(i32) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(self.key(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The first index of the group (one sort key) holding `key`.
    fn group_start(&self, key: i32) -> usize {
        self.partition_point(|k| self.ahead(k, key))
    }

    pub fn next_group(&mut self) {
        let key = self.key(self.selected);
        let next = self.partition_point(|k| k == key || self.ahead(k, key));
        if next < self.len() {
            self.selected = next;
        }
    }

    /// To the start of this group, or of the one above when already there.
    pub fn previous_group(&mut self) {
        let start = self.group_start(self.key(self.selected));
        self.selected = if start < self.selected || start == 0 {
            start
        } else {
            self.group_start(self.key(start - 1))
        };
    }

    fn month_period(&self, index: usize) -> Option<Period> {
        let (y, m) = dates::month_of(self.key(index))?;
        dates::parse_jump(&format!("{y:04}-{m:02}"))
    }

    /// The first index past (`forward`) or at the start of the month holding `index`.
    fn month_edge(&self, index: usize, forward: bool) -> usize {
        let Some(p) = self.month_period(index) else {
            // Undated entries form one block at the end (or the start, reversed).
            let key = self.key(index);
            return if forward {
                self.partition_point(|k| k == key || self.ahead(k, key))
            } else {
                self.group_start(key)
            };
        };
        let (after, before) = if self.reversed {
            (p.upper, p.lower)
        } else {
            (p.lower, p.upper)
        };
        if forward {
            self.partition_point(|k| !self.ahead(after, k))
        } else {
            self.partition_point(|k| self.ahead(k, before))
        }
    }

    pub fn next_month(&mut self) {
        let next = self.month_edge(self.selected, true);
        if next < self.len() {
            self.selected = next;
        }
    }

    pub fn previous_month(&mut self) {
        let start = self.month_edge(self.selected, false);
        self.selected = if start < self.selected || start == 0 {
            start
        } else {
            self.month_edge(start - 1, false)
        };
    }

    /// Selects the first article shown of `period`, or the nearest one after it in the
    /// list's order. Returns whether the period has articles.
    pub fn jump(&mut self, period: Period) -> bool {
        if self.is_empty() {
            return false;
        }
        let index = if self.reversed {
            self.partition_point(|k| k < period.lower)
        } else {
            self.partition_point(|k| k > period.upper)
        };
        self.select(index);
        let key = self.key(self.selected);
        (period.lower..=period.upper).contains(&key)
    }

    pub fn reverse(&mut self) {
        let keep = self.selected();
        self.reversed = !self.reversed;
        self.top = 0;
        self.restore(keep);
    }

    /// Keeps the selected article selected when it is still shown, else the nearest by date.
    fn restore(&mut self, keep: Option<Entry>) {
        let Some(keep) = keep else {
            self.selected = 0;
            return;
        };
        if !self.by_date() {
            // At most a page of relevance-ranked results: a walk is cheap.
            let found = (0..self.len()).find(|&i| self.entry(i).is_some_and(|e| e.doc == keep.doc));
            self.select(found.unwrap_or(0));
            return;
        }
        let start = self.group_start(keep.sort_key);
        let mut index = start;
        while let Some(e) = self.entry(index) {
            if e.sort_key != keep.sort_key {
                index = start;
                break;
            }
            if e.id_hash == keep.id_hash {
                break;
            }
            index += 1;
        }
        self.select(index);
    }

    pub fn set_catalog(&mut self, catalog: Arc<dyn Catalog>, marks: &Marks) {
        let keep = self.selected();
        // Sources are kept by name: a newer catalog may list more of them, or merge some.
        let source = self
            .filters
            .source
            .and_then(|s| self.catalog.sources().get(s as usize))
            .map(|(name, _)| name.clone());
        self.catalog = catalog;
        self.filters.source = source.and_then(|name| {
            let sources = self.catalog.sources();
            sources
                .iter()
                .position(|(n, _)| *n == name)
                .map(|i| i as u32)
        });
        self.refilter(marks);
        self.restore(keep);
    }

    pub fn set_filters(&mut self, filters: Filters, marks: &Marks) {
        let keep = self.selected();
        self.filters = filters;
        self.refilter(marks);
        self.top = 0;
        self.restore(keep);
    }

    /// Read and star marks changed: a filter on them is re-applied only when asked to, so the
    /// article being read does not vanish from under the cursor.
    fn refilter(&mut self, marks: &Marks) {
        let f = self.filters;
        let passes = |e: &Entry| {
            (!f.unread || !marks.read.contains(&e.id_hash))
                && (!f.starred || marks.starred.contains(&e.id_hash))
                && f.source.is_none_or(|s| e.source == s)
        };
        let timeline = self.catalog.timeline();
        self.filtered = match &self.matches {
            Some(m) if f.any() => Some(
                m.positions
                    .iter()
                    .copied()
                    .filter(|&i| timeline.get(i as usize).is_some_and(passes))
                    .collect(),
            ),
            Some(m) => Some(m.positions.clone()),
            None => f.any().then(|| {
                timeline
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| passes(e))
                    .map(|(i, _)| i as u32)
                    .collect()
            }),
        };
        match self.matches.as_ref().and_then(|m| m.days.as_ref()) {
            // The engine counted them from the index: no pass over the list here.
            Some(days) if !f.any() => self.histogram = days.clone(),
            _ => self.rebuild_histogram(),
        }
    }

    fn rebuild_histogram(&mut self) {
        let mut days: Vec<(i32, u32)> = Vec::new();
        let keys: Box<dyn Iterator<Item = i32>> = match &self.filtered {
            Some(v) => Box::new(
                v.iter()
                    .filter_map(|&i| self.catalog.timeline().get(i as usize))
                    .map(|e| e.sort_key),
            ),
            None => Box::new(self.catalog.timeline().iter().map(|e| e.sort_key)),
        };
        // Entries arrive grouped by key (the catalog is sorted), so runs are merged as they go.
        for key in keys.filter(|&k| k != i32::MIN) {
            let day = key.div_euclid(2);
            match days.last_mut() {
                Some((d, n)) if *d == day => *n += 1,
                _ => days.push((day, 1)),
            }
        }
        days.sort_unstable_by_key(|&(d, _)| d);
        days.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 += b.1;
            }
            same
        });
        self.histogram = days;
    }

    /// Moves the anchor so the selection is on screen: cost O(height), whatever the jump.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.top {
            self.top = self.selected;
            return;
        }
        // The smallest top that still shows the selection, walking back from it: each step
        // up adds the entry and, when the day changes there, a header (the first drawn entry
        // always has one).
        let per_entry = self.entry_lines();
        let mut top = self.selected;
        let mut lines = 1 + per_entry;
        while top > 0 {
            let header = self.by_date() && self.key(top - 1) != self.key(top);
            let extra = per_entry + usize::from(header);
            if lines + extra > height {
                break;
            }
            lines += extra;
            top -= 1;
        }
        if top > self.top {
            self.top = top;
        }
    }

    /// The lines of the list from the anchor down, at most `height` of them.
    pub fn visible(&self, height: usize) -> Vec<ListLine> {
        let mut out = Vec::with_capacity(height);
        let mut index = self.top;
        let snippets = self.snippets();
        while out.len() < height && index < self.len() {
            if self.header_above(index) {
                out.push(ListLine::Header(dates::group_of(self.key(index)), index));
                if out.len() == height {
                    break;
                }
            }
            out.push(ListLine::Entry(index));
            if snippets && out.len() < height {
                out.push(ListLine::Snippet(index));
            }
            index += 1;
        }
        out
    }

    /// Entries shown on one screen, for page moves.
    pub fn page(&self, height: usize) -> usize {
        self.visible(height)
            .iter()
            .filter(|l| matches!(l, ListLine::Entry(_)))
            .count()
            .max(1)
    }
}
