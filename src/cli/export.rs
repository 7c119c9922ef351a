//! `folio export`: a query's results, or a reproducible sample of them, written for a
//! spreadsheet, a script or a reference manager.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::bail;
use clap::{Args, ValueEnum};

use super::commands::{reading_state, search_error};
use super::{ArchiveArgs, EXIT_NOTHING, EXIT_OK};
use crate::catalog::Catalog;
use crate::export::collect::{self, Written};
use crate::export::file::write_file;
use crate::export::sample::{fresh_seed, sample};
use crate::export::{Exporter, Field, Format, NoResearch, ResearchSource, fields};
use crate::sanitize::sanitize;
use crate::search::{self, Backend, Query, SearchOptions, SortBy};
use crate::state::ReadingState;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Which articles, in the query language of `folio search`; '' for every article.
    pub(super) query: String,
    #[command(flatten)]
    archive: ArchiveArgs,
    /// The format (default: the one --output's extension names: .csv, .jsonl, .md, .ris,
    /// .bib, .json).
    #[arg(long, short = 'f', value_enum)]
    format: Option<FormatArg>,
    /// The columns of csv, jsonl and markdown, comma-separated, from: id, date, source, title,
    /// url, language, lede, authors, labels, notes, path, body (default: id, date, source,
    /// title, url, language, lede, labels, notes; markdown: date, source, title, labels).
    #[arg(long, value_name = "LIST")]
    fields: Vec<String>,
    /// Add the body text (a `body` column).
    #[arg(long)]
    body: bool,
    /// Write N articles drawn at random from the results (in date order).
    #[arg(long, value_name = "N")]
    sample: Option<usize>,
    /// The draw's seed: the same seed gives the same sample of the same results (default:
    /// a new one, printed).
    #[arg(long, value_name = "S", requires = "sample")]
    seed: Option<u64>,
    /// Write to FILE (replacing it) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Csv,
    Jsonl,
    #[value(alias = "md")]
    Markdown,
    Ris,
    #[value(alias = "bib")]
    Bibtex,
    #[value(name = "csl-json", alias = "csl")]
    CslJson,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Csv => Format::Csv,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Ris => Format::Ris,
            FormatArg::Bibtex => Format::Bibtex,
            FormatArg::CslJson => Format::CslJson,
        }
    }
}

pub fn run(
    args: ExportArgs,
    cache: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let (asked, archive) = Asked::of(args)?;
    let opened = archive.open(cache)?;
    export_from(opened.snapshot.as_ref(), asked, data_dir, out)
}

/// `folio export --remote`: the same, from the engine's fields and stored text.
pub fn run_remote(
    args: ExportArgs,
    url: &str,
    timeout: std::time::Duration,
    data_dir: Option<PathBuf>,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let (asked, archive) = Asked::of(args)?;
    super::remote::no_folders(&archive.paths)?;
    let (_, remote) = super::remote::open(url, timeout)?;
    let code = export_from(&remote, asked, data_dir, out)?;
    if let Some(notice) = remote.notice() {
        eprintln!("folio: {notice}");
    }
    Ok(code)
}

/// What the arguments ask for, checked before the archive is opened.
struct Asked {
    format: Format,
    columns: Vec<Field>,
    query: Query,
    /// `--sample N` and its `--seed`.
    sample: Option<(usize, Option<u64>)>,
    output: Option<PathBuf>,
}

impl Asked {
    /// The arguments checked, and the archive they name.
    fn of(args: ExportArgs) -> anyhow::Result<(Asked, ArchiveArgs)> {
        let format = format_of(args.format, args.output.as_deref())?;
        let asked = Asked {
            format,
            columns: columns(format, &args.fields, args.body)?,
            query: Query::parse(&args.query).map_err(|e| search_error(&args.query, e))?,
            sample: args.sample.map(|n| (n, args.seed)),
            output: args.output,
        };
        Ok((asked, args.archive))
    }
}

