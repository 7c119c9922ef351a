//! Notes and highlights: the note prompt on the status line and the list of the reader's
//! article's notes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::sanitize::sanitize;

use super::overlay::{frame, lines};
use super::put;

/// The note prompt: what is typed, its end if it is longer than the line.
pub fn prompt(app: &App, text: &str, status: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    buf.set_style(status, theme.status);
    let hint = "  (Enter saves, Esc goes back to the selection)";
    let room = usize::from(status.width).saturating_sub(hint.len() + 10);
    let count = text.chars().count();
    let shown: String = if count > room {
        let tail: String = text.chars().skip(count - room.saturating_sub(1)).collect();
        format!("…{tail}")
    } else {
        text.to_string()
    };
    let line = format!(" Note: {shown}█{hint}");
    put(
        buf,
        status.x,
        status.y,
        status.width,
        &sanitize(&line),
        theme.status,
    );
}

/// One line for a passage: its quote on one line, paragraphs joined by ¶.
pub fn quote_line(quote: &str) -> String {
    let joined = quote
        .split(crate::anchor::PARAGRAPH_SEPARATOR)
        .collect::<Vec<_>>();
    format!("“{}”", joined.join(" ¶ "))
}

pub fn overview(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let notes = app.reader_notes();
    let mut all = Vec::with_capacity(notes.len() * 2);
    for (i, (note, found)) in notes.iter().enumerate() {
        let gone = if found.range().is_none() {
            "[passage gone] "
        } else {
            ""
        };
        let (first, second) = if i == selected {
            (theme.selected, theme.selected)
        } else {
            (theme.body, theme.meta)
        };
        all.push((
            sanitize(&format!("{gone}{}", quote_line(&note.quote))).into_owned(),
            first,
        ));
        let said = if note.is_highlight() {
            "  (highlight)".to_string()
        } else {
            format!("  {}", note.note)
        };
        all.push((sanitize(&said).into_owned(), second));
    }
    let title = format!(
        "{} notes and highlights (Enter jumps, d deletes, Esc closes)",
        notes.len()
    );
    let inner = frame(app, &title, 76, all.len() as u16 + 2, area, buf);
    let scroll = (selected * 2 + 2).saturating_sub(usize::from(inner.height));
    lines(buf, inner, &all, scroll);
}
