//! folio at scale as a user meets it, beside its peers in the same run: the real TUI in a
//! pseudo-terminal (cold and warm open to the first timeline row, cold open to a complete
//! index, memory after opening and after a search, a keystroke to its count), and ripgrep,
//! fzf and newsboat asked the same questions of the same articles.
//!
//! `cargo bench --bench scale -- 10000 100000 1000000` (default 10000 and 100000). The whole
//! suite, build, search latency and frame times included, is `cargo bench --bench '*' -- SIZES`:
//! every bench target takes the same sizes (see `benches/README.md`). Archives come from `target/folio-bench/archive-N`
//! (`benches/support/archive.rs`); this bench keeps its index, reading state, titles and RSS
//! feeds in `target/folio-bench/scale-N/`. "Cold" means no index; the archive's files are in
//! the page cache (dropping it would slow every other process on the machine).
//! `FOLIO_BENCH_TIMEOUT_S` bounds each wait on the TUI (default 900);
//! `FOLIO_BENCH_NEWSBOAT_MAX` is the largest archive given to newsboat (default 100000: at a
//! million its reload runs for a very long time).

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

#[path = "support/archive.rs"]
mod archive;
#[path = "support/measure.rs"]
mod measure;
#[path = "support/peers.rs"]
mod peers;
// The tests' face of the harness, `Folio`, is not a bench's.
#[allow(dead_code)]
#[path = "../tests/support/pty/mod.rs"]
mod pty;
#[path = "support/scale_report.rs"]
mod report;
#[path = "support/rss.rs"]
mod rss;

use measure::{files, folder_bytes, pick_word, run};
use pty::reading::{articles_shown, has_timeline_row, syncing};
use pty::{Launch, Tui};
use report::{Cold, Newsboat, Open, Peers, Row, Searched};

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
/// Warm opens timed per size; the median and the slowest are reported.
const WARM_RUNS: usize = 5;
/// Runs per peer question (after one warm-up); the median is reported.
const PEER_RUNS: usize = 5;

fn main() {
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
    report::print(&rows);
}

/// Folio on `archive` in a terminal of 48 x 160, room for a page of the timeline.
fn start(archive: &Path, cache: &Path, data: &Path) -> Result<Tui, String> {
    Tui::start(&Launch {
        rows: 48,
        cols: 160,
        ..Launch::new(archive, cache, data)
    })
}

fn limit() -> Duration {
    let secs = std::env::var("FOLIO_BENCH_TIMEOUT_S")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(900);
    Duration::from_secs(secs)
}

fn measure(n: usize) -> Result<Row, String> {
    let archive = archive::archive(n)?;
    let dir = archive::work_dir().join(format!("scale-{n}"));
    let (cache, data) = (dir.join("cache"), dir.join("data"));
    for d in [&cache, &data] {
        if d.exists() {
            std::fs::remove_dir_all(d).map_err(|e| format!("cannot empty {}: {e}", d.display()))?;
        }
    }
    let corpus_bytes = folder_bytes(&archive);
    let open = open_tui(n, &archive, &cache, &data)?;
    let peers = peers(n, &archive, &cache, &dir, &open.word)?;
    Ok(Row {
        articles: n,
        corpus_bytes,
        open,
        peers,
    })
}

fn open_tui(n: usize, archive: &Path, cache: &Path, data: &Path) -> Result<Open, String> {
    let cold = cold_open(n, archive, cache, data)?;
    let warm = warm_opens(n, archive, cache, data)?;
    let word = pick_word(
        Command::new(FOLIO)
            .args([
                "list",
                "--json",
                "--limit",
                "20",
                "--no-sync",
                "--cache-dir",
            ])
            .arg(cache)
            .arg(archive),
    )?;
    let searched = open_and_search(n, archive, cache, data, &word)?;
    Ok(Open {
        cold,
        warm,
        searched,
        word,
    })
}

