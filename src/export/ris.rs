//! RIS, the tagged format every reference manager imports: one record per article as a
//! newspaper article (`TY  - NEWS`), lines ending in CRLF as the specification has them.

use std::io::{self, Write};

use chrono::Datelike;

use crate::article::Precision;
use crate::sanitize::sanitize;

use super::Item;

pub fn record(item: &Item, out: &mut dyn Write) -> io::Result<()> {
    let mut lines = vec![("TY", "NEWS".to_string())];
    lines.push(("TI", item.title.clone()));
    lines.push(("T2", item.source.clone()));
    lines.extend(item.authors.iter().map(|a| ("AU", a.clone())));
    if let Some(p) = item.published {
        let day = match p.precision {
            Precision::Day => format!("{:02}", p.date.day()),
            Precision::Month => String::new(),
        };
        lines.push((
            "DA",
            format!("{:04}/{:02}/{day}/", p.date.year(), p.date.month()),
        ));
        lines.push(("PY", format!("{:04}", p.date.year())));
    }
    if let Some(url) = &item.url {
        lines.push(("UR", url.clone()));
    }
    lines.push(("LA", item.language.clone()));
    lines.push(("AB", item.lede.clone()));
    lines.extend(item.labels.iter().map(|l| ("KW", l.clone())));
    // A note keeps its lines in the other formats; a RIS value is one line.
    lines.extend(item.notes.iter().map(|n| ("N1", sanitize(n).into_owned())));
    for (tag, value) in lines {
        if !value.is_empty() {
            write!(out, "{tag}  - {value}\r\n")?;
        }
    }
    out.write_all(b"ER  - \r\n\r\n")
}

#[cfg(test)]
mod tests {
    use super::super::item::tests::hostile;
    use super::*;

    #[test]
    fn a_record_is_tagged_lines_that_nothing_can_break() {
        let mut out = Vec::new();
        record(&hostile(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], "TY  - NEWS");
        assert!(lines.contains(&"DA  - 2022/01/02/"), "{text}");
        assert!(lines.contains(&"KW  - -minus"), "{text}");
        assert!(
            lines.contains(&"N1  - first line second line ␛[2J"),
            "{text}"
        );
        // The lede's "TY  - BOOK" is inside its own line, never a tag of its own.
        let tags: Vec<&str> = lines.iter().filter_map(|l| l.get(..6)).collect();
        assert_eq!(tags.iter().filter(|t| **t == "TY  - ").count(), 1, "{text}");
        assert_eq!(tags.iter().filter(|t| **t == "ER  - ").count(), 1, "{text}");
        assert!(
            !lines.iter().any(|l| l.starts_with("LA")),
            "no language: no LA"
        );
        assert!(!text.contains('\u{1b}'));
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    }
}
