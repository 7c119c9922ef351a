//! Drawing: a pure function of `&App`, one widget per pane. Only the visible rows are fetched
//! from the catalog; nothing here writes to the model.

mod bars;
pub mod cells;
mod concordance;
mod diff;
mod handover;
mod labels;
mod notes;
mod overlay;
mod reader;
mod saved;
mod search;
mod strip;
mod timeline;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use unicode_segmentation::UnicodeSegmentation;

use crate::app::{App, Overlay};
use crate::sanitize::sanitize;
use crate::width;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let panes = self.layout.panes(area, self.focus);
        if panes.too_small {
            too_small(area, buf);
            return;
        }
        if let Some(view) = &self.kwic.open {
            let body = Rect::new(
                area.x,
                area.y,
                area.width,
                panes.status.y.saturating_sub(area.y),
            );
            concordance::render(self, view, body, buf);
        } else {
            self.draw_panes(&panes, buf);
        }
        bars::status(self, panes.status, buf);
        if self.search.is_open() {
            search::line(self, panes.hints, buf);
        } else {
            bars::hints(self, panes.hints, buf);
        }
        match &self.overlay {
            Overlay::None => {}
            Overlay::Help { scroll } => overlay::help(self, *scroll, area, buf),
            Overlay::Problems { selected } => overlay::problems(self, *selected, area, buf),
            Overlay::Sources { selected } => overlay::sources(self, *selected, area, buf),
            Overlay::Jump(text) => overlay::jump(self, text, panes.status, buf),
            Overlay::Label { text, scope } => labels::prompt(self, text, *scope, panes.status, buf),
            Overlay::Labels { selected } => labels::overview(self, *selected, area, buf),
            Overlay::Bulk { count } => labels::bulk(self, *count, area, buf),
            Overlay::Confirm { action, count } => {
                labels::confirm(self, action, *count, panes.status, buf)
            }
            Overlay::Export(prompt) => handover::export_prompt(self, prompt, panes.status, buf),
            Overlay::Output(pane) => handover::output(self, pane, area, buf),
            Overlay::SaveSearch(text) => saved::prompt(self, text, panes.status, buf),
            Overlay::Searches(list) => saved::list(self, list, area, panes.status, buf),
            Overlay::NotePrompt(text) => notes::prompt(self, text, panes.status, buf),
            Overlay::Notes { selected } => notes::overview(self, *selected, area, buf),
            Overlay::Diff { view, scroll } => diff::render(self, view, *scroll, area, buf),
        }
    }
}

impl App {
    fn draw_panes(&self, panes: &crate::app::Panes, buf: &mut Buffer) {
        let theme = &self.config.theme;
        if let Some(strip) = panes.strip {
            strip::render(self, strip, buf);
        }
        if let Some(list) = panes.list {
            timeline::render(self, list, buf);
        }
        if let Some(sep) = panes.separator {
            let vertical = sep.width == 1 && sep.height > 1;
            let style = theme.border;
            for y in sep.top()..sep.bottom() {
                for x in sep.left()..sep.right() {
                    if let Some(cell) = buf.cell_mut((x, y)) {
                        cell.set_symbol(if vertical { "│" } else { "─" })
                            .set_style(style);
                    }
                }
            }
        }
        if let Some(reader) = panes.reader {
            reader::render(self, reader, buf);
        }
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let lines = [
        "Terminal too small".to_string(),
        format!("{}×{}: folio needs at least 40×12", area.width, area.height),
    ];
    let top = area.y + area.height.saturating_sub(2) / 2;
    for (i, line) in lines.iter().enumerate() {
        let y = top + i as u16;
        if y < area.bottom() {
            centered(buf, area.x, y, area.width, line, Style::new());
        }
    }
}

/// `text` cut to `width` columns, with "…" when cut; columns counted by [`width::columns`],
/// whole graphemes only. Not `unicode-truncate`: it counts with `unicode-width`'s own rules,
/// which give some clusters fewer columns than folio draws them with (see `crate::width`), so
/// a title it cut could still run into the next column.
pub(crate) fn fit(text: &str, width: usize) -> String {
    if width::columns(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = usize::from(width::cluster(g).columns);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push('…');
    out
}

/// The end of `text` that fits in `columns`, "…" marking the cut at its start: [`fit`] from
/// the other side, for context that leads up to a hit.
pub(crate) fn fit_end(text: &str, columns: usize) -> String {
    if width::columns(text) <= columns {
        return text.to_string();
    }
    let mut kept = Vec::new();
    let mut used = 1;
    for g in text.graphemes(true).rev() {
        let w = usize::from(width::cluster(g).columns);
        if used + w > columns {
            break;
        }
        used += w;
        kept.push(g);
    }
    let kept: String = kept.into_iter().rev().collect();
    format!("…{}", kept.trim_start())
}

/// Writes `text` fitted to `width` at (x, y); returns the columns used.
///
/// Article text is sanitised where it is loaded, but not everything drawn came through the
/// parser (key descriptions from the user's config, status messages quoting paths, a catalog
/// filled by other code): every string is made safe here too. Clean text passes borrowed, so
/// this costs one scan of the visible text.
pub(crate) fn put(buf: &mut Buffer, x: u16, y: u16, width: u16, text: &str, style: Style) -> u16 {
    let fitted = fit(&sanitize(text), usize::from(width));
    let end = cells::set_text(buf, x, y, &fitted, usize::from(width), style);
    end.saturating_sub(x)
}

pub(crate) fn centered(buf: &mut Buffer, x: u16, y: u16, width: u16, text: &str, style: Style) {
    let fitted = fit(&sanitize(text), usize::from(width));
    let pad = (width as usize).saturating_sub(width::columns(&fitted)) / 2;
    put(buf, x + pad as u16, y, width - pad as u16, &fitted, style);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_counts_wide_characters() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("a long title", 6), "a lon…");
        assert_eq!(fit("東京都の天気", 7), "東京都…");
        assert_eq!(fit("東京都の天気", 6), "東京…");
        assert_eq!(fit("anything", 0), "");
        // Whole graphemes: the vowel sign stays with its consonant.
        assert_eq!(fit("ភ្នំពេញ", 5), "ភ្នំពេញ");
        assert_eq!(fit("ភ្នំពេញ", 4), "ភ្នំ…");
    }
}
