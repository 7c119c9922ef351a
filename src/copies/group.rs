//! Finding the groups: LSH banding proposes pairs, the signatures and dates decide them, and
//! union-find joins the pairs into groups.

use rayon::prelude::*;

use super::groups::Groups;
use super::shingles::mix;
use super::signature::{BINS, Signature};

/// Bins per band: a pair shares a band with probability J^4, so 32 bands find a pair of
/// similarity 0.6 with probability 0.99 and of 0.7 with 0.9997, while two unrelated
/// articles (J near 0.01) meet in a band about once in three million pairs.
const ROWS: usize = 4;
pub(super) const BANDS: usize = BINS / ROWS;
/// Each article is compared with at most this many earlier members of a bucket: a bucket of
/// thousands (a template every article of a site shares) then costs a few comparisons an
/// article, not millions, and a true copy meets its original in one of the other bands.
pub const PER_BUCKET: usize = 4;
/// The share of the shorter body that the longer must also hold: a copy with a paragraph
/// dropped or a credit line added holds nearly all of it, a few changed words cost five
/// shingles each; shared boilerplate or one quoted paragraph is a small share.
const CONTAINED: f64 = 0.72;
/// The shorter body must be at least this share of the longer: a brief that is one
/// paragraph quoted in a long piece is not a copy of it.
const LENGTH_RATIO: f64 = 0.3;
/// Copies appear within days of each other; a story re-run a month later is a new event.
const WINDOW_DAYS: i32 = 7;

/// An article as the grouping sees it.
#[derive(Debug, Clone, Copy)]
pub struct Item {
    pub id_hash: u64,
    /// [`crate::article::Published::sort_key`], `i32::MIN` when undated.
    pub sort_key: i32,
    pub signature: Signature,
}

/// Groups the items (any order; the result does not depend on it).
pub fn group(items: &[Item]) -> Groups {
    let mut parent: Vec<u32> = (0..items.len() as u32).collect();
    let pairs: Vec<(u32, u32)> = (0..BANDS)
        .into_par_iter()
        .flat_map_iter(|band| band_pairs(items, band))
        .collect();
    for (a, b) in pairs {
        unite(&mut parent, a, b);
    }
    groups_of(items, &mut parent)
}

/// The groups the union-find `parent` over `items` holds: its sets of two or more, each
/// earliest first, in a stable order.
pub(super) fn groups_of(items: &[Item], parent: &mut [u32]) -> Groups {
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); items.len()];
    for i in 0..items.len() as u32 {
        let root = find(parent, i);
        if let Some(m) = members.get_mut(root as usize) {
            m.push(i);
        }
    }
    let order = |i: &u32| {
        let item = &items[*i as usize];
        // Undated last; ties by identity, so the earliest does not depend on the order given.
        let key = if item.sort_key == i32::MIN {
            i32::MAX
        } else {
            item.sort_key
        };
        (key, item.id_hash)
    };
    let mut groups: Vec<Vec<u64>> = members
        .into_iter()
        .filter(|m| m.len() > 1)
        .map(|mut m| {
            m.sort_by_key(order);
            m.into_iter().map(|i| items[i as usize].id_hash).collect()
        })
        .collect();
    groups.sort_by_key(|g| g.first().copied());
    Groups::new(groups)
}

/// The bucket an item falls into in band `band`: its rows of bins, hashed with the band.
pub(super) fn band_key(item: &Item, band: usize) -> u64 {
    let rows = item
        .signature
        .bins
        .get(band * ROWS..(band + 1) * ROWS)
        .unwrap_or(&[]);
    mix(rows
        .iter()
        .fold(band as u64, |h, &b| (h << 8) | u64::from(b)))
}

/// The pairs band `band` proposes that pass the check.
fn band_pairs(items: &[Item], band: usize) -> Vec<(u32, u32)> {
    let mut keys: Vec<(u64, u32)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (band_key(item, band), i as u32))
        .collect();
    keys.sort_unstable();
    let mut pairs = Vec::new();
    let mut start = 0;
    while start < keys.len() {
        let end = keys[start..]
            .iter()
            .position(|k| k.0 != keys[start].0)
            .map_or(keys.len(), |n| start + n);
        let bucket = &keys[start..end];
        for (n, &(_, a)) in bucket.iter().enumerate().skip(1) {
            for &(_, b) in &bucket[n.saturating_sub(PER_BUCKET)..n] {
                if are_copies(&items[a as usize], &items[b as usize]) {
                    pairs.push((a, b));
                }
            }
        }
        start = end;
    }
    pairs
}

/// Whether two articles are copies of one another (see the constants for why).
pub fn are_copies(a: &Item, b: &Item) -> bool {
    let (sa, sb) = (&a.signature, &b.signature);
    let (short, long) = (sa.shingles.min(sb.shingles), sa.shingles.max(sb.shingles));
    f64::from(short) >= LENGTH_RATIO * f64::from(long)
        && within_days(a.sort_key, b.sort_key)
        && sa.containment(sb) >= CONTAINED
}

/// Whether two dates are close enough; an undated article is judged by its text alone, and
/// one known only to the month may be any day of it.
fn within_days(a: i32, b: i32) -> bool {
    if a == i32::MIN || b == i32::MIN {
        return true;
    }
    let slack = if a % 2 == 0 || b % 2 == 0 { 31 } else { 0 };
    (a.div_euclid(2) - b.div_euclid(2)).abs() <= WINDOW_DAYS + slack
}

pub(super) fn find(parent: &mut [u32], mut i: u32) -> u32 {
    while parent[i as usize] != i {
        let up = parent[parent[i as usize] as usize];
        parent[i as usize] = up;
        i = up;
    }
    i
}

pub(super) fn unite(parent: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        // The smaller index as root: the same groups whatever order pairs come in.
        let (root, child) = (ra.min(rb), ra.max(rb));
        parent[child as usize] = root;
    }
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

    #[test]
    fn copies_group_earliest_first_and_others_stay_alone() {
        let story = words(1, 300);
        let mut edited = story.clone();
        edited[40] = "changed".into();
        edited[200] = "words".into();
        edited.push("(with AFP)".into());
        let trimmed = story[..250].join(" ");
        let items = [
            item(10, 738_003, &edited.join(" ")),
            item(11, 738_001, &story.join(" ")),
            item(12, 738_002, &trimmed),
            item(13, 738_001, &words(2, 300).join(" ")),
            // The same story a month later: not a copy.
            item(14, 738_040, &story.join(" ")),
        ];
        let groups = group(&items);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups.members(0), &[11, 12, 10]);
        assert!(groups.place(13).is_none() && groups.place(14).is_none());
        // The order of the input does not matter.
        let mut reversed = items;
        reversed.reverse();
        assert_eq!(group(&reversed).members(0), &[11, 12, 10]);
    }

    #[test]
    fn shared_boilerplate_or_a_quoted_paragraph_is_not_a_copy() {
        let boilerplate = words(3, 60).join(" ");
        let quote = words(4, 60).join(" ");
        let a = format!("{} {quote} {boilerplate}", words(5, 200).join(" "));
        let b = format!("{} {quote} {boilerplate}", words(6, 200).join(" "));
        assert!(group(&[item(1, 738_001, &a), item(2, 738_001, &b)]).is_empty());
        // A brief that is only the quote is too short a share of the long piece.
        let brief = format!("{quote} said the minister");
        assert!(!are_copies(
            &item(1, 738_001, &a),
            &item(3, 738_001, &brief)
        ));
    }
}
