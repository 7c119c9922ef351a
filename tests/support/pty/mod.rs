//! The real `folio` binary in a pseudo-terminal, its screen read back with vt100: one harness
//! for the end-to-end tests and the benches. [`Tui`] says what went wrong as an error, for
//! the benches to report; [`Folio`] is the tests' face of it, which panics with the screen.
//! The reader thread wakes waiters after every chunk it parses, so a wait ends on the chunk
//! that drew the awaited screen, not on the next poll. `reading` reads a screen as a user
//! would.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

pub mod folio;
pub mod reading;

/// How folio is started: on which archive, with its index and reading state where, with
/// which more environment variables, in a terminal of which size (24 x 80 unless told).
pub struct Launch<'a> {
    pub archive: &'a Path,
    pub cache: PathBuf,
    pub data: PathBuf,
    pub env: &'a [(&'a str, &'a str)],
    pub rows: u16,
    pub cols: u16,
}

impl<'a> Launch<'a> {
    pub fn new(archive: &'a Path, cache: &Path, data: &Path) -> Launch<'a> {
        Launch {
            archive,
            cache: cache.to_path_buf(),
            data: data.to_path_buf(),
            env: &[],
            rows: 24,
            cols: 80,
        }
    }
}

/// What the reader thread has seen: the screen, and every byte, to check the escape
/// sequences folio leaves with.
struct Seen {
    parser: vt100::Parser,
    bytes: Vec<u8>,
    /// The terminal closed: folio exited and the last bytes are in.
    closed: bool,
    /// How many chunks were read, for a waiter to tell whether one came in.
    chunks: u64,
}

pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    seen: Arc<(Mutex<Seen>, Condvar)>,
    pub rows: u16,
    pub cols: u16,
    /// When folio was spawned.
    pub started: Instant,
}

/// Memory of a process from `/proc/PID/status`, in kB.
#[derive(Clone, Copy, Default)]
pub struct Memory {
    /// Anonymous resident memory: the heap and stacks, what folio itself holds (the index is
    /// mapped from files and counted apart, as page cache the kernel can drop).
    pub rss_anon: u64,
    /// The peak resident set so far, file-backed pages included.
    pub hwm: u64,
}

