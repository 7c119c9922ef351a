//! The commands of shared archives: `folio remote config`, `folio publish`, and `list`,
//! `search` and `show` with `--remote`, which answer from the engine through the same
//! [`Backend`] seam as the local index.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use super::commands::{SearchArgs, reading_state, search_error};
use super::print::{Record, source_width, write_problem};
use super::progress_line::ProgressLine;
use super::{EXIT_NOTHING, EXIT_OK, OutputArgs};
use crate::article::ArticleId;
use crate::catalog::{Catalog, Entry};
use crate::remote::config::Layout;
use crate::remote::document::doc_id;
use crate::remote::ledger::Ledger;
use crate::remote::publish::{Progress, publish};
use crate::remote::settings::{Remote, resolve};
use crate::remote::{RemoteArchive, RemoteUrl};
use crate::sanitize::sanitize;
use crate::search::{self, Backend, Matcher, Query, SearchOptions};
use crate::store::StoreOptions;

/// `--timeout SECONDS` of the remote commands: how long one request to the engine may take.
pub fn timeout(seconds: Option<f64>) -> Duration {
    seconds.filter(|s| s.is_finite() && *s > 0.0).map_or(
        crate::remote::archive::DEFAULT_TIMEOUT,
        Duration::from_secs_f64,
    )
}

/// Opens the remote archive `--remote` names, saying which address did not answer.
pub fn open(remote: &str, timeout: Duration) -> anyhow::Result<(Remote, RemoteArchive)> {
    let remote = resolve(remote)?;
    let archive = RemoteArchive::open(&remote.url, timeout)?;
    if let Some(notice) = archive.notice() {
        eprintln!("folio: {notice}");
    }
    Ok((remote, archive))
}

/// With `--remote` the engine holds the archive: folders named as well are refused rather
/// than silently ignored.
pub fn no_folders<P: AsRef<std::path::Path>>(paths: &[P]) -> anyhow::Result<()> {
    match paths.first() {
        None => Ok(()),
        Some(path) => bail!(
            "{} is a folder, but --remote reads the shared archive; leave out the folders (or \
             leave out --remote to read them)",
            sanitize(&path.as_ref().to_string_lossy())
        ),
    }
}

/// `folio counts --remote`: each query's matches per period counted by the engine (`GROUP
/// BY` on the date key), the archive's own from the timeline.
pub fn counts(
    archive: &RemoteArchive,
    args: &super::counts::CountsArgs,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let per_key =
        |query: &Query| -> anyhow::Result<Vec<(i32, u64)>> { Ok(archive.count_per_key(query)?) };
    let code = super::counts::counts_in(archive, Some(&per_key), args, out)?;
    if let Some(notice) = archive.notice() {
        eprintln!("folio: {notice}");
    }
    Ok(code)
}

pub fn config(layout: &Layout, out: &mut dyn Write) -> anyhow::Result<i32> {
    let written = layout.write()?;
    writeln!(
        out,
        "wrote the configuration of {} shards and their front into {}",
        layout.shards,
        sanitize(&layout.dir.to_string_lossy())
    )?;
    writeln!(out, "start them with:")?;
    for config in written.configs.iter().rev() {
        writeln!(
            out,
            "  searchd --config {}",
            sanitize(&config.to_string_lossy())
        )?;
    }
    let settings = sanitize(&written.settings.to_string_lossy()).into_owned();
    writeln!(out, "then publish and read:")?;
    writeln!(out, "  folio publish ARCHIVE --remote {settings}")?;
    writeln!(out, "  folio --remote {}", written.front)?;
    Ok(EXIT_OK)
}

/// `folio publish PATH... --remote URL|FILE [--shard URL...]`.
pub fn publish_archive(
    opened: &super::archive::Opened,
    remote: &str,
    shards: &[String],
    ledger: Option<PathBuf>,
    cache: Option<PathBuf>,
    timeout: Duration,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let mut target = resolve(remote)?;
    if !shards.is_empty() {
        target.shards = shards
            .iter()
            .map(|s| s.parse::<RemoteUrl>())
            .collect::<Result<_, _>>()?;
    }
    if target.shards.is_empty() {
        // A plain table (one machine, no front): publish into it directly.
        target.shards = vec![target.url.clone()];
    }
    let path = match ledger {
        Some(path) => path,
        None => default_ledger(&target.url, cache)?,
    };
    let names: Vec<String> = target.shards.iter().map(ToString::to_string).collect();
    let mut ledger = Ledger::open(&path, &names)?;
    let mut line = ProgressLine::new();
    let started = Instant::now();
    let report = publish(
        &opened.snapshot,
        &target.shards,
        &mut ledger,
        timeout,
        &mut |p| line.draw(|| progress_text(&p)),
    );
    line.clear();
    let report = report?;
    for problem in &report.problems {
        write_problem(problem, &mut std::io::stderr())?;
    }
    let per_shard: Vec<String> = report.per_shard.iter().map(usize::to_string).collect();
    writeln!(
        out,
        "published to {}: {} sent ({} per shard), {} unchanged, {} deleted, {} not published, in {:.1} s",
        target.url,
        report.sent,
        per_shard.join("/"),
        report.unchanged,
        report.deleted,
        report.problems.len(),
        started.elapsed().as_secs_f64()
    )?;
    Ok(EXIT_OK)
}

