//! End-to-end benchmark of the store, measured as a user meets it: whole `folio` processes
//! over generated archives, each beside ripgrep over the same folder in the same run.
//!
//! `cargo bench --bench store` (sizes default to 10000 and 100000 articles;
//! `cargo bench --bench store -- 10000` picks sizes; `-- --plain 100000 1000000` times only
//! the plain command against ripgrep, over a reused index: see `support/plain.rs`). Archives are generated once into
//! `target/folio-bench/` and reused (`benches/support/`); indexes are rebuilt every run.
//! Prints two Markdown tables: the user's view, and where the build's CPU time goes (parsing
//! and tokenising alone, on one thread, beside the whole build's CPU time, and tantivy alone
//! indexing the same files with its defaults, as DESIGN.md measured it). CPU times are
//! reported as well as wall times because they hold still on a machine shared with other
//! work, where wall times can double from one run to the next.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use tantivy::tokenizer::TokenStream;

#[path = "support/archive.rs"]
mod archive;
#[path = "support/measure.rs"]
mod measure;
#[path = "support/plain.rs"]
mod plain;
use measure::{files, folder_bytes, pick_word, run};

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
/// Runs per warm measurement; the median is reported.
const RUNS: usize = 7;

struct Row {
    articles: usize,
    corpus_bytes: u64,
    build: Duration,
    /// User + system CPU time of the build process, all threads.
    build_cpu: Duration,
    index_bytes: u64,
    split: Split,
    bare: Bare,
    open_cached: Duration,
    open_synced: Duration,
    word: String,
    folio_search: Duration,
    /// A plain `folio search --count` (no flag): lists only the folders whose time changed.
    plain_search: Duration,
    /// `folio search --count --sync full`: looks at every file.
    full_search: Duration,
    folio_count: String,
    rg: Option<(Duration, usize)>,
}

fn main() {
    if std::env::args().any(|a| a == "--plain") {
        let mut rows = Vec::new();
        for n in archive::sizes(&[10_000, 100_000]) {
            match plain::measure(n) {
                Ok(row) => rows.push(row),
                Err(e) => {
                    eprintln!("benchmark of {n} articles failed: {e}");
                    std::process::exit(1);
                }
            }
        }
        plain::print(&rows);
        return;
    }
    let mut rows = Vec::new();
    for n in archive::sizes(&[10_000, 100_000]) {
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

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn measure(n: usize) -> Result<Row, String> {
    let work = archive::work_dir();
    let archive = archive::archive(n)?;
    let corpus_bytes = folder_bytes(&archive);
    let cache = work.join(format!("cache-{n}"));
    let _ = std::fs::remove_dir_all(&cache);
    let folio = |args: &[&str]| {
        let mut cmd = Command::new(FOLIO);
        cmd.env("FOLIO_CACHE_DIR", &cache).args(args).arg(&archive);
        cmd
    };

    eprintln!("indexing {n} articles");
    let cpu_before = children_cpu();
    let started = Instant::now();
    run(&mut folio(&["list", "--limit", "1"]))?;
    let build = started.elapsed();
    let build_cpu = children_cpu().saturating_sub(cpu_before);
    let index_bytes = folder_bytes(&cache);
    eprintln!("parsing and tokenising {n} articles on one thread");
    let split = split(&archive);
    eprintln!("indexing {n} articles with tantivy alone");
    let bare = bare_tantivy(&archive, &work.join(format!("bare-{n}")))?;

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
    let plain_search = median(|| run(&mut folio(&["search", "--count", &word])))?;
    let full_search = median(|| run(&mut folio(&["search", "--count", "--sync", "full", &word])))?;

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
        build_cpu,
        index_bytes,
        split,
        bare,
        open_cached,
        open_synced,
        word,
        folio_search,
        plain_search,
        full_search,
        folio_count,
        rg,
    })
}

/// CPU time of one thread spent parsing, and then tokenising what the parser returned, the
/// two halves of the build that folio's own code does (the rest is tantivy's).
#[derive(Default)]
struct Split {
    bytes: u64,
    parse: Duration,
    tokenize: Duration,
}

fn split(archive: &Path) -> Split {
    let mut analyzer = folio::index::tokenizer::analyzer();
    let mut split = Split::default();
    for path in files(archive) {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        split.bytes += bytes.len() as u64;
        let started = thread_cpu();
        let parsed = folio::parse::parse_article(&path, &bytes);
        let parsed_at = thread_cpu();
        split.parse += parsed_at.saturating_sub(started);
        let Ok(article) = parsed else { continue };
        let mut tokens = 0usize;
        let texts = [
            article.title.as_str(),
            article.lede.as_str(),
            article.source.as_str(),
        ];
        let body = article.paragraphs.iter().map(|p| p.text());
        for text in texts.into_iter().chain(body) {
            let mut stream = analyzer.token_stream(text);
            while stream.advance() {
                tokens += 1;
            }
        }
        std::hint::black_box(tokens);
        split.tokenize += thread_cpu().saturating_sub(parsed_at);
    }
    split
}

