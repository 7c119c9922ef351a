//! Catalog entries to exported items: each article's row from the index, or its file when a
//! field needs what only the file has (the body, the authors), read in parallel a chunk at a
//! time so that a large export streams.

use std::io::{self, Write};

use rayon::prelude::*;

use crate::article::Problem;
use crate::catalog::{Catalog, Entry};

use super::{Exporter, Item, ResearchSource};

/// Articles read at once: enough to keep every core busy, few enough to hold.
const CHUNK: usize = 256;

/// What an export wrote, and what it could not write as asked.
#[derive(Debug, Default)]
pub struct Written {
    pub count: usize,
    /// Articles whose file could not be read: written from the index without the fields only
    /// the file has, or left out when even the index no longer has them (`skipped`).
    pub problems: Vec<Problem>,
    pub skipped: usize,
}

/// Writes `entries`, in their order, through `exporter`. `load` reads each article's file;
/// else the index's rows are enough.
pub fn export(
    catalog: &dyn Catalog,
    entries: &[Entry],
    load: bool,
    research: &dyn ResearchSource,
    exporter: &mut Exporter,
    out: &mut dyn Write,
) -> io::Result<Written> {
    let mut written = Written::default();
    exporter.begin(out)?;
    for chunk in entries.chunks(CHUNK) {
        let items: Vec<(Option<Item>, Option<Problem>)> = chunk
            .par_iter()
            .map(|entry| item(catalog, entry, load, research))
            .collect();
        for (item, problem) in items {
            written.problems.extend(problem);
            match item {
                Some(item) => exporter.write(&item, out)?,
                None => written.skipped += 1,
            }
        }
    }
    exporter.finish(out)?;
    written.count = exporter.count();
    Ok(written)
}

fn item(
    catalog: &dyn Catalog,
    entry: &Entry,
    load: bool,
    research: &dyn ResearchSource,
) -> (Option<Item>, Option<Problem>) {
    let Some(row) = catalog.row(entry) else {
        let gone = Problem::skipped("?", "an article left the index during the export");
        return (None, Some(gone));
    };
    let notes = research.research(&row.id);
    if !load {
        return (Some(Item::from_row(&row, notes)), None);
    }
    match catalog.load(entry) {
        Ok(article) => (Some(Item::from_article(&article, &row.source, notes)), None),
        Err(problem) => {
            // The file changed or went since the index saw it: the index's fields still are
            // worth writing, and the user is told what is missing.
            let repaired = Problem::repaired(
                &row.path,
                problem.what,
                "exported from the index, without its body and authors",
            );
            (Some(Item::from_row(&row, notes)), Some(repaired))
        }
    }
}
