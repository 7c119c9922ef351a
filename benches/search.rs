//! Search as the user meets it: queries replayed character by character against the engine,
//! in process, over generated archives, with ripgrep over the same folder in the same run.
//!
//! `cargo bench --bench search` (default 100000 articles; `cargo bench --bench search --
//! 100000 1000000` picks sizes). Archives are generated once into `target/folio-bench/`
//! (`archive-N`) and indexed once into `target/folio-bench/index-N`, shared with the frames
//! bench (`benches/support/`). Each keystroke is timed from the
//! text typed so far to the first page of results on timeline positions (parse, prefix
//! expansion, top 100 by date), then to the full count, matches per day and every position.
//! Prints a Markdown table: every keystroke, then the short-prefix keystrokes alone (the word
//! being typed has one or two letters, so it starts the most words: the hardest), then the
//! same keystrokes with short prefixes walking the term dictionary, as they did before the
//! index held them as terms (index format 5), on the same index and load.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use folio::catalog::Catalog;
use folio::generate::sample_queries;
use folio::search::engine::{self, locate_all};
use folio::search::{Query, SortBy};

#[path = "support/archive.rs"]
mod archive;
#[path = "support/index.rs"]
mod index;

/// Queries replayed per size; each is typed one character at a time.
const QUERIES: usize = 300;
const FIRST_PAGE: usize = 100;
/// Words timed with ripgrep (each run several times, the median kept).
const RG_WORDS: usize = 5;
const RG_RUNS: usize = 3;

struct Row {
    articles: usize,
    /// Which keystrokes: every one, or the short-prefix ones.
    kind: &'static str,
    keystrokes: usize,
    /// Keystrokes whose first page held fewer than it could: phrase checks on the files ran
    /// out of time and the rest came with the count.
    partial: usize,
    /// The text typed at the slowest full count, and how many files its phrase checks read.
    slowest_count: (String, usize),
    first: Stats,
    full: Stats,
    rg: Option<Duration>,
    rg_words: Vec<String>,
}

/// The timings of one kind of keystroke.
#[derive(Default)]
struct Timed {
    first: Vec<Duration>,
    full: Vec<Duration>,
    partial: usize,
    slowest_count: (Duration, String, usize),
}

impl Timed {
    fn add(&mut self, typed: &str, first: Duration, full: Duration, partial: bool, read: usize) {
        self.first.push(first);
        self.full.push(full);
        self.partial += usize::from(partial);
        if full > self.slowest_count.0 {
            self.slowest_count = (full, typed.to_string(), read);
        }
    }

    fn row(self, articles: usize, kind: &'static str, rg: &(Option<Duration>, Vec<String>)) -> Row {
        Row {
            articles,
            kind,
            keystrokes: self.first.len(),
            partial: self.partial,
            slowest_count: (self.slowest_count.1, self.slowest_count.2),
            first: stats(self.first),
            full: stats(self.full),
            rg: rg.0,
            rg_words: rg.1.clone(),
        }
    }
}

/// The word being typed has one or two letters.
fn short_prefix(query: &Query) -> bool {
    query
        .highlights()
        .iter()
        .any(|h| h.prefix && h.text.chars().count() <= 2)
}

struct Stats {
    median: Duration,
    p95: Duration,
    max: Duration,
}

fn main() {
    let mut rows = Vec::new();
    for n in archive::sizes(&[100_000]) {
        match measure(n) {
            Ok(measured) => rows.extend(measured),
            Err(e) => {
                eprintln!("benchmark of {n} articles failed: {e}");
                std::process::exit(1);
            }
        }
    }
    print_table(&rows);
}

