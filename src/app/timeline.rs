//! The timeline: a virtual list over the catalog's entries, with filters, order, selection and
//! the scroll anchor. Nothing here fetches a row; moving costs O(1) or O(log n), and only a
//! change of snapshot or filter scans the entries.

use std::collections::HashSet;
use std::sync::Arc;

use crate::catalog::{Catalog, Entry};

use super::dates::{self, Group};

mod copies;
mod filter;
mod moves;

/// Which entries are shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filters {
    pub unread: bool,
    pub starred: bool,
    /// Index into `Catalog::sources`.
    pub source: Option<u32>,
    /// Every copy on a row of its own, rather than folded into its story's row.
    pub copies: bool,
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
    /// Each labelled article's labels, sorted.
    pub labels: std::collections::HashMap<u64, Vec<String>>,
    /// Each noted article's notes and highlights.
    pub notes: std::collections::HashMap<u64, Vec<crate::state::Note>>,
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
    /// The user chose the selection (moved it or opened an article): a newer snapshot keeps
    /// it on the same article. Until then it stays on the first row, the newest article, even
    /// while a first indexing, which walks files in path order, adds newer ones above it.
    held: bool,
    /// Shown articles per day (days from CE, ascending), for the strip.
    histogram: Vec<(i32, u32)>,
    /// The group whose copies are listed under its row, by that row's id hash.
    expanded: Option<u64>,
    /// Where those rows are in the list.
    block: Option<copies::Block>,
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
            held: false,
            histogram: Vec::new(),
            expanded: None,
            block: None,
        };
        t.filtered = t.fold_copies(None);
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

    /// The sort key the row at `index` is placed by (a group's copies take their row's).
    fn key(&self, index: usize) -> i32 {
        self.placed_key(index).unwrap_or(i32::MIN)
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
        index == self.top
            || (self.by_date() && !self.in_block(index) && self.key(index - 1) != self.key(index))
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

    /// Selects the entry at `index` (the last one past the end): the user's choice.
    pub fn select(&mut self, index: usize) {
        self.held = true;
        self.place(index);
    }

    fn place(&mut self, index: usize) {
        self.selected = index.min(self.len().saturating_sub(1));
    }

    pub fn move_by(&mut self, delta: isize) {
        self.select(self.selected.saturating_add_signed(delta));
    }

    /// Selects `entry` if the list shows it (the filters and the search may hide it); the
    /// selection stays where it was if not.
    pub fn select_entry(&mut self, entry: Entry) -> bool {
        let (selected, top) = (self.selected, self.top);
        self.restore(Some(entry));
        if self.selected().is_some_and(|e| e.id_hash == entry.id_hash) {
            self.held = true;
            return true;
        }
        (self.selected, self.top) = (selected, top);
        false
    }

    /// The user settled on the selected article (opened it): newer snapshots keep it.
    pub fn hold(&mut self) {
        self.held = true;
    }

    /// Whether the selection is the user's choice rather than the first row by default.
    pub fn held(&self) -> bool {
        self.held
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
            self.place(found.unwrap_or(0));
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
        self.place(index);
    }

    pub fn set_catalog(&mut self, catalog: Arc<dyn Catalog>, marks: &Marks) {
        let keep = self.selected().filter(|_| self.held);
        if !self.held {
            // The first row stays selected and on top as articles arrive.
            self.top = 0;
        }
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
