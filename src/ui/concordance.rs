//! The concordance view (`app::concordance`): a title line saying what is listed and how far
//! the reading has got, then one line per hit: date, source, the words before the hit
//! right-aligned against it, the hit highlighted in a column of its own, the words after.
//! Only the visible lines are drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::{App, Concordance};
use crate::config::{Action, Context};
use crate::width;

use super::{cells, put};

/// Columns of the source column at most.
const SOURCE_MAX: usize = 16;

pub fn render(app: &App, view: &Concordance, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    buf.set_style(area, Style::reset());
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.reset();
            }
        }
    }
    if area.height == 0 {
        return;
    }
    put(
        buf,
        area.x,
        area.y,
        area.width,
        &title(view),
        theme.day_header,
    );
    if area.height > 2 {
        let y = area.bottom() - 1;
        put(buf, area.x, y, area.width, &hints(app), theme.hint);
    }
    let rows = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(2),
    );
    if view.is_empty() {
        let text = if view.done {
            "No hit of the search in the text of its articles (it matched their source or date)."
        } else {
            "Reading the articles…"
        };
        put(buf, rows.x, rows.y, rows.width, text, theme.meta);
        return;
    }
    let source_width = view
        .lines
        .iter()
        .map(|l| width::columns(&l.source))
        .max()
        .unwrap_or(0)
        .min(SOURCE_MAX);
    let date_width = 10;
    let width = usize::from(rows.width);
    let show_date = width >= 60;
    let show_source = width >= 80 && source_width > 0;
    let fixed =
        if show_date { date_width + 2 } else { 0 } + if show_source { source_width + 2 } else { 0 };
    let text_width = width.saturating_sub(fixed);
    let left_width = text_width * 2 / 5;
    for row in 0..usize::from(rows.height) {
        let index = view.top + row;
        let Some(hit) = view.line(index) else { break };
        let y = rows.y + row as u16;
        let selected = index == view.selected;
        let style = |s: Style| if selected { s.patch(theme.selected) } else { s };
        if selected {
            buf.set_style(Rect::new(rows.x, y, rows.width, 1), theme.selected);
        }
        let mut x = rows.x;
        if show_date {
            let date = hit
                .published
                .map_or_else(|| "undated".to_string(), |p| p.to_string());
            put(buf, x, y, date_width as u16, &date, style(theme.date));
            x += (date_width + 2) as u16;
        }
        if show_source {
            put(
                buf,
                x,
                y,
                source_width as u16,
                &hit.source,
                style(theme.source),
            );
            x += (source_width + 2) as u16;
        }
        let left = crate::ui::fit_end(&hit.line.left, left_width);
        let pad = left_width.saturating_sub(width::columns(&left)) as u16;
        put(buf, x + pad, y, left_width as u16, &left, style(theme.row));
        x += left_width as u16;
        let room = usize::from(rows.right().saturating_sub(x));
        let end = cells::set_text(buf, x, y, &hit.line.hit, room, style(theme.search_hit));
        let room = rows.right().saturating_sub(end);
        put(buf, end, y, room, &hit.line.right, style(theme.row));
    }
}

/// The view's keys, as the keymap binds them in the timeline.
fn hints(app: &App) -> String {
    let key = |action, default: &'static str| {
        app.config
            .keymap
            .label(Context::Timeline, action)
            .unwrap_or(default)
            .to_string()
    };
    format!(
        "{} {} move · {} order: date, word after, word before · {} read at the hit · {} back",
        key(Action::Down, "j"),
        key(Action::Up, "k"),
        key(Action::ToggleOrder, "S"),
        key(Action::Open, "enter"),
        key(Action::CloseSearch, "esc"),
    )
}

/// "12 hits in 5 articles of “erdogan” · by date · reading 40 of 120 articles…"
fn title(view: &Concordance) -> String {
    let hits = view.len();
    let mut text = format!(
        "{} {} of “{}” · {}",
        hits,
        if hits == 1 { "hit" } else { "hits" },
        view.query,
        view.order.describe()
    );
    if !view.done {
        text.push_str(&format!(
            " · reading {} of {} articles…",
            view.articles_read, view.articles
        ));
    } else {
        text.push_str(&format!(" · {} articles", view.articles));
    }
    if view.truncated {
        text.push_str(&format!(" · only the first {hits} listed"));
    }
    if view.unreadable > 0 {
        text.push_str(&format!(
            " · {} could not be read (! lists problems)",
            view.unreadable
        ));
    }
    text
}
