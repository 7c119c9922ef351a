//! `folio counts QUERY... --by day|week|month|year`: per period, each query's matching
//! articles, the archive's total and the share, as a table, CSV or JSON lines (see
//! [`crate::counts`] for the periods and where articles known only to their month go).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::archive::Opened;
use super::kwic::{Format, csv_record, matching, parsed};
use super::{EXIT_NOTHING, EXIT_OK};
use crate::counts::{self, By, Row};
use crate::sanitize::sanitize;
use crate::search::{Backend, Query};
use crate::width;

/// Columns a query's name takes at most in the table's header.
const NAME_COLUMNS: usize = 24;

pub struct CountsArgs {
    pub queries: Vec<String>,
    pub by: By,
    pub format: Format,
    pub data_dir: Option<PathBuf>,
}

/// Splits `folio counts`' words into queries and folders: the trailing words naming folders
/// (or files) that exist are the archive, the rest are queries. `--query` names queries
/// outright, and then every word is a folder.
pub fn split_arguments(words: Vec<String>, named: Vec<String>) -> (Vec<String>, Vec<PathBuf>) {
    if !named.is_empty() {
        return (named, words.into_iter().map(PathBuf::from).collect());
    }
    let folders = words
        .iter()
        .rev()
        .take_while(|w| Path::new(w).exists())
        .count();
    // At least one word stays a query, even if a folder has its name.
    let folders = folders.min(words.len().saturating_sub(1));
    let mut queries = words;
    let paths = queries
        .split_off(queries.len() - folders)
        .into_iter()
        .map(PathBuf::from)
        .collect();
    (queries, paths)
}

/// A query's matches counted per date key by the engine itself (a remote archive's `GROUP
/// BY`), so that the matches need not cross the wire one by one.
pub type PerKey<'a> = &'a dyn Fn(&Query) -> anyhow::Result<Vec<(i32, u64)>>;

pub fn counts(opened: &Opened, args: &CountsArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    counts_in(opened.snapshot.as_ref(), None, args, out)
}

/// `folio counts` over any backend; `per_key` counts a query's matches per date key where
/// the backend can (a query with `is:` is always listed here: reading state is local).
pub fn counts_in(
    backend: &dyn Backend,
    per_key: Option<PerKey<'_>>,
    args: &CountsArgs,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let mut tallies = Vec::with_capacity(args.queries.len());
    for text in &args.queries {
        let query = parsed(text)?;
        let tally = match per_key {
            Some(count) if query.flags().is_empty() => count(&query)?,
            _ => {
                let (_, entries) = matching(backend, text, args.data_dir.as_deref())?;
                entries.iter().map(|e| (e.sort_key, 1)).collect()
            }
        };
        tallies.push(tally);
    }
    let archive: Vec<(i32, u64)> = backend.timeline().iter().map(|e| (e.sort_key, 1)).collect();
    let rows = counts::table_of_tallies(args.by, &archive, &tallies);
    match args.format {
        Format::Text => write_table(&rows, args, out)?,
        Format::Csv => write_csv(&rows, args, out)?,
        Format::Json => {
            for row in &rows {
                write_json(row, args, out)?;
            }
        }
    }
    let any = tallies.iter().flatten().any(|&(_, n)| n > 0);
    Ok(if any { EXIT_OK } else { EXIT_NOTHING })
}

