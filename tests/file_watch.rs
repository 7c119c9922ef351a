//! The file under the article being read is rewritten, then deleted, while the real `folio`
//! binary shows it in a pseudo-terminal: the text stays, a notice says what happened, and R
//! reads the new version. Set `FOLIO_E2E_TIMEOUT_MS` to wait longer (default 10 s).

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 24;
const COLS: u16 = 80;

fn timeout() -> Duration {
    let ms = std::env::var("FOLIO_E2E_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    Duration::from_millis(ms)
}

struct Folio {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Folio {
    fn start(archive: &Path, dir: &Path) -> Folio {
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

    fn contents(&self) -> String {
        self.screen
            .lock()
            .expect("the reader thread")
            .screen()
            .contents()
    }

    fn wait_for(&self, text: &str) {
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

    fn keys(&mut self, keys: &str) {
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

fn article(title: &str, body: &str) -> String {
    format!(
        " date 2022-01 https://news.example/20220105/story.html\n\n{title}\n\n\
         A lede about the story... 05.01.2022, Example News\n\n{body}\n"
    )
}

#[test]
fn a_file_rewritten_then_deleted_while_read_keeps_its_view_with_a_notice() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let archive = tmp.path().join("archive");
    std::fs::create_dir_all(&archive).expect("the archive folder");
    let file = archive.join("story.txt");
    std::fs::write(&file, article("The first version", "Original words.")).expect("written");

    let mut folio = Folio::start(&archive, tmp.path());
    folio.wait_for("The first version");
    folio.keys("\r");
    folio.wait_for("Original words.");

    std::fs::write(
        &file,
        article("The second version", "Rewritten words, and more of them."),
    )
    .expect("rewritten");
    folio.wait_for("changed on disk since it was opened; press R to reload");
    assert!(
        folio.contents().contains("Original words."),
        "the copy read stays"
    );
    folio.keys("R");
    folio.wait_for("Rewritten words, and more of them.");
    assert!(!folio.contents().contains("changed on disk"));

    std::fs::remove_file(&file).expect("deleted");
    folio.wait_for("This file no longer exists; showing the copy read at");
    assert!(
        folio.contents().contains("Rewritten words"),
        "the copy read stays"
    );
    folio.keys("R");
    folio.wait_for("Nothing to reload");
    assert!(folio.contents().contains("Rewritten words"));

    folio.keys("qq");
    let deadline = Instant::now() + timeout();
    while Instant::now() < deadline {
        if let Ok(Some(status)) = folio.child.try_wait() {
            assert!(status.success(), "folio exited with {status:?}");
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!(
        "folio did not quit; the screen shows:\n{}",
        folio.contents()
    );
}
