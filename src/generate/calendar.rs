//! Publication dates over a span of years, with bursts: news clusters around events, and a
//! timeline strip of a synthetic archive should show that shape.

use chrono::{Days, NaiveDate};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

use super::zipf::Zipf;

/// Share of articles that belong to a burst rather than the steady background.
const BURST_SHARE: f64 = 0.35;
const BURSTS_PER_YEAR: u32 = 8;
/// Ranks of the vocabulary from which a burst's story words are chosen: specific enough to
/// stand out in a search histogram, common enough to be real words of the archive.
pub const STORY_RANKS: std::ops::Range<usize> = 80..3_000;

pub struct Burst {
    center: u32,
    /// Half-width in days.
    spread: u32,
    /// Vocabulary ranks that articles of this burst keep repeating (the story's words).
    pub story: [usize; 3],
}

pub struct Calendar {
    first: NaiveDate,
    days: u32,
    bursts: Vec<Burst>,
    burst_sizes: Zipf,
}

impl Calendar {
    /// `None` when the years are outside what a calendar date can hold.
    pub fn new(start_year: i32, years: u32, seed: u64) -> Option<Self> {
        let years = years.max(1);
        let first = NaiveDate::from_ymd_opt(start_year, 1, 1)?;
        let end =
            NaiveDate::from_ymd_opt(start_year.checked_add(i32::try_from(years).ok()?)?, 1, 1)?;
        let days = u32::try_from((end - first).num_days()).ok()?;
        let mut rng = SmallRng::seed_from_u64(seed ^ 0xca1e_0da7);
        let bursts = (0..years * BURSTS_PER_YEAR)
            .map(|_| Burst {
                center: rng.random_range(0..days),
                spread: rng.random_range(1..=4),
                story: [(); 3].map(|_| rng.random_range(STORY_RANKS)),
            })
            .collect::<Vec<_>>();
        let burst_sizes = Zipf::new(bursts.len(), 0.8);
        Some(Calendar {
            first,
            days,
            bursts,
            burst_sizes,
        })
    }

    /// A publication day, and the burst the article belongs to, if any.
    pub fn pick(&self, rng: &mut SmallRng) -> (NaiveDate, Option<&Burst>) {
        let (offset, burst) = if rng.random_bool(BURST_SHARE) {
            let burst = self.bursts.get(self.burst_sizes.sample(rng));
            match burst {
                Some(b) => {
                    // The sum of two uniform draws: most articles on the day, fewer around it.
                    let spread = i64::from(b.spread);
                    let jitter = rng.random_range(-spread..=spread) + rng.random_range(-1..=1);
                    let day = (i64::from(b.center) + jitter).clamp(0, i64::from(self.days) - 1);
                    (u64::try_from(day).unwrap_or(0), burst)
                }
                None => (u64::from(rng.random_range(0..self.days)), None),
            }
        } else {
            (u64::from(rng.random_range(0..self.days)), None)
        };
        let date = self
            .first
            .checked_add_days(Days::new(offset))
            .unwrap_or(self.first);
        (date, burst)
    }
}
