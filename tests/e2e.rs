//! End to end: the real `folio` binary in a pseudo-terminal, its screen read back with vt100.
//! Set `FOLIO_E2E_TIMEOUT_MS` to wait longer on a slow machine (default 10 s).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 24;
const COLS: u16 = 80;
const SEED_TITLE: &str = "Poutine et Erdogan discutent";

fn timeout() -> Duration {
    let ms = std::env::var("FOLIO_E2E_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    Duration::from_millis(ms)
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

struct Folio {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Everything the program wrote, to check the escape sequences it left with.
    bytes: Arc<Mutex<Vec<u8>>>,
}

impl Folio {
    fn start(archive: &Path, cache: &Path, data: &Path) -> Folio {
        Folio::start_with(archive, cache, data, &[])
    }

    fn start_with(archive: &Path, cache: &Path, data: &Path, env: &[(&str, &str)]) -> Folio {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_folio"));
        cmd.args(["--cache-dir", &cache.display().to_string()]);
        cmd.args(["--data-dir", &data.display().to_string()]);
        cmd.arg(archive);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        // No user config from the machine running the tests.
        cmd.env("XDG_CONFIG_HOME", data.join("config"));
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pty.slave.spawn_command(cmd).expect("folio starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("a pty reader");
        let writer = pty.master.take_writer().expect("a pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let (p, b) = (Arc::clone(&parser), Arc::clone(&bytes));
        std::thread::spawn(move || {
            // Keeps the master alive for as long as the child writes.
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                b.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Folio {
            child,
            writer,
            parser,
            bytes,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + timeout();
        while Instant::now() < deadline {
            if ok(self.parser.lock().unwrap().screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "timed out waiting for {what}; the screen shows:\n{}",
            self.screen()
        );
    }

    fn wait_for_text(&self, text: &str) {
        self.wait_for(&format!("{text:?}"), |s| s.contents().contains(text));
    }

    fn keys(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("keys reach folio");
        self.writer.flush().expect("keys reach folio");
    }

    /// Jumps the timeline to the seed article's day (the demo archive has newer articles above
    /// it) and waits until its title is on screen. The first index build may still be filling
    /// the timeline when the jump is typed, so it is typed again until it lands.
    fn go_to_seed(&mut self) {
        let deadline = Instant::now() + timeout();
        while Instant::now() < deadline {
            self.keys("d");
            self.keys("2022-01-02\r");
            let settle = Instant::now() + Duration::from_millis(500);
            while Instant::now() < settle {
                if self.screen().contains(SEED_TITLE) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        panic!(
            "the seed article never showed; the screen shows:\n{}",
            self.screen()
        );
    }

    fn wait_exit(&mut self) {
        let deadline = Instant::now() + timeout();
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "folio exited with {status:?}");
                // Let the reader thread take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("folio did not exit; the screen shows:\n{}", self.screen());
    }
}

impl Drop for Folio {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The row (0-based) whose text contains `text`.
fn row_of(screen: &vt100::Screen, text: &str) -> Option<u16> {
    screen
        .rows(0, COLS)
        .position(|r| r.contains(text))
        .map(|r| r as u16)
}

/// The row drawn in reverse video across the timeline: the selection.
fn selected_row(screen: &vt100::Screen) -> Option<u16> {
    (0..ROWS).find(|&r| (2..COLS / 2).all(|c| screen.cell(r, c).is_some_and(|cell| cell.inverse())))
}

fn dirs() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let (cache, data) = (tmp.path().join("cache"), tmp.path().join("data"));
    (tmp, cache, data)
}

/// A small archive in the seed format: the seed and two more articles on other days.
fn archive(root: &Path) -> PathBuf {
    let dir = root.join("archive");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        seeds().join("000_e1ce88859cf142a7.txt"),
        dir.join("seed.txt"),
    )
    .unwrap();
    for (n, day) in [(1, "05"), (2, "09")] {
        let text = format!(
            " date 2022-01 https://fr.sputniknews.com/202201{day}/article-{n}.html\n\n\
             Second titre numéro {n}\n\n\
             Un chapeau court... {day}.01.2022, Sputnik France\n\n\
             Un corps de texte.Avec deux phrases.\n"
        );
        std::fs::write(dir.join(format!("{n}.txt")), text).unwrap();
    }
    dir
}

#[test]
fn opens_reads_and_quits_leaving_the_terminal_as_it_was() {
    let (_tmp, cache, data) = dirs();
    let mut folio = Folio::start(&seeds(), &cache, &data);
    folio.go_to_seed();
    folio.keys("\r");
    folio.wait_for_text("words");
    folio.keys("q");
    folio.wait_for("the timeline again", |s| !s.contents().contains("words"));
    folio.keys("q");
    folio.wait_exit();
    let screen = folio.parser.lock().unwrap().screen().clone();
    assert!(!screen.alternate_screen(), "left the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is visible again");
    let bytes = folio.bytes.lock().unwrap();
    let tail = String::from_utf8_lossy(&bytes);
    assert!(
        tail.contains("\x1b[?1049l"),
        "the alternate screen was left"
    );
    assert!(tail.contains("\x1b[?1000l"), "mouse capture was turned off");
}

#[test]
fn j_and_k_move_the_selection() {
    let (tmp, cache, data) = dirs();
    let mut folio = Folio::start(&archive(tmp.path()), &cache, &data);
    folio.wait_for_text("Second titre numéro 2");
    folio.wait_for("a selected row", |s| selected_row(s).is_some());
    let first = selected_row(folio.parser.lock().unwrap().screen());
    folio.keys("j");
    folio.wait_for("the selection to move down", |s| selected_row(s) > first);
    folio.keys("k");
    folio.wait_for("the selection to move back up", |s| {
        selected_row(s) == first
    });
    folio.keys("q");
    folio.wait_exit();
}

/// The first open of an archive whose files, in path order, run from old to new (as
/// Reuters-21578's do): the index commits a few times while it walks them, each commit adding
/// newer articles above the ones shown, and the selection stays on the newest, at the top.
#[test]
fn a_cold_open_stays_on_the_newest_article_while_the_first_index_fills() {
    let (tmp, cache, data) = dirs();
    let dir = tmp.path().join("walk");
    std::fs::create_dir_all(&dir).unwrap();
    const FILES: usize = 1500;
    for n in 0..FILES {
        let (month, day) = (1 + n * 12 / FILES, 1 + n % 28);
        let text = format!(
            " date 2021-{month:02} https://wire.example/2021{month:02}{day:02}/d-{n}.html\n\n\
             Dépêche {n:04}\n\n\
             Un chapeau court... {day:02}.{month:02}.2021, Example Wire\n\n\
             Un corps de texte.Avec deux phrases.\n"
        );
        std::fs::write(dir.join(format!("{n:04}.txt")), text).unwrap();
    }
    let mut folio = Folio::start(&dir, &cache, &data);
    folio.wait_for("the whole archive indexed", |s| {
        let text = s.contents();
        text.contains(&format!("{FILES} articles")) && !text.contains("indexing")
    });
    let screen = folio.parser.lock().unwrap().screen().clone();
    assert!(
        screen.contents().contains("2021-12-28 Dépêche"),
        "{}",
        screen.contents()
    );
    assert_eq!(
        selected_row(&screen),
        row_of(&screen, "Dépêche"),
        "the first row, the newest article, is selected:\n{}",
        screen.contents()
    );
    folio.keys("q");
    folio.wait_exit();
}

/// Depends on the real parser splitting the seed's glued body into paragraphs.
#[test]
fn the_reader_shows_the_seed_sub_headings_on_their_own_lines() {
    let (_tmp, cache, data) = dirs();
    let mut folio = Folio::start(&seeds(), &cache, &data);
    folio.go_to_seed();
    folio.keys("\r");
    let own_line = |heading: &'static str| {
        move |s: &vt100::Screen| s.rows(0, COLS).any(|r| r.trim() == heading)
    };
    folio.wait_for(
        "the first sub-heading",
        own_line("Deuxième entretien des Présidents en un mois"),
    );
    folio.keys(" ");
    folio.wait_for(
        "the second sub-heading",
        own_line("Propositions de Moscou à l’Otan"),
    );
    folio.keys("qq");
    folio.wait_exit();
}

/// Needs the SQLite reading state.
#[test]
fn the_read_mark_survives_a_restart() {
    let (_tmp, cache, data) = dirs();
    let unread_mark = |folio: &Folio| {
        let parser = folio.parser.lock().unwrap();
        let screen = parser.screen();
        let row = row_of(screen, "Poutine").expect("the seed row");
        let text = screen
            .rows(0, COLS)
            .nth(usize::from(row))
            .unwrap_or_default();
        text.contains('•')
    };
    let mut folio = Folio::start(&seeds(), &cache, &data);
    folio.go_to_seed();
    assert!(unread_mark(&folio), "a new article is unread");
    folio.keys("\r");
    folio.wait_for_text("words");
    folio.keys("qq");
    folio.wait_exit();
    drop(folio);

    let mut folio = Folio::start(&seeds(), &cache, &data);
    folio.go_to_seed();
    assert!(
        !unread_mark(&folio),
        "the article is still read after a restart"
    );
    folio.keys("q");
    folio.wait_exit();
}

/// The columns of row `row` whose cells are underlined (the search highlight under NO_COLOR).
fn underlined(screen: &vt100::Screen, row: u16) -> String {
    (0..COLS)
        .filter_map(|c| screen.cell(row, c))
        .filter(|cell| cell.underline())
        .map(|cell| cell.contents().to_string())
        .collect()
}

#[test]
fn searching_highlights_walks_hits_and_esc_returns() {
    let (_tmp, cache, data) = dirs();
    let mut folio = Folio::start(&seeds(), &cache, &data);
    folio.wait_for_text("Le pont de Kessel rouvert");
    folio.keys("/erdo");
    folio.wait_for_text("1 match");
    folio.wait_for("the seed title with Erdogan marked", |s| {
        row_of(s, SEED_TITLE).is_some_and(|r| underlined(s, r).contains("Erdogan"))
    });
    // Enter moves to the results, n opens the article at its first hit.
    folio.keys("\r");
    folio.keys("n");
    folio.wait_for("a hit in the reader", |s| {
        s.contents().contains("words")
            && (0..ROWS).any(|r| {
                let marked = underlined(s, r);
                marked.contains("Erdogan") || marked.contains("Erdoğan")
            })
    });
    // The current hit is drawn in reverse video on top of the highlight.
    let current = |s: &vt100::Screen| {
        (0..ROWS).find(|&r| {
            (0..COLS).any(|c| s.cell(r, c).is_some_and(|x| x.underline() && x.inverse()))
        })
    };
    folio.wait_for("the current hit", |s| current(s).is_some());
    let first_hit = current(folio.parser.lock().unwrap().screen());
    folio.keys("n");
    folio.wait_for("the next hit", |s| {
        current(s).is_some() && current(s) != first_hit
    });
    // Esc leaves the reader, Esc again closes the search: every article is back.
    folio.keys("\x1b");
    std::thread::sleep(Duration::from_millis(100));
    folio.keys("\x1b");
    folio.wait_for("the whole timeline", |s| {
        s.contents().contains("Le pont de Kessel rouvert") && !s.contents().contains("1 match")
    });
    folio.keys("q");
    folio.wait_exit();
}

/// `o` hands the URL to the first command of `$BROWSER` that starts (as one argument, no
/// shell), and nothing the browser prints reaches folio's screen.
#[test]
fn o_opens_the_url_with_the_browser_variable() {
    let (tmp, cache, data) = dirs();
    let opened = tmp.path().join("opened");
    let script = tmp.path().join("browser");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho BROWSERNOISE; echo BROWSERNOISE >&2\nprintf '%s\\n' \"$@\" > '{}'\n",
            opened.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let var = format!("/nonexistent/browser:{} %s", script.display());
    let mut folio = Folio::start_with(
        &archive(tmp.path()),
        &cache,
        &data,
        &[("BROWSER", var.as_str())],
    );
    folio.wait_for_text("Second titre numéro 2");
    folio.wait_for("a selected row", |s| selected_row(s).is_some());
    folio.keys("o");
    let deadline = Instant::now() + timeout();
    let mut seen = String::new();
    while Instant::now() < deadline && !seen.ends_with('\n') {
        seen = std::fs::read_to_string(&opened).unwrap_or_default();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(seen, "https://fr.sputniknews.com/20220109/article-2.html\n");
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        !folio.screen().contains("BROWSERNOISE"),
        "{}",
        folio.screen()
    );
    folio.keys("q");
    folio.wait_exit();
}

/// Khmer's spacing vowel signs and subscript consonants take the columns the terminal gives
/// them: the real binary draws a Khmer title and body with every vowel sign in place and the
/// text after them in its column (vt100 measures code points, as glibc's `wcwidth` does).
#[test]
fn khmer_vowel_signs_survive_on_a_real_terminal() {
    let (tmp, cache, data) = dirs();
    let dir = tmp.path().join("khmer");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("km.txt"),
        " date 2024-09 https://km.example.org/20240920/phnom-penh.html\n\n\
         ភ្នំពេញ រាជធានីភ្នំ news\n\n\
         ព្រះរាជាណាចក្រកម្ពុជា... 20.09.2024, Khmer Daily\n\n\
         ភ្នំពេញ រាជធានី នៃ ព្រះរាជាណាចក្រកម្ពុជា end.\n",
    )
    .unwrap();
    let mut folio = Folio::start(&dir, &cache, &data);
    folio.wait_for_text("news");
    let title = "ភ្នំពេញ រាជធានីភ្នំ news";
    let screen = folio.screen();
    assert!(
        screen.contains(title),
        "the title whole in the timeline:\n{screen}"
    );
    folio.keys("\r");
    folio.wait_for_text("end.");
    let screen = folio.screen();
    assert!(
        screen.contains(title),
        "the title whole in the reader:\n{screen}"
    );
    assert!(
        screen.contains("ភ្នំពេញ រាជធានី នៃ ព្រះរាជាណាចក្រកម្ពុជា end."),
        "the body whole:\n{screen}"
    );
    folio.keys("q");
    folio.keys("q");
    folio.wait_exit();
}
