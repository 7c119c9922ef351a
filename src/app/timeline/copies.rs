//! Copies on the timeline: a story published more than once is one row, the earliest article
//! of its group (or, when a filter or a search leaves that one out, the earliest shown), and
//! the UI marks it with the number of copies ("+3"). One group at a time can be expanded:
//! its other articles are then listed right under its row, earliest first, whatever their
//! dates; they take the row's place in the day order, so no header comes between them.

use rustc_hash::FxHashMap;

use super::Timeline;
use crate::catalog::Entry;

/// The rows of the expanded group, in the list's own (unreversed) order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Block {
    /// The first member row's place in the list before reversal.
    start: usize,
    len: usize,
    /// The row's sort key, which the member rows take for headers and date moves.
    key: i32,
}

impl Timeline {
    /// Whether copies are folded into their story's row.
    pub fn grouped(&self) -> bool {
        !self.filters.copies && !self.catalog.copies().is_empty()
    }

    /// The group expanded under its row, named by the row's id hash.
    pub fn expanded(&self) -> Option<u64> {
        self.expanded
    }

    /// Expands the selected row's group, or folds it when it is the one expanded (also when
    /// the selection is on one of its member rows). Returns whether a group is now expanded.
    pub fn toggle_expanded(&mut self, marks: &super::Marks) -> bool {
        let Some(selected) = self.selected() else {
            return false;
        };
        let in_block = self.in_block(self.selected);
        if in_block || self.expanded == Some(selected.id_hash) {
            let head = self.expanded.take();
            self.refilter(marks);
            if let Some(head) = head {
                self.select_id(head);
            }
            return false;
        }
        if !self.grouped() || self.catalog.copies().place(selected.id_hash).is_none() {
            return false;
        }
        self.expanded = Some(selected.id_hash);
        self.refilter(marks);
        self.select_id(selected.id_hash);
        true
    }

    /// Whether the row at `index` (as shown) is a member row of the expanded group.
    pub fn in_block(&self, index: usize) -> bool {
        let Some(block) = self.block else {
            return false;
        };
        let len = self.len();
        if index >= len {
            return false;
        }
        let logical = if self.reversed {
            len - 1 - index
        } else {
            index
        };
        (block.start..block.start + block.len).contains(&logical)
    }

    /// How many stories the list shows, when copies are folded (its rows but the expanded
    /// group's copies).
    pub fn stories(&self) -> Option<usize> {
        self.grouped()
            .then(|| self.len() - self.block.map_or(0, |b| b.len))
    }

    /// Whether the list holds every one of `count` matches (a first page of relevance-ranked
    /// results does not), with no filter narrowing it: then its rows can be counted as stories.
    pub fn holds_all(&self, count: usize) -> bool {
        !self.filters.any()
            && self
                .matches
                .as_ref()
                .is_some_and(|m| m.positions.len() == count)
    }

    /// The sort key the row at `index` is placed by: its own, or its group row's.
    pub(super) fn placed_key(&self, index: usize) -> Option<i32> {
        if self.in_block(index) {
            return self.block.map(|b| b.key);
        }
        self.entry(index).map(|e| e.sort_key)
    }

    /// How many copies the row at `index` stands for ("+3"): 0 unless it is a group's row.
    pub fn copies_behind(&self, index: usize) -> usize {
        if !self.grouped() || self.in_block(index) {
            return 0;
        }
        self.entry(index)
            .and_then(|e| self.catalog.copies().place(e.id_hash))
            .map_or(0, |p| p.size - 1)
    }

    fn select_id(&mut self, id_hash: u64) {
        if let Some(i) =
            (0..self.len()).find(|&i| self.entry(i).is_some_and(|e| e.id_hash == id_hash))
        {
            self.selected = i;
        }
    }

    /// Folds the copies out of `positions` (the list before grouping, in catalog order) and
    /// lists the expanded group's members under its row. A pass over the list, made when the
    /// list changes (snapshot, filters, search), never per frame.
    pub(super) fn fold_copies(&mut self, positions: Option<Vec<u32>>) -> Option<Vec<u32>> {
        self.block = None;
        if !self.grouped() {
            self.expanded = None;
            return positions;
        }
        let copies = self.catalog.copies();
        let timeline = self.catalog.timeline();
        let positions = positions.unwrap_or_else(|| (0..timeline.len() as u32).collect());
        let entry = |p: u32| timeline.get(p as usize);
        // Each group's row: the member shown with the lowest rank (the earliest, normally).
        let mut rows: FxHashMap<usize, (usize, u64)> = FxHashMap::default();
        for e in positions.iter().filter_map(|&p| entry(p)) {
            if let Some(place) = copies.place(e.id_hash) {
                let row = rows.entry(place.group).or_insert((place.rank, e.id_hash));
                if place.rank < row.0 {
                    *row = (place.rank, e.id_hash);
                }
            }
        }
        let mut kept: Vec<u32> = positions
            .into_iter()
            .filter(|&p| {
                entry(p).is_some_and(|e| match copies.place(e.id_hash) {
                    Some(place) => rows.get(&place.group).is_some_and(|r| r.1 == e.id_hash),
                    None => true,
                })
            })
            .collect();
        let Some(head) = self.expanded else {
            return Some(kept);
        };
        let Some(at) = kept
            .iter()
            .position(|&p| entry(p).is_some_and(|e| e.id_hash == head))
        else {
            // The row went (a filter, a new snapshot): nothing is expanded any more.
            self.expanded = None;
            return Some(kept);
        };
        let key = entry(kept[at]).map_or(i32::MIN, |e| e.sort_key);
        let members: Vec<Entry> = self
            .catalog
            .group_entries(head)
            .into_iter()
            .filter(|e| e.id_hash != head)
            .collect();
        let wanted: FxHashMap<u64, usize> = members
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id_hash, i))
            .collect();
        let mut found: Vec<Option<u32>> = vec![None; members.len()];
        for (p, e) in timeline.iter().enumerate() {
            if let Some(&i) = wanted.get(&e.id_hash) {
                found[i] = Some(p as u32);
            }
        }
        let mut block: Vec<u32> = found.into_iter().flatten().collect();
        // Reversed, the list is read backwards: the members go before the row, backwards, so
        // that they are read under it, earliest first.
        let start = if self.reversed {
            block.reverse();
            at
        } else {
            at + 1
        };
        self.block = Some(Block {
            start,
            len: block.len(),
            key,
        });
        kept.splice(start..start, block);
        Some(kept)
    }
}
