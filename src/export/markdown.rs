//! Markdown: a table (GitHub's tables, which most renderers read), one row per article, the
//! title linked to the article's URL. Cell text is escaped so that nothing in a title turns
//! into a link, an image, HTML or another column.

use std::io::{self, Write};

use super::{Field, Item, csv::cell};

pub fn header(fields: &[Field], out: &mut dyn Write) -> io::Result<()> {
    let names: Vec<String> = fields.iter().map(|f| capitalised(f.name())).collect();
    let rule: Vec<&str> = fields.iter().map(|_| "---").collect();
    writeln!(out, "| {} |", names.join(" | "))?;
    writeln!(out, "| {} |", rule.join(" | "))
}

pub fn row(fields: &[Field], item: &Item, out: &mut dyn Write) -> io::Result<()> {
    let cells: Vec<String> = fields.iter().map(|&f| text(f, item)).collect();
    writeln!(out, "| {} |", cells.join(" | "))
}

fn text(field: Field, item: &Item) -> String {
    match (field, &item.url) {
        (Field::Title, Some(url)) => format!("[{}](<{}>)", escape(&item.title), link(url)),
        (Field::Url, Some(url)) => format!("<{}>", link(url)),
        (Field::Body, _) => item
            .body
            .as_deref()
            .unwrap_or_default()
            .iter()
            .map(|p| escape(p))
            .collect::<Vec<_>>()
            .join("<br><br>"),
        (Field::Notes, _) => item
            .notes
            .iter()
            .map(|n| escape(n))
            .collect::<Vec<_>>()
            .join("<br><br>"),
        _ => escape(&cell(field, item)),
    }
}

/// Cell text with Markdown's own characters escaped (a backslash makes any ASCII punctuation
/// literal) and line ends as `<br>`, the one break a table cell holds.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            _ => out.push(c),
        }
    }
    out
}

/// A URL inside `<...>`: the characters that would end it are percent-encoded (the URL was
/// already cleaned of spaces and controls).
fn link(url: &str) -> String {
    url.replace('<', "%3C")
        .replace('>', "%3E")
        .replace('\\', "%5C")
}

fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::item::tests::hostile;
    use super::*;

    #[test]
    fn a_table_with_linked_titles_and_escaped_cells() {
        let mut out = Vec::new();
        let fields = [Field::Date, Field::Title, Field::Lede, Field::Notes];
        header(&fields, &mut out).unwrap();
        row(&fields, &hostile(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "| Date | Title | Lede | Notes |");
        assert_eq!(lines[1], "| --- | --- | --- | --- |");
        assert_eq!(lines.len(), 3, "{text}");
        let row = lines[2];
        assert!(row.contains("[=HYPERLINK(\"http://x\") {braces}"), "{row}");
        assert!(row.contains("](<https://evil.example/a%20b"), "{row}");
        assert!(
            row.contains("+1 \\| pipe \\*bold\\* \\[link\\](x) \\<script\\>"),
            "{row}"
        );
        assert!(row.contains("first line<br>second line"), "{row}");
        // Every unescaped pipe is a column rule: as many as the header has.
        let rules = row.replace("\\|", "").matches('|').count();
        assert_eq!(rules, 5, "{row}");
        assert!(!text.contains('\u{1b}'));
    }
}
