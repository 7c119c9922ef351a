//! CSV as RFC 4180 says (the `csv` crate's quoting), UTF-8 with a header row, every cell that
//! a spreadsheet would run as a formula made inert.

use std::io::{self, Write};

use super::{Field, Item};

/// Starts of a cell that a spreadsheet reads as a formula (OWASP's list: `=`, `+`, `-`, `@`,
/// and tab and carriage return, which some strip before looking).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Excel reads a CSV file as the system's legacy code page unless it starts with a byte order
/// mark ("Genève" would show as "GenÃ¨ve"); LibreOffice, Numbers, pandas and the `csv` crate
/// take it as what it is.
const BOM: &[u8] = "\u{feff}".as_bytes();

pub fn header(fields: &[Field], out: &mut dyn Write) -> io::Result<()> {
    out.write_all(BOM)?;
    let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
    record(&names, out)
}

pub fn row(fields: &[Field], item: &Item, out: &mut dyn Write) -> io::Result<()> {
    let cells: Vec<String> = fields.iter().map(|&f| inert(&cell(f, item))).collect();
    record(&cells, out)
}

/// One record, CRLF-terminated as RFC 4180 has it.
fn record<S: AsRef<[u8]>>(cells: &[S], out: &mut dyn Write) -> io::Result<()> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(cells).map_err(io::Error::other)?;
    let bytes = writer
        .into_inner()
        .map_err(|e| io::Error::other(e.to_string()))?;
    out.write_all(&bytes)
}

/// The cell's text: lists joined by "; ", notes apart by a blank line.
pub fn cell(field: Field, item: &Item) -> String {
    match field {
        Field::Id => item.id.clone(),
        Field::Date => item.date(),
        Field::Source => item.source.clone(),
        Field::Title => item.title.clone(),
        Field::Url => item.url.clone().unwrap_or_default(),
        Field::Language => item.language.clone(),
        Field::Lede => item.lede.clone(),
        Field::Authors => item.authors.join("; "),
        Field::Labels => item.labels.join("; "),
        Field::Notes => item.notes.join("\n\n"),
        Field::Path => item.path.clone(),
        Field::Body => item.body_text(),
    }
}

/// A leading `'` before a formula's start, as OWASP advises: the spreadsheet shows the text
/// and runs nothing.
fn inert(text: &str) -> String {
    if text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::super::item::tests::hostile;
    use super::*;

    fn written(fields: &[Field], item: &Item) -> Vec<u8> {
        let mut out = Vec::new();
        header(fields, &mut out).unwrap();
        row(fields, item, &mut out).unwrap();
        out
    }

    #[test]
    fn cells_are_quoted_and_formulas_made_inert() {
        let fields = [
            Field::Title,
            Field::Lede,
            Field::Source,
            Field::Labels,
            Field::Notes,
        ];
        let bytes = written(&fields, &hostile());
        let mut reader = ::csv::Reader::from_reader(bytes.as_slice());
        let headers = reader.headers().unwrap().clone();
        assert_eq!(
            headers.iter().collect::<Vec<_>>(),
            ["title", "lede", "source", "labels", "notes"]
        );
        let rows: Vec<_> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 1);
        let cells: Vec<&str> = rows[0].iter().collect();
        assert!(
            cells[0].starts_with("'=HYPERLINK(\"http://x\")"),
            "{}",
            cells[0]
        );
        assert!(cells[1].starts_with("'+1 | pipe"), "{}", cells[1]);
        assert!(cells[2].starts_with("'@Wire"), "{}", cells[2]);
        assert_eq!(cells[3], "'-minus; war, peace");
        assert!(cells[4].contains("first line\nsecond line"), "{}", cells[4]);
        for cell in cells {
            assert!(!cell.contains('\u{1b}'), "{cell:?}");
        }
        assert!(bytes.ends_with(b"\r\n"));
        assert!(bytes.starts_with(BOM), "a byte order mark for Excel");
    }

    #[test]
    fn plain_text_is_left_as_it_is() {
        assert_eq!(inert("Talks resume"), "Talks resume");
        assert_eq!(inert("-5"), "'-5");
        assert_eq!(inert(""), "");
    }
}
