//! Text into the cells of the frame, measured with [`crate::width`] rather than ratatui's own
//! measure, so that what the frame holds is what a terminal shows. A grapheme whose width
//! terminals disagree on is marked with a forced width (its most columns), which ratatui's
//! diff honours and `tui::cluster_safe` draws so that it cannot shift what follows.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;

use crate::width;

/// Writes `text` at (x, y) in at most `max_width` columns (and never past the buffer's right
/// edge), whole graphemes only; returns the column after the last one written.
pub fn set_text(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    text: &str,
    max_width: usize,
    style: Style,
) -> u16 {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() || x < area.left() {
        return x;
    }
    let right = usize::from(x)
        .saturating_add(max_width)
        .min(usize::from(area.right()));
    let mut at = usize::from(x);
    for g in text.graphemes(true) {
        if g.contains(char::is_control) {
            continue;
        }
        let cluster = width::cluster(g);
        let columns = usize::from(cluster.columns);
        if columns == 0 {
            continue;
        }
        if at + columns > right {
            break;
        }
        let col = at as u16;
        let cell = &mut buf[(col, y)];
        cell.set_symbol(g).set_style(style);
        // ratatui's measure of the symbol is what its diff uses, unless the width is forced.
        let option = match NonZeroU16::new(cluster.columns) {
            Some(n) if cluster.ambiguous || g.cell_width() != cluster.columns => {
                CellDiffOption::ForcedWidth(n)
            }
            _ => CellDiffOption::None,
        };
        cell.set_diff_option(option);
        for hidden in at + 1..at + columns {
            buf[(hidden as u16, y)].reset();
        }
        at += columns;
    }
    at as u16
}

/// The columns a cell's grapheme covers, as the diff will count them.
pub fn cell_columns(buf: &Buffer, x: u16, y: u16) -> u16 {
    buf.cell((x, y)).map_or(1, |c| c.cell_width().max(1))
}

/// Blanks a grapheme left of `area` that reaches into it, on every row of `area`: an
/// overlay's border drawn over the second half of a wide character would otherwise be lost
/// (the terminal draws the character over it, or the diff skips the border's cell).
pub fn split_wide_at_left_edge(buf: &mut Buffer, area: Rect) {
    let left = buf.area.left();
    for y in area.top()..area.bottom() {
        // A grapheme is at most a few dozen columns (the extend run is capped): look back
        // that far for one that starts left of the edge and ends past it.
        let start = area.x.saturating_sub(64).max(left);
        let mut x = start;
        while x < area.x {
            let w = cell_columns(buf, x, y);
            if x + w > area.x {
                for blank in x..area.x {
                    let style = buf[(x, y)].style();
                    buf[(blank, y)].reset();
                    buf[(blank, y)].set_style(style);
                }
                break;
            }
            x += w;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ambiguous_graphemes_take_their_most_columns_with_a_forced_width() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        let end = set_text(&mut buf, 0, 0, "ភ្នំពេញ|", 12, Style::new());
        assert_eq!(end, 6);
        assert_eq!(buf[(0, 0)].symbol(), "ភ\u{17d2}ន\u{17c6}");
        assert!(matches!(buf[(0, 0)].diff_option, CellDiffOption::ForcedWidth(n) if n.get() == 2));
        assert_eq!(buf[(2, 0)].symbol(), "ព\u{17c1}");
        assert_eq!(buf[(4, 0)].symbol(), "ញ");
        assert_eq!(buf[(4, 0)].diff_option, CellDiffOption::None);
        assert_eq!(buf[(5, 0)].symbol(), "|");
    }

    #[test]
    fn a_wide_character_under_an_overlay_edge_is_blanked() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 2));
        set_text(&mut buf, 0, 0, "a東京", 8, Style::new());
        set_text(&mut buf, 0, 1, "ab東京", 8, Style::new());
        split_wide_at_left_edge(&mut buf, Rect::new(2, 0, 4, 2));
        // Row 0: 東 covers columns 1 and 2: it goes. Row 1: 東 starts at the edge: it stays.
        assert_eq!(buf[(1, 0)].symbol(), " ");
        assert_eq!(buf[(0, 0)].symbol(), "a");
        assert_eq!(buf[(2, 1)].symbol(), "東");
    }
}
