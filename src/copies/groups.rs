//! The groups of copies of one version of an archive, by article identity.

use rustc_hash::FxHashMap;

/// Groups of two or more articles, each earliest first, in a stable order (by the earliest's
/// id hash). Articles are named by [`crate::catalog::id_hash`]; an article in no group has
/// no copies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups {
    /// The members of every group, group after group.
    members: Vec<u64>,
    /// Where each group starts in `members`, and one past the last group's end.
    starts: Vec<u32>,
    /// Each member's place in `members`.
    place: FxHashMap<u64, u32>,
}

/// Where an article is in its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// Which group (index into [`Groups::members`]).
    pub group: usize,
    /// 0 for the earliest, the original that the others are copies of.
    pub rank: usize,
    /// Articles in the group, this one included.
    pub size: usize,
}

impl Place {
    /// Whether the article is a copy of an earlier one.
    pub fn is_copy(&self) -> bool {
        self.rank > 0
    }
}

impl Groups {
    /// Groups given as their members' id hashes, each earliest first. A member named twice
    /// stays in the first group that names it; groups left with fewer than two go.
    pub fn new(groups: Vec<Vec<u64>>) -> Groups {
        let mut out = Groups {
            members: Vec::new(),
            starts: vec![0],
            place: FxHashMap::default(),
        };
        for group in groups {
            let start = out.members.len();
            for id in group {
                if !out.place.contains_key(&id) {
                    out.place.insert(id, out.members.len() as u32);
                    out.members.push(id);
                }
            }
            if out.members.len() - start < 2 {
                for id in out.members.drain(start..) {
                    out.place.remove(&id);
                }
                continue;
            }
            out.starts.push(out.members.len() as u32);
        }
        out
    }

    /// No groups, for catalogs that do not look for copies.
    pub fn none() -> std::sync::Arc<Groups> {
        static NONE: std::sync::LazyLock<std::sync::Arc<Groups>> =
            std::sync::LazyLock::new(std::sync::Arc::default);
        std::sync::Arc::clone(&NONE)
    }

    /// How many groups (stories published more than once).
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Articles that are copies of an earlier one (every member but each group's earliest).
    pub fn copies(&self) -> usize {
        self.members.len() - self.len()
    }

    /// The members of group `group`, earliest first (empty past the last group).
    pub fn members(&self, group: usize) -> &[u64] {
        let (Some(&start), Some(&end)) = (self.starts.get(group), self.starts.get(group + 1))
        else {
            return &[];
        };
        self.members
            .get(start as usize..end as usize)
            .unwrap_or(&[])
    }

    /// Every group, earliest member first.
    pub fn iter(&self) -> impl Iterator<Item = &[u64]> {
        (0..self.len()).map(|g| self.members(g))
    }

    /// Where the article with this id hash is, if it has copies or is one.
    pub fn place(&self, id_hash: u64) -> Option<Place> {
        let at = *self.place.get(&id_hash)?;
        // The group is the last one starting at or before `at`.
        let group = self.starts.partition_point(|&s| s <= at).checked_sub(1)?;
        let start = *self.starts.get(group)?;
        Some(Place {
            group,
            rank: (at - start) as usize,
            size: self.members(group).len(),
        })
    }

    /// Whether the article is a copy of an earlier one (`is:copy`).
    pub fn is_copy(&self, id_hash: u64) -> bool {
        self.place(id_hash).is_some_and(|p| p.is_copy())
    }

    /// The earliest article of the group this one belongs to, if it belongs to one.
    pub fn earliest(&self, id_hash: u64) -> Option<u64> {
        let place = self.place(id_hash)?;
        self.members(place.group).first().copied()
    }

    /// The flat parts, for the side file.
    pub(super) fn parts(&self) -> (&[u64], &[u32]) {
        (&self.members, &self.starts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_and_counts() {
        let groups = Groups::new(vec![vec![5, 6, 7], vec![1, 2], vec![9], vec![6, 8]]);
        // [9] is alone, and [6, 8] loses 6 to the first group, leaving 8 alone.
        assert_eq!(groups.len(), 2);
        assert_eq!(groups.copies(), 3);
        assert_eq!(
            groups.place(7),
            Some(Place {
                group: 0,
                rank: 2,
                size: 3
            })
        );
        assert_eq!(groups.place(1).map(|p| (p.group, p.rank)), Some((1, 0)));
        assert!(groups.is_copy(2) && !groups.is_copy(1) && !groups.is_copy(9));
        assert_eq!(groups.earliest(6), Some(5));
        assert_eq!(groups.members(1), &[1, 2]);
        assert!(groups.members(2).is_empty());
        assert!(groups.place(8).is_none());
        assert_eq!(groups.iter().count(), 2);
        assert!(Groups::default().is_empty() && Groups::default().place(1).is_none());
    }
}
