//! The prompt for a saved search's name, on the status line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::sanitize::sanitize;
use crate::search::query::shorten_for_status;

use super::put;

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
