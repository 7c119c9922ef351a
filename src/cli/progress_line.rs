//! A progress line on stderr: drawn only when a person watches it (stderr is a terminal), at
//! most ten times a second, and wiped before the command prints anything else.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub(super) struct ProgressLine {
    /// Whether stderr is a terminal: piped or redirected output gets no line.
    pub visible: bool,
    last: Option<Instant>,
    drawn: bool,
}

impl ProgressLine {
    pub fn new() -> Self {
        ProgressLine {
            visible: std::io::stderr().is_terminal(),
            last: None,
            drawn: false,
        }
    }

    /// Draws `text()` over the line; the text is not even made when nobody watches or the
    /// last draw was under a tenth of a second ago (which keeps it readable and costs nothing).
    pub fn draw(&mut self, text: impl FnOnce() -> String) {
        if !self.visible
            || self
                .last
                .is_some_and(|t| t.elapsed() < Duration::from_millis(100))
        {
            return;
        }
        self.last = Some(Instant::now());
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{}", text());
        let _ = err.flush();
        self.drawn = true;
    }

    pub fn clear(&mut self) {
        if self.drawn {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}