/// No index: times to the first frame, the first row and a complete index.
fn cold_open(n: usize, archive: &Path, cache: &Path, data: &Path) -> Result<Cold, String> {
    eprintln!("{n} articles: opening the TUI with no index");
    let tui = start(archive, cache, data)?;
    let frame = tui.wait_for("the first frame", limit(), |s| articles_shown(s).is_some())?;
    let first_row = tui.wait_for("the first timeline row", limit(), has_timeline_row)?;
    let mut seen_sync = false;
    let complete = tui.wait_for("the index to be complete", limit(), |s| {
        seen_sync |= syncing(s);
        // A build faster than a frame may never show its progress.
        !syncing(s) && (seen_sync || articles_shown(s) == Some(n))
    })?;
    let memory = tui.memory()?;
    let indexed = articles_shown(&tui.contents()).unwrap_or(0);
    tui.quit()?;
    Ok(Cold {
        frame,
        first_row,
        complete,
        memory,
        indexed,
    })
}

/// The index present: times to the first row, sorted.
fn warm_opens(
    n: usize,
    archive: &Path,
    cache: &Path,
    data: &Path,
) -> Result<Vec<Duration>, String> {
    eprintln!("{n} articles: opening the TUI with its index, {WARM_RUNS} times");
    let mut warm = Vec::with_capacity(WARM_RUNS);
    for _ in 0..WARM_RUNS {
        let tui = start(archive, cache, data)?;
        warm.push(tui.wait_for("the first timeline row", limit(), has_timeline_row)?);
        tui.quit()?;
    }
    warm.sort();
    Ok(warm)
}

/// A warm open left to settle, then a search for `word` (ASCII) typed into it.
fn open_and_search(
    n: usize,
    archive: &Path,
    cache: &Path,
    data: &Path,
    word: &str,
) -> Result<Searched, String> {
    let count = folio_count(cache, archive, word)?;
    eprintln!("{n} articles: memory after opening, and after searching for {word:?}");
    let mut tui = start(archive, cache, data)?;
    tui.settle(
        "the background check for changed files to finish",
        Duration::from_secs(1),
        limit(),
        |s| has_timeline_row(s) && !syncing(s),
    )?;
    let after_open = tui.memory()?;
    let (typed, last) = word.split_at(word.len().saturating_sub(1));
    tui.keys("/")?;
    tui.keys(typed)?;
    let prompt = format!("/{typed}");
    tui.settle(
        "the count of the search typed so far",
        Duration::from_millis(500),
        limit(),
        |s| search_line(s, &prompt, " match"),
    )?;
    let pressed = tui.started.elapsed();
    tui.keys(last)?;
    let (prompt, shown) = (format!("/{word} "), format!(" {} match", thousands(count)));
    let answered = tui.wait_for("the search's count", limit(), |s| {
        search_line(s, &prompt, &shown)
    })?;
    tui.settle(
        "the results to be drawn",
        Duration::from_millis(300),
        limit(),
        |_| true,
    )?;
    let after_search = tui.memory()?;
    // Esc alone: an Esc followed at once by q would read as Alt-q.
    tui.keys("\x1b")?;
    tui.wait_for("the search to close", limit(), |s| {
        !search_line(s, &prompt, "")
    })?;
    tui.quit()?;
    Ok(Searched {
        after_open,
        count,
        keystroke: answered.saturating_sub(pressed),
        after_search,
    })
}

/// The search line shows `prompt` (the query as typed) and `text` (the count, on its right).
fn search_line(screen: &str, prompt: &str, text: &str) -> bool {
    screen
        .lines()
        .any(|l| l.starts_with(prompt) && l.contains(text))
}

fn folio_search(cache: &Path, archive: &Path, query: &str) -> Command {
    let mut cmd = Command::new(FOLIO);
    cmd.args(["search", "--count", "--no-sync", "--cache-dir"])
        .arg(cache)
        .arg(query)
        .arg(archive);
    cmd
}

fn folio_count(cache: &Path, archive: &Path, query: &str) -> Result<usize, String> {
    let out = run(&mut folio_search(cache, archive, query))?;
    out.trim()
        .parse()
        .map_err(|_| format!("`folio search --count {query}` printed {out:?}, not a count"))
}

