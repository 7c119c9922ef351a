//! Synthetic archives in the seed format, for benchmarks: realistic lengths, Zipf-distributed
//! vocabularies in eight languages (three non-Latin scripts), a dozen outlets, dates over years
//! with bursts of coverage, glued paragraphs, run-in sub-headings and truncated ledes.
//!
//! Output depends only on the options: article `i` is generated from its own random stream
//! (seed and index), so the parallel writers produce the same bytes in any order.

mod calendar;
mod compose;
mod language;
mod vocab;
mod zipf;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;

use calendar::Calendar;
use compose::Composer;
use language::sources;
use vocab::vocabularies;

/// Articles per subfolder: keeps directories small enough for every file system and shell.
pub const FILES_PER_FOLDER: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateOptions {
    pub count: usize,
    pub seed: u64,
    /// Dates run from 1 January of this year...
    pub start_year: i32,
    /// ...over this many years (at least one).
    pub years: u32,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            count: 10_000,
            seed: 1,
            start_year: 2019,
            years: 5,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GenerateReport {
    pub files: usize,
    pub bytes: u64,
}

/// Writes `count` articles in the seed format under `dir`, in subfolders of at most
/// [`FILES_PER_FOLDER`] files (`dir/0000/0000000_<hex>.txt`, ...), deterministically from
/// `seed`. Existing files of the same names are overwritten. `progress` is called with the
/// number of articles written so far, after each subfolder.
pub fn generate(
    dir: &Path,
    options: &GenerateOptions,
    progress: &mut dyn FnMut(usize),
) -> io::Result<GenerateReport> {
    let calendar =
        Calendar::new(options.start_year, options.years, options.seed).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "cannot generate articles dated from {} over {} years: choose a start year \
                 between 1 and 9999",
                    options.start_year, options.years
                ),
            )
        })?;
    let plan = Plan {
        calendar,
        seed: options.seed,
        total_weight: sources().iter().map(|s| s.weight).sum(),
    };
    fs::create_dir_all(dir).map_err(|e| with_path(e, dir, "create"))?;
    let mut report = GenerateReport::default();
    for (folder, start) in (0..options.count).step_by(FILES_PER_FOLDER).enumerate() {
        let end = (start + FILES_PER_FOLDER).min(options.count);
        let folder_path = dir.join(format!("{folder:04}"));
        fs::create_dir_all(&folder_path).map_err(|e| with_path(e, &folder_path, "create"))?;
        let bytes = (start..end)
            .into_par_iter()
            .map_init(
                || String::with_capacity(64 * 1024),
                |buffer, index| plan.write(&folder_path, index, buffer),
            )
            .try_reduce(|| 0, |a, b| Ok(a + b))?;
        report.files = end;
        report.bytes += bytes;
        progress(end);
    }
    Ok(report)
}

/// `n` search queries of one to three words from the archives' vocabularies: mostly frequent
/// content words, some rare ones, never grammatical words alone. Deterministic for a seed.
pub fn sample_queries(seed: u64, n: usize) -> Vec<String> {
    let mut rng = SmallRng::seed_from_u64(seed ^ 0x9e37_79b9_7f4a_7c15);
    let vocabularies = vocabularies();
    let total_weight: u32 = sources().iter().map(|s| s.weight).sum();
    (0..n)
        .map(|_| {
            let source = pick_source(&mut rng, total_weight);
            let Some(vocabulary) = vocabularies.get(source.language) else {
                return String::new();
            };
            let words = match rng.random_range(0..100) {
                0..50 => 1,
                50..85 => 2,
                _ => 3,
            };
            let mut ranks: Vec<usize> = Vec::with_capacity(words);
            while ranks.len() < words {
                let rank = if rng.random_bool(0.7) {
                    vocabulary.sample_content(&mut rng)
                } else {
                    rng.random_range(vocabulary.len() / 4..vocabulary.len())
                };
                if !ranks.contains(&rank) {
                    ranks.push(rank);
                }
            }
            ranks
                .iter()
                .map(|&rank| vocabulary.word(rank))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

struct Plan {
    calendar: Calendar,
    seed: u64,
    total_weight: u32,
}

impl Plan {
    fn write(&self, folder: &Path, index: usize, buffer: &mut String) -> io::Result<u64> {
        let mut rng = SmallRng::seed_from_u64(mix(self.seed, index as u64));
        let source = pick_source(&mut rng, self.total_weight);
        let (date, burst) = self.calendar.pick(&mut rng);
        let vocabulary = vocabularies()
            .get(source.language)
            .ok_or_else(|| io::Error::other("a source names a language that does not exist"))?;
        let name: u64 = rng.random();
        buffer.clear();
        Composer::new(vocabulary, source, burst, &mut rng).write(buffer, date);
        let path: PathBuf = folder.join(format!("{index:07}_{name:016x}.txt"));
        fs::write(&path, buffer.as_bytes()).map_err(|e| with_path(e, &path, "write"))?;
        Ok(buffer.len() as u64)
    }
}

fn pick_source(rng: &mut SmallRng, total_weight: u32) -> &'static language::Source {
    let mut ticket = rng.random_range(0..total_weight.max(1));
    let all = sources();
    for source in all {
        if ticket < source.weight {
            return source;
        }
        ticket -= source.weight;
    }
    // Not reached while the weights sum to `total_weight`; `sources()` is never empty.
    &all[0]
}

/// SplitMix64 finaliser over seed and index: neighbouring indices get unrelated streams.
fn mix(seed: u64, index: u64) -> u64 {
    let mut z = seed ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn with_path(error: io::Error, path: &Path, verb: &str) -> io::Error {
    io::Error::new(
        error.kind(),
        format!(
            "could not {verb} {}: {error}; check that the folder is writable and the disk has room",
            path.display()
        ),
    )
}
