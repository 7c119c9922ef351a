//! A backend wrapper that draws graphemes of ambiguous width so that they cannot move what
//! follows them, whichever way the terminal measures them (see `crate::width`).
//!
//! ratatui's crossterm backend moves the cursor only when the next cell is not the one right
//! after the last: text is otherwise printed in a run, and a terminal that gives a grapheme
//! one column more or less than the frame does shifts the rest of the row (a pane's border
//! included), or prints over the grapheme's last column. A cell marked with a forced width
//! (by `ui::cells`) is drawn here as blanks over all its columns first, then the grapheme
//! from its first column: the blanks clear what a narrower rendering leaves uncovered, and
//! since the next cell is then never "right after" the last one printed, the backend moves
//! the cursor to it.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Cell, CellDiffOption};
use ratatui::layout::{Position, Size};

pub struct ClusterSafe<B> {
    inner: B,
}

impl<B> ClusterSafe<B> {
    pub fn new(inner: B) -> ClusterSafe<B> {
        ClusterSafe { inner }
    }

    pub fn inner(&self) -> &B {
        &self.inner
    }
}

/// The cells to hand the real backend for one cell of the frame.
fn expand(x: u16, y: u16, cell: &Cell, out: &mut Vec<(u16, u16, Cell)>) {
    if let CellDiffOption::ForcedWidth(columns) = cell.diff_option
        && columns.get() > 1
    {
        let mut blank = cell.clone();
        blank.set_symbol(" ").set_diff_option(CellDiffOption::None);
        for dx in 0..columns.get() {
            out.push((x.saturating_add(dx), y, blank.clone()));
        }
    }
    out.push((x, y, cell.clone()));
}

impl<B: Backend> Backend for ClusterSafe<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut cells = Vec::new();
        for (x, y, cell) in content {
            expand(x, y, cell, &mut cells);
        }
        self.inner.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroU16;

    use super::*;

    #[test]
    fn a_forced_width_cell_is_drawn_over_blanks_and_then_from_its_first_column() {
        let mut cell = Cell::new("ព\u{17c1}");
        cell.set_diff_option(CellDiffOption::ForcedWidth(
            NonZeroU16::MIN.saturating_add(1),
        ));
        let mut out = Vec::new();
        expand(4, 1, &cell, &mut out);
        let drawn: Vec<(u16, &str)> = out.iter().map(|(x, _, c)| (*x, c.symbol())).collect();
        assert_eq!(drawn, [(4, " "), (5, " "), (4, "ព\u{17c1}")]);
        out.clear();
        expand(4, 1, &Cell::new("a"), &mut out);
        assert_eq!(out.len(), 1);
    }
}