impl Tui {
    /// Starts `folio ARCHIVE` with its index in `cache` and its reading state in `data`.
    pub fn start(launch: &Launch) -> Result<Tui, String> {
        let (rows, cols) = (launch.rows, launch.cols);
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("cannot open a pseudo-terminal: {e}"))?;
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_folio"));
        cmd.arg("--cache-dir");
        cmd.arg(&launch.cache);
        cmd.arg("--data-dir");
        cmd.arg(&launch.data);
        cmd.arg(launch.archive);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        // No user config from the machine running the tests.
        cmd.env("XDG_CONFIG_HOME", launch.data.join("config"));
        for (key, value) in launch.env {
            cmd.env(key, value);
        }
        let started = Instant::now();
        let child = pty
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("cannot start folio in a pseudo-terminal: {e}"))?;
        drop(pty.slave);
        let mut reader = pty
            .master
            .try_clone_reader()
            .map_err(|e| format!("cannot read the pseudo-terminal: {e}"))?;
        let writer = pty
            .master
            .take_writer()
            .map_err(|e| format!("cannot write to the pseudo-terminal: {e}"))?;
        let seen = Arc::new((
            Mutex::new(Seen {
                parser: vt100::Parser::new(rows, cols, 0),
                bytes: Vec::new(),
                closed: false,
                chunks: 0,
            }),
            Condvar::new(),
        ));
        let shared = Arc::clone(&seen);
        std::thread::spawn(move || {
            // Keeps the master alive for as long as the child writes.
            let _master = pty.master;
            let mut buf = [0u8; 65536];
            let (lock, wake) = &*shared;
            while let Ok(n) = reader.read(&mut buf) {
                let Some(bytes) = buf.get(..n).filter(|b| !b.is_empty()) else {
                    break;
                };
                let mut seen = lock.lock().unwrap_or_else(|p| p.into_inner());
                seen.parser.process(bytes);
                seen.bytes.extend_from_slice(bytes);
                seen.chunks += 1;
                wake.notify_all();
            }
            lock.lock().unwrap_or_else(|p| p.into_inner()).closed = true;
            wake.notify_all();
        });
        Ok(Tui {
            child,
            writer,
            seen,
            rows,
            cols,
            started,
        })
    }

    fn lock(&self) -> MutexGuard<'_, Seen> {
        self.seen.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn contents(&self) -> String {
        self.lock().parser.screen().contents()
    }

    /// The screen as it is now.
    pub fn screen(&self) -> vt100::Screen {
        self.lock().parser.screen().clone()
    }

    /// Every byte folio wrote so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.lock().bytes.clone()
    }

    /// Waits until `ok` holds for what the reader thread has seen, and returns when that was
    /// (from the spawn). `what` names the wait in the error, which shows the screen as it was.
    /// `ok` is given a copy, taken under the lock and read outside it, so that it may look at
    /// the terminal itself.
    fn wait_seen(
        &self,
        what: &str,
        limit: Duration,
        mut ok: impl FnMut(&vt100::Screen, bool) -> bool,
    ) -> Result<Duration, String> {
        let deadline = Instant::now() + limit;
        loop {
            let (screen, closed, chunks) = {
                let seen = self.lock();
                (seen.parser.screen().clone(), seen.closed, seen.chunks)
            };
            if ok(&screen, closed) {
                return Ok(self.started.elapsed());
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(format!(
                    "timed out after {} ms waiting for {what}; the screen shows:\n{}",
                    limit.as_millis(),
                    screen.contents()
                ));
            }
            // Woken by the next chunk, or after a while, as a quiet screen may satisfy a
            // condition on time (`settle`).
            let left = deadline.saturating_duration_since(now);
            let seen = self.lock();
            if seen.chunks == chunks && !seen.closed {
                let _woken = self
                    .seen
                    .1
                    .wait_timeout(seen, left.min(Duration::from_millis(50)));
            }
        }
    }

    /// Waits until the screen satisfies `ok`; see [`Tui::wait_for`].
    pub fn wait_screen(
        &self,
        what: &str,
        limit: Duration,
        mut ok: impl FnMut(&vt100::Screen) -> bool,
    ) -> Result<Duration, String> {
        self.wait_seen(what, limit, |screen, _| ok(screen))
    }

    /// Waits until the screen's text satisfies `ok`, and returns when that was (from the
    /// spawn). `what` names the wait in the error, which shows the screen as it was.
    pub fn wait_for(
        &self,
        what: &str,
        limit: Duration,
        mut ok: impl FnMut(&str) -> bool,
    ) -> Result<Duration, String> {
        self.wait_screen(what, limit, |screen| ok(&screen.contents()))
    }

    /// Waits until the screen has not changed for `quiet` and `ok` held all along.
    pub fn settle(
        &self,
        what: &str,
        quiet: Duration,
        limit: Duration,
        ok: impl Fn(&str) -> bool,
    ) -> Result<Duration, String> {
        let mut since = Instant::now();
        let mut last = String::new();
        self.wait_for(what, limit, |text| {
            if text != last || !ok(text) {
                last = text.to_string();
                since = Instant::now();
            }
            ok(text) && since.elapsed() >= quiet
        })
    }

    pub fn keys(&mut self, keys: &str) -> Result<(), String> {
        self.writer
            .write_all(keys.as_bytes())
            .and_then(|()| self.writer.flush())
            .map_err(|e| format!("cannot type into folio: {e}"))
    }

    pub fn memory(&self) -> Result<Memory, String> {
        let pid = self
            .child
            .process_id()
            .ok_or("folio's process id is unknown")?;
        let path = format!("/proc/{pid}/status");
        let status =
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
        let kb = |key: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| format!("{path} has no {key} line"))
        };
        Ok(Memory {
            rss_anon: kb("RssAnon:")?,
            hwm: kb("VmHWM:")?,
        })
    }

    /// Waits for folio to end by itself, successfully, and for its last bytes to be read.
    pub fn exited(&mut self, limit: Duration) -> Result<(), String> {
        let deadline = Instant::now() + limit;
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) if status.success() => break,
                Ok(Some(status)) => return Err(format!("folio exited with {status:?}")),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                Ok(None) => {
                    return Err(format!(
                        "folio did not exit within {} ms; the screen shows:\n{}",
                        limit.as_millis(),
                        self.contents()
                    ));
                }
                Err(e) => return Err(format!("cannot wait for folio: {e}")),
            }
        }
        self.wait_seen("the terminal to close", limit, |_, closed| closed)
            .map(|_| ())
    }

    /// Quits with `q` and waits for the process to end.
    pub fn quit(mut self) -> Result<(), String> {
        self.keys("q")?;
        self.exited(Duration::from_secs(10))
    }

    /// The screen row of the timeline's selection (drawn in reverse video), if any.
    pub fn selected_row(&self) -> Option<u16> {
        reading::selected_row(&self.screen())
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // After a clean quit this finds no process; after a failed wait it ends the run.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