fn write_table(rows: &[Row], args: &CountsArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let period_width = rows
        .iter()
        .map(|r| r.period.label(args.by).len())
        .max()
        .unwrap_or(0)
        .max("period".len());
    let total_width = digits(rows.iter().map(|r| r.total).max().unwrap_or(0)).max(5);
    // Each query: its count, then its share ("12.5%"), under its name.
    let names: Vec<String> = args.queries.iter().map(|q| name(q)).collect();
    let count_widths: Vec<usize> = (0..args.queries.len())
        .map(|i| digits(rows.iter().map(|r| r.counts[i]).max().unwrap_or(0)))
        .collect();
    let column_widths: Vec<usize> = names
        .iter()
        .zip(&count_widths)
        .map(|(n, c)| width::columns(n).max(c + 1 + 6))
        .collect();
    let mut header = format!("{:<period_width$}  {:>total_width$}", "period", "total");
    for (n, w) in names.iter().zip(&column_widths) {
        header.push_str("  ");
        header.push_str(&" ".repeat(w.saturating_sub(width::columns(n))));
        header.push_str(n);
    }
    writeln!(out, "{}", header.trim_end())?;
    for row in rows {
        let mut line = format!(
            "{:<period_width$}  {:>total_width$}",
            row.period.label(args.by),
            row.total
        );
        for (i, w) in column_widths.iter().enumerate() {
            let share = row
                .ratio(i)
                .map_or_else(|| "-".to_string(), |r| format!("{:.1}%", r * 100.0));
            let cell = format!("{} {share:>6}", row.counts[i]);
            line.push_str(&format!("  {cell:>w$}"));
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn write_csv(rows: &[Row], args: &CountsArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut header = vec![
        "period".to_string(),
        "from".into(),
        "to".into(),
        "total".into(),
    ];
    for query in &args.queries {
        let query = sanitize(query);
        header.push(query.to_string());
        header.push(format!("{query} ratio"));
    }
    out.write_all(&csv_record(header.iter().map(String::as_str))?)?;
    for row in rows {
        let (from, to) = dates(row, args.by);
        let mut record = vec![row.period.label(args.by), from, to, row.total.to_string()];
        for (i, count) in row.counts.iter().enumerate() {
            record.push(count.to_string());
            record.push(row.ratio(i).map(|r| format!("{r:.6}")).unwrap_or_default());
        }
        out.write_all(&csv_record(record.iter().map(String::as_str))?)?;
    }
    Ok(())
}

fn write_json(row: &Row, args: &CountsArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let (from, to) = dates(row, args.by);
    let month_only = matches!(
        row.period,
        counts::Period::Dated {
            month_only: true,
            ..
        }
    );
    let queries: Vec<_> = args
        .queries
        .iter()
        .zip(&row.counts)
        .enumerate()
        .map(|(i, (query, count))| json!({"query": query, "count": count, "ratio": row.ratio(i)}))
        .collect();
    let object = json!({
        "period": row.period.label(args.by),
        "from": (!from.is_empty()).then_some(from),
        "to": (!to.is_empty()).then_some(to),
        "month_only": month_only,
        "total": row.total,
        "queries": queries,
    });
    writeln!(out, "{object}")?;
    Ok(())
}

/// The first and last day of the row's period, `YYYY-MM-DD`; empty for `undated`.
fn dates(row: &Row, by: By) -> (String, String) {
    match row.period.days(by) {
        Some((from, to)) => (
            from.format("%Y-%m-%d").to_string(),
            to.format("%Y-%m-%d").to_string(),
        ),
        None => (String::new(), String::new()),
    }
}

/// A query as a column's name: safe to print, cut to a column's width.
fn name(query: &str) -> String {
    let safe = sanitize(query);
    crate::ui::fit(&safe, NAME_COLUMNS)
}

fn digits(n: u64) -> usize {
    n.to_string().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_folders_are_the_archive() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().to_string_lossy().to_string();
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (queries, paths) = split_arguments(words(&["erdogan", "otan", &folder]), Vec::new());
        assert_eq!(queries, ["erdogan", "otan"]);
        assert_eq!(paths, [PathBuf::from(&folder)]);
        let (queries, paths) = split_arguments(words(&[&folder]), Vec::new());
        assert_eq!(
            queries,
            std::slice::from_ref(&folder),
            "a lone word is a query"
        );
        assert!(paths.is_empty());
        let (queries, paths) = split_arguments(words(&[&folder]), words(&["x"]));
        assert_eq!(
            (queries, paths),
            (words(&["x"]), vec![PathBuf::from(&folder)])
        );
    }
}
