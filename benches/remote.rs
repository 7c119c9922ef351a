//! A shared archive in two `searchd` shards beside the local index, in the same run:
//! publishing throughput, opening (reading the timeline), and search as the user types —
//! keystroke to first results and to the full count — through the same `Backend` calls the
//! reader's search worker makes.
//!
//! `cargo bench --bench remote` (default 100000 articles; `-- 1000000` picks sizes). Needs
//! `searchd` (`apt-get install sphinxsearch`). The archive is the shared generated one
//! (`target/folio-bench/archive-N`), its local index the shared `index-N`; the shards live in
//! a temporary folder, filled anew each run (the publish is what is timed). Prints a Markdown
//! table on stdout.

use std::sync::Arc;
use std::time::{Duration, Instant};

use folio::catalog::Catalog;
use folio::generate::sample_queries;
use folio::remote::RemoteArchive;
use folio::remote::ledger::Ledger;
use folio::search::{Backend, Query, SortBy};

#[path = "support/archive.rs"]
mod archive;
#[path = "support/index.rs"]
mod index;
// Only the cluster is used here; the rest of the helper serves the tests.
#[allow(dead_code)]
#[path = "../tests/support/searchd.rs"]
mod searchd;

const QUERIES: usize = 40;
const FIRST_PAGE: usize = 100;
const TIMEOUT: Duration = Duration::from_secs(60);

struct Stats {
    median: Duration,
    p95: Duration,
    max: Duration,
}

