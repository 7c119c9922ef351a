//! Parser throughput on one thread, beside a trivial pass over the same bytes.
//!
//! `cargo bench --bench parse -- 100000` (sizes default to 10000; archives are the ones
//! `cargo bench --bench store` generates into `target/folio-bench/`, and this bench generates
//! them the same way when they are missing). Every file is read into memory first, so only
//! parsing is timed. Times are the thread's CPU time, which holds still on a machine shared
//! with other work; the peer (`from_utf8` and counting lines) is measured in the same run so
//! that a drift of the machine shows in both figures.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
/// Passes over the corpus per measurement; the fastest is reported.
const RUNS: usize = 3;

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000]
    } else {
        sizes
    };
    let work = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/folio-bench");
    println!("| articles | MB | folio parse MB/s | articles/s | peer MB/s | parse/peer |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for n in sizes {
        match archive(&work, n).and_then(|a| load(&a)) {
            Ok(corpus) => report(n, &corpus),
            Err(e) => {
                eprintln!("benchmark of {n} articles failed: {e}");
                std::process::exit(1);
            }
        }
    }
}

fn report(n: usize, corpus: &[(PathBuf, Vec<u8>)]) {
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

fn archive(work: &Path, n: usize) -> Result<PathBuf, String> {
    let archive = work.join(format!("archive-{n}"));
    let done = work.join(format!("archive-{n}.complete"));
    if !done.exists() {
        eprintln!("generating {n} articles into {}", archive.display());
        let _ = std::fs::remove_dir_all(&archive);
        let status = Command::new(FOLIO)
            .arg("generate")
            .arg(&archive)
            .args(["--count", &n.to_string(), "--seed", "1"])
            .status()
            .map_err(|e| format!("could not run {FOLIO}: {e}"))?;
        if !status.success() {
            return Err(format!("folio generate failed ({status})"));
        }
        std::fs::write(&done, b"").map_err(|e| e.to_string())?;
    }
    Ok(archive)
}

fn load(dir: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>, String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir)
            .map_err(|e| format!("could not list {}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(entry.path()),
                Ok(_) => files.push(entry.path()),
                Err(_) => {}
            }
        }
    }
    files.sort();
    files
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
