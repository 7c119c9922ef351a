//! Dates as feeds, trafilatura's XML and newsboat's cache write them: ISO 8601 with or
//! without a time and zone, RFC 2822 (strict, and as feeds really write it), Unix seconds.
//!
//! Only the day is kept, and it is the day as written in the writer's own zone: an item
//! stamped `23:30 -05:00` on the 4th appeared on the 4th for its readers, though it was
//! already the 5th in UTC. Unix seconds carry no zone and are read as UTC.

use chrono::{DateTime, NaiveDate};

/// Years outside this range are clock or scraper accidents, not publication dates.
const YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

/// The day a timestamp names, or `None` when the text is not one of the forms above.
pub(super) fn day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let found = iso(text)
        .or_else(|| unix(text))
        .or_else(|| {
            DateTime::parse_from_rfc2822(text)
                .ok()
                .map(|t| t.date_naive())
        })
        .or_else(|| loose_rfc2822(text))?;
    YEARS
        .contains(&chrono::Datelike::year(&found))
        .then_some(found)
}

/// The day of Unix seconds (as newsboat stores `pubDate`), in UTC. Zero and less are a date
/// never set, not 1970.
pub(super) fn unix_day(seconds: i64) -> Option<NaiveDate> {
    if seconds <= 0 {
        return None;
    }
    let day = DateTime::from_timestamp(seconds, 0)?.date_naive();
    YEARS.contains(&chrono::Datelike::year(&day)).then_some(day)
}

/// `2021-03-04`, `2021-03-04T10:22:01Z`, `2021-03-04 10:22:01.5+01:00`: the date part, when
/// what follows it is a time or nothing.
fn iso(text: &str) -> Option<NaiveDate> {
    let day = NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?;
    let rest = text.get(10..).unwrap_or_default();
    let time_follows = rest
        .strip_prefix(['T', 't', ' '])
        .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()));
    (rest.is_empty() || time_follows).then_some(day)
}

/// Digits only: `20210304` as a compact date when it is one, else Unix seconds.
fn unix(text: &str) -> Option<NaiveDate> {
    if text.is_empty() || text.len() > 12 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if text.len() == 8
        && let Ok(day) = NaiveDate::parse_from_str(text, "%Y%m%d")
    {
        return Some(day);
    }
    unix_day(text.parse().ok()?)
}

/// RFC 2822 as feeds write it when they get it wrong: a full weekday name, a zone chrono does
/// not know (`CEST`), a missing time. The day, month and year are what matter: `4 Mar 2021`
/// or `4 March 2021`, after an optional weekday.
fn loose_rfc2822(text: &str) -> Option<NaiveDate> {
    let after_weekday = match text.split_once(',') {
        Some((weekday, rest)) if weekday.chars().all(char::is_alphabetic) => rest,
        _ => text,
    };
    let mut words = after_weekday.split_whitespace();
    let (d, m, y) = (words.next()?, words.next()?, words.next()?);
    let day: u32 = d.parse().ok()?;
    let year: i32 = y.parse().ok()?;
    let month = month_number(m)?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `Mar`, `March`, `mar.`: the month's number in English, as RFC 2822 names months.
fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let prefix = name.get(..3)?;
    let position = MONTHS.iter().position(|m| *m == prefix)?;
    position.checked_add(1).and_then(|n| u32::try_from(n).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn the_forms_feeds_write() {
        assert_eq!(day("2021-03-04"), ymd(2021, 3, 4));
        assert_eq!(day("2021-03-04T23:30:00-05:00"), ymd(2021, 3, 4));
        assert_eq!(day(" 2021-03-04 10:22:01 "), ymd(2021, 3, 4));
        assert_eq!(day("2021-03-04T10:22Z"), ymd(2021, 3, 4));
        assert_eq!(day("Thu, 04 Mar 2021 10:22:01 +0000"), ymd(2021, 3, 4));
        assert_eq!(day("Thu, 4 Mar 2021 10:22:01 GMT"), ymd(2021, 3, 4));
        assert_eq!(
            day("Thursday, 04 March 2021 10:22:01 CEST"),
            ymd(2021, 3, 4)
        );
        assert_eq!(day("04 Mar 2021"), ymd(2021, 3, 4));
        assert_eq!(day("1614853321"), ymd(2021, 3, 4));
        assert_eq!(day("20210304"), ymd(2021, 3, 4));
    }

    #[test]
    fn what_is_not_a_date() {
        for bad in [
            "",
            "yesterday",
            "2021-02-30",
            "2021-03-04xyz",
            "Thu, 31 Feb 2021 10:00:00 GMT",
            "99999999999",
            "0",
            "-5",
            "Mon, 04 Smarch 2021",
        ] {
            assert_eq!(day(bad), None, "{bad}");
        }
        assert_eq!(unix_day(i64::MAX), None);
        assert_eq!(unix_day(0), None, "the epoch is an unset date, not 1970");
    }
}