/// `<cache>/publish/<host>_<port>_<table>.sqlite`: one ledger per remote archive.
fn default_ledger(url: &RemoteUrl, cache: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    let cache = StoreOptions::resolve(cache)?.cache_dir;
    let host: String = url
        .host
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    Ok(cache
        .join("publish")
        .join(format!("{host}_{}_{}.sqlite", url.port, url.table)))
}

pub fn list(
    archive: &RemoteArchive,
    output: &OutputArgs,
    limit: Option<usize>,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let timeline = archive.timeline();
    let shown = &timeline[..limit.unwrap_or(usize::MAX).min(timeline.len())];
    print_entries(archive, shown, output, None, out)?;
    Ok(EXIT_OK)
}

pub fn search(
    archive: &RemoteArchive,
    args: &SearchArgs,
    output: &OutputArgs,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let query = Query::parse(&args.query).map_err(|e| search_error(&args.query, e))?;
    let flags = if query.flags().is_empty() {
        None
    } else {
        Some(Arc::new(reading_state(
            &query,
            args.data_dir.as_deref(),
            Arc::default(),
        )?))
    };
    let options = SearchOptions {
        sort: args.sort,
        limit: if args.count {
            0
        } else {
            args.limit.unwrap_or(usize::MAX)
        },
    };
    let hits = search::search_with(archive, &query, flags, &options)?;
    if let Some(notice) = archive.notice() {
        eprintln!("folio: {notice}");
    }
    if args.count {
        writeln!(out, "{}", hits.count)?;
    } else {
        let matcher = archive.highlights(&query);
        print_entries(archive, &hits.entries, output, Some(&matcher), out)?;
    }
    Ok(if hits.count == 0 {
        EXIT_NOTHING
    } else {
        EXIT_OK
    })
}

pub fn show(
    archive: &RemoteArchive,
    target: &str,
    json: bool,
    width: usize,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let wanted = doc_id(&ArticleId(target.to_string()));
    let Some(entry) = archive
        .timeline()
        .iter()
        .find(|e| e.doc.raw() == wanted)
        .copied()
    else {
        eprintln!(
            "folio: {} is not the id of an article in {}; `folio list --json --remote …` shows the ids",
            sanitize(target),
            archive.url()
        );
        return Ok(EXIT_NOTHING);
    };
    let article = match archive.load(&entry) {
        Ok(article) => article,
        Err(problem) => bail!("{}", problem),
    };
    let record = Record::from_article(&article);
    if json {
        record.write_json(out)?;
    } else {
        record.write_text(width, out)?;
    }
    Ok(EXIT_OK)
}

fn print_entries(
    archive: &RemoteArchive,
    entries: &[Entry],
    output: &OutputArgs,
    matcher: Option<&Matcher>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let width = source_width(archive.sources().iter().map(|(s, _)| s.as_str()));
    for chunk in entries.chunks(500) {
        if !output.body {
            archive.prefetch(chunk);
        }
        for entry in chunk {
            if output.body {
                match archive.load(entry) {
                    Ok(article) => {
                        let mut record = Record::from_article(&article);
                        record.highlights = matcher.map(|m| m.char_spans(&article.title));
                        if output.json {
                            record.write_json(out)?;
                        } else {
                            record.write_line(width, out)?;
                            for paragraph in &article.paragraphs {
                                writeln!(out, "    {}", paragraph.text())?;
                            }
                        }
                    }
                    Err(problem) => eprintln!("folio: {}", sanitize(&problem.to_string())),
                }
                continue;
            }
            let row = archive.row(entry).with_context(|| {
                format!(
                    "the remote archive at {} did not answer for an article's fields",
                    archive.url()
                )
            })?;
            let mut record = Record::from_row(&row, &[]);
            record.highlights = matcher.map(|m| m.char_spans(&row.title));
            if output.json {
                record.write_json(out)?;
            } else {
                record.write_line(width, out)?;
            }
        }
    }
    Ok(())
}

/// What `folio publish`'s progress line says: a bar, the articles done and those sent.
fn progress_text(p: &Progress) -> String {
    let width = 30usize;
    let filled = (p.done * width)
        .checked_div(p.total)
        .unwrap_or(width)
        .min(width);
    let bar = format!("{}{}", "█".repeat(filled), "░".repeat(width - filled));
    format!(
        "publishing {bar} {}/{} articles, {} sent",
        p.done, p.total, p.sent
    )
}
