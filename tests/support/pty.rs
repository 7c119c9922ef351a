//! Drives the real `folio` binary in a pseudo-terminal and reads its screen back through a
//! terminal emulator. Set `FOLIO_E2E_TIMEOUT_MS` to wait longer (default 10 s).
#![allow(dead_code)] // each test file uses its own part

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 24;
const COLS: u16 = 80;

pub fn timeout() -> Duration {
    let ms = std::env::var("FOLIO_E2E_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    Duration::from_millis(ms)
}

pub struct Folio {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Folio {
    pub fn start(archive: &Path, dir: &Path) -> Folio {
        Folio::start_with(archive, dir, &[])
    }

    /// As `start`, with these environment variables set for folio.
    pub fn start_with(archive: &Path, dir: &Path, env: &[(&str, &str)]) -> Folio {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_folio"));
        cmd.args(["--cache-dir", &dir.join("cache").display().to_string()]);
        cmd.args(["--data-dir", &dir.join("data").display().to_string()]);
        cmd.arg(archive);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("XDG_CONFIG_HOME", dir.join("config"));
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pty.slave.spawn_command(cmd).expect("folio starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("a pty reader");
        let writer = pty.master.take_writer().expect("a pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let parser = Arc::clone(&screen);
        std::thread::spawn(move || {
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = parser.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
        Folio {
            child,
            writer,
            screen,
        }
    }

    pub fn contents(&self) -> String {
        self.screen
            .lock()
            .expect("the reader thread")
            .screen()
            .contents()
    }

    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + timeout();
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "timed out waiting for {text:?}; the screen shows:\n{}",
            self.contents()
        );
    }

    /// Waits until `ok` holds for the screen's text; panics with the screen if it never does.
    pub fn wait_until(&self, what: &str, within: Duration, ok: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if ok(&self.contents()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!(
            "timed out waiting for {what}; the screen shows:\n{}",
            self.contents()
        );
    }

    /// The screen row of the timeline's selection (drawn in reverse video), if any.
    pub fn selected_row(&self) -> Option<u16> {
        let parser = self.screen.lock().expect("the reader thread");
        let screen = parser.screen();
        (0..ROWS)
            .find(|&r| (2..COLS / 2).all(|c| screen.cell(r, c).is_some_and(|cell| cell.inverse())))
    }

    /// The text of the selected row of the timeline, if any.
    pub fn selected(&self) -> Option<String> {
        let row = self.selected_row()?;
        let parser = self.screen.lock().expect("the reader thread");
        let text = parser.screen().rows(0, COLS).nth(usize::from(row))?;
        Some(text.trim().to_string())
    }

    pub fn keys(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("keys reach folio");
        self.writer.flush().expect("keys reach folio");
    }
}

impl Drop for Folio {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