fn measure(n: usize) -> Result<[Row; 3], String> {
    let store = index::synced_store(n)?;
    let archive = archive::archive(n)?;
    let snapshot = store.current();

    let queries = sample_queries(7, QUERIES);
    let mut every = Timed::default();
    let mut short = Timed::default();
    // Warm the page cache and the term dictionaries, as a user's first queries would.
    for query in queries.iter().take(10) {
        let q = Query::parse(query).map_err(|e| e.to_string())?;
        let prepared = engine::prepare(&snapshot, &q, None);
        prepared.tally().map_err(|e| e.to_string())?;
    }
    // The short prefixes are also typed walking the dictionary, as before they had terms of
    // their own, interleaved query by query so that both see the same load.
    let mut walked = Timed::default();
    for (query, walk) in queries.iter().flat_map(|q| [(q, false), (q, true)]) {
        // Each query's prefixes read from the postings, as in a session's first search.
        folio::search::prefix::forget_cached();
        folio::search::prefix::walk_short_starts(walk);
        let mut typed = String::new();
        for c in query.chars() {
            if walk && !Query::parse(&format!("{typed}{c}")).is_ok_and(|q| short_prefix(&q)) {
                typed.push(c);
                continue;
            }
            typed.push(c);
            let started = Instant::now();
            let Ok(q) = Query::parse(&typed) else {
                continue;
            };
            if q.is_empty() {
                continue;
            }
            let prepared = engine::prepare(&snapshot, &q, None);
            let page = prepared
                .first_page(SortBy::Date, FIRST_PAGE)
                .map_err(|e| e.to_string())?;
            let positions = locate_all(snapshot.timeline(), &page);
            let first = started.elapsed();
            let tally = prepared.tally().map_err(|e| e.to_string())?;
            let all = engine::all_positions(&snapshot, &tally);
            let full = started.elapsed();
            let partial = page.len() < tally.count.min(FIRST_PAGE);
            let read = prepared.files_read();
            std::hint::black_box((positions, all, tally.days));
            if walk {
                walked.add(&typed, first, full, partial, read);
            } else {
                every.add(&typed, first, full, partial, read);
                if short_prefix(&q) {
                    short.add(&typed, first, full, partial, read);
                }
            }
        }
    }
    let rg_words: Vec<String> = queries
        .iter()
        .filter_map(|q| q.split_whitespace().next().map(str::to_string))
        .take(RG_WORDS)
        .collect();
    let rg = (ripgrep(&archive, &rg_words)?, rg_words);
    folio::search::prefix::walk_short_starts(false);
    Ok([
        every.row(n, "all", &rg),
        short.row(n, "short prefix (1-2 letters)", &rg),
        walked.row(n, "short prefix, walking the dictionary", &rg),
    ])
}

/// The median time of `rg -i -c WORD` over the folder, over the words.
fn ripgrep(archive: &Path, words: &[String]) -> Result<Option<Duration>, String> {
    if Command::new("rg").arg("--version").output().is_err() {
        eprintln!("ripgrep (rg) is not installed: `apt-get install -y ripgrep` to compare");
        return Ok(None);
    }
    let mut times = Vec::new();
    for word in words {
        for _ in 0..RG_RUNS {
            let started = Instant::now();
            let status = Command::new("rg")
                .args(["-i", "-c", word])
                .arg(archive)
                .env_remove("RIPGREP_CONFIG_PATH")
                .stdout(Stdio::null())
                .status()
                .map_err(|e| format!("cannot run rg: {e}"))?;
            times.push(started.elapsed());
            // rg exits 1 when nothing matched: a result, not a failure.
            if !matches!(status.code(), Some(0 | 1)) {
                return Err(format!("rg -i -c {word} failed with {status}"));
            }
        }
    }
    times.sort();
    Ok(times.get(times.len() / 2).copied())
}

fn stats(mut times: Vec<Duration>) -> Stats {
    times.sort();
    let at = |q: f64| {
        let i = ((times.len() as f64 - 1.0) * q).round() as usize;
        times.get(i).copied().unwrap_or_default()
    };
    Stats {
        median: at(0.5),
        p95: at(0.95),
        max: times.last().copied().unwrap_or_default(),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn print_table(rows: &[Row]) {
    println!(
        "| articles | keystrokes | count | first results median | p95 | max | partial first pages | full count median | p95 | max | slowest count's query (files read) | `rg -i -c WORD` (median) |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
    for r in rows {
        let rg = r.rg.map_or_else(
            || "not installed".to_string(),
            |t| format!("{} ({})", ms(t), r.rg_words.join(", ")),
        );
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | `{}` ({}) | {} |",
            r.articles,
            r.kind,
            r.keystrokes,
            ms(r.first.median),
            ms(r.first.p95),
            ms(r.first.max),
            r.partial,
            ms(r.full.median),
            ms(r.full.p95),
            ms(r.full.max),
            r.slowest_count.0,
            r.slowest_count.1,
            rg,
        );
    }
}
