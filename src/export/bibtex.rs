//! BibTeX `@article` entries, read by BibTeX, biblatex, Zotero and pandoc: both `journal`
//! (BibTeX) and `journaltitle` (biblatex), `date` with `year` and `month`. Text is escaped
//! for TeX; keys are made from the article and stay the same from one export to the next.

use std::collections::HashSet;
use std::io::{self, Write};

use chrono::Datelike;

use crate::article::Precision;
use crate::sanitize::sanitize;

use super::Item;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The keys given so far in one file, so that two articles never share one.
#[derive(Default)]
pub struct Keys {
    given: HashSet<String>,
}

impl Keys {
    /// `sourceYEARword-hash`: the outlet, the year and the title's first long word, read at a
    /// glance, and four hex digits of the article's id, so the key stays with the article
    /// whatever else is exported. A clash within the file gets `-2`, `-3`...
    pub fn unique(&mut self, item: &Item) -> String {
        let base = key(item);
        let mut candidate = base.clone();
        let mut n = 1;
        while self.given.contains(&candidate) {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        self.given.insert(candidate.clone());
        candidate
    }
}

fn key(item: &Item) -> String {
    let ascii = |s: &str, max: usize| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .take(max)
            .collect()
    };
    let mut source = ascii(&item.source, 16);
    if source.is_empty() {
        source = "article".into();
    }
    let year = item
        .published
        .map_or_else(|| "nd".to_string(), |p| p.date.year().to_string());
    let word = item
        .title
        .split(|c: char| !c.is_alphanumeric())
        .map(|w| ascii(w, 12))
        .find(|w| w.len() >= 4)
        .unwrap_or_default();
    let hash = blake3::hash(item.id.as_bytes()).to_hex();
    format!("{source}{year}{word}-{}", &hash[..4])
}

pub fn entry(key: &str, item: &Item, out: &mut dyn Write) -> io::Result<()> {
    let mut fields: Vec<(&str, String)> = vec![
        ("title", braced(&item.title)),
        ("journaltitle", braced(&item.source)),
        ("journal", braced(&item.source)),
    ];
    if !item.authors.is_empty() {
        let names: Vec<String> = item.authors.iter().map(|a| escape(a)).collect();
        fields.push(("author", format!("{{{}}}", names.join(" and "))));
    }
    if let Some(p) = item.published {
        fields.push(("date", format!("{{{p}}}")));
        fields.push(("year", format!("{{{}}}", p.date.year())));
        let month = MONTHS
            .get(p.date.month0() as usize)
            .copied()
            .unwrap_or("jan");
        fields.push(("month", month.to_string()));
        if p.precision == Precision::Day {
            fields.push(("day", format!("{{{}}}", p.date.day())));
        }
    }
    if let Some(url) = &item.url {
        fields.push(("url", format!("{{{}}}", url_text(url))));
    }
    if !item.language.is_empty() {
        fields.push(("language", braced(&item.language)));
    }
    if !item.lede.is_empty() {
        fields.push(("abstract", braced(&item.lede)));
    }
    if !item.labels.is_empty() {
        fields.push(("keywords", braced(&item.labels.join(", "))));
    }
    if !item.notes.is_empty() {
        let notes: Vec<String> = item
            .notes
            .iter()
            .map(|n| sanitize(n).into_owned())
            .collect();
        fields.push(("note", braced(&notes.join(" / "))));
    }
    writeln!(out, "@article{{{key},")?;
    for (name, value) in fields {
        writeln!(out, "  {name} = {value},")?;
    }
    writeln!(out, "}}\n")
}

fn braced(text: &str) -> String {
    format!("{{{}}}", escape(text))
}

/// TeX's special characters as commands that print them: braces stay balanced, and no `%`
/// comments out the rest of a line, whatever a title holds.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A URL as biblatex reads it (verbatim, so not TeX-escaped): the characters that would
/// unbalance the field or start a comment are percent-encoded instead, which keeps the link.
fn url_text(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            '\\' => out.push_str("%5C"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::item::tests::hostile;
    use super::*;

    #[test]
    fn tex_specials_are_escaped_and_braces_balance() {
        let mut out = Vec::new();
        let item = hostile();
        let key = Keys::default().unique(&item);
        entry(&key, &item, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains(
                "title = {=HYPERLINK(\"http://x\") \\{braces\\} 50\\% \\& \\$5 \\#1 a\\_b \\textbackslash{}cmd"
            ),
            "{text}"
        );
        assert!(text.contains("date = {2022-01-02},"), "{text}");
        assert!(text.contains("month = jan,"), "{text}");
        assert!(text.contains("keywords = {-minus, war, peace},"), "{text}");
        assert!(!text.contains('\u{1b}'));
        let mut depth = 0i32;
        let mut escaped = false;
        for c in text.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0, "{text}");
        }
        assert_eq!(depth, 0, "{text}");
        assert!(
            !text
                .lines()
                .any(|l| l.contains('%') && !l.contains("\\%") && !l.contains("url"))
        );
    }

    #[test]
    fn keys_are_stable_and_unique_within_a_file() {
        let item = hostile();
        let mut keys = Keys::default();
        let first = keys.unique(&item);
        assert!(first.starts_with("wire2022hyperlink-"), "{first}");
        assert_eq!(keys.unique(&item), format!("{first}-2"));
        assert_eq!(
            Keys::default().unique(&item),
            first,
            "the same in the next export"
        );
        assert!(first.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    }
}
