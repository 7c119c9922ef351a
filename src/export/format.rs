//! The formats an export is written in, by name (`--format`) or by a file's extension.

use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180, UTF-8, a header row: opens in a spreadsheet as it is.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// A table, titles linked to their URL.
    Markdown,
    /// RIS, newspaper articles (`TY  - NEWS`), for Zotero, EndNote, Mendeley.
    Ris,
    /// BibTeX / biblatex `@article` entries.
    Bibtex,
    /// CSL-JSON (`article-newspaper`), for Zotero and pandoc's citeproc.
    CslJson,
}

/// What the extension says of a file name: the hint given when it says nothing.
pub const EXTENSIONS: &str = ".csv, .jsonl, .md, .ris, .bib or .json (CSL-JSON)";

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Csv,
        Format::Jsonl,
        Format::Markdown,
        Format::Ris,
        Format::Bibtex,
        Format::CslJson,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Markdown => "markdown",
            Format::Ris => "ris",
            Format::Bibtex => "bibtex",
            Format::CslJson => "csl-json",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Markdown => "md",
            Format::Ris => "ris",
            Format::Bibtex => "bib",
            Format::CslJson => "json",
        }
    }

    /// The format a file name's extension names, case ignored; `None` for any other.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "md" | "markdown" => Some(Format::Markdown),
            "ris" => Some(Format::Ris),
            "bib" | "bibtex" => Some(Format::Bibtex),
            "json" => Some(Format::CslJson),
            _ => None,
        }
    }

    /// Whether `--fields` chooses what is written: the citation formats always write what a
    /// reference manager reads.
    pub fn has_columns(self) -> bool {
        matches!(self, Format::Csv | Format::Jsonl | Format::Markdown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_name_formats_and_back() {
        for format in Format::ALL {
            let name = format!("out.{}", format.extension().to_uppercase());
            assert_eq!(Format::of_path(Path::new(&name)), Some(format));
        }
        assert_eq!(Format::of_path(Path::new("notes.txt")), None);
        assert_eq!(Format::of_path(Path::new("noext")), None);
    }
}
