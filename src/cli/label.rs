//! `folio label +a -b QUERY [PATH...]`: adds and removes labels on every article a search
//! finds, as one action the TUI's undo can revert; `--dry-run` lists what would change.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::bail;

use super::archive::{self, Opened};
use super::commands::{flag_filter, search_error};
use super::{EXIT_NOTHING, EXIT_OK};
use crate::catalog::{Catalog, Entry};
use crate::sanitize::sanitize;
use crate::search::{self, Query, SearchOptions, SortBy};
use crate::state::{Bulk, LabelEdit, Op, ReadingState, StateSnapshot};

pub struct LabelArgs {
    /// `+name`, `-name` words, then the query, then folders, as typed.
    pub words: Vec<String>,
    /// The query given with `--query` (then every word is an edit or a folder).
    pub query: Option<String>,
    pub dry_run: bool,
    pub data_dir: Option<PathBuf>,
    pub cache: Option<PathBuf>,
    pub sync: archive::Sync,
    /// The config file, for the saved searches a query may name (`@name`).
    pub config: Option<PathBuf>,
}

/// The words split into what they are.
struct Parts {
    edit: LabelEdit,
    query: String,
    paths: Vec<PathBuf>,
}

fn split(words: Vec<String>, query: Option<String>) -> anyhow::Result<Parts> {
    let mut edits = Vec::new();
    let mut rest = words.into_iter().peekable();
    while let Some(word) = rest.next_if(|w| w.starts_with(['+', '-']) && w.len() > 1) {
        edits.push(word);
    }
    let query = match query {
        Some(query) => query,
        None => match rest.next() {
            Some(query) => query,
            None => bail!(
                "no query: `folio label +security -to-check QUERY [PATH...]` labels what QUERY \
                 finds (quote it; '' finds every article, --query Q for one starting with -)"
            ),
        },
    };
    // Each word is one label: "+two words" given as one argument is refused, not split.
    for word in edits.iter().filter(|w| w.contains(char::is_whitespace)) {
        crate::state::Label::parse(&word[1..])?;
    }
    let edit = LabelEdit::parse(&edits.join(" "))?;
    if edit.is_empty() {
        bail!("no labels to add or remove: put +name or -name before the query");
    }
    Ok(Parts {
        edit,
        query,
        paths: rest.map(PathBuf::from).collect(),
    })
}

pub fn label(args: LabelArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let parts = split(args.words, args.query)?;
    let text = super::saved::expand(
        parts.query.clone(),
        args.config.as_deref(),
        args.data_dir.as_deref(),
    )?;
    let query = Query::parse(&text).map_err(|e| search_error(&text, e))?;
    let opened = archive::open(parts.paths, args.cache, args.sync)?;
    let dir = crate::state::data_dir(args.data_dir.as_deref())?;
    let path = crate::state::default_path(&dir);
    let mut state = ReadingState::open(&path)?;
    if let Some(warning) = state.warnings().first() {
        bail!("{warning}");
    }
    let snapshot = state.snapshot()?;
    let found = matching(&opened, &query, &snapshot)?;
    if found.is_empty() {
        writeln!(out, "no article matches {}", sanitize(&parts.query))?;
        return Ok(EXIT_NOTHING);
    }
    let ops: Vec<Op> = (parts.edit.add.iter().map(|l| Op::Label(l.clone(), true)))
        .chain(
            parts
                .edit
                .remove
                .iter()
                .map(|l| Op::Label(l.clone(), false)),
        )
        .collect();
    let what = parts.edit.describe();
    if args.dry_run {
        let changing = found
            .iter()
            .filter(|(entry, _)| would_change(&snapshot, entry.id_hash, &parts.edit))
            .filter_map(|(entry, _)| opened.snapshot.row(entry))
            .collect::<Vec<_>>();
        for row in &changing {
            let date = row
                .published
                .map_or_else(|| "undated".to_string(), |p| p.to_string());
            let url = row.url.as_deref().unwrap_or(row.id.as_str());
            writeln!(out, "{date:<10}  {}  {}", row.title, sanitize(url))?;
        }
        writeln!(
            out,
            "would change {} of {} matching {} ({what}); nothing was changed",
            changing.len(),
            found.len(),
            articles(found.len())
        )?;
        return Ok(EXIT_OK);
    }
    let matched = found.len();
    let bulk = Bulk::new(
        found.into_iter().map(|(_, id)| id).collect(),
        ops,
        what.clone(),
    );
    let changed = state.apply_bulk(&bulk)?;
    writeln!(
        out,
        "changed {changed} of {matched} matching {} ({what})",
        articles(matched)
    )?;
    Ok(EXIT_OK)
}

