//! The three places a seed file states its date, and how they combine into one
//! [`Published`] with an honest precision.

use chrono::{Datelike, NaiveDate};

use super::Notes;
use crate::article::Published;

/// What the header's date token says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HeaderDate {
    Month(i32, u32),
    /// Some scrapers write the full day in the header; taken at its word.
    Day(NaiveDate),
}

/// `YYYY-MM` (the seed format) or `YYYY-MM-DD`; `/` is accepted for `-`.
/// `Err` carries the reason, for a problem report.
pub(super) fn parse_header(token: &str) -> Result<HeaderDate, &'static str> {
    let mut parts = token.split(['-', '/']);
    let year = parts.next().and_then(|y| number(y, 4, 4));
    let month = parts.next().and_then(|m| number(m, 1, 2));
    let day = parts.next().map(|d| number(d, 1, 2));
    let (Some(year), Some(month)) = (year, month) else {
        return Err("is not a date of the form YYYY-MM");
    };
    let year = year as i32;
    match (day, parts.next()) {
        (None, _) => Published::month(year, month)
            .map(|_| HeaderDate::Month(year, month))
            .ok_or("is not a real month"),
        (Some(Some(d)), None) => NaiveDate::from_ymd_opt(year, month, d)
            .map(HeaderDate::Day)
            .ok_or("is not a real day"),
        _ => Err("is not a date of the form YYYY-MM"),
    }
}

/// `DD.MM.YYYY`, as the scraper writes it at the end of the lede.
pub(super) fn parse_dmy(token: &str) -> Option<NaiveDate> {
    let mut parts = token.split('.');
    let d = number(parts.next()?, 2, 2)?;
    let m = number(parts.next()?, 2, 2)?;
    let y = number(parts.next()?, 4, 4)?;
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// A day in the URL's path: a `/YYYYMMDD/` segment, or `/YYYY/MM/DD/` segments.
pub(super) fn from_url(url: &str) -> Option<NaiveDate> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let segments: Vec<&str> = path.split('/').skip(1).take(16).collect();
    let compact = segments.iter().find_map(|s| {
        let digits = s.get(..8).filter(|_| s.len() == 8)?;
        let n = |r: std::ops::Range<usize>| digits.get(r).and_then(|p| number(p, p.len(), p.len()));
        NaiveDate::from_ymd_opt(n(0..4)? as i32, n(4..6)?, n(6..8)?)
    });
    compact.or_else(|| {
        segments.windows(3).find_map(|w| {
            let y = number(w.first()?, 4, 4)?;
            let m = number(w.get(1)?, 2, 2)?;
            let d = number(w.get(2)?, 2, 2)?;
            NaiveDate::from_ymd_opt(y as i32, m, d)
        })
    })
}

/// ASCII digits only, `min..=max` of them (`str::parse` would also take a sign).
fn number(s: &str, min: usize, max: usize) -> Option<u32> {
    let ok = (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| s.parse().ok()).flatten()
}

/// Everything the file says about its date, before deciding.
#[derive(Debug, Default)]
pub(super) struct Evidence<'a> {
    pub header: Option<HeaderDate>,
    /// The lede trailer's date, as written (kept for the problem report).
    pub trailer: Option<&'a str>,
    pub url: Option<NaiveDate>,
}

/// The header gives the month; the trailer (first) or the URL give the day when they agree
/// with it. A disagreeing trailer or URL loses to the header and is reported.
pub(super) fn resolve(e: &Evidence, notes: &mut Notes) -> Option<Published> {
    let trailer = e.trailer.and_then(|raw| {
        let day = parse_dmy(raw);
        if day.is_none() {
            notes.repaired(
                format!("the lede's date {raw} is not a real day"),
                "ignored it",
            );
        }
        day
    });
    let (year, month) = match e.header {
        Some(HeaderDate::Day(d)) => return Some(Published::day(d)),
        Some(HeaderDate::Month(y, m)) => (y, m),
        None => {
            return trailer.or(e.url).map(Published::day);
        }
    };
    let same_month = |d: &NaiveDate| d.year() == year && d.month() == month;
    let month_only = Published::month(year, month);
    let mut day = None;
    if let Some(t) = trailer {
        if same_month(&t) {
            day = Some(t);
        } else {
            notes.repaired(
                format!(
                    "the lede's date {} contradicts the header's month {year:04}-{month:02}",
                    t.format("%d.%m.%Y")
                ),
                "kept the header's month",
            );
        }
    }
    if let Some(u) = e.url.filter(|_| day.is_none()) {
        if same_month(&u) {
            day = Some(u);
        } else if trailer.is_none() {
            notes.repaired(
                format!(
                    "the URL's date {} contradicts the header's month {year:04}-{month:02}",
                    u.format("%Y-%m-%d")
                ),
                "kept the header's month",
            );
        }
    }
    day.map(Published::day).or(month_only)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Precision;
    use std::path::Path;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn header_tokens() {
        assert_eq!(parse_header("2022-01"), Ok(HeaderDate::Month(2022, 1)));
        assert_eq!(parse_header("2022/1"), Ok(HeaderDate::Month(2022, 1)));
        assert_eq!(
            parse_header("2022-01-02"),
            Ok(HeaderDate::Day(ymd(2022, 1, 2)))
        );
        assert_eq!(parse_header("2022-13"), Err("is not a real month"));
        assert_eq!(parse_header("2022-02-30"), Err("is not a real day"));
        assert!(parse_header("+2022-01").is_err());
        assert!(parse_header("january").is_err());
    }

    #[test]
    fn url_days() {
        let seed = "https://fr.sputniknews.com/20220102/slug-1054161238.html";
        assert_eq!(from_url(seed), Some(ymd(2022, 1, 2)));
        assert_eq!(
            from_url("https://x.org/2021/12/31/a"),
            Some(ymd(2021, 12, 31))
        );
        assert_eq!(from_url("https://x.org/20221340/a"), None);
        assert_eq!(from_url("https://x.org/a-1054161238.html"), None);
    }

    #[test]
    fn trailer_gives_the_day_when_it_agrees() {
        let mut notes = Notes::new(Path::new("a"));
        let e = Evidence {
            header: Some(HeaderDate::Month(2022, 1)),
            trailer: Some("02.01.2022"),
            url: None,
        };
        let p = resolve(&e, &mut notes);
        assert_eq!(p, Some(Published::day(ymd(2022, 1, 2))));
        assert!(notes.problems.is_empty());
    }

    #[test]
    fn contradicting_trailer_loses_to_the_header_and_is_reported() {
        let mut notes = Notes::new(Path::new("a"));
        let e = Evidence {
            header: Some(HeaderDate::Month(2022, 1)),
            trailer: Some("02.03.2022"),
            url: None,
        };
        let p = resolve(&e, &mut notes);
        assert_eq!(p.map(|p| p.precision), Some(Precision::Month));
        assert!(notes.problems[0].what.contains("contradicts"));
    }

    #[test]
    fn impossible_trailer_date_is_reported_and_the_url_used() {
        let mut notes = Notes::new(Path::new("a"));
        let e = Evidence {
            header: Some(HeaderDate::Month(2022, 2)),
            trailer: Some("31.02.2022"),
            url: Some(ymd(2022, 2, 3)),
        };
        assert_eq!(
            resolve(&e, &mut notes),
            Some(Published::day(ymd(2022, 2, 3)))
        );
        assert!(notes.problems[0].what.contains("31.02.2022"));
    }
}
