//! The archive in other formats, beside the seed files in the same run: the first index of the
//! same articles as seed files and as one JSON Lines file (and, with `--news-please`, as one
//! news-please JSON file each), in MB/s of wall and of CPU time; then `folio search --count`
//! on the JSON Lines archive beside `rg -c` over the same file.
//!
//! `cargo bench --bench formats -- 100000` (default 100000). `-- --gb 1` also writes a JSON
//! Lines file of about 1 GB from the archive of a million articles (the first articles in path
//! order) and times only `folio search --count` on it against `rg -c`, its index built once.
//! The files are written once into `target/folio-bench/` and reused.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use rayon::prelude::*;

#[path = "support/archive.rs"]
mod archive;
#[path = "support/measure.rs"]
mod measure;
use measure::{files, folder_bytes, pick_word, run};

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
/// Runs per warm search; the median is reported.
const RUNS: usize = 5;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let result = match args.iter().position(|a| a == "--gb") {
        Some(at) => {
            let gb: f64 = args.get(at + 1).and_then(|a| a.parse().ok()).unwrap_or(1.0);
            big_search(gb)
        }
        None => {
            let news_please = args.iter().any(|a| a == "--news-please");
            archive::sizes(&[100_000])
                .into_iter()
                .try_for_each(|n| first_index(n, news_please))
        }
    };
    if let Err(e) = result {
        eprintln!("benchmark failed: {e}");
        std::process::exit(1);
    }
}

/// One article as a JSON Lines row with cc_news's keys, or as a news-please file's object.
fn row(article: &folio::article::Article, news_please: bool) -> serde_json::Value {
    let text: Vec<&str> = article.paragraphs.iter().map(|p| p.text()).collect();
    let date = article.published.map(|p| p.to_string());
    if news_please {
        serde_json::json!({
            "title": article.title, "description": article.lede, "maintext": text.join("\n"),
            "date_publish": date, "url": article.url, "source_domain": article.url.as_deref().map(host),
            "language": article.language,
        })
    } else {
        serde_json::json!({
            "title": article.title, "description": article.lede, "text": text.join("\n"),
            "date": date, "url": article.url, "source": article.source,
            "language": article.language,
        })
    }
}

/// The host of a URL, as news-please's `source_domain` holds it.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .to_lowercase()
}

