//! `cargo bench --bench store -- --plain 100000 1000000`: a plain `folio search --count WORD`
//! (no flag: only the folders whose time changed are listed) beside `--no-sync`, `--sync full`
//! and ripgrep over the same files, whole processes in the same run, without the build
//! breakdown (which at a million articles takes the best part of an hour).
//!
//! The index is the shared one (`target/folio-bench/index-N`, see `index.rs`): built the
//! first time, brought up to date with `--sync full` on every run, which also records the
//! folders' times for the plain command.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::measure::{pick_word, run};
use super::{archive, median, ms};

pub struct Row {
    articles: usize,
    word: String,
    count: String,
    plain: Duration,
    full: Duration,
    no_sync: Duration,
    /// `rg -i -l -w WORD`, the yardstick, and the files it listed.
    rg_word: Option<(Duration, usize)>,
    /// `rg -i -l WORD` (no `-w`), as the build table compares.
    rg: Option<Duration>,
}

pub fn measure(n: usize) -> Result<Row, String> {
    let archive = archive::archive(n)?;
    let cache = archive::work_dir().join(format!("index-{n}"));
    let folio = |args: &[&str]| {
        let mut cmd = Command::new(super::FOLIO);
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
    let count = run(&mut folio(&["search", "--count", "--no-sync", &word]))?;
    eprintln!("timing folio and rg on `{word}` over {n} articles");
    let full = median(|| run(&mut folio(&["search", "--count", "--sync", "full", &word])))?;
    let plain = median(|| run(&mut folio(&["search", "--count", &word])))?;
    let no_sync = median(|| run(&mut folio(&["search", "--count", "--no-sync", &word])))?;
    let rg_word = rg(&archive, &["-i", "-l", "-w", &word])?;
    let rg = rg(&archive, &["-i", "-l", &word])?.map(|(time, _)| time);
    Ok(Row {
        articles: n,
        word,
        count: count.trim().to_string(),
        plain,
        full,
        no_sync,
        rg_word,
        rg,
    })
}

/// The median time of `rg ARGS DIR` and the number of files it listed; `None` without rg.
fn rg(archive: &Path, args: &[&str]) -> Result<Option<(Duration, usize)>, String> {
    if Command::new("rg").arg("--version").output().is_err() {
        eprintln!("ripgrep (rg) is not installed: `apt-get install -y ripgrep` to compare");
        return Ok(None);
    }
    let mut rg = || {
        run(Command::new("rg")
            .args(args)
            .arg(archive)
            .env_remove("RIPGREP_CONFIG_PATH"))
    };
    let time = median(&mut rg)?;
    Ok(Some((time, rg()?.lines().count())))
}

pub fn print(rows: &[Row]) {
    println!(
        "| articles | word | plain `folio search --count` | `--no-sync` | `--sync full` | \
         `rg -i -l -w` | plain vs `rg -i -l -w` | `rg -i -l` | plain vs `rg -i -l` |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    let ratio = |rg: Duration, folio: Duration| {
        format!("{:.0}×", rg.as_secs_f64() / folio.as_secs_f64().max(1e-9))
    };
    for r in rows {
        let (rg_word, vs_word) = match &r.rg_word {
            Some((time, files)) => (
                format!("{} ({files} files)", ms(*time)),
                ratio(*time, r.plain),
            ),
            None => ("not installed".into(), "-".into()),
        };
        let (rg, vs_rg) = match r.rg {
            Some(time) => (ms(time), ratio(time, r.plain)),
            None => ("not installed".into(), "-".into()),
        };
        println!(
            "| {} | `{}` | {} ({} articles) | {} | {} | {} | {} | {} | {} |",
            r.articles,
            r.word,
            ms(r.plain),
            r.count,
            ms(r.no_sync),
            ms(r.full),
            rg_word,
            vs_word,
            rg,
            vs_rg,
        );
    }
}
