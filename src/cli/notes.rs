//! `folio notes [QUERY] [PATH...] [--json]`: every note and highlight of the articles QUERY
//! finds (all of them without one), newest article first, each passage found again in the
//! article's text as it is now (`crate::anchor`): a passage no longer there is printed as
//! gone, never left out.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use super::archive::Opened;
use super::commands::{flag_filter, search_error};
use super::{EXIT_NOTHING, EXIT_OK};
use crate::anchor;
use crate::catalog::Catalog;
use crate::sanitize::sanitize;
use crate::search::{self, Query, SearchOptions, SortBy};
use crate::state::{Note, ReadingState};

pub struct NotesArgs {
    /// The query, already expanded (`@name`); empty for every noted article.
    pub query: String,
    pub json: bool,
    pub data_dir: Option<PathBuf>,
}

/// One note as `--json` prints it.
#[derive(Debug, Serialize)]
struct Printed<'a> {
    /// The article's URL (its id: the file's path when it has no URL).
    url: String,
    title: Option<String>,
    date: Option<String>,
    quote: String,
    /// Empty for a plain highlight.
    note: String,
    paragraph: u32,
    /// Char offsets of the passage in the article's text (paragraphs joined by a blank line):
    /// where it is now when `anchored`, else where it was.
    start: usize,
    end: usize,
    /// Whether the passage was found in the article's text as it is now.
    anchored: bool,
    /// `exact`, `moved`, `edited` (found by its context), `gone`, or `not in archive`.
    found: &'a str,
}

pub fn notes(opened: &Opened, args: &NotesArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let dir = crate::state::data_dir(args.data_dir.as_deref())?;
    let path = crate::state::default_path(&dir);
    let state = if path.exists() {
        Some(ReadingState::open(&path)?)
    } else {
        None
    };
    if let Some(state) = &state {
        for warning in state.warnings() {
            eprintln!("folio: {}", sanitize(warning));
        }
    }
    let all = match &state {
        Some(state) => state.notes()?,
        None => Vec::new(),
    };
    if all.is_empty() {
        eprintln!("folio: no notes yet: in the reader, V selects a passage to highlight or note");
        return Ok(EXIT_NOTHING);
    }
    let snapshot = match &state {
        Some(state) => state.snapshot()?,
        None => Default::default(),
    };
    let user = args.query.trim();
    if !user.is_empty() {
        Query::parse(user).map_err(|e| search_error(user, e))?;
    }
    let text = if user.is_empty() {
        "is:noted".to_string()
    } else {
        format!("is:noted ({user})")
    };
    let query = Query::parse(&text).map_err(|e| search_error(&text, e))?;
    let filter = flag_filter(&query, &snapshot, opened.snapshot.copies());
    let options = SearchOptions {
        sort: SortBy::Date,
        limit: usize::MAX,
    };
    let hits = search::search_with(
        opened.snapshot.as_ref(),
        &query,
        Some(Arc::new(filter)),
        &options,
    )?;
    let ids = opened.snapshot.ids(&hits.entries);
    let mut by_article: HashMap<&str, Vec<&Note>> = HashMap::new();
    for note in &all {
        by_article
            .entry(note.article.as_str())
            .or_default()
            .push(note);
    }
    let mut printed = 0;
    for (entry, id) in hits.entries.iter().zip(ids) {
        let Some(id) = id else { continue };
        let Some(notes) = by_article.remove(id.as_str()) else {
            continue;
        };
        let row = opened.snapshot.row(entry);
        let article = opened.snapshot.load(entry);
        let text = article
            .as_ref()
            .map(|a| anchor::text_of(&a.paragraphs))
            .unwrap_or_default();
        if let Err(problem) = &article {
            eprintln!(
                "folio: {}: cannot read the article to find its notes' passages: {}",
                sanitize(&problem.path.to_string_lossy()),
                sanitize(&problem.what)
            );
        }
        let url = row
            .as_ref()
            .and_then(|r| r.url.clone())
            .unwrap_or_else(|| id.0.clone());
        let title = row.as_ref().map(|r| r.title.clone());
        let date = row
            .as_ref()
            .and_then(|r| r.published)
            .map(|p| p.to_string());
        for note in notes {
            let found = anchor::locate(&text, &note.passage());
            let how = match found {
                anchor::Found::Exact(_) => "exact",
                anchor::Found::Moved(_) => "moved",
                anchor::Found::Edited(_) => "edited",
                anchor::Found::Gone => "gone",
            };
            let range = found.range();
            print(
                out,
                args.json,
                &Printed {
                    url: url.clone(),
                    title: title.clone(),
                    date: date.clone(),
                    quote: note.quote.clone(),
                    note: note.note.clone(),
                    paragraph: note.paragraph,
                    start: range.as_ref().map_or(note.start as usize, |r| r.start),
                    end: range.as_ref().map_or(note.end as usize, |r| r.end),
                    anchored: range.is_some(),
                    found: how,
                },
            )?;
            printed += 1;
        }
    }
    // Notes on articles this archive does not hold are listed too when every note is asked
    // for: they are the user's, and another archive may hold the article.
    if user.is_empty() {
        let mut elsewhere: Vec<&Note> = by_article.into_values().flatten().collect();
        elsewhere.sort_by(|a, b| (&a.article, a.start).cmp(&(&b.article, b.start)));
        if !elsewhere.is_empty() {
            eprintln!(
                "folio: {} notes are on articles not in this archive",
                elsewhere.len()
            );
        }
        for note in elsewhere {
            print(
                out,
                args.json,
                &Printed {
                    url: note.article.clone(),
                    title: None,
                    date: None,
                    quote: note.quote.clone(),
                    note: note.note.clone(),
                    paragraph: note.paragraph,
                    start: note.start as usize,
                    end: note.end as usize,
                    anchored: false,
                    found: "not in archive",
                },
            )?;
            printed += 1;
        }
    }
    if printed == 0 {
        eprintln!(
            "folio: no notes on the articles {} finds",
            sanitize(&args.query)
        );
        return Ok(EXIT_NOTHING);
    }
    Ok(EXIT_OK)
}

