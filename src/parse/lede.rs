//! The lede line and its trailer: `Lede, cut by the scraper... 02.01.2022, Sputnik France`.

/// Only the end of a lede is searched for the trailer: it is short, and this keeps a
/// megabyte-long "lede" from costing more than a glance.
const TRAILER_WINDOW: usize = 256;

/// A source name longer than this is text, not a name.
const MAX_SOURCE_CHARS: usize = 80;

#[derive(Debug, PartialEq, Eq)]
pub(super) struct Lede<'a> {
    pub text: &'a str,
    /// The text before the trailer ends in `...` or `…`: the scraper cut it.
    pub truncated: bool,
    /// The trailer's `DD.MM.YYYY`, not yet checked for being a real day.
    pub date: Option<&'a str>,
    pub source: Option<&'a str>,
}

/// Splits the trailer off `line`. Without a trailer, the whole line is the lede.
pub(super) fn split(line: &str) -> Lede<'_> {
    let line = line.trim();
    let (text, date, source) = match find_trailer(line) {
        Some((at, date, source)) => (line.get(..at).unwrap_or_default(), Some(date), source),
        None => (line, None, None),
    };
    let text = text.trim_end();
    Lede {
        text,
        truncated: text.ends_with("...") || text.ends_with('…'),
        date,
        source,
    }
}

/// Whether `line` ends with a date trailer, i.e. really is a lede.
pub(super) fn has_trailer(line: &str) -> bool {
    find_trailer(line.trim()).is_some()
}

/// The last `DD.MM.YYYY` in the window that ends the line or is followed only by
/// `, Source`: its byte offset, the date, and the source.
fn find_trailer(line: &str) -> Option<(usize, &str, Option<&str>)> {
    let bytes = line.as_bytes();
    let from = bytes.len().saturating_sub(TRAILER_WINDOW);
    (from..bytes.len().saturating_sub(9)).rev().find_map(|at| {
        let date = line.get(at..at + 10)?;
        let shape = date.bytes().enumerate().all(|(i, b)| match i {
            2 | 5 => b == b'.',
            _ => b.is_ascii_digit(),
        });
        let after_non_digit = at == 0 || bytes.get(at - 1).is_some_and(|b| !b.is_ascii_digit());
        if !shape || !after_non_digit {
            return None;
        }
        let rest = line.get(at + 10..)?;
        if rest.trim().is_empty() {
            return Some((at, date, None));
        }
        let source = rest.strip_prefix(',')?.trim();
        let plausible = !source.is_empty() && source.chars().count() <= MAX_SOURCE_CHARS;
        plausible.then_some((at, date, Some(source)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_lede() {
        let l = split("Dans le contexte ... garanties de... 02.01.2022, Sputnik France");
        assert_eq!(
            l,
            Lede {
                text: "Dans le contexte ... garanties de...",
                truncated: true,
                date: Some("02.01.2022"),
                source: Some("Sputnik France"),
            }
        );
    }

    #[test]
    fn trailers_without_a_source_or_without_anything() {
        let l = split("Un résumé complet. 05.03.2021");
        assert_eq!(
            (l.text, l.truncated, l.date, l.source),
            ("Un résumé complet.", false, Some("05.03.2021"), None)
        );
        let l = split("Un résumé sans date…");
        assert_eq!(
            (l.text, l.truncated, l.date),
            ("Un résumé sans date…", true, None)
        );
    }

    #[test]
    fn a_date_in_the_middle_is_not_a_trailer() {
        let l = split(
            "Le 02.01.2022, il a dit bien des choses qui ne sont pas un nom de source, loin de là, vraiment pas du tout, non, et cela continue encore longtemps",
        );
        assert_eq!(l.date, None);
        assert!(!has_trailer("version 102.01.20221"));
    }
}
