//! A Zipf-distributed rank sampler: rank `r` (0-based) is drawn with weight `1 / (r + 1)^s`,
//! the shape of word frequencies in natural text.

use rand::Rng;

pub struct Zipf {
    /// Cumulative weights, increasing; the last one is the total.
    cumulative: Vec<f64>,
}

impl Zipf {
    /// A sampler over `ranks` ranks (at least one) with exponent `exponent` (about 1 for words).
    pub fn new(ranks: usize, exponent: f64) -> Self {
        let mut total = 0.0;
        let cumulative = (0..ranks.max(1))
            .map(|rank| {
                total += 1.0 / ((rank + 1) as f64).powf(exponent);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    pub fn ranks(&self) -> usize {
        self.cumulative.len()
    }

    /// A binary search over the cumulative table: ~15 comparisons for 20,000 ranks, no allocation.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let target = rng.random::<f64>() * total;
        self.cumulative
            .partition_point(|&c| c <= target)
            .min(self.ranks() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::SmallRng;

    fn histogram(zipf: &Zipf, draws: usize) -> Vec<usize> {
        let mut rng = SmallRng::seed_from_u64(7);
        let mut counts = vec![0; zipf.ranks()];
        for _ in 0..draws {
            counts[zipf.sample(&mut rng)] += 1;
        }
        counts
    }

    #[test]
    fn frequency_falls_with_rank_as_a_power_law() {
        let counts = histogram(&Zipf::new(1000, 1.0), 400_000);
        // With s = 1, rank 1 is drawn half as often as rank 0 and rank 9 a tenth as often.
        let ratio = |r: usize| counts[0] as f64 / counts[r] as f64;
        assert!(
            (ratio(1) - 2.0).abs() < 0.1,
            "rank 0 / rank 1 = {}",
            ratio(1)
        );
        assert!(
            (ratio(9) - 10.0).abs() < 0.8,
            "rank 0 / rank 9 = {}",
            ratio(9)
        );
        assert!(counts[0] > counts[10] && counts[10] > counts[100]);
    }

    #[test]
    fn rare_ranks_are_still_drawn() {
        let counts = histogram(&Zipf::new(1000, 1.0), 400_000);
        let tail: usize = counts[900..].iter().sum();
        // Expected share of ranks 900..1000 is about 0.105 / 7.49, i.e. ~1.4%.
        assert!((4_000..7_500).contains(&tail), "tail draws: {tail}");
    }

    #[test]
    fn a_steeper_exponent_concentrates_on_the_head() {
        let flat = histogram(&Zipf::new(500, 0.8), 100_000);
        let steep = histogram(&Zipf::new(500, 1.3), 100_000);
        assert!(steep[0] > flat[0] * 3 / 2);
    }

    #[test]
    fn a_single_rank_or_none_always_gives_rank_zero() {
        let mut rng = SmallRng::seed_from_u64(1);
        for ranks in [0, 1] {
            let zipf = Zipf::new(ranks, 1.0);
            assert!((0..100).all(|_| zipf.sample(&mut rng) == 0));
        }
    }
}
