//! What the strip above the timeline compares: by default it plots the articles shown per
//! period; `%` plots the search's share of all articles in each period instead (so a burst
//! of coverage stands out from a burst of publishing), and `p` pins a search so that the next
//! one is drawn beside it in another colour. The archive's own articles per day, which a
//! share divides by, are counted once per archive version, never per frame.

use std::sync::{Arc, Weak};

use crate::catalog::Catalog;

use super::App;

/// A search kept on the strip to compare the next ones with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pinned {
    /// The query as typed.
    pub label: String,
    /// Its matches per day (days from CE).
    pub days: Vec<(i32, u32)>,
}

#[derive(Default)]
pub struct StripView {
    /// Plot shares of the archive rather than counts.
    pub share: bool,
    pub pinned: Option<Pinned>,
    /// Every article of the archive per day, and the version it was counted in.
    archive: Option<Counted>,
}

/// Every article of the archive per day, and the version it was counted in.
type Counted = (Weak<dyn Catalog>, Vec<(i32, u32)>);

impl StripView {
    /// The archive's articles per day, once counted (while a share or a pin is shown).
    pub fn archive_days(&self) -> Option<&[(i32, u32)]> {
        self.archive.as_ref().map(|(_, days)| days.as_slice())
    }

    /// Whether the strip draws more than the plain counts.
    pub fn compares(&self) -> bool {
        self.share || self.pinned.is_some()
    }
}

/// Articles per day of a whole catalog: one pass over its timeline, which is in date order.
pub fn archive_days(catalog: &dyn Catalog) -> Vec<(i32, u32)> {
    let mut days: Vec<(i32, u32)> = Vec::new();
    for key in catalog.timeline().iter().map(|e| e.sort_key) {
        if key == i32::MIN {
            continue;
        }
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
    days
}

impl App {
    /// `%`: the search as a share of the archive per period, or counts again.
    pub(super) fn toggle_share(&mut self) {
        self.strip.share = !self.strip.share;
        let text = match (self.strip.share, self.search.query.is_some()) {
            (true, true) => "strip: the search's share of all articles per period",
            (true, false) => "strip: shares of all articles per period, once you search (/)",
            (false, _) => "strip: articles per period",
        };
        self.say(text.into());
    }

    /// `p`: pins the search shown, to compare the next ones with; again, unpins it.
    pub(super) fn pin_search(&mut self) {
        if let Some(pinned) = self.strip.pinned.take() {
            self.say(format!("Unpinned “{}” from the strip.", pinned.label));
            return;
        }
        if self.search.query.is_none() || self.search.count.is_none() {
            self.say("Nothing to pin: search first (/), then p keeps it on the strip.".into());
            return;
        }
        let label = self.search.ran.clone();
        self.say(format!(
            "Pinned “{label}”: the strip draws it beside the next search, in its own colour."
        ));
        self.strip.pinned = Some(Pinned {
            label,
            days: self.timeline.histogram().to_vec(),
        });
    }

    /// Counts the archive's articles per day when the strip needs them and the archive
    /// changed since.
    pub(super) fn strip_settle(&mut self) {
        if !self.strip.compares() {
            return;
        }
        let catalog = self.catalog();
        let fresh = self
            .strip
            .archive
            .as_ref()
            .is_some_and(|(weak, _)| weak.upgrade().is_some_and(|c| Arc::ptr_eq(&c, catalog)));
        if !fresh {
            let days = archive_days(catalog.as_ref());
            self.strip.archive = Some((Arc::downgrade(catalog), days));
        }
    }
}
