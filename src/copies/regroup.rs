//! Regrouping after a sync changed part of the archive, without grouping it all again.
//!
//! The last grouping is kept as its groups and a fingerprint of every article it grouped
//! (identity → hash of signature and date: 16 bytes an article). Against the articles now,
//! that names what changed: articles new or edited since (their fingerprint is new) and
//! articles gone or edited (their old fingerprint is gone). Then:
//! - a group none of whose members changed is kept whole: every pair that joined it is
//!   still there, signatures and dates being the same;
//! - a group that lost or changed a member is broken up, and its remaining members are
//!   probed again with the new and edited articles, as the articles to place;
//! - the articles to place are put in the LSH buckets of every band (a hash map of their
//!   band keys, a few per article), every article of the archive is looked up in them, and
//!   the pairs that meet are checked as a full grouping checks them.
//!
//! Two unchanged articles in no common group were no pair before and are none now, so the
//! groups are those a full grouping finds (the tests check it after adds, edits and deletes),
//! at the cost of one pass of 32 look-ups over the archive's signatures instead of 32 sorts
//! of them. The one difference: in a bucket so full that both cap the comparisons
//! ([`PER_BUCKET`]: a template every article of a site shares), the two may check different
//! pairs of it; a true copy meets its original in another band either way.
//! When most of the archive changed (the first sync), the full grouping is cheaper and used.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::group::{BANDS, Item, PER_BUCKET, are_copies, band_key, group, groups_of, unite};
use super::groups::Groups;
use super::shingles::mix;

/// The groups of a version of the archive and what they were made from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grouping {
    pub groups: Groups,
    /// `(id hash, fingerprint)` of every article grouped, sorted.
    pub seen: Vec<(u64, u64)>,
    /// Whether these groups were found incrementally (for the benchmark and the tests).
    pub incremental: bool,
}

/// When more than this share of the articles is to be placed again, the full grouping is
/// cheaper than probing (and has no bucket too full to probe).
const FULL_ABOVE: f64 = 0.4;

/// What an article is grouped by: its signature and its date.
fn fingerprint(item: &Item) -> u64 {
    let mut h = mix(u64::from(item.signature.shingles) ^ (i64::from(item.sort_key) as u64) << 32);
    for chunk in item.signature.bins.chunks_exact(8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = mix(h ^ u64::from_le_bytes(word));
    }
    h
}

/// Groups `items` (every signed article now), reusing `previous` where nothing changed.
pub fn regroup(items: &[Item], previous: &Grouping) -> Grouping {
    // (id hash, fingerprint, index) of every article, sorted as the saved list is.
    let mut now: Vec<(u64, u64, u32)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id_hash, fingerprint(item), i as u32))
        .collect();
    now.par_sort_unstable();
    let seen: Vec<(u64, u64)> = now.iter().map(|&(id, fp, _)| (id, fp)).collect();
    let full = |seen: Vec<(u64, u64)>| Grouping {
        groups: group(items),
        seen,
        incremental: false,
    };
    // Nothing saved, or a list not as this function writes it: group them all.
    if previous.seen.is_empty() || !previous.seen.is_sorted() {
        return full(seen);
    }
    // One walk of the two sorted lists: articles new or edited are to place, articles
    // deleted or edited are gone (an edited one is both).
    let mut place: Vec<u32> = Vec::new();
    let mut gone: FxHashSet<u64> = FxHashSet::default();
    let (mut was, mut is) = (previous.seen.iter().peekable(), now.iter().peekable());
    loop {
        match (was.peek(), is.peek()) {
            (Some(&&old), Some(&&(id, fp, i))) => match old.cmp(&(id, fp)) {
                std::cmp::Ordering::Equal => {
                    was.next();
                    is.next();
                }
                std::cmp::Ordering::Less => {
                    gone.insert(old.0);
                    was.next();
                }
                std::cmp::Ordering::Greater => {
                    place.push(i);
                    is.next();
                }
            },
            (Some(&&old), None) => {
                gone.insert(old.0);
                was.next();
            }
            (None, Some(&&(_, _, i))) => {
                place.push(i);
                is.next();
            }
            (None, None) => break,
        }
    }
    if place.len() as f64 > FULL_ABOVE * items.len() as f64 {
        return full(seen);
    }
    let index_of = |id: u64| {
        let at = now.partition_point(|&(other, _, _)| other < id);
        now.get(at).filter(|e| e.0 == id).map(|e| e.2)
    };
    let mut parent: Vec<u32> = (0..items.len() as u32).collect();
    for members in previous.groups.iter() {
        let mut kept = members
            .iter()
            .filter(|id| !gone.contains(id))
            .filter_map(|&id| index_of(id));
        if members.iter().any(|id| gone.contains(id)) {
            // Broken up: what is left is placed again (edited members are placed already).
            place.extend(kept);
        } else if let Some(first) = kept.next() {
            for other in kept {
                unite(&mut parent, first, other);
            }
        }
    }
    if place.len() as f64 > FULL_ABOVE * items.len() as f64 {
        return full(seen);
    }
    place.sort_unstable();
    place.dedup();
    for (a, b) in probe(items, &place) {
        unite(&mut parent, a, b);
    }
    Grouping {
        groups: groups_of(items, &mut parent),
        seen,
        incremental: true,
    }
}

