//! Dates as every format writes them, read one way: ISO 8601 with or without a time and zone,
//! extended (`2021-03-04T10:22:01+01:00`) or basic (`20210304T102201Z`); RFC 2822 (strict,
//! and as feeds really write it); a month (`2021-03`); Unix seconds (nine digits or more,
//! with or without a fraction; twelve or more are milliseconds). JSON fields, feeds,
//! trafilatura's XML and newsboat's cache all come here; the seed format's own forms are
//! `date.rs`'s.
//!
//! Only the day is kept, and it is the day as written in the writer's own zone: an item
//! stamped `23:30 -05:00` on the 4th appeared on the 4th for its readers, though it was
//! already the 5th in UTC. Unix seconds carry no zone and are read as UTC.

use chrono::{DateTime, Datelike, NaiveDate};

use crate::article::Published;

/// Years outside this range are clock or scraper accidents, not publication dates.
const YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

/// The date a timestamp names, to the day or (`2021-03`) to the month; `None` when the text
/// is not one of the forms above.
pub(super) fn published(text: &str) -> Option<Published> {
    let text = text.trim();
    if let Some(day) = day(text) {
        return Some(Published::day(day));
    }
    let (year, month) = text.split_once('-')?;
    let width = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(width(year, 4) && width(month, 2)) {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    YEARS
        .contains(&year)
        .then(|| Published::month(year, month.parse().ok()?))
        .flatten()
}

/// The day a timestamp names, or `None` when the text is not one of the forms above or names
/// only a month.
pub(super) fn day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let found = iso(text)
        .or_else(|| iso_basic(text))
        .or_else(|| unix(text))
        .or_else(|| {
            DateTime::parse_from_rfc2822(text)
                .ok()
                .map(|t| t.date_naive())
        })
        .or_else(|| loose_rfc2822(text))?;
    YEARS.contains(&found.year()).then_some(found)
}

/// The day of Unix seconds (as newsboat stores `pubDate`), in UTC. Zero and less are a date
/// never set, not 1970.
pub(super) fn unix_day(seconds: i64) -> Option<NaiveDate> {
    if seconds <= 0 {
        return None;
    }
    let day = DateTime::from_timestamp(seconds, 0)?.date_naive();
    YEARS.contains(&day.year()).then_some(day)
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

/// `20210304`, `20210304T102201Z`: ISO 8601's basic form, when what follows the date is a
/// time or nothing.
fn iso_basic(text: &str) -> Option<NaiveDate> {
    let date = text.get(..8)?;
    if !date.bytes().all(|b| b.is_ascii_digit())
        || !matches!(text.as_bytes().get(8), None | Some(b'T' | b't'))
    {
        return None;
    }
    NaiveDate::parse_from_str(date, "%Y%m%d").ok()
}

/// Unix time in seconds (`1615198921`, `1615198921.5`). Nine digits at least (from 1973 on):
/// fewer are a count, a `0` for "unknown" or ISO 8601's `YYYYMMDD`, not when an article
/// appeared. Twelve digits or more are milliseconds, as JavaScript writes them: in seconds
/// they would be past the year 5000.
fn unix(text: &str) -> Option<NaiveDate> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(9..=15).contains(&whole.len()) || !digits(whole) || !digits(fraction) {
        return None;
    }
    let number: i64 = whole.parse().ok()?;
    let seconds = if whole.len() >= 12 {
        number.div_euclid(1000)
    } else {
        number
    };
    unix_day(seconds)
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

    /// Every form any format writes, to the day as written.
    #[test]
    fn the_forms_the_formats_write() {
        for (text, y, m, d) in [
            // ISO 8601 / RFC 3339, extended and basic, with and without time and zone.
            ("2021-03-04", 2021, 3, 4),
            (" 2021-03-04 10:22:01 ", 2021, 3, 4),
            ("2021-03-04T23:30:00-05:00", 2021, 3, 4),
            ("2021-03-04T23:30:00Z", 2021, 3, 4),
            ("2021-03-04T23:30", 2021, 3, 4),
            ("2021-03-04T10:22Z", 2021, 3, 4),
            ("2021-03-04 23:30:00.123456+05:30", 2021, 3, 4),
            ("20210304", 2021, 3, 4),
            ("20210304T233000Z", 2021, 3, 4),
            // RFC 2822, strict and as feeds write it.
            ("Thu, 04 Mar 2021 10:22:01 +0000", 2021, 3, 4),
            ("Thu, 4 Mar 2021 10:22:01 -0800", 2021, 3, 4),
            ("Thu, 4 Mar 2021 10:22:01 GMT", 2021, 3, 4),
            ("4 Mar 2021 10:22:01 GMT", 2021, 3, 4),
            ("Thursday, 04 March 2021 10:22:01 CEST", 2021, 3, 4),
            ("04 Mar 2021", 2021, 3, 4),
            // Unix seconds (UTC), with a fraction, and milliseconds.
            ("1614853321", 2021, 3, 4),
            ("1614902400", 2021, 3, 5),
            ("1614902399.75", 2021, 3, 4),
            ("1614902400000", 2021, 3, 5),
            ("100000000", 1973, 3, 3),
        ] {
            assert_eq!(day(text), ymd(y, m, d), "{text}");
            let published = ymd(y, m, d).map(Published::day);
            assert_eq!(self::published(text), published, "{text}");
        }
        assert_eq!(published("2021-03"), Published::month(2021, 3));
        assert_eq!(day("2021-03"), None, "a month is no day");
    }

    #[test]
    fn what_is_not_a_date() {
        for bad in [
            "",
            "yesterday",
            "2021-02-30",
            "20210230",
            "2021030",
            "2021-03-04xyz",
            "é2021-03-04",
            "Thu, 31 Feb 2021 10:00:00 GMT",
            "Mon, 04 Smarch 2021",
            "0",
            "-5",
            "-86400",
            "42",
            "1614902400x",
            "99999999999",
            "99999999999999999999",
            "12.3.4",
            "2021-13",
            "0999-01-01",
        ] {
            assert_eq!(day(bad), None, "{bad}");
            assert_eq!(published(bad), None, "{bad}");
        }
        assert_eq!(unix_day(i64::MAX), None);
        assert_eq!(unix_day(0), None, "the epoch is an unset date, not 1970");
    }
}