fn export_from(
    backend: &dyn Backend,
    asked: Asked,
    data_dir: Option<PathBuf>,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let Asked {
        format,
        columns,
        query,
        sample: sampled,
        output,
    } = asked;
    let entries = results(backend, &query, data_dir.as_deref())?;
    let found = entries.len();
    let entries = match sampled {
        Some((n, seed)) => {
            let seed = seed.unwrap_or_else(fresh_seed);
            let chosen = draw(backend, entries, n, seed);
            eprintln!(
                "folio: a sample of {} of {found} results, seed {seed} (--seed {seed} draws it again)",
                chosen.len()
            );
            chosen
        }
        None => entries,
    };
    let load = !format.has_columns() || columns.iter().any(|f| f.needs_file());
    let research = research(data_dir.as_deref());
    let mut exporter = Exporter::new(format, columns);
    let catalog: &dyn Catalog = backend;
    let mut write = |out: &mut dyn Write| {
        collect::export(
            catalog,
            &entries,
            load,
            research.as_ref(),
            &mut exporter,
            out,
        )
    };
    let written = match &output {
        Some(path) => {
            let written = write_file(path, true, write)?;
            eprintln!(
                "folio: wrote {} {} to {}",
                written.count,
                if written.count == 1 {
                    "article"
                } else {
                    "articles"
                },
                sanitize(&path.display().to_string())
            );
            written
        }
        None => write(out)?,
    };
    report(&written);
    Ok(if found == 0 { EXIT_NOTHING } else { EXIT_OK })
}

/// `--format`, else what the output's extension names.
fn format_of(asked: Option<FormatArg>, output: Option<&Path>) -> anyhow::Result<Format> {
    if let Some(format) = asked {
        return Ok(format.into());
    }
    match output {
        Some(path) => match Format::of_path(path) {
            Some(format) => Ok(format),
            None => bail!(
                "cannot tell the format from the name {}: give --format, or end the name in {}",
                sanitize(&path.display().to_string()),
                crate::export::format::EXTENSIONS
            ),
        },
        None => bail!(
            "which format? Give --format csv, jsonl, markdown, ris, bibtex or csl-json, \
             or an --output file whose name ends in {}",
            crate::export::format::EXTENSIONS
        ),
    }
}

fn columns(format: Format, asked: &[String], body: bool) -> anyhow::Result<Vec<Field>> {
    if !format.has_columns() {
        if !asked.is_empty() || body {
            bail!(
                "--fields and --body choose the columns of csv, jsonl and markdown; {} always \
                 writes the fields a reference manager reads",
                format.name()
            );
        }
        return Ok(Vec::new());
    }
    let mut columns = if asked.is_empty() {
        fields::default_fields(format == Format::Markdown)
    } else {
        fields::parse(asked).map_err(|e| anyhow::anyhow!("--fields: {e}"))?
    };
    if body && !columns.contains(&Field::Body) {
        columns.push(Field::Body);
    }
    Ok(columns)
}

/// Every result of `query`, newest first, as `folio search` lists them.
fn results(
    backend: &dyn Backend,
    query: &Query,
    data_dir: Option<&Path>,
) -> anyhow::Result<Vec<crate::catalog::Entry>> {
    let flags = if query.flags().is_empty() {
        None
    } else {
        Some(Arc::new(reading_state(query, data_dir, backend.copies())?))
    };
    let options = SearchOptions {
        sort: SortBy::Date,
        limit: usize::MAX,
    };
    Ok(search::search_with(backend, query, flags, &options)?.entries)
}

/// `n` of the results, drawn by their ids: the index's order of equal dates does not matter.
fn draw(
    backend: &dyn Backend,
    entries: Vec<crate::catalog::Entry>,
    n: usize,
    seed: u64,
) -> Vec<crate::catalog::Entry> {
    let keyed: Vec<(String, crate::catalog::Entry)> = entries
        .into_iter()
        .map(|e| {
            let id = backend.row(&e).map(|r| r.id.0).unwrap_or_default();
            (id, e)
        })
        .collect();
    sample(keyed, n, seed, |(id, _)| id.as_str())
        .into_iter()
        .map(|(_, e)| e)
        .collect()
}

/// The labels and notes of the reading state, when there is one.
fn research(data_dir: Option<&Path>) -> Box<dyn ResearchSource> {
    let path = crate::state::data_dir(data_dir)
        .ok()
        .map(|dir| crate::state::default_path(&dir))
        .filter(|p| p.exists());
    match path.map(|p| ReadingState::open(&p)) {
        Some(Ok(state)) => Box::new(Mutex::new(state)),
        Some(Err(e)) => {
            eprintln!(
                "folio: {}; exporting without labels and notes",
                sanitize(&e.to_string())
            );
            Box::new(NoResearch)
        }
        None => Box::new(NoResearch),
    }
}

fn report(written: &Written) {
    for problem in &written.problems {
        eprintln!("folio: {}", sanitize(&problem.to_string()));
    }
    if written.skipped > 0 {
        eprintln!(
            "folio: {} articles left the index during the export and were not written",
            written.skipped
        );
    }
}
