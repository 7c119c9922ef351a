//! `folio export` over generated archives, whole processes as a user runs them, each beside
//! the command that reads the same things to print them: `folio search '' --json` (the
//! index's rows, as csv and jsonl exports read them) and `folio list --json --body` (every
//! article's file, as the citation formats and `--body` read them).
//!
//! `cargo bench --bench export` (default 10000 articles; `-- 10000 100000` picks sizes). The
//! index is the shared `target/folio-bench/index-N`, built once; every command runs with
//! `--no-sync`, its output thrown away. Prints one Markdown table of medians.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/archive.rs"]
mod archive;
#[path = "support/index.rs"]
mod index;

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
/// Runs per command; the median is reported.
const RUNS: usize = 5;

/// (what, arguments after `folio`).
const COMMANDS: [(&str, &[&str]); 6] = [
    ("search --json (peer: rows)", &["search", "", "--json"]),
    ("export csv", &["export", "", "--format", "csv"]),
    ("export jsonl", &["export", "", "--format", "jsonl"]),
    (
        "list --json --body (peer: files)",
        &["list", "--json", "--body"],
    ),
    ("export ris", &["export", "", "--format", "ris"]),
    (
        "export csv --body",
        &["export", "", "--format", "csv", "--body"],
    ),
];

fn main() {
    let sizes = archive::sizes(&[10_000]);
    let mut table = Vec::new();
    for &n in &sizes {
        match measure(n) {
            Ok(row) => table.push((n, row)),
            Err(e) => {
                eprintln!("benchmark of {n} articles failed: {e}");
                std::process::exit(1);
            }
        }
    }
    println!(
        "| command | {} |",
        sizes
            .iter()
            .map(|n| format!("{n} articles"))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    println!("|---|{}", "---:|".repeat(sizes.len()));
    for (i, (what, _)) in COMMANDS.iter().enumerate() {
        let cells: Vec<String> = table
            .iter()
            .map(|(_, row)| format!("{:.2} s", row[i].as_secs_f64()))
            .collect();
        println!("| `folio {what}` | {} |", cells.join(" | "));
    }
}

fn measure(n: usize) -> Result<Vec<Duration>, String> {
    let archive = archive::archive(n)?;
    drop(index::synced_store(n)?);
    let cache = archive::work_dir().join(format!("index-{n}"));
    let mut medians = Vec::new();
    for (what, args) in COMMANDS {
        eprintln!("{n} articles: folio {what}");
        let mut times = Vec::new();
        for _ in 0..RUNS {
            let started = Instant::now();
            let status = Command::new(FOLIO)
                .args(args)
                .arg("--no-sync")
                .arg("--cache-dir")
                .arg(&cache)
                .arg(&archive)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map_err(|e| format!("cannot run folio: {e}"))?;
            if !status.success() {
                return Err(format!("folio {what} failed: {status}"));
            }
            times.push(started.elapsed());
        }
        times.sort();
        medians.push(times[RUNS / 2]);
    }
    Ok(medians)
}
