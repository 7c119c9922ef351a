//! The diff overlay: what a copy changed against the earliest article of its group, the
//! words it added and removed marked with the theme, wrapped to the box.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::App;
use crate::app::diff::DiffView;
use crate::copies::Change;
use crate::width;

use super::put;

/// A run of text on one line, in one style.
type Span = (String, Style);

pub fn render(app: &App, view: &DiffView, scroll: usize, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let title = "What the copy changed";
    let inner = super::overlay::frame(
        app,
        title,
        area.width.saturating_sub(4),
        area.height,
        area,
        buf,
    );
    let text_width = usize::from(inner.width.saturating_sub(2)).max(10);
    let mut lines: Vec<Vec<Span>> = vec![
        vec![
            ("original: ".into(), theme.meta),
            (view.original.clone(), theme.body),
        ],
        vec![
            ("copy:     ".into(), theme.meta),
            (view.copy.clone(), theme.body),
        ],
        vec![
            (format!("+{} words", view.added), theme.diff_added),
            ("  ".into(), theme.meta),
            (format!("−{} words", view.removed), theme.diff_removed),
            ("  (j/k scroll, any other key closes)".into(), theme.meta),
        ],
        Vec::new(),
    ];
    lines.extend(wrap(&view.changes, text_width, theme));
    let height = usize::from(inner.height);
    let scroll = scroll.min(lines.len().saturating_sub(height));
    for (row, line) in lines.iter().skip(scroll).take(height).enumerate() {
        let y = inner.y + row as u16;
        let mut x = inner.x + 1;
        let end = inner.x + inner.width.saturating_sub(1);
        for (text, style) in line {
            if x >= end {
                break;
            }
            x += put(buf, x, y, end - x, text, *style);
        }
    }
}

/// The changes as lines of at most `width` columns: broken at spaces, and at the line ends
/// of the texts (the blank lines between paragraphs).
fn wrap(changes: &[Change], width: usize, theme: &crate::config::Theme) -> Vec<Vec<Span>> {
    let mut lines: Vec<Vec<Span>> = vec![Vec::new()];
    let mut used = 0;
    for change in changes {
        let (text, style) = match change {
            Change::Same(t) => (t, theme.body),
            Change::Added(t) => (t, theme.diff_added),
            Change::Removed(t) => (t, theme.diff_removed),
        };
        for (n, line) in text.split('\n').enumerate() {
            if n > 0 {
                lines.push(Vec::new());
                used = 0;
            }
            for word in line.split_inclusive(' ') {
                let w = width::columns(word);
                if used + w.min(width) > width && used > 0 {
                    lines.push(Vec::new());
                    used = 0;
                }
                let Some(current) = lines.last_mut() else {
                    continue;
                };
                // A word is cut to the width rather than overflow it.
                let word: String = if w > width {
                    word.chars().take(width).collect()
                } else {
                    word.to_string()
                };
                match current.last_mut() {
                    Some((t, s)) if *s == style => t.push_str(&word),
                    _ => current.push((word, style)),
                }
                used += w.min(width);
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_spaces_and_paragraphs_and_keep_each_change_styled() {
        let theme = crate::config::Config::defaults(false).theme;
        let changes = [
            Change::Same("one two three ".into()),
            Change::Added("four".into()),
            Change::Same(" five\n\nsix".into()),
        ];
        let lines = wrap(&changes, 12, &theme);
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect();
        assert_eq!(text, ["one two ", "three four ", "five", "", "six"]);
        assert!(
            lines[1]
                .iter()
                .any(|(t, s)| t == "four" && *s == theme.diff_added)
        );
    }
}
