//! The prompt for a saved search's name, on the status line, and the searches overlay.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::searches::ListMode;
use crate::app::{App, Counted, SearchesList};
use crate::sanitize::sanitize;
use crate::search::query::shorten_for_status;
use crate::width;

use super::overlay::{frame, lines};
use super::put;
use super::search::thousands;

pub fn prompt(app: &App, text: &str, status: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    buf.set_style(status, theme.status);
    let query = shorten_for_status(app.search.text.trim());
    let hint = if app
        .config
        .searches
        .get(text.trim_start_matches('@'))
        .is_some()
    {
        "  (replaces the search of that name)"
    } else {
        "  (letters, digits, - and _; Enter saves, Esc cancels)"
    };
    let line = format!(" Save {query} as @{text}█{hint}");
    put(
        buf,
        status.x,
        status.y,
        status.width,
        &sanitize(&line),
        theme.status,
    );
}

/// The searches overlay: each saved search with its counts (once they arrive), where it is
/// kept, and its query; the rename prompt or the delete question on the status line.
pub fn list(app: &App, list: &SearchesList, area: Rect, status: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let rows = app.saved_rows();
    let name_width = rows
        .iter()
        .map(|r| width::columns(&r.name) + 1)
        .max()
        .unwrap_or(0)
        .min(24);
    let counts: Vec<String> = rows
        .iter()
        .map(|r| counts_text(list.count_of(&r.name)))
        .collect();
    let count_width = counts.iter().map(|c| width::columns(c)).max().unwrap_or(0);
    let mut all: Vec<_> = rows
        .iter()
        .zip(&counts)
        .map(|(row, count)| {
            let name = format!("@{}", row.name);
            let kind = if row.stored { "saved " } else { "config" };
            let line = format!(
                "{}  {}  {kind}  {}",
                pad(&name, name_width),
                pad_left(count, count_width),
                row.query
            );
            (line, theme.body)
        })
        .collect();
    let selected = list.selected.min(all.len().saturating_sub(1));
    if let Some(line) = all.get_mut(selected) {
        line.1 = theme.selected;
    }
    let title = format!(
        "{} saved {} (Enter runs, d deletes, r renames, Esc closes)",
        rows.len(),
        if rows.len() == 1 {
            "search"
        } else {
            "searches"
        }
    );
    let inner = frame(app, &title, 100, all.len() as u16 + 2, area, buf);
    let scroll = selected.saturating_sub(usize::from(inner.height).saturating_sub(1));
    lines(buf, inner, &all, scroll);
    let Some(row) = rows.get(selected) else {
        return;
    };
    let (line, style) = match &list.mode {
        ListMode::Browse => return,
        ListMode::Rename(text) => (
            format!(
                " Rename @{} to @{text}█  (letters, digits, - and _; Enter renames, Esc \
                 cancels)",
                row.name
            ),
            theme.status,
        ),
        ListMode::ConfirmDelete => (
            format!(
                " Delete the saved search @{} ({})? y: yes, any other key: no",
                row.name,
                shorten_for_status(&row.query)
            ),
            theme.status_warning,
        ),
    };
    buf.set_style(status, style);
    buf.set_string(
        status.x,
        status.y,
        " ".repeat(usize::from(status.width)),
        style,
    );
    put(buf, status.x, status.y, status.width, &line, style);
}

/// "1,284 · 12 unread", or where the count is.
fn counts_text(count: Option<&Result<Counted, String>>) -> String {
    match count {
        None => "counting…".into(),
        Some(Ok(c)) => format!("{} · {} unread", thousands(c.matches), thousands(c.unread)),
        Some(Err(_)) => "not counted".into(),
    }
}

fn pad(text: &str, columns: usize) -> String {
    let fill = columns.saturating_sub(width::columns(text));
    format!("{text}{}", " ".repeat(fill))
}

fn pad_left(text: &str, columns: usize) -> String {
    let fill = columns.saturating_sub(width::columns(text));
    format!("{}{text}", " ".repeat(fill))
}