fn stats(mut times: Vec<Duration>) -> Stats {
    times.sort();
    let at = |q: f64| {
        times
            .get(((times.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or_default()
    };
    Stats {
        median: at(0.5),
        p95: at(0.95),
        max: times.last().copied().unwrap_or_default(),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[derive(Default)]
struct Keystrokes {
    first: Vec<Duration>,
    count: Vec<Duration>,
    /// Keystrokes whose answer timed out (a shard past the front's agent timeout).
    timed_out: usize,
}

impl Keystrokes {
    /// A timeout is a result (counted and shown); any other error ends the benchmark.
    fn failed(&mut self, typed: &str, error: &str) -> Result<(), String> {
        if error.contains("timed out") || error.contains("did not answer") {
            eprintln!("{typed:?}: {error}");
            self.timed_out += 1;
            return Ok(());
        }
        Err(format!("{typed:?}: {error}"))
    }
}

/// Each query typed a character at a time: the first page, then the full tally, as the
/// search worker asks for them.
fn type_queries(backend: &dyn Backend, queries: &[String]) -> Result<Keystrokes, String> {
    let mut timed = Keystrokes::default();
    for query in queries {
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            let started = Instant::now();
            let Ok(q) = Query::parse(&typed) else {
                continue;
            };
            if q.is_empty() {
                continue;
            }
            let answer = backend.ask(&q, None);
            let page = match answer.first_page(SortBy::Date, FIRST_PAGE) {
                Ok(page) => page,
                Err(e) => {
                    timed.failed(&typed, &e.to_string())?;
                    continue;
                }
            };
            let first = started.elapsed();
            let totals = match answer.tally(SortBy::Date, usize::MAX) {
                Ok(totals) => totals,
                Err(e) => {
                    timed.failed(&typed, &e.to_string())?;
                    continue;
                }
            };
            let count = started.elapsed();
            std::hint::black_box((page, totals));
            timed.first.push(first);
            timed.count.push(count);
        }
    }
    Ok(timed)
}

fn main() {
    let sizes = archive::sizes(&[100_000]);
    println!(
        "| articles | engine | publish | open | keystrokes | first results p50 / p95 / max | count p50 / p95 / max |"
    );
    println!("|---|---|---|---|---|---|---|");
    for n in sizes {
        if let Err(e) = measure(n) {
            eprintln!("benchmark of {n} articles failed: {e}");
            std::process::exit(1);
        }
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "\n{} cores; load average at the end: {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
}

fn measure(n: usize) -> Result<(), String> {
    let store = index::synced_store(n)?;
    let archive_dir = archive::archive(n)?;
    let snapshot = store.current();
    let Some(cluster) = searchd::Cluster::start() else {
        return Err("searchd cannot run here".into());
    };

    eprintln!("publishing {n} articles to two shards");
    let names: Vec<String> = cluster.shards().iter().map(ToString::to_string).collect();
    let mut ledger = Ledger::open(&cluster.dir.path().join("ledger.sqlite"), &names)
        .map_err(|e| e.to_string())?;
    let shard_cpu = || -> f64 {
        cluster
            .shard_pids()
            .iter()
            .map(|&p| cpu_seconds(&p.to_string()))
            .sum()
    };
    let (own_before, shards_before) = (cpu_seconds("self"), shard_cpu());
    let started = Instant::now();
    let report = folio::remote::publish::publish(
        &snapshot,
        cluster.shards(),
        &mut ledger,
        TIMEOUT,
        &mut |_| {},
    )
    .map_err(|e| e.to_string())?;
    let publish = started.elapsed();
    let own = cpu_seconds("self") - own_before;
    let engine = shard_cpu() - shards_before;
    let bytes = folder_bytes(&archive_dir);
    let per = |cpu: f64| cpu * 1000.0 / report.sent.max(1) as f64;
    let rate = format!(
        "{} articles in {:.1} s: {:.0} articles/s, {:.1} MB/s; CPU per article: folio {:.2} ms, engine {:.2} ms",
        report.sent,
        publish.as_secs_f64(),
        report.sent as f64 / publish.as_secs_f64(),
        bytes as f64 / 1e6 / publish.as_secs_f64(),
        per(own),
        per(engine)
    );

    eprintln!("published: {rate}");
    let started = Instant::now();
    let remote = RemoteArchive::open(cluster.front(), TIMEOUT).map_err(|e| e.to_string())?;
    let open = started.elapsed();
    if remote.timeline().len() != snapshot.timeline().len() {
        return Err(format!(
            "the remote archive holds {} articles, the local {}",
            remote.timeline().len(),
            snapshot.timeline().len()
        ));
    }
    let remote: Arc<dyn Backend> = Arc::new(remote);

    let queries = sample_queries(7, QUERIES);
    // Warm both: page cache, term dictionaries, the engine's caches.
    type_queries(snapshot.as_ref(), &queries[..5])?;
    type_queries(remote.as_ref(), &queries[..5])?;
    // Interleaved query by query, so that both see the same load.
    let mut local = Keystrokes::default();
    let mut far = Keystrokes::default();
    for query in &queries {
        let one = std::slice::from_ref(query);
        let l = type_queries(snapshot.as_ref(), one)?;
        local.first.extend(l.first);
        local.count.extend(l.count);
        local.timed_out += l.timed_out;
        let r = type_queries(remote.as_ref(), one)?;
        far.first.extend(r.first);
        far.count.extend(r.count);
        far.timed_out += r.timed_out;
    }
    for (engine, publish, open, timed) in [
        ("local index", "-".to_string(), "-".to_string(), local),
        ("2 searchd shards", rate, ms(open), far),
    ] {
        let keystrokes = match timed.timed_out {
            0 => timed.first.len().to_string(),
            n => format!("{} ({n} more timed out)", timed.first.len()),
        };
        let first = stats(timed.first);
        let count = stats(timed.count);
        println!(
            "| {n} | {engine} | {publish} | {open} | {keystrokes} | {} / {} / {} | {} / {} / {} |",
            ms(first.median),
            ms(first.p95),
            ms(first.max),
            ms(count.median),
            ms(count.p95),
            ms(count.max)
        );
    }
    Ok(())
}

/// User and system CPU seconds of a process so far (`self` or a pid), from `/proc`.
fn cpu_seconds(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The fields after the command's closing parenthesis; utime and stime are 14th and 15th.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<f64>().ok())
        .sum();
    // Clock ticks per second: 100 on Linux.
    ticks / 100.0
}

fn folder_bytes(dir: &std::path::Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(entry.path()),
                _ => total += entry.metadata().map_or(0, |m| m.len()),
            }
        }
    }
    total
}
