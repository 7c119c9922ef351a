//! Export: articles written out for the tools people take them to next: a spreadsheet
//! (CSV), a script (JSON lines), a note (Markdown), a reference manager (RIS, BibTeX,
//! CSL-JSON).
//!
//! Everything here is pure but for [`file`]: an [`Item`] is one article's fields, cleaned once
//! where it is made ([`item`]); an [`Exporter`] writes items in one [`Format`], a writer per
//! format; [`collect`] turns catalog entries into items (loading the file only when a field
//! needs it); [`sample`] picks a reproducible sample; [`research`] is the seam that gives an
//! article's labels and notes. `folio export` (`cli/export.rs`) and the TUI's export key
//! (`tui/export.rs`) both go through [`collect::export`].

mod bibtex;
pub mod collect;
mod csl;
mod csv;
pub mod fields;
pub mod file;
pub mod format;
pub mod item;
mod jsonl;
mod markdown;
pub mod research;
mod ris;
pub mod sample;

use std::io::{self, Write};

pub use fields::Field;
pub use format::Format;
pub use item::Item;
pub use research::{NoResearch, Research, ResearchSource};

/// Writes items in one format: [`Exporter::begin`], an [`Exporter::write`] per item, then
/// [`Exporter::finish`]. Streams: nothing but the keys already given is held.
pub struct Exporter {
    format: Format,
    fields: Vec<Field>,
    count: usize,
    keys: bibtex::Keys,
}

impl Exporter {
    /// `fields` are the columns of CSV, JSON lines and Markdown; the citation formats always
    /// write the fields a reference manager reads.
    pub fn new(format: Format, fields: Vec<Field>) -> Exporter {
        Exporter {
            format,
            fields,
            count: 0,
            keys: bibtex::Keys::default(),
        }
    }

    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            Format::Csv => csv::header(&self.fields, out),
            Format::Markdown => markdown::header(&self.fields, out),
            Format::CslJson => out.write_all(b"["),
            Format::Jsonl | Format::Ris | Format::Bibtex => Ok(()),
        }
    }

    pub fn write(&mut self, item: &Item, out: &mut dyn Write) -> io::Result<()> {
        let first = self.count == 0;
        self.count += 1;
        match self.format {
            Format::Csv => csv::row(&self.fields, item, out),
            Format::Jsonl => jsonl::line(&self.fields, item, out),
            Format::Markdown => markdown::row(&self.fields, item, out),
            Format::Ris => ris::record(item, out),
            Format::Bibtex => {
                let key = self.keys.unique(item);
                bibtex::entry(&key, item, out)
            }
            Format::CslJson => {
                let key = self.keys.unique(item);
                out.write_all(if first { b"\n" } else { b",\n" })?;
                csl::object(&key, item, out)
            }
        }
    }

    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.format == Format::CslJson {
            out.write_all(b"\n]\n")?;
        }
        out.flush()
    }

    /// Items written so far.
    pub fn count(&self) -> usize {
        self.count
    }
}