/// The entry and id of every article the query finds, newest first.
fn matching(
    opened: &Opened,
    query: &Query,
    snapshot: &StateSnapshot,
) -> anyhow::Result<Vec<(Entry, crate::article::ArticleId)>> {
    let flags = (!query.flags().is_empty())
        .then(|| Arc::new(flag_filter(query, snapshot, opened.snapshot.copies())));
    let options = SearchOptions {
        sort: SortBy::Date,
        limit: usize::MAX,
    };
    let hits = search::search_with(opened.snapshot.as_ref(), query, flags, &options)?;
    let ids = opened.snapshot.ids(&hits.entries);
    Ok(hits
        .entries
        .into_iter()
        .zip(ids)
        .filter_map(|(entry, id)| Some((entry, id?)))
        .collect())
}

fn would_change(snapshot: &StateSnapshot, hash: u64, edit: &LabelEdit) -> bool {
    let has = |name: &str| {
        snapshot
            .labels
            .get(&hash)
            .is_some_and(|labels| labels.iter().any(|l| l == name))
    };
    edit.add.iter().any(|l| !has(l.as_str())) || edit.remove.iter().any(|l| has(l.as_str()))
}

fn articles(n: usize) -> &'static str {
    if n == 1 { "article" } else { "articles" }
}

/// `folio state export`: every article with any state, one JSON object a line.
pub fn export(data_dir: Option<&Path>, out: &mut dyn Write) -> anyhow::Result<i32> {
    let dir = crate::state::data_dir(data_dir)?;
    let path = crate::state::default_path(&dir);
    if !path.exists() {
        eprintln!(
            "folio: no reading state at {} yet: nothing to export",
            sanitize(&path.to_string_lossy())
        );
        return Ok(EXIT_OK);
    }
    let state = ReadingState::open(&path)?;
    for warning in state.warnings() {
        eprintln!("folio: {}", sanitize(warning));
    }
    let n = crate::state::export(&state, out)?;
    eprintln!("folio: exported the state of {n} {}", articles(n));
    Ok(EXIT_OK)
}

/// `folio state import FILE`: merges an export into this reading state.
pub fn import(file: &Path, data_dir: Option<&Path>, out: &mut dyn Write) -> anyhow::Result<i32> {
    let shown = sanitize(&file.to_string_lossy()).into_owned();
    let opened =
        std::fs::File::open(file).map_err(|e| anyhow::anyhow!("cannot read {shown}: {e}"))?;
    let dir = crate::state::data_dir(data_dir)?;
    let path = crate::state::default_path(&dir);
    let mut state = ReadingState::open(&path)?;
    if let Some(warning) = state.warnings().first() {
        bail!("{warning}");
    }
    let mut input = std::io::BufReader::new(opened);
    let report = crate::state::import(&mut state, &mut input)
        .map_err(|e| anyhow::anyhow!("cannot import {shown}: {e:#}"))?;
    writeln!(
        out,
        "imported {} {} from {shown}: {} new, {} labels added, {} notes added, {} marked read, \
         {} starred, {} positions taken",
        report.articles,
        articles(report.articles),
        report.new_articles,
        report.labels_added,
        report.notes_added,
        report.read_added,
        report.starred_added,
        report.positions_taken,
    )?;
    if report.searches_added > 0 {
        let n = report.searches_added;
        let noun = if n == 1 { "search" } else { "searches" };
        writeln!(out, "{n} saved {noun} added")?;
    }
    if !report.conflicts.is_empty() {
        writeln!(
            out,
            "{} {} (nothing was lost):",
            report.conflicts.len(),
            if report.conflicts.len() == 1 {
                "conflict"
            } else {
                "conflicts"
            }
        )?;
        for conflict in &report.conflicts {
            writeln!(out, "  {conflict}")?;
        }
    }
    if !report.skipped.is_empty() {
        writeln!(out, "skipped {} in {shown}:", report.skipped.len())?;
        for skipped in &report.skipped {
            writeln!(out, "  {}", sanitize(skipped))?;
        }
        return Ok(EXIT_NOTHING);
    }
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_come_first_then_the_query_then_folders() {
        let words = ["+security", "-to-check", "otan", "a", "b"].map(String::from);
        let parts = split(words.to_vec(), None).unwrap();
        assert_eq!(parts.edit.describe(), "+security -to-check");
        assert_eq!(parts.query, "otan");
        assert_eq!(parts.paths, [PathBuf::from("a"), PathBuf::from("b")]);
        assert!(split(vec!["otan".into()], None).is_err(), "no edit");
        assert!(split(vec!["+x".into()], None).is_err(), "no query");
        let parts = split(vec!["+x".into(), "dir".into()], Some("-otan".into())).unwrap();
        assert_eq!((parts.query.as_str(), parts.paths.len()), ("-otan", 1));
    }
}
