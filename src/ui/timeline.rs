//! The timeline list: day and month headers, then one row per article (marks, date, source,
//! title). Only the rows on screen are fetched.

use crate::width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::dates::{self, Group};
use crate::app::timeline::ListLine;
use crate::app::{App, Focus};
use crate::article::Precision;

use super::search::marked;
use super::{centered, put};
use crate::search::highlight::snippet;

/// The widest a source column gets: a longer name is cut, titles keep the rest.
const MAX_SOURCE_WIDTH: u16 = 16;

/// The source column's width without its gap: as wide as the widest source name in the
/// archive (not only the rows on screen, so the titles do not move while scrolling), at most
/// [`MAX_SOURCE_WIDTH`]; none when the archive has a single source, as it would say the same
/// on every row. The list of sources is one entry per outlet, not per article.
fn source_width(sources: &[(String, usize)]) -> u16 {
    let named = sources
        .iter()
        .filter(|(name, n)| *n > 0 && !name.is_empty());
    if named.clone().nth(1).is_none() {
        return 0;
    }
    let widest = named
        .map(|(name, _)| width::columns(name))
        .max()
        .unwrap_or(0);
    u16::try_from(widest)
        .unwrap_or(u16::MAX)
        .min(MAX_SOURCE_WIDTH)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let timeline = &app.timeline;
    if timeline.is_empty() {
        centered(
            buf,
            area.x,
            area.y + area.height / 2,
            area.width,
            &app.nothing_shown(),
            theme.meta,
        );
        return;
    }
    let catalog = timeline.catalog();
    let hit = theme.search_hit;
    let show_date = area.width >= 50;
    let source_width = source_width(catalog.sources());
    let show_source = area.width >= 64 && source_width > 0;
    for (i, line) in timeline
        .visible(usize::from(area.height))
        .iter()
        .enumerate()
    {
        let y = area.y + i as u16;
        match *line {
            ListLine::Header(group, _) => {
                // The user's language, not the article's: a mixed archive keeps one.
                let label = dates::group_label(group, &app.config.locale);
                let label = match group {
                    Group::Month { .. } => format!("{label} (month only)"),
                    _ => label,
                };
                put(buf, area.x, y, area.width, &label, theme.day_header);
            }
            ListLine::Entry(index) => {
                let Some(entry) = timeline.entry(index) else {
                    continue;
                };
                let read = app.marks.read.contains(&entry.id_hash);
                let starred = app.marks.starred.contains(&entry.id_hash);
                let selected = index == timeline.selected_index();
                let base = if read { theme.row_read } else { theme.row };
                let style = |s: Style| {
                    let s = base.patch(s);
                    match (selected, app.focus) {
                        (true, Focus::Timeline) => s.patch(theme.selected),
                        (true, Focus::Reader) => s.patch(theme.selected_inactive),
                        _ => s,
                    }
                };
                if selected {
                    buf.set_style(Rect::new(area.x, y, area.width, 1), style(Style::new()));
                }
                let mut x = area.x;
                let mut right = area.width;
                // Each column is fitted to its width less a one-column gap.
                let mut cell = |text: &str, width: u16, s: Style, x: &mut u16| {
                    let w = width.min(right);
                    put(buf, *x, y, w.saturating_sub(1).max(1), text, style(s));
                    *x += w;
                    right -= w;
                };
                // The mark column is there only while rows are marked (`x`).
                if app.picked_count() > 0 {
                    let picked = app.is_picked(entry.id_hash);
                    cell(if picked { "✓" } else { " " }, 2, theme.selected, &mut x);
                }
                cell(if read { " " } else { "•" }, 2, theme.unread_mark, &mut x);
                cell(if starred { "★" } else { " " }, 2, theme.star_mark, &mut x);
                let Some(row) = catalog.row(&entry) else {
                    cell("(no longer in the archive)", u16::MAX, theme.meta, &mut x);
                    continue;
                };
                if show_date {
                    let date = match row.published {
                        Some(p) if p.precision == Precision::Day => p.to_string(),
                        Some(p) => p.to_string(),
                        None => "undated".to_string(),
                    };
                    cell(&date, 11, theme.date, &mut x);
                }
                if show_source {
                    cell(&row.source, source_width + 1, theme.source, &mut x);
                }
                // A story's row says how many copies it folds; the copies listed under it
                // hang from it; shown one by one, a copy says it is one.
                let behind = timeline.copies_behind(index);
                let copy_mark = if timeline.in_block(index) {
                    "↳".to_string()
                } else if behind > 0 {
                    format!("+{behind}")
                } else if !timeline.grouped() && catalog.copies().is_copy(entry.id_hash) {
                    "copy".to_string()
                } else {
                    String::new()
                };
                if !copy_mark.is_empty() {
                    let w = u16::try_from(width::columns(&copy_mark)).unwrap_or(4) + 1;
                    cell(&copy_mark, w, theme.copies, &mut x);
                }
                let spans = app.search.matcher.spans(&row.title);
                let labels = app.labels_of(entry.id_hash);
                let labels_width = super::labels::row_width(labels, right);
                let w = right.saturating_sub(1 + labels_width).max(1);
                marked(buf, (x, y, w), &row.title, &spans, style(Style::new()), hit);
                if labels_width > 0 {
                    let at = area.x + area.width - labels_width;
                    let text = super::labels::compact(labels);
                    put(buf, at, y, labels_width, &text, style(theme.meta));
                }
            }
            // Around the lede's first hit; else the body's, which the app had read off the
            // UI thread (bodies are not stored in the index); else the lede's start.
            ListLine::Snippet(index) => {
                let Some(entry) = timeline.entry(index) else {
                    continue;
                };
                let Some(row) = catalog.row(&entry) else {
                    continue;
                };
                let indent = 4.min(area.width);
                let width = area.width - indent;
                let matcher = &app.search.matcher;
                let (text, spans) = snippet(matcher, &row.lede, usize::from(width))
                    .or_else(|| {
                        let body = app.snippets.body(entry.id_hash)?;
                        snippet(matcher, body, usize::from(width))
                    })
                    .unwrap_or_else(|| (row.lede.clone(), Vec::new()));
                marked(
                    buf,
                    (area.x + indent, y, width),
                    &text,
                    &spans,
                    theme.meta,
                    hit,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(names: &[&str]) -> Vec<(String, usize)> {
        names.iter().map(|n| (n.to_string(), 3)).collect()
    }

    #[test]
    fn the_source_column_is_as_wide_as_the_widest_name_and_absent_for_one() {
        assert_eq!(source_width(&sources(&["BBC"])), 0);
        assert_eq!(source_width(&sources(&["BBC", ""])), 0);
        assert_eq!(source_width(&sources(&["BBC", "Reuters"])), 7);
        assert_eq!(source_width(&sources(&["BBC", "東京新聞"])), 8);
        let long = sources(&["BBC", "The Ostrianer Morning Tagblatt"]);
        assert_eq!(source_width(&long), MAX_SOURCE_WIDTH);
    }
}
