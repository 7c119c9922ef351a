//! Counts over time as data: per period (day, ISO week, month or year), how many articles
//! each query matches, how many the archive holds, and the share. Pure: it reads timeline
//! sort keys ([`Published::sort_key`]), which say both the date and whether it is known to
//! the day or only to the month; `folio counts` (`cli/counts.rs`) prints the table and the
//! strip's share (`ui/strip.rs`) draws the same ratio.
//!
//! An article known only to its month has no day or week: by day and by week it is counted
//! in a row of its own for the month (labelled `2022-01`, before that month's first day or
//! week), so that every article is counted once and the columns sum to the query's count.
//! Undated articles are counted in a last row, `undated`.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::article::{Precision, Published};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum By {
    Day,
    Week,
    #[default]
    Month,
    Year,
}

/// A row of the table: a period, or the month of articles known only to it, or no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// The first day of the period, and whether the row is the month of articles known only
    /// to their month (by day or by week). Such a row sorts before the periods starting on
    /// that day.
    Dated {
        start: NaiveDate,
        month_only: bool,
    },
    Undated,
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // A month-only row comes before the day or week that starts on its first day.
        let key = |p: &Period| match *p {
            Period::Dated { start, month_only } => (0, start, !month_only),
            Period::Undated => (1, NaiveDate::MIN, false),
        };
        key(self).cmp(&key(other))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Period {
    /// How the period is written: `2022-01-02`, `2022-W01`, `2022-01`, `2022`, `undated`.
    pub fn label(self, by: By) -> String {
        match self {
            Period::Undated => "undated".into(),
            Period::Dated {
                start,
                month_only: true,
            } => start.format("%Y-%m").to_string(),
            Period::Dated { start, .. } => match by {
                By::Day => start.format("%Y-%m-%d").to_string(),
                By::Week => {
                    let week = start.iso_week();
                    format!("{}-W{:02}", week.year(), week.week())
                }
                By::Month => start.format("%Y-%m").to_string(),
                By::Year => start.format("%Y").to_string(),
            },
        }
    }

    /// The first and last day the period covers; `None` for undated articles.
    pub fn days(self, by: By) -> Option<(NaiveDate, NaiveDate)> {
        let Period::Dated { start, month_only } = self else {
            return None;
        };
        let next = match (by, month_only) {
            (_, true) | (By::Month, _) => start.checked_add_months(Months::new(1)),
            (By::Day, false) => start.checked_add_days(Days::new(1)),
            (By::Week, false) => start.checked_add_days(Days::new(7)),
            (By::Year, false) => start.checked_add_months(Months::new(12)),
        };
        let end = next.and_then(|n| n.pred_opt()).unwrap_or(start);
        Some((start, end))
    }
}

/// The period an article with this timeline sort key is counted in.
pub fn period_of(key: i32, by: By) -> Period {
    let Some(published) = Published::from_sort_key(key) else {
        return Period::Undated;
    };
    let date = published.date;
    let month = NaiveDate::from_ymd_opt(date.year(), date.month(), 1).unwrap_or(date);
    let month_only = published.precision == Precision::Month;
    let start = match by {
        By::Day | By::Week if month_only => {
            return Period::Dated {
                start: month,
                month_only: true,
            };
        }
        By::Day => date,
        By::Week => date
            .checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))
            .unwrap_or(date),
        By::Month => month,
        By::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date),
    };
    Period::Dated {
        start,
        month_only: false,
    }
}

/// One row: the archive's articles in the period and each query's matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub period: Period,
    pub total: u64,
    pub counts: Vec<u64>,
}

impl Row {
    /// The share of the period's articles that query `i` matches; `None` for a period
    /// without articles.
    pub fn ratio(&self, i: usize) -> Option<f64> {
        let count = *self.counts.get(i)?;
        (self.total > 0).then(|| count as f64 / self.total as f64)
    }
}

/// The table: one row per period from the archive's first to its last, empty periods
/// included (a series to plot has no holes), month-only rows where there are such
/// articles, then `undated` if any. `archive` is every article's sort key, `queries` each
/// query's matches' sort keys.
pub fn table(by: By, archive: &[i32], queries: &[Vec<i32>]) -> Vec<Row> {
    let once = |keys: &[i32]| keys.iter().map(|&k| (k, 1)).collect::<Vec<_>>();
    let queries: Vec<Vec<(i32, u64)>> = queries.iter().map(|q| once(q)).collect();
    table_of_tallies(by, &once(archive), &queries)
}