/// The checked pairs between the articles to place and every article.
fn probe(items: &[Item], place: &[u32]) -> Vec<(u32, u32)> {
    let mut pairs: Vec<(u32, u32)> = (0..BANDS)
        .into_par_iter()
        .flat_map_iter(|band| {
            let mut buckets: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
            for &p in place {
                if let Some(item) = items.get(p as usize) {
                    buckets.entry(band_key(item, band)).or_default().push(p);
                }
            }
            let mut met = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let Some(bucket) = buckets.get(&band_key(item, band)) else {
                    continue;
                };
                // As in the full grouping, a bucket a template fills costs a few pairs an
                // article; a true copy meets its original in another band.
                for &p in bucket.iter().filter(|&&p| p != i as u32).take(PER_BUCKET) {
                    met.push((p.min(i as u32), p.max(i as u32)));
                }
            }
            met
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs.retain(
        |&(a, b)| match (items.get(a as usize), items.get(b as usize)) {
            (Some(x), Some(y)) => are_copies(x, y),
            _ => false,
        },
    );
    pairs
}

#[cfg(test)]
mod tests {
    use super::super::signature::signature;
    use super::*;

    fn words(seed: u64, n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("w{:x}", mix(seed * 7919 + i as u64) % 9_000_000))
            .collect()
    }

    fn item(id: u64, day: i32, text: &str) -> Item {
        Item {
            id_hash: id,
            sort_key: day * 2 + 1,
            signature: signature([text]).expect("long enough"),
        }
    }

    /// Stories published up to four times (edited), and stories published once; ids in an
    /// order that has copies before their originals.
    fn archive() -> Vec<Item> {
        let mut items = Vec::new();
        for story in 0..40u64 {
            let text = words(story, 200 + (story as usize % 5) * 40);
            for copy in 0..1 + story % 4 {
                let mut edited = text.clone();
                if copy > 0 {
                    edited[(copy as usize * 31) % 150] = format!("edit{copy}");
                    edited.truncate(text.len() - copy as usize * 8);
                }
                let id = mix(story * 100 + copy);
                items.push(item(id, 738_000 + (copy as i32), &edited.join(" ")));
            }
        }
        items
    }

    /// Incremental regrouping, batch after batch, from nothing.
    fn in_batches(batches: &[&[Item]]) -> (Grouping, Vec<Item>, usize) {
        let mut now: Vec<Item> = Vec::new();
        let mut grouping = Grouping::default();
        let mut incremental = 0;
        for batch in batches {
            now.extend_from_slice(batch);
            grouping = regroup(&now, &grouping);
            incremental += usize::from(grouping.incremental);
        }
        (grouping, now, incremental)
    }

    #[test]
    fn adds_edits_and_deletes_give_the_groups_a_full_grouping_gives() {
        let all = archive();
        let full = group(&all);
        assert!(full.len() >= 25, "{}", full.len());
        // Half first, then small batches, taken from the end so copies come before originals.
        let mut rest: Vec<Item> = all[all.len() / 2..].to_vec();
        rest.reverse();
        let mut batches: Vec<&[Item]> = vec![&all[..all.len() / 2]];
        batches.extend(rest.chunks(7));
        let (grouping, mut now, incremental) = in_batches(&batches);
        assert!(incremental >= batches.len() - 1, "{incremental}");
        assert_eq!(grouping.groups, full);
        // An original edited out of its group, a copy's date moved a month, a copy deleted,
        // an original deleted (its group re-forms around the next earliest).
        let members: Vec<Vec<u64>> = full.iter().map(<[u64]>::to_vec).collect();
        let at = |now: &[Item], id: u64| now.iter().position(|i| i.id_hash == id).expect("there");
        let edited = at(&now, members[0][0]);
        now[edited].signature = signature([words(999, 300).join(" ").as_str()]).expect("long");
        let moved = at(&now, members[1][1]);
        now[moved].sort_key += 2 * 40;
        let deleted = [members[2][1], members[3][0]];
        now.retain(|i| !deleted.contains(&i.id_hash));
        let again = regroup(&now, &grouping);
        assert!(again.incremental);
        assert_eq!(again.groups, group(&now));
        // Nothing changed: the same groups, found without a probe.
        let same = regroup(&now, &again);
        assert!(same.incremental);
        assert_eq!(
            same,
            Grouping {
                incremental: true,
                ..again
            }
        );
    }

    #[test]
    fn a_copy_that_arrives_after_a_later_one_takes_its_place_earliest_first() {
        let story = words(7, 300).join(" ");
        let first = item(1, 738_001, &story);
        let second = item(2, 738_002, &story);
        let third = item(3, 738_003, &story);
        let (grouping, _, _) = in_batches(&[&[second, third], &[first]]);
        assert!(grouping.incremental);
        assert_eq!(grouping.groups.members(0), &[1, 2, 3]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(40))]

        /// Any order of arrival, any batch size, then any deletes, re-datings and rewrites:
        /// after every sync, the incremental groups are the full grouping's.
        #[test]
        fn incremental_regrouping_finds_what_a_full_grouping_finds(
            order in proptest::prelude::any::<u64>(),
            first in 50usize..70,
            batch in 1usize..9,
            changes in proptest::collection::vec((0usize..1000, 0u8..3), 0..8),
        ) {
            let mut all = archive();
            all.sort_by_key(|i| mix(i.id_hash ^ order));
            let mut batches: Vec<&[Item]> = vec![&all[..first]];
            batches.extend(all[first..].chunks(batch));
            let mut now: Vec<Item> = Vec::new();
            let mut grouping = Grouping::default();
            for batch in batches {
                now.extend_from_slice(batch);
                grouping = regroup(&now, &grouping);
                proptest::prop_assert_eq!(&grouping.groups, &group(&now));
            }
            proptest::prop_assert!(grouping.incremental);
            for (n, (at, change)) in changes.into_iter().enumerate() {
                let at = at % now.len();
                match change {
                    0 => {
                        now.remove(at);
                    }
                    1 => now[at].sort_key += 2 * 40,
                    _ => {
                        let text = words(500 + n as u64, 250).join(" ");
                        now[at].signature = signature([text.as_str()]).expect("long");
                    }
                }
            }
            let again = regroup(&now, &grouping);
            proptest::prop_assert_eq!(&again.groups, &group(&now));
        }
    }

    #[test]
    fn the_first_grouping_is_a_full_one() {
        let all = archive();
        let first = regroup(&all, &Grouping::default());
        assert!(!first.incremental);
        assert_eq!(first.groups, group(&all));
        assert_eq!(first.seen.len(), all.len());
    }
}
