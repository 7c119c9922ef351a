//! The tests' face of the harness. Set `FOLIO_E2E_TIMEOUT_MS` to let the tests wait longer
//! on a slow machine (default 10 s).

use std::path::Path;
use std::time::Duration;

use super::reading::{row_text, selected_row};
use super::{Launch, Tui};

/// How long a test waits for a screen.
pub fn timeout() -> Duration {
    let ms = std::env::var("FOLIO_E2E_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    Duration::from_millis(ms)
}

/// The tests' face of [`Tui`]: at 24 x 80, each wait bounded by [`timeout`], and every
/// failure a panic that shows the screen.
pub struct Folio(pub Tui);

fn or_panic<T>(result: Result<T, String>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

impl Folio {
    /// Folio on `archive`, with its cache, data and config in `dir`.
    pub fn start(archive: &Path, dir: &Path) -> Folio {
        Folio::start_with(archive, dir, &[])
    }

    /// As `start`, with these environment variables set for folio.
    pub fn start_with(archive: &Path, dir: &Path, env: &[(&str, &str)]) -> Folio {
        Folio::launch(&Launch {
            env,
            ..Launch::new(archive, &dir.join("cache"), &dir.join("data"))
        })
    }

    pub fn launch(launch: &Launch) -> Folio {
        Folio(or_panic(Tui::start(launch)))
    }

    pub fn contents(&self) -> String {
        self.0.contents()
    }

    pub fn screen(&self) -> vt100::Screen {
        self.0.screen()
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.0.bytes()
    }

    /// Waits until `text` is on screen.
    pub fn wait_for(&self, text: &str) {
        or_panic(
            self.0
                .wait_for(&format!("{text:?}"), timeout(), |s| s.contains(text)),
        );
    }

    /// Waits until `ok` holds for the screen's text, for at most `within`.
    pub fn wait_until(&self, what: &str, within: Duration, ok: impl Fn(&str) -> bool) {
        or_panic(self.0.wait_for(what, within, ok));
    }

    /// Waits until `ok` holds for the screen (its cells and their attributes).
    pub fn wait_screen(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        or_panic(self.0.wait_screen(what, timeout(), ok));
    }

    /// The screen row of the timeline's selection (drawn in reverse video), if any.
    pub fn selected_row(&self) -> Option<u16> {
        self.0.selected_row()
    }

    /// The text of the selected row of the timeline, if any.
    pub fn selected(&self) -> Option<String> {
        let screen = self.screen();
        let row = selected_row(&screen)?;
        Some(row_text(&screen, row).trim().to_string())
    }

    pub fn keys(&mut self, keys: &str) {
        or_panic(self.0.keys(keys));
    }

    /// Waits for folio to exit by itself, successfully, with its last bytes read.
    pub fn wait_exit(&mut self) {
        or_panic(self.0.exited(timeout()));
    }
}