/// [`table`] from sort keys with how many articles have each: what an engine's `GROUP BY`
/// gives, where the articles themselves never arrive.
pub fn table_of_tallies(by: By, archive: &[(i32, u64)], queries: &[Vec<(i32, u64)>]) -> Vec<Row> {
    let mut rows: BTreeMap<Period, Row> = BTreeMap::new();
    let width = queries.len();
    for &(key, n) in archive {
        row(&mut rows, period_of(key, by), width).total += n;
    }
    for (i, tally) in queries.iter().enumerate() {
        for &(key, n) in tally {
            if let Some(count) = row(&mut rows, period_of(key, by), width).counts.get_mut(i) {
                *count += n;
            }
        }
    }
    fill_gaps(&mut rows, by, queries.len());
    rows.into_values().collect()
}

fn row(rows: &mut BTreeMap<Period, Row>, period: Period, queries: usize) -> &mut Row {
    rows.entry(period).or_insert_with(|| Row {
        period,
        total: 0,
        counts: vec![0; queries],
    })
}

/// Adds the empty periods between the first and the last.
fn fill_gaps(rows: &mut BTreeMap<Period, Row>, by: By, queries: usize) {
    let starts = || {
        rows.keys().filter_map(|p| match p {
            Period::Dated {
                start,
                month_only: false,
            } => Some(*start),
            _ => None,
        })
    };
    let (Some(first), Some(last)) = (starts().min(), starts().max()) else {
        return;
    };
    let mut at = first;
    while at < last {
        let Some((_, end)) = (Period::Dated {
            start: at,
            month_only: false,
        })
        .days(by) else {
            break;
        };
        let Some(next) = end.succ_opt() else { break };
        let period = Period::Dated {
            start: next,
            month_only: false,
        };
        rows.entry(period).or_insert_with(|| Row {
            period,
            total: 0,
            counts: vec![0; queries],
        });
        at = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> i32 {
        Published::day(NaiveDate::from_ymd_opt(y, m, d).unwrap()).sort_key()
    }

    fn month(y: i32, m: u32) -> i32 {
        Published::month(y, m).unwrap().sort_key()
    }

    #[test]
    fn periods_of_day_and_month_dates() {
        let jan5 = day(2022, 1, 5); // a Wednesday
        assert_eq!(period_of(jan5, By::Day).label(By::Day), "2022-01-05");
        assert_eq!(period_of(jan5, By::Week).label(By::Week), "2022-W01");
        assert_eq!(
            period_of(jan5, By::Week).days(By::Week),
            Some((
                NaiveDate::from_ymd_opt(2022, 1, 3).unwrap(),
                NaiveDate::from_ymd_opt(2022, 1, 9).unwrap()
            ))
        );
        assert_eq!(period_of(jan5, By::Month).label(By::Month), "2022-01");
        assert_eq!(period_of(jan5, By::Year).label(By::Year), "2022");
        let jan = month(2022, 1);
        assert_eq!(period_of(jan, By::Day).label(By::Day), "2022-01");
        assert_eq!(period_of(jan, By::Month), period_of(jan5, By::Month));
        assert!(period_of(jan, By::Day) < period_of(day(2022, 1, 1), By::Day));
        assert_eq!(period_of(i32::MIN, By::Day), Period::Undated);
        assert_eq!(Period::Undated.label(By::Year), "undated");
    }

    #[test]
    fn every_article_is_counted_once_and_gaps_are_rows() {
        let archive = [
            day(2022, 3, 2),
            day(2022, 3, 2),
            month(2022, 3),
            day(2022, 1, 10),
            i32::MIN,
        ];
        let queries = vec![vec![day(2022, 3, 2), month(2022, 3)], vec![i32::MIN]];
        for by in [By::Day, By::Week, By::Month, By::Year] {
            let rows = table(by, &archive, &queries);
            assert_eq!(rows.iter().map(|r| r.total).sum::<u64>(), 5, "{by:?}");
            assert_eq!(rows.iter().map(|r| r.counts[0]).sum::<u64>(), 2, "{by:?}");
            assert_eq!(rows.iter().map(|r| r.counts[1]).sum::<u64>(), 1, "{by:?}");
            assert_eq!(rows.last().unwrap().period, Period::Undated);
        }
        let months = table(By::Month, &archive, &queries);
        let labels: Vec<_> = months.iter().map(|r| r.period.label(By::Month)).collect();
        assert_eq!(labels, ["2022-01", "2022-02", "2022-03", "undated"]);
        assert_eq!(months[1].ratio(0), None, "an empty month has no share");
        assert_eq!(months[2].ratio(0), Some(2.0 / 3.0));
        let days = table(By::Day, &archive, &queries);
        assert_eq!(
            days.len(),
            52 + 1 + 1,
            "every day from 10 January to 2 March, March, undated"
        );
    }
}
