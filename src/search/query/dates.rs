//! `date:` values: a year, month or day, or a range of them with either side open, as an
//! inclusive range of days.

use std::ops::Range;

use chrono::{Datelike, Month, NaiveDate};

use super::{QueryError, shorten};

const FORMAT: &str = "use YYYY, YYYY-MM or YYYY-MM-DD, or a range like 2022-01-10..2022-02-15";

/// Parses the value of `date:`, which starts at byte `start` of the input.
pub(super) fn range(
    value: &str,
    start: usize,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), QueryError> {
    let whole = start..start + value.len();
    let Some((left, right)) = value.split_once("..") else {
        let (first, last) = period(value, whole)?;
        return Ok((Some(first), Some(last)));
    };
    if left.is_empty() && right.is_empty() {
        return Err(QueryError::new(
            whole,
            "date:.. needs a date on at least one side, like date:2021.. or date:..2022-02",
        ));
    }
    let right_start = start + left.len() + 2;
    let from = side(left, start)?.map(|(first, _)| first);
    let to = side(right, right_start)?.map(|(_, last)| last);
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(QueryError::new(
            whole,
            format!(
                "date:{} ends before it starts; put the earlier date first: date:{}..{}",
                shorten(value),
                shorten(right),
                shorten(left)
            ),
        ));
    }
    Ok((from, to))
}

fn side(text: &str, start: usize) -> Result<Option<(NaiveDate, NaiveDate)>, QueryError> {
    if text.is_empty() {
        return Ok(None);
    }
    period(text, start..start + text.len()).map(Some)
}

/// The first and last day of the year, month or day written in `text`.
fn period(text: &str, span: Range<usize>) -> Result<(NaiveDate, NaiveDate), QueryError> {
    let not_a_date =
        |why: &str| QueryError::new(span.clone(), format!("date:{} {why}", shorten(text)));
    let bad_format = || not_a_date(&format!("is not a date; {FORMAT}"));
    let parts: Vec<&str> = text.splitn(4, '-').collect();
    let (year, month, day) = match parts[..] {
        [y] => (y, None, None),
        [y, m] => (y, Some(m), None),
        [y, m, d] => (y, Some(m), Some(d)),
        _ => return Err(bad_format()),
    };
    // Four digits always fit chrono's year range.
    let year = number(year, 4..=4).ok_or_else(bad_format)? as i32;
    let Some(month) = month else {
        let first = NaiveDate::from_ymd_opt(year, 1, 1);
        let last = NaiveDate::from_ymd_opt(year, 12, 31);
        return first.zip(last).ok_or_else(bad_format);
    };
    let month = number(month, 1..=2).ok_or_else(bad_format)?;
    let first = NaiveDate::from_ymd_opt(year, month, 1)
        .ok_or_else(|| not_a_date("is not a date: months go from 01 to 12"))?;
    let last = last_of_month(first);
    let Some(day) = day else {
        return Ok((first, last));
    };
    let day = number(day, 1..=2).ok_or_else(bad_format)?;
    let date = first.with_day(day).ok_or_else(|| {
        let name = Month::try_from(first.month() as u8).map_or("that month", |m| m.name());
        not_a_date(&format!(
            "is not a date: {name} {year} has {} days",
            last.day()
        ))
    })?;
    Ok((date, date))
}

fn last_of_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|next| next.pred_opt())
        // December 9999 has no next month in chrono's range.
        .unwrap_or_else(|| first.with_day(31).unwrap_or(first))
}

/// An unsigned number of `digits` ASCII digits.
fn number(text: &str, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
    if !digits.contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}
