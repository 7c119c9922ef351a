//! End-to-end benchmark of the store, measured as a user meets it: whole `folio` processes
//! over generated archives, each beside ripgrep over the same folder in the same run.
//!
//! `cargo bench --bench store` (sizes default to 10000 and 100000 articles;
//! `cargo bench --bench store -- 10000` picks sizes). Archives are generated once into
//! `target/folio-bench/` with `folio generate` and reused; indexes are rebuilt every run.
//! Prints a Markdown table.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
/// Runs per warm measurement; the median is reported.
const RUNS: usize = 7;

struct Row {
    articles: usize,
    corpus_bytes: u64,
    build: Duration,
    index_bytes: u64,
    open_cached: Duration,
    open_synced: Duration,
    word: String,
    folio_search: Duration,
    folio_count: String,
    rg: Option<(Duration, usize)>,
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000]
    } else {
        sizes
    };
    let work = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/folio-bench");
    let mut rows = Vec::new();
    for n in sizes {
        match measure(&work, n) {
            Ok(row) => rows.push(row),
            Err(e) => {
                eprintln!("benchmark of {n} articles failed: {e}");
                std::process::exit(1);
            }
        }
    }
    print_table(&rows);
}

fn measure(work: &Path, n: usize) -> Result<Row, String> {
    let archive = work.join(format!("archive-{n}"));
    let done = work.join(format!("archive-{n}.complete"));
    if !done.exists() {
        eprintln!("generating {n} articles into {}", archive.display());
        let _ = std::fs::remove_dir_all(&archive);
        run(Command::new(FOLIO).arg("generate").arg(&archive).args([
            "--count",
            &n.to_string(),
            "--seed",
            "1",
        ]))?;
        std::fs::write(&done, b"").map_err(|e| e.to_string())?;
    }
    let corpus_bytes = folder_bytes(&archive);
    let cache = work.join(format!("cache-{n}"));
    let _ = std::fs::remove_dir_all(&cache);
    let folio = |args: &[&str]| {
        let mut cmd = Command::new(FOLIO);
        cmd.env("FOLIO_CACHE_DIR", &cache).args(args).arg(&archive);
        cmd
    };

    eprintln!("indexing {n} articles");
    let started = Instant::now();
    run(&mut folio(&["list", "--limit", "1"]))?;
    let build = started.elapsed();
    let index_bytes = folder_bytes(&cache);

    let open_cached = median(|| run(&mut folio(&["list", "--limit", "1", "--no-sync"])))?;
    let open_synced = median(|| run(&mut folio(&["list", "--limit", "1"])))?;

    let word = pick_word(&mut folio(&[
        "list",
        "--json",
        "--limit",
        "20",
        "--no-sync",
    ]))?;
    let search = || run(&mut folio(&["search", "--count", "--no-sync", &word]));
    let folio_search = median(search)?;
    let folio_count = search().map(|out| out.trim().to_string())?;

    let rg = if Command::new("rg").arg("--version").output().is_ok() {
        let mut rg = || {
            run(Command::new("rg")
                .args(["-i", "-l", &word])
                .arg(&archive)
                .env_remove("RIPGREP_CONFIG_PATH"))
        };
        let time = median(&mut rg)?;
        Some((time, rg()?.lines().count()))
    } else {
        eprintln!("ripgrep (rg) is not installed: `apt-get install -y ripgrep` to compare");
        None
    };
    Ok(Row {
        articles: n,
        corpus_bytes,
        build,
        index_bytes,
        open_cached,
        open_synced,
        word,
        folio_search,
        folio_count,
        rg,
    })
}

/// A content word from the newest titles: long enough not to be a stop word, plain ASCII so
/// ripgrep's case folding and folio's agree.
fn pick_word(list: &mut Command) -> Result<String, String> {
    let out = run(list)?;
    let mut words: Vec<String> = out
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["title"].as_str().map(str::to_string))
        .flat_map(|t| {
            t.split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.len() >= 6 && w.chars().all(|c| c.is_ascii_lowercase()))
        .collect();
    words.sort();
    words.dedup();
    words
        .into_iter()
        .next()
        .ok_or_else(|| "no ASCII word of six letters in the newest titles".to_string())
}

fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    // `folio search` and `rg` exit 1 for "no match", which is a result, not a failure.
    if !matches!(out.status.code(), Some(0 | 1)) {
        return Err(format!("{cmd:?} failed with {}", out.status));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn median(mut f: impl FnMut() -> Result<String, String>) -> Result<Duration, String> {
    f()?; // warm the page cache
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        f()?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok(times[RUNS / 2])
}

fn folder_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            match entry.metadata() {
                Ok(m) if m.is_dir() => stack.push(entry.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn print_table(rows: &[Row]) {
    println!(
        "| articles | corpus | index build | throughput | index size | warm open, no sync | \
         warm open + sync | `folio search --count` | `rg -i -l` | speed-up |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let mb = r.corpus_bytes as f64 / 1e6;
        let secs = r.build.as_secs_f64();
        let (rg, speedup) = match &r.rg {
            Some((time, files)) => (
                format!("{} ({files} files)", ms(*time)),
                format!(
                    "{:.0}×",
                    time.as_secs_f64() / r.folio_search.as_secs_f64().max(1e-9)
                ),
            ),
            None => ("not installed".into(), "-".into()),
        };
        println!(
            "| {} | {:.0} MB | {:.1} s | {:.1} MB/s, {:.0} articles/s | {:.0} MB ({:.0}%) | {} | {} | {} (`{}`: {}) | {} | {} |",
            r.articles,
            mb,
            secs,
            mb / secs,
            r.articles as f64 / secs,
            r.index_bytes as f64 / 1e6,
            100.0 * r.index_bytes as f64 / r.corpus_bytes.max(1) as f64,
            ms(r.open_cached),
            ms(r.open_synced),
            ms(r.folio_search),
            r.word,
            r.folio_count,
            rg,
            speedup,
        );
    }
}