/// Writes the articles of `seed_files` into `out` (one JSON Lines file), in path order, once;
/// stops after `max_bytes` of rows.
fn write_jsonl(seed_files: &[PathBuf], out: &Path, max_bytes: u64) -> Result<(), String> {
    let done = out.with_extension("complete");
    if done.exists() {
        return Ok(());
    }
    eprintln!("writing {}", out.display());
    let file = std::fs::File::create(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut writer = BufWriter::new(file);
    let mut written = 0u64;
    for chunk in seed_files.chunks(4096) {
        let rows: Vec<String> = chunk
            .par_iter()
            .filter_map(|path| {
                let bytes = std::fs::read(path).ok()?;
                let article = folio::parse::parse_article(path, &bytes).ok()?;
                Some(row(&article, false).to_string())
            })
            .collect();
        for row in rows {
            writeln!(writer, "{row}").map_err(|e| e.to_string())?;
            written += row.len() as u64 + 1;
        }
        if written >= max_bytes {
            break;
        }
    }
    writer.flush().map_err(|e| e.to_string())?;
    std::fs::write(&done, b"").map_err(|e| e.to_string())
}

/// Writes one news-please JSON file per article into `out`, once.
fn write_news_please(seed_files: &[PathBuf], out: &Path) -> Result<(), String> {
    let done = out.with_extension("complete");
    if done.exists() {
        return Ok(());
    }
    eprintln!("writing {}", out.display());
    let _ = std::fs::remove_dir_all(out);
    seed_files
        .par_iter()
        .enumerate()
        .try_for_each(|(i, path)| {
            let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
            let Ok(article) = folio::parse::parse_article(path, &bytes) else {
                return Ok(());
            };
            let dir = out.join(format!("{:04}", i / 1000));
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            let text = row(&article, true).to_string();
            std::fs::write(dir.join(format!("{i:06}.json")), text).map_err(|e| e.to_string())
        })?;
    std::fs::write(&done, b"").map_err(|e| e.to_string())
}

struct Build {
    what: &'static str,
    bytes: u64,
    articles: String,
    wall: Duration,
    cpu: Duration,
}

/// The first index of `root` into a fresh cache: `folio list --limit 1`, which syncs first.
fn build(what: &'static str, root: &Path, bytes: u64, cache: &Path) -> Result<Build, String> {
    let _ = std::fs::remove_dir_all(cache);
    eprintln!("indexing {what}");
    let cpu_before = children_cpu();
    let started = Instant::now();
    run(Command::new(FOLIO)
        .env("FOLIO_CACHE_DIR", cache)
        .args(["list", "--limit", "1"])
        .arg(root))?;
    let wall = started.elapsed();
    let cpu = children_cpu().saturating_sub(cpu_before);
    let check = run(Command::new(FOLIO)
        .env("FOLIO_CACHE_DIR", cache)
        .args(["check", "--no-sync"])
        .arg(root))?;
    let articles = check
        .lines()
        .last()
        .and_then(|l| l.split(" articles read").next())
        .unwrap_or("?")
        .to_string();
    Ok(Build {
        what,
        bytes,
        articles,
        wall,
        cpu,
    })
}

fn first_index(n: usize, news_please: bool) -> Result<(), String> {
    let work = archive::work_dir();
    let seeds = archive::archive(n)?;
    let seed_files = files(&seeds);
    let jsonl_dir = work.join(format!("jsonl-{n}"));
    std::fs::create_dir_all(&jsonl_dir).map_err(|e| e.to_string())?;
    let jsonl = jsonl_dir.join("archive.jsonl");
    write_jsonl(&seed_files, &jsonl, u64::MAX)?;
    let jsonl_bytes = std::fs::metadata(&jsonl).map_err(|e| e.to_string())?.len();
    let mut builds = vec![
        build(
            "seed files",
            &seeds,
            folder_bytes(&seeds),
            &work.join(format!("formats-cache-seed-{n}")),
        )?,
        build(
            "one JSON Lines file",
            &jsonl,
            jsonl_bytes,
            &work.join(format!("formats-cache-jsonl-{n}")),
        )?,
    ];
    if news_please {
        let dir = work.join(format!("news-please-{n}"));
        write_news_please(&seed_files, &dir)?;
        builds.push(build(
            "news-please files",
            &dir,
            folder_bytes(&dir),
            &work.join(format!("formats-cache-news-please-{n}")),
        )?);
    }
    println!(
        "First index of {n} articles, by format (same run; CPU = user + system, all threads):\n"
    );
    println!("| format | bytes | articles | wall | MB/s (wall) | CPU | MB/s (CPU) |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for b in &builds {
        let mb = b.bytes as f64 / 1e6;
        println!(
            "| {} | {:.0} MB | {} | {:.1} s | {:.1} | {:.1} s | {:.1} |",
            b.what,
            mb,
            b.articles,
            b.wall.as_secs_f64(),
            mb / b.wall.as_secs_f64().max(1e-9),
            b.cpu.as_secs_f64(),
            mb / b.cpu.as_secs_f64().max(1e-9),
        );
    }
    println!();
    search_table(&jsonl, &work.join(format!("formats-cache-jsonl-{n}")))
}

/// `folio search --count WORD` on the JSON Lines archive (indexed) beside `rg -i -c WORD`.
fn search_table(jsonl: &Path, cache: &Path) -> Result<(), String> {
    let folio = |args: &[&str]| {
        let mut cmd = Command::new(FOLIO);
        cmd.env("FOLIO_CACHE_DIR", cache).args(args).arg(jsonl);
        cmd
    };
    let word = pick_word(&mut folio(&[
        "list",
        "--json",
        "--limit",
        "20",
        "--no-sync",
    ]))?;
    let folio_count = run(&mut folio(&["search", "--count", "--no-sync", &word]))?;
    let folio_time = median(|| run(&mut folio(&["search", "--count", "--no-sync", &word])))?;
    let plain_time = median(|| run(&mut folio(&["search", "--count", &word])))?;
    let rg = || {
        run(Command::new("rg")
            .args(["-i", "-c", &word])
            .arg(jsonl)
            .env_remove("RIPGREP_CONFIG_PATH"))
    };
    let (rg_time, rg_count) = match rg() {
        Ok(count) => (Some(median(rg)?), count.trim().to_string()),
        Err(_) => (None, "rg not installed".to_string()),
    };
    let bytes = std::fs::metadata(jsonl).map_err(|e| e.to_string())?.len();
    println!(
        "Counting a word in one JSON Lines file of {:.0} MB (median of {RUNS} warm runs):\n",
        bytes as f64 / 1e6
    );
    println!(
        "| word | `folio search --count --no-sync` | plain `folio search --count` | `rg -i -c` | speed-up |"
    );
    println!("|---|---:|---:|---:|---:|");
    let speedup = rg_time.map_or("-".to_string(), |t| {
        format!(
            "{:.0}×",
            t.as_secs_f64() / folio_time.as_secs_f64().max(1e-9)
        )
    });
    println!(
        "| {word} | {} ({} articles) | {} | {} ({rg_count} lines) | {speedup} |",
        ms(folio_time),
        folio_count.trim(),
        ms(plain_time),
        rg_time.map_or("-".to_string(), ms),
    );
    Ok(())
}

/// The search comparison on a JSON Lines file of about `gb` GB.
fn big_search(gb: f64) -> Result<(), String> {
    let work = archive::work_dir();
    let seeds = archive::archive(1_000_000)?;
    let seed_files = files(&seeds);
    let dir = work.join(format!("jsonl-{gb}gb"));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let jsonl = dir.join("archive.jsonl");
    write_jsonl(&seed_files, &jsonl, (gb * 1e9) as u64)?;
    let cache = work.join(format!("formats-cache-jsonl-{gb}gb"));
    if !cache.exists() {
        let bytes = std::fs::metadata(&jsonl).map_err(|e| e.to_string())?.len();
        let b = build("one JSON Lines file", &jsonl, bytes, &cache)?;
        println!(
            "First index of {} articles in {:.0} MB of JSON Lines: {:.1} s wall, {:.1} s CPU\n",
            b.articles,
            bytes as f64 / 1e6,
            b.wall.as_secs_f64(),
            b.cpu.as_secs_f64()
        );
    }
    search_table(&jsonl, &cache)
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

/// User + system time of the children that have finished and been waited for.
fn children_cpu() -> Duration {
    // SAFETY: an all-zero rusage is a valid value for getrusage to overwrite.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is a valid rusage to write into.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}
