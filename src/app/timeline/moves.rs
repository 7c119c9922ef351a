//! Moves through the timeline by day, month and date: binary searches over the sort keys of
//! the list as shown, so any jump costs O(log n). Each is the user's choice of selection.

use super::Timeline;
use crate::app::dates::{self, Period};

impl Timeline {
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
    pub(super) fn group_start(&self, key: i32) -> usize {
        self.partition_point(|k| self.ahead(k, key))
    }

    pub fn next_group(&mut self) {
        self.held = true;
        let key = self.key(self.selected);
        let next = self.partition_point(|k| k == key || self.ahead(k, key));
        if next < self.len() {
            self.selected = next;
        }
    }

    /// To the start of this group, or of the one above when already there.
    pub fn previous_group(&mut self) {
        self.held = true;
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
        self.held = true;
        let next = self.month_edge(self.selected, true);
        if next < self.len() {
            self.selected = next;
        }
    }

    pub fn previous_month(&mut self) {
        self.held = true;
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
        self.held = true;
        let index = if self.reversed {
            self.partition_point(|k| k < period.lower)
        } else {
            self.partition_point(|k| k > period.upper)
        };
        self.place(index);
        let key = self.key(self.selected);
        (period.lower..=period.upper).contains(&key)
    }
}
