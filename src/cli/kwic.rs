//! `folio kwic QUERY`: every hit of a query in context, one line per hit (not per article),
//! as aligned text, JSON lines or CSV.
//!
//! The matching articles come from the index; each is then read from its file (through the
//! catalog, as the reader reads it; from the engine's stored text with `--remote`) on every core, a batch at a time, and its lines are
//! printed in timeline order as soon as the batch is done: memory holds one batch, whatever
//! the archive. Sorting by the words after or before the hit needs every line first, so
//! those orders hold all lines (never whole articles).

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::archive::Opened;
use super::commands::{reading_state, search_error};
use super::print::source_width;
use super::{EXIT_NOTHING, EXIT_OK};
use crate::article::{Article, Published};
use crate::catalog::{Catalog, Entry};
use crate::kwic::{self, Line, Order, Part};
use crate::sanitize::sanitize;
use crate::search::{Backend, Query, SortBy};
use crate::width;

/// Articles read at once: enough to keep both cores busy, few enough that the first lines
/// print at once and memory stays small.
const BATCH: usize = 256;

/// Columns the left context takes in text output when stdout is not a terminal: the hits
/// line up in one column, and a script gets the same layout everywhere.
const LEFT_COLUMNS: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
}

pub struct KwicArgs {
    pub query: String,
    pub window: usize,
    pub order: Order,
    pub format: Format,
    pub data_dir: Option<std::path::PathBuf>,
}

/// `text` parsed, refused when it asks for nothing.
pub(super) fn parsed(text: &str) -> anyhow::Result<Query> {
    let query = Query::parse(text).map_err(|e| search_error(text, e))?;
    if query.is_empty() {
        anyhow::bail!("the query \"{}\" has nothing to look for", sanitize(text));
    }
    Ok(query)
}

/// The entries matching `text` in timeline order (newest first), with the parsed query.
pub(super) fn matching(
    backend: &dyn Backend,
    text: &str,
    data_dir: Option<&Path>,
) -> anyhow::Result<(Query, Vec<Entry>)> {
    let query = parsed(text)?;
    let flags = if query.flags().is_empty() {
        None
    } else {
        Some(Arc::new(reading_state(&query, data_dir, backend.copies())?))
    };
    let totals = backend.ask(&query, flags).tally(SortBy::Date, usize::MAX)?;
    let timeline = backend.timeline();
    let entries = totals
        .positions
        .iter()
        .filter_map(|&i| timeline.get(i as usize).copied())
        .collect();
    Ok((query, entries))
}

pub fn kwic(opened: &Opened, args: &KwicArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    kwic_in(opened.snapshot.as_ref(), args, out)
}

/// `folio kwic` over any backend: the local index, or a remote archive, whose engine keeps
/// each article's text.
pub fn kwic_in(backend: &dyn Backend, args: &KwicArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let (query, entries) = matching(backend, &args.query, args.data_dir.as_deref())?;
    let matcher = kwic::matcher(&query);
    if matcher.is_empty() {
        anyhow::bail!(
            "the query \"{}\" has no words to show in context (only filters such as source:, \
             lang: or date:); add a word or a phrase",
            sanitize(&args.query)
        );
    }
    let snapshot: &dyn Catalog = backend;
    let mut printer = Printer::new(args.format, snapshot, out)?;
    let mut held: Vec<(usize, Hit)> = Vec::new();
    let mut hits = 0;
    for (batch_number, batch) in entries.chunks(BATCH).enumerate() {
        let read: Vec<Result<(Article, Vec<Line>), String>> = batch
            .par_iter()
            .map(|entry| {
                let article = snapshot.load(entry).map_err(|p| p.to_string())?;
                let lines = kwic::lines(&article, &matcher, args.window);
                Ok((article, lines))
            })
            .collect();
        for (i, result) in read.into_iter().enumerate() {
            let (article, lines) = match result {
                Ok(found) => found,
                // The file changed or vanished since the sync: say so and go on.
                Err(problem) => {
                    eprintln!("folio: {}", sanitize(&problem));
                    continue;
                }
            };
            hits += lines.len();
            let about = About::of(&article);
            let rank = batch_number * BATCH + i;
            for line in lines {
                let hit = Hit {
                    about: Arc::clone(&about),
                    line,
                };
                match args.order {
                    Order::Date => printer.print(&hit)?,
                    _ => held.push((rank, hit)),
                }
            }
        }
    }
    if args.order != Order::Date {
        let mut keyed: Vec<_> = held
            .into_iter()
            .map(|(rank, hit)| (kwic::sort_key(&hit.line, args.order), rank, hit))
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        for (_, _, hit) in &keyed {
            printer.print(hit)?;
        }
    }
    printer.finish()?;
    Ok(if hits == 0 { EXIT_NOTHING } else { EXIT_OK })
}

/// What every line of one article shares.
struct About {
    date: String,
    source: String,
    id: String,
    path: String,
    url: Option<String>,
    title: String,
}

