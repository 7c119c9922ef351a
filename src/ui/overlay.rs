//! Overlays drawn over the panes: help (from the keymap), problems (with paths), the source
//! picker and the jump-to-date prompt.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Widget};

use crate::app::App;
use crate::config::Context;
use crate::sanitize::sanitize;

use crate::width;

use super::put;

/// A bordered box of at most `width` x `height`, centred; returns the inside.
pub(super) fn frame(
    app: &App,
    title: &str,
    width: u16,
    height: u16,
    area: Rect,
    buf: &mut Buffer,
) -> Rect {
    let w = width.min(area.width.saturating_sub(2)).max(10);
    let h = height.min(area.height.saturating_sub(2)).max(3);
    let rect = Rect::new(
        area.x + (area.width.saturating_sub(w)) / 2,
        area.y + (area.height.saturating_sub(h)) / 2,
        w,
        h,
    )
    .intersection(area);
    Clear.render(rect, buf);
    super::cells::split_wide_at_left_edge(buf, rect);
    let block = Block::bordered()
        .title(format!(" {title} "))
        .border_style(app.config.theme.focused_border);
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}

/// Lines from `scroll` on, one per row; says when there is more below.
pub(super) fn lines(
    buf: &mut Buffer,
    inner: Rect,
    all: &[(String, ratatui::style::Style)],
    scroll: usize,
) {
    let scroll = scroll.min(all.len().saturating_sub(usize::from(inner.height)));
    for (i, (text, style)) in all
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        put(
            buf,
            inner.x + 1,
            inner.y + i as u16,
            inner.width.saturating_sub(2),
            text,
            *style,
        );
    }
}

pub fn help(app: &App, scroll: usize, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let mut all = Vec::new();
    for (context, title) in [
        (Context::Timeline, "Timeline"),
        (Context::Reader, "Reader"),
        (
            Context::Visual,
            "Selecting a passage (after V in the reader)",
        ),
        (Context::Global, "Everywhere"),
    ] {
        if !all.is_empty() {
            all.push((String::new(), theme.body));
        }
        all.push((title.to_string(), theme.heading));
        let rows: Vec<_> = app
            .config
            .keymap
            .bindings()
            .iter()
            .filter(|b| b.context == context && !b.labels.is_empty())
            .map(|b| (b.labels.join(", "), b.desc.as_str()))
            .collect();
        let column = rows
            .iter()
            .map(|(k, _)| width::columns(k))
            .max()
            .unwrap_or(0)
            .min(28);
        for (keys, desc) in rows {
            let pad = column.saturating_sub(width::columns(&keys));
            all.push((format!("  {keys}{} {desc}", " ".repeat(pad)), theme.body));
        }
    }
    let inner = frame(
        app,
        "Keys (j/k scroll, Esc closes)",
        64,
        all.len() as u16 + 2,
        area,
        buf,
    );
    lines(buf, inner, &all, scroll);
}

/// The problems, two lines each (the path, then what is wrong), the selected one marked.
pub fn problems(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let problems = app.catalog().problems();
    let mut all = Vec::new();
    if problems.is_empty() {
        all.push((
            "Every file was read without trouble.".to_string(),
            theme.body,
        ));
    }
    for (i, p) in problems.iter().enumerate() {
        let (path, message) = if i == selected {
            (theme.selected, theme.selected)
        } else {
            (theme.source, theme.body)
        };
        // `path:LINE` or `path (article N)` for an article of a file of several.
        all.push((sanitize(&p.location()).into_owned(), path));
        all.push((format!("  {}", p.message()), message));
    }
    let title = format!(
        "{} problems (Enter opens the article, Esc closes)",
        problems.len()
    );
    let inner = frame(app, &title, 100, all.len() as u16 + 2, area, buf);
    // The selected problem's two lines are on screen.
    let scroll = (2 * selected + 2).saturating_sub(usize::from(inner.height));
    lines(buf, inner, &all, scroll);
}

pub fn sources(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let catalog = app.catalog();
    let total = catalog.timeline().len();
    let mut all = vec![(format!("All sources ({total})"), theme.body)];
    for (name, count) in catalog.sources() {
        let name = if name.is_empty() {
            "(unknown source)"
        } else {
            name
        };
        all.push((format!("{name} ({count})"), theme.body));
    }
    if let Some(line) = all.get_mut(selected) {
        line.1 = theme.selected;
    }
    let inner = frame(
        app,
        "Show one source (Enter picks)",
        50,
        all.len() as u16 + 2,
        area,
        buf,
    );
    let scroll = selected.saturating_sub(usize::from(inner.height).saturating_sub(1));
    lines(buf, inner, &all, scroll);
}

pub fn jump(app: &App, text: &str, status: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    buf.set_style(status, theme.status);
    let prompt = format!(" Jump to (2022, 2022-01 or 2022-01-15): {text}█");
    put(buf, status.x, status.y, status.width, &prompt, theme.status);
}
