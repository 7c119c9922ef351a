//! The strip when it compares (`app::strip`): the search's share of all articles per period,
//! and a pinned search drawn beside the current one, each bucket's columns split between
//! them, the pinned one in its own colour. Buckets follow the whole archive's span, so both
//! searches and their shares line up on one axis.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::App;
use crate::article::Published;
use crate::ui::put;

use super::{BARS, MARKER, Period, axis, buckets, columns};

pub fn render(app: &App, archive: &[(i32, u32)], area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let pinned = app.strip.pinned.as_ref();
    // Two columns a bucket at least when a pinned search shares them.
    let slots = if pinned.is_some() {
        (area.width / 2).max(1)
    } else {
        area.width
    };
    let Some((period, start, totals)) = buckets(archive, usize::from(slots)) else {
        return;
    };
    let n = totals.len();
    let current = spread(app.timeline.histogram(), period, start, n);
    let other = pinned.map(|p| spread(&p.days, period, start, n));
    let share = app.strip.share;
    let value = |counts: &[u32], i: usize| -> f64 {
        let count = f64::from(counts.get(i).copied().unwrap_or(0));
        match (share, totals.get(i).copied().unwrap_or(0)) {
            (false, _) => count,
            (true, 0) => 0.0,
            (true, total) => count / f64::from(total),
        }
    };
    let max = (0..n)
        .flat_map(|i| {
            [
                Some(value(&current, i)),
                other.as_ref().map(|o| value(o, i)),
            ]
        })
        .flatten()
        .fold(0.0_f64, f64::max);
    let selected = app
        .timeline
        .selected()
        .and_then(|e| Published::from_sort_key(e.sort_key))
        .and_then(|p| usize::try_from(period.index(p.date) - start).ok())
        .filter(|&i| i < n);
    for i in 0..n {
        let span = columns(i, n, area.width);
        let style = if selected == Some(i) {
            theme.strip_selected
        } else {
            theme.strip
        };
        let (mine, theirs) = match &other {
            Some(_) => {
                let middle = span.start + (span.len() as u16 / 2).max(1);
                (span.start..middle, middle..span.end)
            }
            None => (span.clone(), span.end..span.end),
        };
        draw(buf, area, mine, level(value(&current, i), max), style);
        if let Some(o) = &other {
            draw(
                buf,
                area,
                theirs,
                level(value(o, i), max),
                theme.strip_pinned,
            );
        }
    }
    if area.height < 2 {
        return;
    }
    let date =
        |d: Option<&(i32, u32)>| d.and_then(|&(d, _)| NaiveDate::from_num_days_from_ce_opt(d));
    let (Some(first), Some(last)) = (date(archive.first()), date(archive.last())) else {
        return;
    };
    let (left, right) = (period.label(first), period.label(last));
    let name = match share {
        true => format!("share {}", period.name()),
        false => period.name().to_string(),
    };
    // The pinned search's name matters more than the period's when both do not fit.
    let room = usize::from(area.width).saturating_sub(left.len() + right.len() + 4);
    let middle = match pinned {
        Some(p) if name.len() + 4 + crate::width::columns(&p.label) <= room => {
            format!("{name} · vs {}", p.label)
        }
        Some(p) => crate::ui::fit(&format!("vs {}", p.label), room),
        None => name,
    };
    let marker = selected.map(|i| columns(i, n, area.width).start);
    let mut placed = axis(&left, &middle, &right, marker, area.width);
    let fitted;
    if !placed.iter().any(|&(_, t)| t == middle) {
        // No room in the middle (the marker pushed a date there): what fits after the first
        // date, before whatever comes next.
        let start = left.len() as u16 + 2;
        let end = placed
            .iter()
            .map(|&(x, _)| x)
            .filter(|&x| x > start)
            .min()
            .unwrap_or(area.width);
        if end > start + 4 {
            fitted = crate::ui::fit(&middle, usize::from(end - start - 1));
            placed.push((start, fitted.as_str()));
        }
    }
    for (x, text) in placed {
        let style = if text == MARKER {
            theme.strip_selected
        } else if pinned.is_some() && text != left && text != right {
            theme.strip_pinned
        } else {
            theme.strip_axis
        };
        put(buf, area.x + x, area.y + 1, area.width - x, text, style);
    }
}

/// The bar for `value` on a scale to `max`: a space for nothing, else at least the lowest.
fn level(value: f64, max: f64) -> &'static str {
    if value <= 0.0 || max <= 0.0 {
        return " ";
    }
    let step = (value / max * BARS.len() as f64).ceil() as usize;
    BARS[step.clamp(1, BARS.len()) - 1]
}

fn draw(buf: &mut Buffer, area: Rect, span: std::ops::Range<u16>, symbol: &str, style: Style) {
    for x in span {
        buf.set_string(area.x + x, area.y, symbol, style);
    }
}

/// Counts per bucket of `days` on the axis `buckets` chose (`len` buckets of `period` from
/// `start`).
fn spread(days: &[(i32, u32)], period: Period, start: i64, len: usize) -> Vec<u32> {
    let mut counts = vec![0u32; len];
    for &(d, n) in days {
        let Some(day) = NaiveDate::from_num_days_from_ce_opt(d) else {
            continue;
        };
        let i = (period.index(day) - start).clamp(0, len as i64 - 1) as usize;
        if let Some(c) = counts.get_mut(i) {
            *c = c.saturating_add(n);
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_scale_to_the_largest_value() {
        assert_eq!(level(0.0, 1.0), " ");
        assert_eq!(level(1.0, 1.0), "█");
        assert_eq!(level(0.01, 1.0), "▁");
        assert_eq!(level(0.5, 1.0), "▄");
    }

    #[test]
    fn a_search_spreads_on_the_archives_axis() {
        let day = |m, d| {
            NaiveDate::from_ymd_opt(2022, m, d)
                .unwrap()
                .num_days_from_ce()
        };
        use chrono::Datelike;
        let archive = [(day(1, 1), 4), (day(3, 1), 2)];
        let (period, start, totals) = buckets(&archive, 40).unwrap();
        let search = spread(&[(day(3, 1), 1)], period, start, totals.len());
        assert_eq!(search.len(), totals.len());
        assert_eq!(search.last(), Some(&1));
        assert_eq!(search.iter().sum::<u32>(), 1);
    }
}