/// One line: date, title, quote, note (or "(highlight)"), and what became of the passage;
/// with `json` the note as a JSON object. All text made safe to print.
fn print(out: &mut dyn Write, json: bool, note: &Printed<'_>) -> anyhow::Result<()> {
    if json {
        let safe = Printed {
            url: sanitize(&note.url).into_owned(),
            title: note.title.as_deref().map(|t| sanitize(t).into_owned()),
            date: note.date.clone(),
            quote: sanitize_keeping_paragraphs(&note.quote),
            note: sanitize(&note.note).into_owned(),
            found: note.found,
            ..*note
        };
        serde_json::to_writer(&mut *out, &safe)?;
        writeln!(out)?;
        return Ok(());
    }
    let date = note.date.as_deref().unwrap_or("undated");
    let title = note.title.as_deref().unwrap_or(note.url.as_str());
    let said = if note.note.trim().is_empty() {
        "(highlight)".to_string()
    } else {
        note.note.clone()
    };
    let gone = match note.found {
        "gone" => "  [passage gone]",
        "not in archive" => "  [article not in this archive]",
        _ => "",
    };
    let quote = note
        .quote
        .split(anchor::PARAGRAPH_SEPARATOR)
        .collect::<Vec<_>>()
        .join(" ¶ ");
    let line = format!("{date:<10}  {title}  “{quote}”  {said}{gone}");
    writeln!(out, "{}", sanitize(&line))?;
    Ok(())
}

/// The quote made safe, its paragraph breaks kept (JSON escapes them).
fn sanitize_keeping_paragraphs(quote: &str) -> String {
    quote
        .split(anchor::PARAGRAPH_SEPARATOR)
        .map(|p| sanitize(p).into_owned())
        .collect::<Vec<_>>()
        .join(anchor::PARAGRAPH_SEPARATOR)
}
