//! What finding copies costs the index build: the same generated archive built twice in one
//! run, with signatures and grouping and without (`Store::set_grouping`), in process, beside
//! each other; then the regrouping alone, as a sync makes it: in full (the first sync, or one
//! with no saved grouping) and incrementally (a sync that brought 100 new articles: copies of
//! archive files put in a second folder of the store, so the archive itself is never written).
//!
//! `cargo bench --bench copies -- 100000 1000000 [--rounds N]` (default 100000, 2 rounds).
//! Each build starts from an empty index in `target/folio-bench/copies-N/`; the order
//! alternates (without, with, without, with, ...) and the run with the least CPU time of each
//! kind is kept, as the machine may be shared (`--rounds 1` builds once each way, for 1M).
//! CPU time is user + system of the whole process (every indexing thread). The budget:
//! the build with copies at most 15% slower than without.

use std::path::Path;
use std::time::{Duration, Instant};

use folio::store::{Store, StoreOptions};

// `archive::sizes` goes unused: this bench reads its own arguments, for `--rounds N`.
#[allow(dead_code)]
#[path = "support/archive.rs"]
mod archive;

/// The most the build may slow down for copies, as a share of the build without.
const BUDGET: f64 = 0.15;

struct Build {
    wall: Duration,
    cpu: Duration,
    /// The cache folder's size after the build: the index, and the groups beside it.
    bytes: u64,
    groups: usize,
    copies: usize,
}

struct Row {
    articles: usize,
    without: Build,
    with: Build,
    /// The regrouping of the whole archive, with no saved grouping to start from.
    regroup: Duration,
    /// The regrouping after [`ADDED`] articles came in, from the grouping saved before.
    incremental: Duration,
}

/// Articles the incremental regrouping is measured after.
const ADDED: usize = 100;

/// `--rounds N` (the number after it is not a size), and the sizes.
fn arguments() -> (usize, Vec<usize>) {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut rounds = 2;
    let mut sizes = Vec::new();
    let mut at = 0;
    while let Some(arg) = args.get(at) {
        if arg == "--rounds" {
            rounds = args
                .get(at + 1)
                .and_then(|r| r.parse().ok())
                .unwrap_or(rounds);
            at += 2;
            continue;
        }
        if let Some(r) = arg.strip_prefix("--rounds=") {
            rounds = r.parse().unwrap_or(rounds);
        } else if let Ok(n) = arg.parse() {
            sizes.push(n);
        }
        at += 1;
    }
    if sizes.is_empty() {
        sizes.push(100_000);
    }
    (rounds.max(1), sizes)
}

fn main() {
    let mut rows = Vec::new();
    let (rounds, sizes) = arguments();
    for n in sizes {
        match measure(n, rounds) {
            Ok(row) => rows.push(row),
            Err(e) => {
                eprintln!("benchmark of {n} articles failed: {e}");
                std::process::exit(1);
            }
        }
    }
    print_table(&rows);
}

fn measure(n: usize, rounds: usize) -> Result<Row, String> {
    let archive = archive::archive(n)?;
    let work = archive::work_dir().join(format!("copies-{n}"));
    let mut without: Option<Build> = None;
    let mut with: Option<Build> = None;
    for round in 0..rounds {
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
    // The regrouping alone, over the index the last build (with copies) left: in full, with
    // the saved grouping removed, then after ADDED articles, from the grouping saved before.
    let store = open(&archive, &work)?;
    let saved = find_file(&work, "copies.bin").ok_or("no copies.bin after the build")?;
    std::fs::remove_file(&saved).map_err(|e| e.to_string())?;
    let started = Instant::now();
    store.regroup().map_err(|e| e.to_string())?;
    let regroup = started.elapsed();
    let before = std::fs::read(&saved).map_err(|e| e.to_string())?;
    add_articles(&archive, &work.join("added"))?;
    store.sync(&mut |_| {}).map_err(|e| e.to_string())?;
    std::fs::write(&saved, before).map_err(|e| e.to_string())?;
    let started = Instant::now();
    store.regroup().map_err(|e| e.to_string())?;
    let incremental = started.elapsed();
    drop(store);
    let _ = std::fs::remove_dir_all(&work);
    Ok(Row {
        articles: n,
        without: without.ok_or("no build")?,
        with: with.ok_or("no build")?,
        regroup,
        incremental,
    })
}

/// Copies [`ADDED`] files of the archive into `added` (the store's second folder): a sync's
/// worth of new articles, each a copy of one already indexed.
fn add_articles(archive: &Path, added: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    let mut folders = vec![archive.to_path_buf()];
    while let Some(folder) = folders.pop() {
        if files.len() >= ADDED {
            break;
        }
        let mut entries: Vec<_> = std::fs::read_dir(&folder)
            .map_err(|e| e.to_string())?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                folders.push(path);
            } else if files.len() < ADDED {
                files.push(path);
            }
        }
    }
    for (n, file) in files.iter().enumerate() {
        let name = file.file_name().ok_or("a file without a name")?;
        let to = added.join(format!("{n:03}-{}", name.to_string_lossy()));
        std::fs::copy(file, to).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The first file called `name` under `dir`.
fn find_file(dir: &Path, name: &str) -> Option<std::path::PathBuf> {
    for entry in std::fs::read_dir(dir).ok()?.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            if let Some(found) = find_file(&path, name) {
                return Some(found);
            }
        } else if path.file_name().is_some_and(|n| n == name) {
            return Some(path);
        }
    }
    None
}

/// The store over the archive and a folder of added articles (empty while building).
fn open(archive: &Path, work: &Path) -> Result<Store, String> {
    let added = work.join("added");
    std::fs::create_dir_all(&added).map_err(|e| e.to_string())?;
    let options = StoreOptions {
        cache_dir: work.to_path_buf(),
    };
    Store::open(&[archive.to_path_buf(), added], &options).map_err(|e| e.to_string())
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
        bytes: folder_bytes(work),
        groups: groups.len(),
        copies: groups.copies(),
    })
}

fn folder_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => folder_bytes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
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
         slower by (wall / CPU) | regrouping in full / after {ADDED} new | \
         index size without / with | groups found (copies) | within 15% |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|:---:|");
    for r in rows {
        let share = |with: Duration, without: Duration| {
            with.as_secs_f64() / without.as_secs_f64().max(1e-9) - 1.0
        };
        let wall = share(r.with.wall, r.without.wall);
        let cpu = share(r.with.cpu, r.without.cpu);
        println!(
            "| {} | {:.1} s / {:.1} s | {:.1} s / {:.1} s | {:+.1}% / {:+.1}% | {:.2} s / {:.2} s | {:.0} / {:.0} MB | {} ({}) | {} |",
            r.articles,
            r.without.wall.as_secs_f64(),
            r.without.cpu.as_secs_f64(),
            r.with.wall.as_secs_f64(),
            r.with.cpu.as_secs_f64(),
            wall * 100.0,
            cpu * 100.0,
            r.regroup.as_secs_f64(),
            r.incremental.as_secs_f64(),
            r.without.bytes as f64 / 1e6,
            r.with.bytes as f64 / 1e6,
            r.with.groups,
            r.with.copies,
            if cpu <= BUDGET && wall <= BUDGET {
                "yes"
            } else {
                "NO"
            },
        );
        let _ = r.without.groups + r.without.copies;
    }
}
