//! A live archive: the time from a file's write into the open archive to its row on the
//! screen of the real `folio` TUI in a pseudo-terminal, with no key pressed.
//!
//! `cargo bench --bench live -- 10000` (default 10000). The archive is
//! `target/folio-bench/archive-N` (`benches/support/archive.rs`), hard-linked file by file
//! into `target/folio-bench/live-N/archive` so that the articles written here never reach the
//! archive the other benches read; the index and reading state stay in `live-N/`. Each sample
//! writes one article dated after every other (so its row is the timeline's first), times it
//! until its title is on screen, then waits for the count to settle before the next.
//! Timed twice: with events (inotify) and with the polling watcher folio falls back to.
//! `FOLIO_BENCH_TIMEOUT_S` bounds each wait on the TUI (default 900). Prints a Markdown table.

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "support/archive.rs"]
mod archive;
// Memory and the first row's shape are the scale bench's questions, not this one's, and
// the tests' face of the harness, `Folio`, is not a bench's.
#[allow(dead_code)]
#[path = "../tests/support/pty/mod.rs"]
mod pty;

use pty::reading::{articles_shown, syncing};
use pty::{Launch, Tui};

/// Articles written one at a time, each timed.
const SAMPLES: usize = 15;

fn main() {
    println!("| articles | watcher | samples | write to row: median | p95 | max |");
    println!("|---:|---|---:|---:|---:|---:|");
    for n in archive::sizes(&[10_000]) {
        for watcher in [Watcher::Events, Watcher::Polling] {
            match measure(n, watcher) {
                Ok(row) => println!("{row}"),
                Err(e) => {
                    eprintln!("benchmark of {n} articles failed: {e}");
                    std::process::exit(1);
                }
            }
        }
    }
}

fn limit() -> Duration {
    let secs = std::env::var("FOLIO_BENCH_TIMEOUT_S")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(900);
    Duration::from_secs(secs)
}

/// How folio follows the folders: events (inotify), or the polling watcher it falls back to
/// where events are unavailable (`FOLIO_WATCH=poll` forces it).
#[derive(Clone, Copy)]
enum Watcher {
    Events,
    Polling,
}

fn measure(n: usize, watcher: Watcher) -> Result<String, String> {
    let source = archive::archive(n)?;
    let work = archive::work_dir().join(format!("live-{n}"));
    let copy = work.join("archive");
    // Started over each run: the articles an earlier run wrote go, and the index reused
    // from that run sees them gone when folio opens.
    let _ = std::fs::remove_dir_all(&copy);
    link_tree(&source, &copy)?;
    let (cache, data) = (work.join("cache"), work.join("data"));
    let (env, watcher, shows): (&[(&str, &str)], _, _) = match watcher {
        Watcher::Events => (&[], "events", "watching"),
        Watcher::Polling => (&[("FOLIO_WATCH", "poll")], "polling", "polling every"),
    };
    let tui = Tui::start(&Launch {
        env,
        rows: 48,
        cols: 160,
        ..Launch::new(&copy, &cache, &data)
    })?;
    tui.settle(
        "the archive indexed and watched",
        Duration::from_millis(500),
        limit(),
        |s| articles_shown(s) == Some(n) && !syncing(s) && s.contains(shows),
    )?;
    let mut samples = Vec::with_capacity(SAMPLES);
    for i in 0..SAMPLES {
        let title = format!("Live arrival number {i} zz");
        let written = Instant::now();
        write_article(&copy, i, &title)?;
        tui.wait_for("the new row", limit(), |s| s.contains(&title))?;
        samples.push(written.elapsed());
        let count = n + i + 1;
        tui.settle(
            "the count to settle",
            Duration::from_millis(300),
            limit(),
            |s| articles_shown(s) == Some(count) && !syncing(s),
        )?;
    }
    tui.quit()?;
    samples.sort();
    let at = |p: usize| ms(samples[(samples.len() - 1) * p / 100]);
    Ok(format!(
        "| {n} | {watcher} | {SAMPLES} | {} | {} | {} |",
        at(50),
        at(95),
        at(100)
    ))
}

/// An article dated 2031, after every generated one, with `title`, as a scraper writes it.
fn write_article(dir: &Path, i: usize, title: &str) -> Result<(), String> {
    let day = i % 28 + 1;
    let text = format!(
        " date 2031-01 https://live.example/203101{day:02}/arrival-{i}.html\n\n{title}\n\n\
         A lede about the arrival... {day:02}.01.2031, Live Wire\n\nThe body of the arrival.\n"
    );
    let path = dir.join(format!("live-arrival-{i}.txt"));
    std::fs::write(&path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}

/// `to` made as a copy of the folder tree `from`, each file a hard link (no data copied).
fn link_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("creating {}: {e}", to.display()))?;
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("listing {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("listing {}: {e}", from.display()))?;
        let (path, target) = (entry.path(), to.join(entry.file_name()));
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let linked = if is_dir {
            link_tree(&path, &target)
        } else {
            std::fs::hard_link(&path, &target)
                .map_err(|e| format!("linking {}: {e}", path.display()))
        };
        linked?;
    }
    Ok(())
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}
