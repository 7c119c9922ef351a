//! The screen as text, drawn by the real widgets on ratatui's `TestBackend`.

use folio::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

/// The screen as text, one line per row, trailing blanks trimmed; with `show_marks`, the
/// search's marks (bold and underlined cells) are shown as `[...]`.
pub fn render(app: &App, show_marks: bool) -> String {
    let (w, h) = (app.size.width, app.size.height);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("drawing never fails on a test backend");
    let buffer = terminal.backend().buffer();
    let mark = Modifier::BOLD | Modifier::UNDERLINED;
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut x = 0;
        let mut inside = false;
        while x < w {
            // A wide character covers the next cell, which holds a placeholder.
            let cell = &buffer[(x, y)];
            let marked = show_marks && cell.modifier.contains(mark);
            if marked != inside {
                line.push(if marked { '[' } else { ']' });
                inside = marked;
            }
            let symbol = cell.symbol();
            line.push_str(symbol);
            // The cell's own width: a forced one for graphemes terminals measure differently.
            x += ratatui::buffer::CellWidth::cell_width(cell).max(1);
        }
        if inside {
            line.push(']');
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The screen as text, one string per row of every cell's symbol, untrimmed.
pub fn rows(app: &App) -> Vec<String> {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("a test terminal");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("drawn");
    let buf = terminal.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .filter_map(|x| buf.cell((x, y)).map(|c| c.symbol().to_string()))
                .collect()
        })
        .collect()
}