impl About {
    fn of(article: &Article) -> Arc<About> {
        Arc::new(About {
            date: article
                .published
                .map_or_else(|| "undated".to_string(), |p: Published| p.to_string()),
            source: article.source.clone(),
            id: article.id.as_str().to_string(),
            path: sanitize(&article.path.to_string_lossy()).into_owned(),
            url: article.url.clone(),
            title: article.title.clone(),
        })
    }
}

struct Hit {
    about: Arc<About>,
    line: Line,
}

/// One line of `--json`.
#[derive(Serialize)]
struct JsonLine<'a> {
    date: &'a str,
    source: &'a str,
    id: &'a str,
    path: &'a str,
    url: Option<&'a str>,
    title: &'a str,
    /// `title`, `lede` or `body`.
    part: &'a str,
    /// The paragraph's index in the body (`show --json`'s `paragraphs`), for `body`.
    paragraph: Option<usize>,
    /// Where the hit starts in its part, in characters.
    offset: usize,
    left: &'a str,
    hit: &'a str,
    right: &'a str,
}

struct Printer<'o> {
    format: Format,
    out: &'o mut dyn Write,
    source_width: usize,
    left_width: usize,
}

impl<'o> Printer<'o> {
    fn new(format: Format, catalog: &dyn Catalog, out: &'o mut dyn Write) -> anyhow::Result<Self> {
        let source_width = source_width(catalog.sources().iter().map(|(s, _)| s.as_str()));
        let left_width = if std::io::stdout().is_terminal()
            && let Ok((columns, _)) = crossterm::terminal::size()
        {
            // Date, source and their gaps, then the hit near the middle of what is left.
            (usize::from(columns).saturating_sub(10 + 2 + source_width + 2) * 2 / 5).max(16)
        } else {
            LEFT_COLUMNS
        };
        let printer = Printer {
            format,
            out,
            source_width,
            left_width,
        };
        if format == Format::Csv {
            let header = csv_record([
                "date",
                "source",
                "id",
                "path",
                "url",
                "title",
                "part",
                "paragraph",
                "offset",
                "left",
                "hit",
                "right",
            ])?;
            printer.out.write_all(&header)?;
        }
        Ok(printer)
    }

    fn print(&mut self, hit: &Hit) -> anyhow::Result<()> {
        let (about, line) = (&hit.about, &hit.line);
        let paragraph = match line.part {
            Part::Paragraph(i) => Some(i),
            _ => None,
        };
        match self.format {
            Format::Text => {
                let source = pad(
                    &crate::ui::fit(&about.source, self.source_width),
                    self.source_width,
                );
                let left = pad_left(
                    &crate::ui::fit_end(&line.left, self.left_width),
                    self.left_width,
                );
                writeln!(
                    self.out,
                    "{:<10}  {source}  {left}{}{}",
                    about.date, line.hit, line.right
                )?;
            }
            Format::Json => {
                let json = JsonLine {
                    date: &about.date,
                    source: &about.source,
                    id: &about.id,
                    path: &about.path,
                    url: about.url.as_deref(),
                    title: &about.title,
                    part: line.part.name(),
                    paragraph,
                    offset: line.offset,
                    left: &line.left,
                    hit: &line.hit,
                    right: &line.right,
                };
                serde_json::to_writer(&mut *self.out, &json)?;
                writeln!(self.out)?;
            }
            Format::Csv => {
                let paragraph = paragraph.map(|p| p.to_string()).unwrap_or_default();
                let offset = line.offset.to_string();
                let record = csv_record([
                    about.date.as_str(),
                    &about.source,
                    &about.id,
                    &about.path,
                    about.url.as_deref().unwrap_or_default(),
                    &about.title,
                    line.part.name(),
                    &paragraph,
                    &offset,
                    &line.left,
                    &line.hit,
                    &line.right,
                ])?;
                self.out.write_all(&record)?;
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage
/// return first) starts with an apostrophe instead, as OWASP advises for CSV files.
pub(super) fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// One CSV record, quoted as RFC 4180 asks, every cell neutralised.
pub(super) fn csv_record<'a>(cells: impl IntoIterator<Item = &'a str>) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(cells.into_iter().map(neutralise))?;
    Ok(writer.into_inner().map_err(|e| e.into_error())?)
}

fn pad(text: &str, columns: usize) -> String {
    let fill = columns.saturating_sub(width::columns(text));
    format!("{text}{}", " ".repeat(fill))
}

fn pad_left(text: &str, columns: usize) -> String {
    let fill = columns.saturating_sub(width::columns(text));
    format!("{}{text}", " ".repeat(fill))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_neutralised() {
        for cell in ["=cmd|'/c calc'!A1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(cell).starts_with('\''), "{cell}");
        }
        assert_eq!(neutralise("plain"), "plain");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn context_is_cut_and_padded_by_display_width() {
        assert_eq!(crate::ui::fit_end("…Monday, President ", 12), "…President ");
        assert_eq!(crate::ui::fit_end("湖畔市の水原製鋼", 7), "…原製鋼");
        assert_eq!(
            width::columns(&crate::ui::fit_end("湖畔市の水原製鋼", 7)),
            7
        );
        assert_eq!(pad_left("東京", 6), "  東京");
        assert_eq!(crate::ui::fit("Sputnik France", 8), "Sputnik…");
    }
}
