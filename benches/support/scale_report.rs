//! The scale bench's figures and the Markdown tables they are printed as, with the machine
//! they were measured on. Ratios are the peer's time over folio's, so "40×" means folio
//! answered forty times sooner.

use std::time::Duration;

use super::peers::Timed;
use super::pty::Memory;

pub struct Row {
    pub articles: usize,
    pub corpus_bytes: u64,
    pub open: Open,
    pub peers: Peers,
}

/// The TUI, timed from its spawn.
pub struct Open {
    pub cold: Cold,
    /// Warm opens to the first row, sorted.
    pub warm: Vec<Duration>,
    pub searched: Searched,
    pub word: String,
}

impl Open {
    pub fn warm_median(&self) -> Duration {
        self.warm
            .get(self.warm.len() / 2)
            .copied()
            .unwrap_or_default()
    }
}

pub struct Cold {
    /// The first screen with a status bar, the timeline perhaps still empty.
    pub frame: Duration,
    pub first_row: Duration,
    pub complete: Duration,
    /// At the end: VmHWM is the peak while indexing.
    pub memory: Memory,
    /// Articles in the status bar once the index was complete.
    pub indexed: usize,
}

pub struct Searched {
    pub after_open: Memory,
    pub count: usize,
    /// From typing the word's last letter to its count in the search line.
    pub keystroke: Duration,
    pub after_search: Memory,
}

pub struct Peers {
    pub folio: Timed,
    pub folio_title: Timed,
    pub rg_l: Option<Timed>,
    pub rg_c: Option<Timed>,
    pub fzf: Option<Timed>,
    pub newsboat: Option<Newsboat>,
}

pub struct Newsboat {
    pub feeds: usize,
    pub reload: Timed,
    pub print_unread: Timed,
    pub cache_bytes: u64,
}

pub fn print(rows: &[Row]) {
    println!("{}\n", machine());
    println!("The TUI in a 160×48 pseudo-terminal, timed from its spawn:\n");
    println!(
        "| articles | corpus | cold: first frame | cold: first row | cold: index complete | cold: peak RSS, RssAnon at the end \
         | warm: first row (median, slowest of 5) | after open: RssAnon (peak) \
         | last keystroke to count | after search: RssAnon (peak) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let (o, c, s) = (&r.open, &r.open.cold, &r.open.searched);
        println!(
            "| {} | {} | {} | {} | {} ({} articles) | {}, {} | {}, {} | {} ({}) | {} (`{}`: {}) | {} ({}) |",
            r.articles,
            mb(r.corpus_bytes),
            time(c.frame),
            time(c.first_row),
            time(c.complete),
            c.indexed,
            kb(c.memory.hwm),
            kb(c.memory.rss_anon),
            time(o.warm_median()),
            time(o.warm.last().copied().unwrap_or_default()),
            kb(s.after_open.rss_anon),
            kb(s.after_open.hwm),
            time(s.keystroke),
            o.word,
            s.count,
            kb(s.after_search.rss_anon),
            kb(s.after_search.hwm),
        );
    }

    println!(
        "\nThe same word asked of folio and its peers (median of 5 warm runs; ratio = peer / folio):\n"
    );
    println!(
        "| articles | word | `folio search --count` | `rg -i -l` | `rg -i -c` \
         | `folio search --count title:` | `fzf --filter` over the titles |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|");
    for r in rows {
        let p = &r.peers;
        let folio_count = p.folio.stdout.trim();
        let title_count = p.folio_title.stdout.trim();
        println!(
            "| {} | `{}` | {} ({folio_count} articles) | {} | {} | {} ({title_count} titles) | {} |",
            r.articles,
            r.open.word,
            time(p.folio.wall),
            versus(p.rg_l.as_ref(), "files", p.folio.wall),
            versus(p.rg_c.as_ref(), "files", p.folio.wall),
            time(p.folio_title.wall),
            versus(p.fzf.as_ref(), "titles", p.folio_title.wall),
        );
    }

    println!("\nnewsboat over the same articles as RSS files (one feed per source):\n");
    println!(
        "| articles | feeds | `newsboat -r -x reload` (vs folio's cold index) | cache \
         | `newsboat -x print-unread` (vs folio's warm first row) |"
    );
    println!("|---:|---:|---:|---:|---:|");
    for r in rows {
        match &r.peers.newsboat {
            Some(nb) => println!(
                "| {} | {} | {} ({}) | {} | {} ({}): \"{}\" |",
                r.articles,
                nb.feeds,
                time(nb.reload.wall),
                ratio(nb.reload.wall, r.open.cold.complete),
                mb(nb.cache_bytes),
                time(nb.print_unread.wall),
                ratio(nb.print_unread.wall, r.open.warm_median()),
                nb.print_unread.stdout.trim(),
            ),
            None => println!("| {} | - | not run | - | not run |", r.articles),
        }
    }

    println!(
        "\nPeak resident memory of each process (VmHWM / ru_maxrss, file-backed pages included):\n"
    );
    println!(
        "| articles | folio TUI, cold open | folio TUI, open + search | `folio search --count` \
         | `rg -i -l` | `rg -i -c` | `fzf --filter` | newsboat reload | newsboat print-unread |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let p = &r.peers;
        let peak = |t: Option<&Timed>| t.map_or_else(|| "-".to_string(), |t| kb(t.max_rss));
        let nb = p.newsboat.as_ref();
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            r.articles,
            kb(r.open.cold.memory.hwm),
            kb(r.open.searched.after_search.hwm),
            kb(p.folio.max_rss),
            peak(p.rg_l.as_ref()),
            peak(p.rg_c.as_ref()),
            peak(p.fzf.as_ref()),
            peak(nb.map(|n| &n.reload)),
            peak(nb.map(|n| &n.print_unread)),
        );
    }
}

/// A peer's time, what it found, and how much slower than folio it was.
fn versus(peer: Option<&Timed>, found: &str, folio: Duration) -> String {
    match peer {
        Some(t) => format!(
            "{}, {} {found} ({})",
            time(t.wall),
            t.stdout.lines().count(),
            ratio(t.wall, folio)
        ),
        None => "not installed".to_string(),
    }
}

fn ratio(peer: Duration, folio: Duration) -> String {
    let r = peer.as_secs_f64() / folio.as_secs_f64().max(1e-9);
    if r >= 10.0 {
        format!("{r:.0}×")
    } else {
        format!("{r:.1}×")
    }
}

fn time(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms >= 10_000.0 {
        format!("{:.1} s", ms / 1000.0)
    } else {
        format!("{ms:.0} ms")
    }
}

fn kb(kb: u64) -> String {
    format!("{:.0} MB", kb as f64 / 1024.0)
}

fn mb(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

/// "Machine: 2 cores (model), 23.4 GiB memory, Linux 6.1; load average ...": what the
/// figures depend on.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
    let cpuinfo = read("/proc/cpuinfo");
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|rest| rest.split_once(':'))
        .map_or("unknown CPU", |(_, m)| m.trim())
        .to_string();
    let meminfo = read("/proc/meminfo");
    let memory_kb: u64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let kernel = read("/proc/sys/kernel/osrelease");
    // On a shared machine the other work explains more of the wall times than anything.
    let load: Vec<String> = read("/proc/loadavg")
        .split_whitespace()
        .take(3)
        .map(str::to_string)
        .collect();
    format!(
        "Machine: {cores} cores ({model}), {:.1} GiB memory, Linux {}; load average {} \
         (1, 5, 15 min) at the end of the run",
        memory_kb as f64 / (1024.0 * 1024.0),
        kernel.trim(),
        load.join(", ")
    )
}