fn peers(n: usize, archive: &Path, cache: &Path, dir: &Path, word: &str) -> Result<Peers, String> {
    eprintln!("{n} articles: folio and its peers looking for {word:?}");
    let folio = peers::median(PEER_RUNS, || {
        peers::timed(&mut folio_search(cache, archive, word))
    })?;
    let title_query = format!("title:{word}");
    let folio_title = peers::median(PEER_RUNS, || {
        peers::timed(&mut folio_search(cache, archive, &title_query))
    })?;
    let (rg_l, rg_c) = if peers::installed("rg", "ripgrep") {
        (
            Some(peers::median(PEER_RUNS, || peers::rg("-l", word, archive))?),
            Some(peers::median(PEER_RUNS, || peers::rg("-c", word, archive))?),
        )
    } else {
        (None, None)
    };
    let fzf = if peers::installed("fzf", "fzf") {
        let titles = dir.join("titles.txt");
        write_titles(cache, archive, &titles)?;
        Some(peers::median(PEER_RUNS, || peers::fzf(word, &titles))?)
    } else {
        None
    };
    Ok(Peers {
        folio,
        folio_title,
        rg_l,
        rg_c,
        fzf,
        newsboat: newsboat(n, archive, dir)?,
    })
}

/// Every title, one a line, as `folio list` gives them, for fzf to filter. Read as a stream:
/// at a million articles the JSON lines are most of a gigabyte.
fn write_titles(cache: &Path, archive: &Path, to: &Path) -> Result<(), String> {
    let mut list = Command::new(FOLIO)
        .args(["list", "--json", "--no-sync", "--cache-dir"])
        .arg(cache)
        .arg(archive)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run folio list: {e}"))?;
    let stdout = list.stdout.take().ok_or("folio list has no output")?;
    let file =
        std::fs::File::create(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let mut out = BufWriter::new(file);
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("cannot read what folio list printed: {e}"))?;
        let Ok(row) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if let Some(title) = row["title"].as_str() {
            writeln!(out, "{title}").map_err(|e| format!("cannot write {}: {e}", to.display()))?;
        }
    }
    out.flush()
        .map_err(|e| format!("cannot write {}: {e}", to.display()))?;
    let status = list
        .wait()
        .map_err(|e| format!("cannot wait for folio list: {e}"))?;
    if !status.success() {
        return Err(format!("folio list failed with {status}"));
    }
    Ok(())
}

fn newsboat(n: usize, archive: &Path, dir: &Path) -> Result<Option<Newsboat>, String> {
    let max = std::env::var("FOLIO_BENCH_NEWSBOAT_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    if n > max {
        eprintln!(
            "newsboat is left out at {n} articles (FOLIO_BENCH_NEWSBOAT_MAX={max} raises it)"
        );
        return Ok(None);
    }
    if !peers::installed("newsboat", "newsboat") {
        return Ok(None);
    }
    let feeds = rss::feeds(archive, &files(archive), &dir.join("rss"))?;
    let home = dir.join("newsboat");
    if home.exists() {
        std::fs::remove_dir_all(&home)
            .map_err(|e| format!("cannot empty {}: {e}", home.display()))?;
    }
    std::fs::create_dir_all(&home).map_err(|e| format!("cannot create {}: {e}", home.display()))?;
    eprintln!(
        "{n} articles: newsboat reading {} feeds into its cache",
        feeds.feeds
    );
    let reload = peers::newsboat(&home, &feeds.urls, &["-r", "-x", "reload"])?;
    eprintln!("{n} articles: newsboat -x print-unread");
    let print = |_: ()| peers::newsboat(&home, &feeds.urls, &["-x", "print-unread"]);
    let first = print(())?;
    // At 100k one run takes seconds; repeating it would only lengthen the bench.
    let print_unread = if first.wall > Duration::from_secs(2) {
        first
    } else {
        peers::median(PEER_RUNS, || print(()))?
    };
    Ok(Some(Newsboat {
        feeds: feeds.feeds,
        reload,
        print_unread,
        cache_bytes: std::fs::metadata(home.join("cache.db"))
            .map(|m| m.len())
            .unwrap_or(0),
    }))
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
