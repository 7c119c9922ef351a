//! Lists of names a source gives beside an article (authors, categories, tags): split where
//! one text holds several, sanitised, trimmed, de-duplicated and bounded.
//!
//! These fields come from scrapers, which copy whatever a page's markup says: a byline with
//! "By " before it, the same tag twice in two cases, ten thousand tags from a tag cloud, a
//! "name" that is a paragraph. What is kept is what a reader's header can show in a line or
//! two; what is dropped is noted, so nothing disappears silently.

use std::collections::HashSet;

use super::Notes;
use crate::sanitize::sanitize;

/// Names kept in one list: more than any byline or tag line a person reads.
pub const MAX_NAMES: usize = 50;

/// Characters kept of one name; a longer one is cut at a word and marked with `…`.
pub const MAX_NAME_CHARS: usize = 100;

/// The names in one text that may hold several: `Anna Berg; Tom Brel` or `pêche, Kessia`.
/// A `;` separates when there is one (a name may be written `Berg, Anna`), else a `,` or `|`.
pub(super) fn split(text: &str) -> impl Iterator<Item = &str> {
    let separators: &[char] = if text.contains(';') {
        &[';']
    } else {
        &[',', '|']
    };
    text.split(separators)
}

/// The names of `field` worth showing, in the order given: each sanitised to one line, its
/// white space collapsed, a byline's leading "By " dropped, cut when overlong; blanks and
/// repeats (ignoring case) left out; at most [`MAX_NAMES`], the rest noted as dropped.
pub(super) fn names<'a>(
    field: &str,
    raw: impl IntoIterator<Item = &'a str>,
    notes: &mut Notes,
) -> Vec<String> {
    let mut kept = Vec::new();
    let mut seen = HashSet::new();
    let mut dropped = 0usize;
    let mut cut = 0usize;
    for name in raw {
        let name = sanitize(name);
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let name = strip_by(&name);
        if name.is_empty() || !seen.insert(name.to_lowercase()) {
            continue;
        }
        if kept.len() == MAX_NAMES {
            dropped += 1;
            continue;
        }
        let (name, was_cut) = bounded(name);
        cut += usize::from(was_cut);
        kept.push(name);
    }
    if dropped > 0 {
        notes.repaired(
            format!(
                "the field `{field}` holds {} different names",
                MAX_NAMES + dropped
            ),
            format!("kept the first {MAX_NAMES}"),
        );
    }
    if cut > 0 {
        notes.repaired(
            match cut {
                1 => format!("a name in `{field}` is longer than {MAX_NAME_CHARS} characters"),
                n => format!("{n} names in `{field}` are longer than {MAX_NAME_CHARS} characters"),
            },
            match cut {
                1 => format!("cut it to {MAX_NAME_CHARS} characters"),
                _ => format!("cut them to {MAX_NAME_CHARS} characters"),
            },
        );
    }
    kept
}

/// A byline's name without the "By " (or "by ") a page writes before it.
fn strip_by(name: &str) -> &str {
    match name.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => name.get(3..).unwrap_or(name).trim_start(),
        _ => name,
    }
}

/// `name` cut near [`MAX_NAME_CHARS`] at a space when one is near, marked with `…`.
fn bounded(name: &str) -> (String, bool) {
    let Some((at, _)) = name.char_indices().nth(MAX_NAME_CHARS) else {
        return (name.to_owned(), false);
    };
    let head = name.get(..at).unwrap_or_default();
    let head = match head.rfind(' ') {
        Some(space) if space > at / 2 => head.get(..space).unwrap_or(head),
        _ => head,
    };
    (format!("{}…", head.trim_end()), true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn read(field: &str, raw: &[&str]) -> (Vec<String>, Vec<String>) {
        let mut notes = Notes::new(Path::new("a.json"));
        let names = names(field, raw.iter().copied(), &mut notes);
        (names, notes.problems.iter().map(|p| p.message()).collect())
    }

    #[test]
    fn one_text_splits_at_semicolons_else_commas() {
        let got: Vec<&str> = split("Berg, Anna; Brel, Tom").collect();
        assert_eq!(got, ["Berg, Anna", " Brel, Tom"]);
        let got: Vec<&str> = split("pêche, Kessia|port").collect();
        assert_eq!(got, ["pêche", " Kessia", "port"]);
    }

    #[test]
    fn names_are_trimmed_deduplicated_and_cleaned() {
        let (names, problems) = read(
            "authors",
            &[
                "  Anna   Berg ",
                "By Tom Brel",
                "anna berg",
                "",
                "\u{1b}[31mRed\u{202e}Team",
                "Bye Bye",
            ],
        );
        assert_eq!(names, ["Anna Berg", "Tom Brel", "␛[31mRedTeam", "Bye Bye"]);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn too_many_or_too_long_names_are_bounded_and_noted() {
        let many: Vec<String> = (0..10_000).map(|i| format!("tag{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let (names, problems) = read("tags", &many);
        assert_eq!(names.len(), MAX_NAMES);
        assert_eq!(names.last().map(String::as_str), Some("tag49"));
        assert_eq!(
            problems,
            ["the field `tags` holds 10000 different names; kept the first 50"]
        );

        let long = "word ".repeat(100);
        let (names, problems) = read("author", &[&long]);
        assert!(names[0].ends_with("word…"), "{names:?}");
        assert!(names[0].chars().count() <= MAX_NAME_CHARS + 1);
        assert_eq!(
            problems,
            ["a name in `author` is longer than 100 characters; cut it to 100 characters"]
        );
    }
}
