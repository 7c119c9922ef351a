//! The export prompt (on the status line, as the date prompt) and the pipe's output pane.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, ExportPrompt, OutputPane};
use crate::width;

use super::overlay::{frame, lines};
use super::put;

/// ` Export 42 results to: folio-export-….csv█`; a long name shows its end, where the cursor is.
pub fn export_prompt(app: &App, prompt: &ExportPrompt, status: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    buf.set_style(status, theme.status);
    let lead = format!(" Export {} to: ", prompt.what);
    let tail = if prompt.replace {
        "█  (exists: Enter replaces it)"
    } else {
        "█"
    };
    let room = usize::from(status.width)
        .saturating_sub(width::columns(&lead) + width::columns(tail))
        .max(1);
    let name = end_of(&prompt.text, room);
    let line = format!("{lead}{name}{tail}");
    put(buf, status.x, status.y, status.width, &line, theme.status);
}

/// The last `room` columns of `text`, with "…" before when cut.
fn end_of(text: &str, room: usize) -> String {
    if width::columns(text) <= room {
        return text.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = width::columns(c.encode_utf8(&mut [0; 4]));
        if used + w > room {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

pub fn output(app: &App, pane: &OutputPane, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let all: Vec<_> = pane.lines.iter().map(|l| (l.clone(), theme.body)).collect();
    let title = format!("{} (j/k scroll, Esc closes)", pane.title);
    let height = (all.len() as u16).saturating_add(2);
    let inner = frame(app, &title, 100, height, area, buf);
    lines(buf, inner, &all, pane.scroll);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_name_shows_its_end() {
        assert_eq!(end_of("short.csv", 20), "short.csv");
        assert_eq!(end_of("/a/very/long/folder/out.csv", 10), "…r/out.csv");
    }
}