/// The same files indexed by tantivy alone, as DESIGN.md measured it: title and text with
/// tantivy's default tokenizer, positions, default writer; no parsing beyond taking the first
/// line after the header as the title. What folio adds on top is its parser, its fields and
/// its tokenizer.
struct Bare {
    wall: Duration,
    cpu: Duration,
    index_bytes: u64,
}

fn bare_tantivy(archive: &Path, dir: &Path) -> Result<Bare, String> {
    use tantivy::schema::{STORED, Schema, TEXT};
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let mut builder = Schema::builder();
    let title = builder.add_text_field("title", TEXT | STORED);
    let body = builder.add_text_field("body", TEXT);
    let index = tantivy::Index::create_in_dir(dir, builder.build()).map_err(|e| e.to_string())?;
    let cpu_before = process_cpu();
    let started = Instant::now();
    let mut writer: tantivy::IndexWriter =
        index.writer(128 * 1024 * 1024).map_err(|e| e.to_string())?;
    for path in files(archive) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut lines = text.lines().filter(|l| !l.trim().is_empty()).skip(1);
        let mut doc = tantivy::TantivyDocument::default();
        doc.add_text(title, lines.next().unwrap_or_default());
        for line in lines {
            doc.add_text(body, line);
        }
        writer.add_document(doc).map_err(|e| e.to_string())?;
    }
    writer.commit().map_err(|e| e.to_string())?;
    writer.wait_merging_threads().map_err(|e| e.to_string())?;
    Ok(Bare {
        wall: started.elapsed(),
        cpu: process_cpu().saturating_sub(cpu_before),
        index_bytes: folder_bytes(dir),
    })
}

fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec to write into; the clock id is a constant.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// User + system time of the children that have finished and been waited for.
fn children_cpu() -> Duration {
    rusage(libc::RUSAGE_CHILDREN)
}

/// User + system time of this process, all threads.
fn process_cpu() -> Duration {
    rusage(libc::RUSAGE_SELF)
}

fn rusage(who: libc::c_int) -> Duration {
    // SAFETY: an all-zero rusage is a valid value for getrusage to overwrite.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is a valid rusage to write into.
    unsafe { libc::getrusage(who, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
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
    println!();
    println!(
        "| articles | plain `folio search --count` | `--sync full` | `--no-sync` | `rg -i -l` | \
         plain vs rg |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let (rg, speedup) = match &r.rg {
            Some((time, _)) => (
                ms(*time),
                format!(
                    "{:.0}×",
                    time.as_secs_f64() / r.plain_search.as_secs_f64().max(1e-9)
                ),
            ),
            None => ("not installed".into(), "-".into()),
        };
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            r.articles,
            ms(r.plain_search),
            ms(r.full_search),
            ms(r.folio_search),
            rg,
            speedup
        );
    }
    println!();
    println!(
        "| articles | build: wall | build: CPU (all threads) | MB per CPU-second | \
         parse alone (1 thread) | tokenise alone (1 thread) | tantivy alone: wall, CPU, size |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let mb = r.corpus_bytes as f64 / 1e6;
        let split_mb = r.split.bytes as f64 / 1e6;
        let rate = |d: Duration| split_mb / d.as_secs_f64().max(1e-9);
        println!(
            "| {} | {:.1} s | {:.1} s | {:.1} MB/s | {:.1} s, {:.0} MB/s | {:.1} s, {:.0} MB/s \
             | {:.1} s ({:.1} MB/s), {:.1} s ({:.1} MB/s), {:.0}% |",
            r.articles,
            r.build.as_secs_f64(),
            r.build_cpu.as_secs_f64(),
            mb / r.build_cpu.as_secs_f64().max(1e-9),
            r.split.parse.as_secs_f64(),
            rate(r.split.parse),
            r.split.tokenize.as_secs_f64(),
            rate(r.split.tokenize),
            r.bare.wall.as_secs_f64(),
            mb / r.bare.wall.as_secs_f64().max(1e-9),
            r.bare.cpu.as_secs_f64(),
            mb / r.bare.cpu.as_secs_f64().max(1e-9),
            100.0 * r.bare.index_bytes as f64 / r.corpus_bytes.max(1) as f64,
        );
    }
}
