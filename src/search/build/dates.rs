//! A date range as a query on the date-key column: an article known to the day matches when
//! its day is in the range, one known only to its month when the range overlaps that month.

use std::ops::Bound;

use chrono::{Datelike, NaiveDate};
use tantivy::Term;
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use crate::article::Published;

pub(super) fn range(
    date_key: Field,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Box<dyn Query> {
    let key = |k: i32| Term::from_field_i64(date_key, i64::from(k));
    // Undated articles have the smallest key: an open lower bound starts above it.
    let lower = from.map_or(i32::MIN + 1, |d| Published::day(d).sort_key() - 1);
    let upper = to.map_or(Bound::Unbounded, |d| {
        Bound::Included(key(Published::day(d).sort_key()))
    });
    let range: Box<dyn Query> = Box::new(RangeQuery::new(Bound::Included(key(lower)), upper));
    // `lower` is the key of a month-only article when the range starts on the 1st; an
    // article known only to the month of a later start day overlaps the range too.
    let month_start = from
        .filter(|d| d.day() > 1)
        .and_then(|d| Published::month(d.year(), d.month()));
    match month_start {
        None => range,
        Some(month) => Box::new(BooleanQuery::new(vec![
            (Occur::Should, range),
            (
                Occur::Should,
                Box::new(TermQuery::new(
                    key(month.sort_key()),
                    IndexRecordOption::Basic,
                )),
            ),
        ])),
    }
}
