//! The strip above the timeline: articles per period as a bar chart, the period of the
//! selected article marked. It reads the timeline's per-day counts (at most one number per
//! day of the archive's span), never the entries.

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::article::Published;

use super::put;

mod compare;

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
    if app.strip.compares()
        && let Some(archive) = app.strip.archive_days()
    {
        compare::render(app, archive, area, buf);
        return;
    }
    let theme = &app.config.theme;
    let Some((period, start, counts)) = buckets(app.timeline.histogram(), usize::from(area.width))
    else {
        return;
    };
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let span = |i: usize| columns(i, counts.len(), area.width);
    let selected = app
        .timeline
        .selected()
        .and_then(|e| Published::from_sort_key(e.sort_key))
        .and_then(|p| usize::try_from(period.index(p.date) - start).ok())
        .filter(|&i| i < counts.len());
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
        for x in span(i) {
            buf.set_string(area.x + x, area.y, symbol, style);
        }
    }
    if area.height < 2 {
        return;
    }
    let days = app.timeline.histogram();
    let date =
        |d: Option<&(i32, u32)>| d.and_then(|&(d, _)| NaiveDate::from_num_days_from_ce_opt(d));
    let (Some(first), Some(last)) = (date(days.first()), date(days.last())) else {
        return;
    };
    let marker = selected.map(|i| span(i).start);
    let y = area.y + 1;
    let (left, right) = (period.label(first), period.label(last));
    for (x, text) in axis(&left, period.name(), &right, marker, area.width) {
        let style = if text == MARKER {
            theme.strip_selected
        } else {
            theme.strip_axis
        };
        put(buf, area.x + x, y, area.width - x, text, style);
    }
}

const MARKER: &str = "▲";

/// The columns of bucket `i` of `n` across `width` columns: the buckets share the width as
/// evenly as whole columns allow, so the chart always reaches the right edge (where the last
/// date's label is).
fn columns(i: usize, n: usize, width: u16) -> std::ops::Range<u16> {
    let edge = |i: usize| (i * usize::from(width) / n.max(1)) as u16;
    edge(i)..edge(i + 1).max(edge(i) + 1).min(width)
}

/// Where the axis row's texts go, as (column, text): the marker under the selected bucket
/// first, as it is the one that moves; then the first date at the left edge and the last at
/// the right edge, each moved to the far side of the marker when it would cover it; then the
/// period's name in the middle. A text that does not fit with a column to spare around the
/// others is left out.
fn axis<'a>(
    left: &'a str,
    middle: &'a str,
    right: &'a str,
    marker: Option<u16>,
    width: u16,
) -> Vec<(u16, &'a str)> {
    let mut placed: Vec<(u16, &str)> = Vec::new();
    let len = |s: &str| u16::try_from(s.chars().count()).unwrap_or(u16::MAX);
    let free = |placed: &[(u16, &str)], at: u16, text: &str| {
        at.checked_add(len(text)).is_some_and(|end| end <= width)
            && placed.iter().all(|&(x, other)| {
                at.saturating_add(len(text)) < x || at > x.saturating_add(len(other))
            })
    };
    if let Some(m) = marker.filter(|&m| m < width) {
        placed.push((m, MARKER));
    }
    let after_marker = marker.map_or(u16::MAX, |m| m.saturating_add(2));
    let before_marker = |text: &str| {
        marker
            .and_then(|m| m.checked_sub(1 + len(text)))
            .unwrap_or(u16::MAX)
    };
    let right_edge = width.saturating_sub(len(right));
    let middle_at = width.saturating_sub(len(middle)) / 2;
    for (text, choices) in [
        (left, [0, after_marker]),
        (right, [right_edge, before_marker(right)]),
        (middle, [middle_at, u16::MAX]),
    ] {
        if let Some(at) = choices.into_iter().find(|&at| free(&placed, at, text)) {
            placed.push((at, text));
        }
    }
    placed
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

    #[test]
    fn buckets_share_the_whole_width() {
        let spans: Vec<_> = (0..22).map(|i| columns(i, 22, 64)).collect();
        assert_eq!(spans[0].start, 0);
        assert_eq!(spans[21].end, 64);
        assert!(spans.windows(2).all(|w| w[0].end == w[1].start));
        assert!(spans.iter().all(|s| s.len() == 2 || s.len() == 3));
    }

    #[test]
    fn the_marker_is_never_covered_by_a_label() {
        let (l, m, r) = ("2024-04-03", "per day", "2024-04-30");
        assert_eq!(
            axis(l, m, r, Some(20), 64),
            vec![(20, MARKER), (0, l), (54, r), (28, m)]
        );
        // Under the left label: the label moves right of the marker.
        assert_eq!(axis(l, m, r, Some(0), 64)[1], (2, l));
        assert_eq!(axis(l, m, r, Some(3), 64)[1], (5, l));
        // Under the right label: the label moves left of it.
        assert_eq!(axis(l, m, r, Some(62), 64)[2], (51, r));
        // Under the middle: the middle is left out.
        assert_eq!(axis(l, m, r, Some(30), 64).len(), 3);
        // Too narrow for both dates: the marker and the first date stay.
        assert_eq!(axis(l, m, r, Some(5), 20), vec![(5, MARKER), (7, l)]);
    }
}
