//! Frames drawn the way the terminal gets them: through the real backend (`ClusterSafe` over
//! crossterm) into bytes, for a test to read back with a terminal parser or emulator.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use folio::app::App;
use folio::tui::cluster_safe::ClusterSafe;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// A byte sink the test can read while the backend owns it (the backend's own accessors
/// are behind an unstable feature).
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A terminal of a fixed size that writes into memory.
pub struct Bytes {
    terminal: Terminal<ClusterSafe<CrosstermBackend<Sink>>>,
    sink: Sink,
    pub area: Rect,
}

impl Bytes {
    pub fn new(width: u16, height: u16) -> Bytes {
        let area = Rect::new(0, 0, width, height);
        let sink = Sink::default();
        let backend = ClusterSafe::new(CrosstermBackend::new(sink.clone()));
        // A fixed viewport: no tty to ask for its size.
        let terminal = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(area),
            },
        )
        .expect("a terminal over a byte buffer");
        Bytes {
            terminal,
            sink,
            area,
        }
    }

    /// Draws `app` and returns the bytes of that frame: what changed since the last one.
    pub fn draw(&mut self, app: &App) -> Vec<u8> {
        self.sink.0.borrow_mut().clear();
        self.terminal
            .draw(|f| f.render_widget(app, f.area()))
            .expect("drawing into memory cannot fail");
        self.sink.0.borrow().clone()
    }
}
