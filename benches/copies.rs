//! What finding copies costs the index build: the same generated archive built twice in one
//! run, with signatures and grouping and without (`Store::set_grouping`), in process, beside
//! each other; then the regrouping alone, as every sync that changes anything makes it.
//!
//! `cargo bench --bench copies -- 100000 1000000` (default 100000). Each build starts from an
//! empty index in `target/folio-bench/copies-N/`; the order alternates (without, with,
//! without, with) and the faster of each pair's two runs is kept, as the machine may be
//! shared. CPU time is user + system of the whole process (every indexing thread). The issue's
//! budget: the build with copies at most 15% slower than without.

use std::path::Path;
use std::time::{Duration, Instant};

use folio::store::{Store, StoreOptions};

#[path = "support/archive.rs"]
mod archive;

/// The most the build may slow down for copies, as a share of the build without.
const BUDGET: f64 = 0.15;

struct Build {
    wall: Duration,
    cpu: Duration,
    groups: usize,
    copies: usize,
}

struct Row {
    articles: usize,
    without: Build,
    with: Build,
    regroup: Duration,
}

fn main() {
    let mut rows = Vec::new();
    for n in archive::sizes(&[100_000]) {
        match measure(n) {
            Ok(row) => rows.push(row),
            Err(e) => {
                eprintln!("benchmark of {n} articles failed: {e}");
                std::process::exit(1);
            }
        }
    }
    print_table(&rows);
}

fn measure(n: usize) -> Result<Row, String> {
    let archive = archive::archive(n)?;
    let work = archive::work_dir().join(format!("copies-{n}"));
    let mut without: Option<Build> = None;
    let mut with: Option<Build> = None;
    for round in 0..2 {
        for grouping in [false, true] {
            eprintln!(
                "{n} articles, round {}: building {} copies",
                round + 1,
                if grouping { "with" } else { "without" }
            );
            let build = build(&archive, &work, grouping)?;
            let best = if grouping { &mut with } else { &mut without };
            if best.as_ref().is_none_or(|b| build.cpu < b.cpu) {
                *best = Some(build);
            }
        }
    }
    // The regrouping alone, over the index the last build left.
    let store = open(&archive, &work)?;
    let started = Instant::now();
    store.regroup().map_err(|e| e.to_string())?;
    let regroup = started.elapsed();
    let _ = std::fs::remove_dir_all(&work);
    Ok(Row {
        articles: n,
        without: without.ok_or("no build")?,
        with: with.ok_or("no build")?,
        regroup,
    })
}

fn open(archive: &Path, work: &Path) -> Result<Store, String> {
    let options = StoreOptions {
        cache_dir: work.to_path_buf(),
    };
    Store::open(&[archive.to_path_buf()], &options).map_err(|e| e.to_string())
}

fn build(archive: &Path, work: &Path, grouping: bool) -> Result<Build, String> {
    let _ = std::fs::remove_dir_all(work);
    let store = open(archive, work)?;
    store.set_grouping(grouping);
    let (cpu_before, started) = (process_cpu(), Instant::now());
    store.sync(&mut |_| {}).map_err(|e| e.to_string())?;
    let (wall, cpu) = (started.elapsed(), process_cpu() - cpu_before);
    let copies = store.current();
    let groups = folio::catalog::Catalog::copies(copies.as_ref());
    Ok(Build {
        wall,
        cpu,
        groups: groups.len(),
        copies: groups.copies(),
    })
}

/// User + system time of this process, all threads.
fn process_cpu() -> Duration {
    // SAFETY: an all-zero rusage is a valid value for getrusage to overwrite.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is a valid rusage to write into.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

fn print_table(rows: &[Row]) {
    println!(
        "| articles | build without copies (wall / CPU) | build with copies (wall / CPU) | \
         slower by (wall / CPU) | regrouping alone | groups found (copies) | within 15% |"
    );
    println!("|---:|---:|---:|---:|---:|---:|:---:|");
    for r in rows {
        let share = |with: Duration, without: Duration| {
            with.as_secs_f64() / without.as_secs_f64().max(1e-9) - 1.0
        };
        let wall = share(r.with.wall, r.without.wall);
        let cpu = share(r.with.cpu, r.without.cpu);
        println!(
            "| {} | {:.1} s / {:.1} s | {:.1} s / {:.1} s | {:+.1}% / {:+.1}% | {:.2} s | {} ({}) | {} |",
            r.articles,
            r.without.wall.as_secs_f64(),
            r.without.cpu.as_secs_f64(),
            r.with.wall.as_secs_f64(),
            r.with.cpu.as_secs_f64(),
            wall * 100.0,
            cpu * 100.0,
            r.regroup.as_secs_f64(),
            r.with.groups,
            r.with.copies,
            if cpu <= BUDGET { "yes" } else { "NO" },
        );
        let _ = r.without.groups + r.without.copies;
    }
}
