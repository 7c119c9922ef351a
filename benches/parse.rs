//! Parser throughput on one thread, beside a trivial pass over the same bytes.
//!
//! `cargo bench --bench parse -- 100000` (sizes default to 10000; archives are the ones
//! `cargo bench --bench store` generates into `target/folio-bench/`, and this bench generates
//! them the same way when they are missing). Every file is read into memory first, so only
//! parsing is timed. Times are the thread's CPU time, which holds still on a machine shared
//! with other work; the peer (`from_utf8` and counting lines) is measured in the same run so
//! that a drift of the machine shows in both figures.

use std::path::{Path, PathBuf};
use std::time::Duration;

#[path = "support/archive.rs"]
mod archive;
// Shared with the benches that run whole processes; this one only lists files.
#[allow(dead_code)]
#[path = "support/measure.rs"]
mod measure;

/// Passes over the corpus per measurement; the fastest is reported.
const RUNS: usize = 3;

fn main() {
    println!("| articles | MB | folio parse MB/s | articles/s | peer MB/s | parse/peer |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for n in archive::sizes(&[10_000]) {
        match archive::archive(n).and_then(|a| load(&a)) {
            Ok(corpus) => {
                report(&n.to_string(), &corpus);
                // The articles Windows-1252 can hold (Latin script, some accented letter) as
                // UTF-8 and as a legacy scraper would have saved them: the decoder's
                // detection and re-decoding path, beside the UTF-8 one on the same text.
                let (utf8, cp1252) = latin(&corpus);
                report(&format!("{} of them, UTF-8", utf8.len()), &utf8);
                report("the same in windows-1252", &cp1252);
            }
            Err(e) => {
                eprintln!("benchmark of {n} articles failed: {e}");
                std::process::exit(1);
            }
        }
    }
}

/// The files of `corpus` that hold text beyond ASCII and that Windows-1252 can encode
/// whole: as they are, and so encoded.
type Corpus = Vec<(PathBuf, Vec<u8>)>;
fn latin(corpus: &[(PathBuf, Vec<u8>)]) -> (Corpus, Corpus) {
    corpus
        .iter()
        .filter_map(|(path, bytes)| {
            let text = std::str::from_utf8(bytes).ok().filter(|t| !t.is_ascii())?;
            let (encoded, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
            (!unmappable).then(|| {
                (
                    (path.clone(), bytes.clone()),
                    (path.clone(), encoded.into_owned()),
                )
            })
        })
        .unzip()
}

fn report(n: &str, corpus: &[(PathBuf, Vec<u8>)]) {
    let bytes: usize = corpus.iter().map(|(_, b)| b.len()).sum();
    let parse = fastest(|| {
        let mut parsed = 0usize;
        for (path, b) in corpus {
            parsed += usize::from(folio::parse::parse_article(path, b).is_ok());
        }
        std::hint::black_box(parsed);
    });
    let peer = fastest(|| {
        let mut lines = 0usize;
        for (_, b) in corpus {
            lines += std::str::from_utf8(b).map_or(0, |s| s.lines().count());
        }
        std::hint::black_box(lines);
    });
    let mb = bytes as f64 / 1e6;
    let rate = |d: Duration| mb / d.as_secs_f64().max(1e-9);
    println!(
        "| {n} | {mb:.0} | {:.1} | {:.0} | {:.0} | {:.3} |",
        rate(parse),
        corpus.len() as f64 / parse.as_secs_f64().max(1e-9),
        rate(peer),
        parse.as_secs_f64() / peer.as_secs_f64().max(1e-9),
    );
}

fn fastest(mut pass: impl FnMut()) -> Duration {
    (0..RUNS)
        .map(|_| {
            let started = thread_cpu();
            pass();
            thread_cpu().saturating_sub(started)
        })
        .min()
        .unwrap_or_default()
}

fn load(dir: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>, String> {
    measure::files(dir)
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path)
                .map_err(|e| format!("could not read {}: {e}", path.display()))?;
            Ok((path, bytes))
        })
        .collect()
}

fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec to write into; the clock id is a constant.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(
        u64::try_from(t.tv_sec).unwrap_or(0),
        u32::try_from(t.tv_nsec).unwrap_or(0),
    )
}
