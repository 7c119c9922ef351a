//! A Zipf-distributed rank sampler: rank `r` (0-based) is drawn with weight `1 / (r + 1)^s`,
//! the shape of word frequencies in natural text. `rand_distr` samples it by rejection-inversion
//! in constant time and memory; this wrapper only turns its 1-based `f64` into a rank.

use rand::Rng;
use rand_distr::Distribution;

pub struct Zipf {
    /// `None` for a single rank (or none), where every draw is rank 0.
    distribution: Option<rand_distr::Zipf<f64>>,
    ranks: usize,
}

impl Zipf {
    /// A sampler over `ranks` ranks (at least one) with exponent `exponent` (about 1 for words).
    pub fn new(ranks: usize, exponent: f64) -> Self {
        let ranks = ranks.max(1);
        let distribution = if ranks > 1 {
            rand_distr::Zipf::new(ranks as f64, exponent).ok()
        } else {
            None
        };
        Zipf {
            distribution,
            ranks,
        }
    }

    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> usize {
        let Some(distribution) = &self.distribution else {
            return 0;
        };
        // The draw is a whole number in 1..=ranks, as an f64.
        let rank = distribution.sample(rng) as usize;
        rank.saturating_sub(1).min(self.ranks - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::SmallRng;

    fn histogram(zipf: &Zipf, draws: usize) -> Vec<usize> {
        let mut rng = SmallRng::seed_from_u64(7);
        let mut counts = vec![0; zipf.ranks];
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
