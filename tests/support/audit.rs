//! What a frame asks of the terminal, checked: the bytes folio writes read back with a
//! terminal parser (`vte`), flagging anything beyond printing text, styling, cursor
//! movement and clearing, and the cells checked for graphemes wider than their place.

use folio::app::App;
use folio::sanitize::MAX_EXTEND_RUN;
use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::widgets::Widget;
use unicode_normalization::char::is_combining_mark;
use vte::{Params, Perform};

use super::bytes::Bytes;
use super::hostile::hides_or_reorders;

/// What a terminal was asked to do, beyond printing text, that folio does not do itself.
#[derive(Default)]
struct Audit {
    violations: Vec<String>,
    /// Consecutive combining marks printed.
    marks: usize,
}

impl Audit {
    fn flag(&mut self, what: String) {
        if self.violations.len() < 20 {
            self.violations.push(what);
        }
    }
}

impl Perform for Audit {
    fn print(&mut self, c: char) {
        if c.is_control() || hides_or_reorders(c) {
            self.flag(format!("printed {c:?}"));
        }
        if is_combining_mark(c) {
            self.marks += 1;
            if self.marks == MAX_EXTEND_RUN + 1 {
                self.flag(format!(
                    "more than {MAX_EXTEND_RUN} combining marks in a row"
                ));
            }
        } else {
            self.marks = 0;
        }
    }

    fn execute(&mut self, byte: u8) {
        self.flag(format!("executed control {byte:#04x}"));
    }

    fn hook(&mut self, _: &Params, _: &[u8], _: bool, action: char) {
        self.flag(format!("DCS {action:?}"));
    }

    fn put(&mut self, byte: u8) {
        self.flag(format!("DCS data {byte:#04x}"));
    }

    fn osc_dispatch(&mut self, params: &[&[u8]], _: bool) {
        let first = params
            .first()
            .map(|p| String::from_utf8_lossy(p).into_owned());
        self.flag(format!("OSC {first:?}"));
    }

    fn csi_dispatch(&mut self, params: &Params, intermediates: &[u8], _: bool, action: char) {
        let params: Vec<Vec<u16>> = params.iter().map(<[u16]>::to_vec).collect();
        let ours = match (intermediates, action) {
            // Colours and attributes, cursor position, clearing.
            ([], 'm' | 'H' | 'J' | 'K') => true,
            // Showing and hiding the cursor.
            ([b'?'], 'h' | 'l') => params == [vec![25]],
            _ => false,
        };
        if !ours {
            self.flag(format!("CSI {intermediates:?} {params:?} {action:?}"));
        }
    }

    fn esc_dispatch(&mut self, intermediates: &[u8], _: bool, byte: u8) {
        self.flag(format!("ESC {intermediates:?} {:?}", byte as char));
    }
}

/// Checks the bytes of one or more frames; returns what is wrong.
pub fn audit(bytes: &[u8]) -> Vec<String> {
    let mut audit = Audit::default();
    // vte swallows SOS, PM and APC strings without a callback: every ESC must start a CSI.
    for (i, pair) in bytes.windows(2).enumerate() {
        if pair[0] == 0x1b && pair[1] != b'[' {
            audit.flag(format!("ESC {:?} at byte {i}", pair[1] as char));
        }
    }
    if bytes.last() == Some(&0x1b) {
        audit.flag("a trailing ESC".into());
    }
    let mut parser = vte::Parser::new();
    parser.advance(&mut audit, bytes);
    audit.violations
}

/// Every row of the frame: no cell holds more than a double-width grapheme unless it is
/// marked with the forced width of an ambiguous grapheme (`folio::width`), and no grapheme
/// reaches past the right edge.
pub fn check_widths(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    let mut wrong = Vec::new();
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let cell = &buf[(x, y)];
            let symbol = cell.symbol();
            let w = usize::from(cell.cell_width());
            let forced = matches!(cell.diff_option, CellDiffOption::ForcedWidth(_));
            if w > 2 && !forced {
                wrong.push(format!("row {y} col {x}: {symbol:?} is {w} columns wide"));
            }
            if x + w as u16 > area.right() {
                wrong.push(format!("row {y}: {symbol:?} at col {x} overflows the edge"));
            }
            x += (w as u16).max(1);
        }
    }
    wrong
}

/// Draws frames through the real backend into bytes, and checks each.
pub struct Screen {
    bytes: Bytes,
}

impl Screen {
    pub fn new(width: u16, height: u16) -> Screen {
        Screen {
            bytes: Bytes::new(width, height),
        }
    }

    /// Draws `app`, checks the bytes and the cells, and returns the frame and its bytes.
    pub fn draw_bytes(&mut self, what: &str, app: &App) -> (Buffer, Vec<u8>) {
        let area = self.bytes.area;
        let what = format!("{what} at {}x{}", area.width, area.height);
        let bytes = self.bytes.draw(app);
        assert!(!bytes.is_empty(), "{what}: nothing was drawn");
        let violations = audit(&bytes);
        assert!(violations.is_empty(), "{what}: {violations:#?}");
        let mut buf = Buffer::empty(area);
        app.render(area, &mut buf);
        let wrong = check_widths(&buf);
        assert!(wrong.is_empty(), "{what}: {wrong:#?}");
        (buf, bytes)
    }

    pub fn draw(&mut self, what: &str, app: &App) -> Buffer {
        self.draw_bytes(what, app).0
    }
}
