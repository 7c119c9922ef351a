//! The reader pane: the wrapped lines on screen, in a column centred in the pane.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::app::App;
use crate::app::notes::NoteMark;
use crate::app::reader::Content;
use crate::app::wrap::LineKind;
use crate::sanitize::sanitize;

use super::search::marked;
use super::{centered, put};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let reader = &app.reader;
    if let Some(notice) = app.file_notice_text() {
        buf.set_style(
            Rect::new(area.x, area.y, area.width, 1),
            theme.status_warning,
        );
        put(
            buf,
            area.x + 1,
            area.y,
            area.width.saturating_sub(2),
            &notice,
            theme.status_warning,
        );
    }
    let with_header = app.reader_text_area(area);
    let area = app.reader_body_area(area);
    if area.y > with_header.y {
        let width = reader.options().width.min(area.width);
        let x = area.x + (area.width - width) / 2;
        put(buf, x, with_header.y, width, &header(app), theme.meta);
    }
    let nothing = app.timeline.is_empty().then(|| app.nothing_shown());
    let message = match reader.content() {
        // The list beside is empty too: say why here as well, so no pane is left blank.
        Content::Empty if nothing.is_some() => nothing.as_deref(),
        Content::Empty => Some("No article selected."),
        Content::Loading => Some("Loading…"),
        Content::Failed(text) => Some(text.as_str()),
        Content::Ready(_) => None,
    };
    if let Some(text) = message {
        let y = area.y + area.height / 2;
        centered(buf, area.x, y, area.width, text, theme.meta);
        return;
    }
    let width = reader.options().width.min(area.width);
    let x = area.x + (area.width - width) / 2;
    let lines = reader.visible().iter().zip(reader.visible_numbers());
    let offsets = reader.visible_offsets();
    for (i, (line, &number)) in lines.enumerate().take(usize::from(area.height)) {
        let style = match line.kind {
            LineKind::Title => theme.title,
            LineKind::Meta => theme.meta,
            LineKind::Url => theme.url,
            LineKind::Lede => theme.lede,
            LineKind::Heading => theme.heading,
            LineKind::Body | LineKind::Blank => theme.body,
        };
        // Wrapped lines come from sanitised articles; this guards catalogs that skip it.
        let text = sanitize(&line.text);
        let spans = app.search.matcher.spans(&text);
        // The hit `n`/`N` moved to stands out from the others, as in a pager.
        let current = app.current_hit() == Some(number);
        let hit = if current {
            theme.search_hit.add_modifier(Modifier::REVERSED)
        } else {
            theme.search_hit
        };
        marked(
            buf,
            (x, area.y + i as u16, width),
            &text,
            &spans,
            style,
            hit,
        );
        if let Some(offsets) = offsets.get(i) {
            notes_marked(app, (x, area.y + i as u16, width), &text, offsets, buf);
        }
    }
}

/// The line above the article: its labels, and how many notes it has.
fn header(app: &App) -> String {
    let labels = app
        .reader_labels()
        .map(|l| format!("labels: {}", super::labels::compact(l)));
    let key = app
        .config
        .keymap
        .label(crate::config::Context::Reader, crate::config::Action::Notes)
        .unwrap_or("H");
    let notes = match app.reader_notes().len() {
        0 => None,
        1 => Some(format!("1 note or highlight ({key} lists it)")),
        n => Some(format!("{n} notes and highlights ({key} lists them)")),
    };
    [labels, notes]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("  ·  ")
}

/// Draws the selection, highlights and noted passages over a line: `offsets` gives each
/// char's place in the note text (see `Reader::visible_offsets`).
fn notes_marked(
    app: &App,
    (x, y, width): (u16, u16, u16),
    text: &str,
    offsets: &[Option<usize>],
    buf: &mut Buffer,
) {
    let theme = &app.config.theme;
    if offsets.is_empty() || text.chars().count() != offsets.len() {
        return;
    }
    let mut col = x;
    let right = x.saturating_add(width);
    for (c, offset) in text.chars().zip(offsets) {
        let cols = crate::width::columns(c.encode_utf8(&mut [0; 4])) as u16;
        if col.saturating_add(cols) > right {
            break;
        }
        let mark = offset.and_then(|o| app.note_mark(o));
        let style = match mark {
            Some(NoteMark::Selected) => Some(theme.selection),
            Some(NoteMark::Noted) => Some(theme.noted),
            Some(NoteMark::Highlighted) => Some(theme.highlight),
            None => None,
        };
        if let Some(style) = style {
            for dx in 0..cols {
                if let Some(cell) = buf.cell_mut((col + dx, y)) {
                    cell.set_style(style);
                }
            }
        }
        col += cols;
    }
}
