//! The header line: ` date 2022-01 https://fr.sputniknews.com/20220102/slug.html`.

use super::Notes;
use super::date::{self, HeaderDate};
use crate::sanitize::sanitize;

#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Header<'a> {
    pub date: Option<HeaderDate>,
    pub url: Option<&'a str>,
}

/// Reads `line` as a header, or `None` when it is not one (then it is probably the title).
/// A header starts with the word `date` or directly with a `YYYY-MM` date; fields may be
/// separated by any whitespace, in any order.
pub(super) fn parse<'a>(line: &'a str, notes: &mut Notes) -> Option<Header<'a>> {
    let mut tokens = line.split_whitespace().peekable();
    let first = tokens.peek()?;
    if first.trim_end_matches(':').eq_ignore_ascii_case("date") {
        tokens.next();
    } else if !starts_like_a_date(first) {
        return None;
    }
    let unclean = line.contains('\t')
        || line.trim_start_matches(' ').len() + 1 < line.len()
        || line.trim().contains("  ");
    if unclean {
        notes.repaired(
            "the header line has tabs or extra spaces",
            "read its fields anyway",
        );
    }
    let mut header = Header::default();
    let mut date_seen = false;
    for token in tokens {
        if is_url(token) && header.url.is_none() {
            header.url = Some(token);
        } else if starts_like_a_date(token) && !date_seen {
            date_seen = true;
            match date::parse_header(token) {
                Ok(d) => header.date = Some(d),
                Err(why) => notes.repaired(
                    format!("the header's date {} {why}", shown(token)),
                    "took the date from the lede or URL instead",
                ),
            }
        } else {
            notes.repaired(
                format!("unexpected text in the header: {}", shown(token)),
                "ignored it",
            );
        }
    }
    if !date_seen {
        notes.repaired(
            "the header has no date",
            "took the date from the lede or URL instead",
        );
    }
    if header.url.is_none() {
        notes.repaired(
            "the header has no URL",
            "identified the article by its path",
        );
    }
    Some(header)
}

fn starts_like_a_date(token: &str) -> bool {
    let b = token.as_bytes();
    b.len() >= 6
        && b.iter().take(4).all(u8::is_ascii_digit)
        && matches!(b.get(4), Some(b'-' | b'/'))
}

fn is_url(token: &str) -> bool {
    let lower = |n: usize| token.get(..n).map(str::to_ascii_lowercase);
    let rest = if lower(8).as_deref() == Some("https://") {
        token.get(8..)
    } else if lower(7).as_deref() == Some("http://") {
        token.get(7..)
    } else {
        None
    };
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
}

/// A token as it may appear in a message: sanitised and at most 40 characters.
fn shown(token: &str) -> String {
    let clean = sanitize(token);
    match clean.char_indices().nth(40) {
        Some((at, _)) => format!("\"{}…\"", clean.get(..at).unwrap_or_default()),
        None => format!("\"{clean}\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn read(line: &str) -> (Option<Header<'_>>, Vec<String>) {
        let mut notes = Notes::new(Path::new("a"));
        let h = parse(line, &mut notes);
        (h, notes.problems.into_iter().map(|p| p.what).collect())
    }

    #[test]
    fn the_seed_header() {
        let (h, problems) = read(" date 2022-01 https://fr.sputniknews.com/20220102/x.html");
        assert_eq!(
            h,
            Some(Header {
                date: Some(HeaderDate::Month(2022, 1)),
                url: Some("https://fr.sputniknews.com/20220102/x.html"),
            })
        );
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn tabs_and_odd_spacing_are_read_and_reported() {
        let (h, problems) = read("\tDATE   2022-01\thttps://x.org/a  ");
        assert_eq!(h.and_then(|h| h.url), Some("https://x.org/a"));
        assert_eq!(problems, ["the header line has tabs or extra spaces"]);
    }

    #[test]
    fn a_title_is_not_a_header() {
        assert_eq!(read("Poutine et Erdogan discutent").0, None);
        assert_eq!(read("Dates to remember").0, None);
    }

    #[test]
    fn impossible_month_is_reported() {
        let (h, problems) = read(" date 2022-13 https://x.org/a");
        assert_eq!(h.and_then(|h| h.date), None);
        assert_eq!(
            problems,
            ["the header's date \"2022-13\" is not a real month"]
        );
    }

    #[test]
    fn missing_url_and_stray_words_are_reported() {
        let (_, problems) = read(" date 2022-01 hello");
        assert_eq!(
            problems,
            [
                "unexpected text in the header: \"hello\"",
                "the header has no URL"
            ]
        );
    }
}
