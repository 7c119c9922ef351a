//! Narrowing the list: the filters and the search results, applied once per change of
//! snapshot, filter or results, and the per-day histogram of what is shown, for the strip.

use super::{Marks, Timeline};
use crate::catalog::Entry;

impl Timeline {
    /// Read and star marks changed: a filter on them is re-applied only when asked to, so the
    /// article being read does not vanish from under the cursor.
    pub(super) fn refilter(&mut self, marks: &Marks) {
        let f = self.filters;
        let passes = |e: &Entry| {
            (!f.unread || !marks.read.contains(&e.id_hash))
                && (!f.starred || marks.starred.contains(&e.id_hash))
                && f.source.is_none_or(|s| e.source == s)
        };
        let timeline = self.catalog.timeline();
        let filtered = match &self.matches {
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
        self.filtered = self.fold_copies(filtered);
        match self.matches.as_ref().and_then(|m| m.days.as_ref()) {
            // The engine counted them from the index: no pass over the list here.
            Some(days) if !f.any() => self.histogram = days.clone(),
            _ => self.rebuild_histogram(),
        }
    }

    pub(super) fn rebuild_histogram(&mut self) {
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
}
