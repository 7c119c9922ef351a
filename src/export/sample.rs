//! A reproducible sample: the same seed picks the same articles from the same results,
//! whatever order the search found them in.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// `n` of `items`, kept in their given order. The items are ranked by `key` (the article id)
/// before drawing, so the draw depends only on which items there are, and the generator is
/// ChaCha8, whose stream is fixed for a seed (unlike `StdRng`'s, which may change between
/// versions of `rand`). All of them when there are no more than `n`.
pub fn sample<T>(items: Vec<T>, n: usize, seed: u64, key: impl Fn(&T) -> &str) -> Vec<T> {
    if items.len() <= n {
        return items;
    }
    let mut ranked: Vec<usize> = (0..items.len()).collect();
    ranked.sort_by(|&a, &b| key(&items[a]).cmp(key(&items[b])));
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut chosen = vec![false; items.len()];
    for pick in rand::seq::index::sample(&mut rng, ranked.len(), n) {
        if let Some(&index) = ranked.get(pick) {
            chosen[index] = true;
        }
    }
    items
        .into_iter()
        .zip(chosen)
        .filter_map(|(item, keep)| keep.then_some(item))
        .collect()
}

/// A seed for a sample asked for without one, from the clock: printed, so that the sample
/// can be drawn again.
pub fn fresh_seed() -> u64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    // Small enough to type.
    (now.as_nanos() % 1_000_000) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("https://news.example/{i}"))
            .collect()
    }

    #[test]
    fn the_same_seed_picks_the_same_items_in_any_order() {
        let a = sample(ids(100), 10, 7, |s| s);
        assert_eq!(a.len(), 10);
        let mut shuffled = ids(100);
        shuffled.reverse();
        let mut b = sample(shuffled, 10, 7, |s| s);
        b.reverse();
        assert_eq!(a, b, "the order found does not change the sample");
        assert_ne!(
            a,
            sample(ids(100), 10, 8, |s| s),
            "another seed, another sample"
        );
        // Kept in the order given.
        let order = ids(100);
        let positions: Vec<usize> = a
            .iter()
            .map(|x| order.iter().position(|y| y == x).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_sample_larger_than_the_results_is_all_of_them() {
        assert_eq!(sample(ids(3), 10, 1, |s| s), ids(3));
        assert!(sample(ids(3), 0, 1, |s| s).is_empty());
    }
}
