//! `folio dupes`: the groups of copies (the same story published more than once), and what
//! the other commands print about an article's group (`copies` and `group` in JSON, the
//! story count of `search --count --stories`).

use std::collections::HashSet;
use std::io::Write;

use super::archive::Opened;
use super::print::{Record, source_width};
use super::{EXIT_NOTHING, EXIT_OK};
use crate::catalog::{Catalog, Entry};
use crate::copies::Groups;

/// An article's group as `list --json` prints it: how many other articles are in it, and the
/// id of its earliest article (`None` when it has no copies).
pub fn group_fields(catalog: &dyn Catalog, entry: &Entry) -> (usize, Option<String>) {
    let groups = catalog.copies();
    let Some(place) = groups.place(entry.id_hash) else {
        return (0, None);
    };
    let earliest = catalog
        .group_entries(entry.id_hash)
        .first()
        .and_then(|e| catalog.row(e))
        .map(|row| row.id.0);
    (place.size - 1, earliest)
}

/// How many stories the entries tell: each group counted once, however many of its
/// articles are among them.
pub fn stories(groups: &Groups, entries: &[Entry]) -> usize {
    let mut seen = HashSet::new();
    entries
        .iter()
        .filter(|e| match groups.place(e.id_hash) {
            Some(place) => seen.insert(place.group),
            None => true,
        })
        .count()
}

/// Prints every group, the one whose earliest article is newest first: in JSON one object a
/// line (`group`, the earliest's id, and `articles`, as `list --json` prints them), else the
/// earliest article's line and its copies' lines indented under it.
pub fn dupes(opened: &Opened, json: bool, out: &mut dyn Write) -> anyhow::Result<i32> {
    let snapshot = &opened.snapshot;
    let groups = snapshot.copies();
    let mut members: Vec<Vec<Entry>> = groups
        .iter()
        .filter_map(|ids| ids.first())
        .map(|&id| snapshot.group_entries(id))
        .filter(|entries| entries.len() > 1)
        .collect();
    members.sort_by_key(|entries| {
        let first = entries.first().copied();
        std::cmp::Reverse(first.map(|e| (e.sort_key, e.id_hash)))
    });
    let width = source_width(snapshot.sources().iter().map(|(s, _)| s.as_str()));
    for (n, entries) in members.iter().enumerate() {
        let rows: Vec<_> = entries.iter().filter_map(|e| snapshot.row(e)).collect();
        if json {
            let mut articles = Vec::with_capacity(rows.len());
            for (entry, row) in entries.iter().zip(&rows) {
                let problems = snapshot.problems_of(entry);
                let mut record = Record::from_row(row, &problems);
                record.group = Some(group_fields(snapshot.as_ref(), entry));
                articles.push(record.json());
            }
            let group = rows.first().map(|r| r.id.as_str());
            let object = serde_json::json!({ "group": group, "articles": articles });
            writeln!(out, "{object}")?;
            continue;
        }
        if n > 0 {
            writeln!(out)?;
        }
        for (i, row) in rows.iter().enumerate() {
            let problems = [];
            let record = Record::from_row(row, &problems);
            if i == 0 {
                record.write_line(width, out)?;
            } else {
                write!(out, "  ↳ ")?;
                record.write_line(width, out)?;
            }
        }
    }
    if !json {
        let copies: usize = members.iter().map(|m| m.len() - 1).sum();
        let articles = snapshot.timeline().len();
        if !members.is_empty() {
            writeln!(out)?;
        }
        writeln!(
            out,
            "{} {} published more than once, {copies} {}; {articles} articles tell {} stories",
            members.len(),
            if members.len() == 1 {
                "story"
            } else {
                "stories"
            },
            if copies == 1 { "copy" } else { "copies" },
            articles - copies,
        )?;
    }
    Ok(if members.is_empty() {
        EXIT_NOTHING
    } else {
        EXIT_OK
    })
}
