//! The strip above the timeline: articles per period as a bar chart, the period of the
//! selected article marked. It reads the timeline's per-day counts (at most one number per
//! day of the archive's span), never the entries.

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::app::dates;

use super::put;

const BARS: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/// The bucket size, the finest whose buckets fit the width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Day,
    Week,
    Month,
    Year,
}

impl Period {
    /// A number that grows by one per period.
    fn index(self, date: NaiveDate) -> i64 {
        match self {
            Period::Day => i64::from(date.num_days_from_ce()),
            Period::Week => i64::from(date.num_days_from_ce()).div_euclid(7),
            Period::Month => i64::from(date.year()) * 12 + i64::from(date.month0()),
            Period::Year => i64::from(date.year()),
        }
    }

    fn label(self, date: NaiveDate) -> String {
        match self {
            Period::Day | Period::Week => date.format("%Y-%m-%d").to_string(),
            Period::Month => date.format("%Y-%m").to_string(),
            Period::Year => date.format("%Y").to_string(),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Period::Day => "per day",
            Period::Week => "per week",
            Period::Month => "per month",
            Period::Year => "per year",
        }
    }
}

/// Counts per bucket, oldest first, with the first bucket's index and the period used.
pub fn buckets(days: &[(i32, u32)], width: usize) -> Option<(Period, i64, Vec<u32>)> {
    let date = |d: i32| NaiveDate::from_num_days_from_ce_opt(d);
    let first = date(days.first()?.0)?;
    let last = date(days.last()?.0)?;
    let width = width.max(1) as i64;
    let period = [Period::Day, Period::Week, Period::Month, Period::Year]
        .into_iter()
        .find(|p| p.index(last) - p.index(first) < width)
        .unwrap_or(Period::Year);
    let start = period.index(first);
    let len = (period.index(last) - start + 1).clamp(1, width) as usize;
    let mut counts = vec![0u32; len];
    for &(d, n) in days {
        let Some(day) = date(d) else { continue };
        let i = (period.index(day) - start).clamp(0, len as i64 - 1) as usize;
        if let Some(c) = counts.get_mut(i) {
            *c = c.saturating_add(n);
        }
    }
    Some((period, start, counts))
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let Some((period, start, counts)) = buckets(app.timeline.histogram(), usize::from(area.width))
    else {
        return;
    };
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    // Each bucket gets the same number of columns, so the chart fills the width.
    let cols = (usize::from(area.width) / counts.len()).max(1);
    let selected = app
        .timeline
        .selected()
        .and_then(|e| dates::published_of(e.sort_key))
        .map(|p| (period.index(p.date) - start) as usize);
    for (i, &n) in counts.iter().enumerate() {
        let level = if n == 0 {
            " "
        } else {
            BARS[((n as usize * BARS.len()).div_ceil(max as usize)).clamp(1, BARS.len()) - 1]
        };
        let is_selected = selected == Some(i);
        let style = if is_selected {
            theme.strip_selected
        } else {
            theme.strip
        };
        let symbol = if is_selected && n == 0 { "▁" } else { level };
        for c in 0..cols {
            let x = area.x + (i * cols + c) as u16;
            if x < area.right() {
                buf.set_string(x, area.y, symbol, style);
            }
        }
    }
    if area.height < 2 {
        return;
    }
    let y = area.y + 1;
    let days = app.timeline.histogram();
    let date =
        |d: Option<&(i32, u32)>| d.and_then(|&(d, _)| NaiveDate::from_num_days_from_ce_opt(d));
    let (Some(first), Some(last)) = (date(days.first()), date(days.last())) else {
        return;
    };
    put(
        buf,
        area.x,
        y,
        area.width,
        &period.label(first),
        theme.strip_axis,
    );
    let right = period.label(last);
    let right_x = area.right().saturating_sub(right.len() as u16);
    if let Some(i) = selected {
        let x = area.x + (i * cols) as u16;
        if x < area.right() {
            buf.set_string(x, y, "▲", theme.strip_selected);
        }
    }
    let middle = period.name();
    let mid_x = area.x + area.width.saturating_sub(middle.len() as u16) / 2;
    if mid_x > area.x + 11 && mid_x + (middle.len() as u16) < right_x {
        buf.set_string(mid_x, y, middle, theme.strip_axis);
    }
    if right_x > area.x + 11 {
        buf.set_string(right_x, y, &right, theme.strip_axis);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> i32 {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().num_days_from_ce()
    }

    #[test]
    fn the_period_grows_with_the_span() {
        let short = [(day(2022, 1, 1), 2), (day(2022, 1, 20), 3)];
        let (p, _, counts) = buckets(&short, 40).unwrap();
        assert_eq!(p, Period::Day);
        assert_eq!(counts.len(), 20);
        assert_eq!(counts.iter().sum::<u32>(), 5);
        let long = [(day(2015, 1, 1), 1), (day(2022, 6, 1), 1)];
        assert_eq!(buckets(&long, 40).unwrap().0, Period::Year);
        assert_eq!(buckets(&long, 100).unwrap().0, Period::Month);
        assert!(buckets(&[], 40).is_none());
    }
}
