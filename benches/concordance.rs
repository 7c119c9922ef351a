//! `cargo bench --bench concordance -- 100000 [1000000]`: `folio kwic WORD` (every hit in
//! context, one line per hit) and `folio counts WORD --by month` beside `rg -o -c -i -w WORD`
//! (ripgrep counting every occurrence in every file) over the same files, whole processes,
//! median of 5 warm runs after one untimed run, in the same run. The index is the shared one
//! (`target/folio-bench/index-N`): built the first time, brought up to date with `--sync
//! full` first, then every folio command runs with `--no-sync`.
//!
//! Lines and occurrences differ a little by design: folio reads the article as the reader
//! shows it (title, lede, paragraphs; not the URL or the header line) and matches words as
//! search does (folded accents, whole tokens), rg the raw bytes of the file with `-w`.

use std::process::Command;
use std::time::Duration;

#[path = "support/archive.rs"]
mod archive;
// Each bench uses part of the shared helpers.
#[path = "support/measure.rs"]
#[allow(dead_code)]
mod measure;
#[path = "support/peers.rs"]
#[allow(dead_code)]
mod peers;

use measure::{pick_word, run};
use peers::{Timed, installed, median, timed};

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
const RUNS: usize = 5;

struct Row {
    articles: usize,
    word: String,
    /// Articles matching the word (`folio search --count`).
    matching: String,
    kwic: Timed,
    kwic_lines: usize,
    counts: Timed,
    counts_rows: usize,
    /// `rg -o -c -i -w WORD`: its time, the occurrences it counted and in how many files.
    rg: Option<(Timed, u64, usize)>,
}

fn main() {
    let mut rows = Vec::new();
    for n in archive::sizes(&[100_000]) {
        match measure(n) {
            Ok(row) => rows.push(row),
            Err(e) => eprintln!("concordance bench at {n} articles failed: {e}"),
        }
    }
    print(&rows);
}

fn measure(n: usize) -> Result<Row, String> {
    let archive = archive::archive(n)?;
    let cache = archive::work_dir().join(format!("index-{n}"));
    let folio = |args: &[&str]| {
        let mut cmd = Command::new(FOLIO);
        cmd.env("FOLIO_CACHE_DIR", &cache).args(args).arg(&archive);
        cmd
    };
    eprintln!("bringing the index of {n} articles up to date (built the first time)");
    run(&mut folio(&["list", "--limit", "1", "--sync", "full"]))?;
    let word = pick_word(&mut folio(&[
        "list",
        "--json",
        "--limit",
        "20",
        "--no-sync",
    ]))?;
    let matching = run(&mut folio(&["search", "--count", "--no-sync", &word]))?;
    eprintln!("timing folio kwic, folio counts and rg -o -c on `{word}` over {n} articles");
    let kwic = median(RUNS, || timed(&mut folio(&["kwic", "--no-sync", &word])))?;
    let kwic_lines = kwic.stdout.lines().count();
    let counts = median(RUNS, || {
        timed(&mut folio(&[
            "counts",
            "--no-sync",
            "--by",
            "month",
            "-q",
            &word,
        ]))
    })?;
    let counts_rows = counts.stdout.lines().count().saturating_sub(1);
    let rg = if installed("rg", "ripgrep") {
        let rg = median(RUNS, || {
            timed(
                Command::new("rg")
                    .args(["-o", "-c", "-i", "-w", &word])
                    .arg(&archive)
                    .env_remove("RIPGREP_CONFIG_PATH"),
            )
        })?;
        let (occurrences, files) = rg
            .stdout
            .lines()
            .filter_map(|l| l.rsplit_once(':')?.1.parse::<u64>().ok())
            .fold((0, 0), |(sum, files), n| (sum + n, files + 1));
        Some((rg, occurrences, files))
    } else {
        None
    };
    Ok(Row {
        articles: n,
        word,
        matching: matching.trim().to_string(),
        kwic,
        kwic_lines,
        counts,
        counts_rows,
        rg,
    })
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn mb(kb: u64) -> String {
    format!("{} MB", kb / 1024)
}

fn print(rows: &[Row]) {
    println!(
        "| articles | word | `folio kwic` (lines, peak RSS) | `folio counts --by month` (rows) | \
         `rg -o -c -i -w` (occurrences in files, peak RSS) | kwic vs rg |"
    );
    println!("|---:|---|---:|---:|---:|---:|");
    for r in rows {
        let (rg, ratio) = match &r.rg {
            Some((t, occurrences, files)) => (
                format!(
                    "{} ({occurrences} in {files} files, {})",
                    ms(t.wall),
                    mb(t.max_rss)
                ),
                format!(
                    "{:.2}×",
                    t.wall.as_secs_f64() / r.kwic.wall.as_secs_f64().max(1e-9)
                ),
            ),
            None => ("not installed".into(), "-".into()),
        };
        println!(
            "| {} | `{}` ({} articles) | {} ({} lines, {}) | {} ({} rows) | {} | {} |",
            r.articles,
            r.word,
            r.matching,
            ms(r.kwic.wall),
            r.kwic_lines,
            mb(r.kwic.max_rss),
            ms(r.counts.wall),
            r.counts_rows,
            rg,
            ratio
        );
    }
}
