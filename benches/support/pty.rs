//! The real `folio` TUI in a pseudo-terminal, its screen read back with vt100, timed from the
//! moment it is spawned. The reader thread wakes waiters after every chunk it parses, so a
//! wait ends on the chunk that drew the awaited screen, not on the next poll.
//! A screen is recognised by its text only, as a user reads it.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

pub const ROWS: u16 = 48;
pub const COLS: u16 = 160;

pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<(Mutex<vt100::Parser>, Condvar)>,
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
    pub fn start(archive: &Path, cache: &Path, data: &Path) -> Result<Tui, String> {
        Tui::start_with(archive, cache, data, &[])
    }

    /// [`Tui::start`] with more environment variables set.
    pub fn start_with(
        archive: &Path,
        cache: &Path,
        data: &Path,
        env: &[(&str, &str)],
    ) -> Result<Tui, String> {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("cannot open a pseudo-terminal: {e}"))?;
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_folio"));
        cmd.arg("--cache-dir");
        cmd.arg(cache);
        cmd.arg("--data-dir");
        cmd.arg(data);
        cmd.arg(archive);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        // No user config from the machine running the bench.
        cmd.env("XDG_CONFIG_HOME", data.join("config"));
        for (key, value) in env {
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
        let screen = Arc::new((
            Mutex::new(vt100::Parser::new(ROWS, COLS, 0)),
            Condvar::new(),
        ));
        let shared = Arc::clone(&screen);
        std::thread::spawn(move || {
            // Keeps the master alive for as long as the child writes.
            let _master = pty.master;
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                let Some(bytes) = buf.get(..n).filter(|b| !b.is_empty()) else {
                    break;
                };
                let (lock, wake) = &*shared;
                let mut parser = lock.lock().unwrap_or_else(|p| p.into_inner());
                parser.process(bytes);
                wake.notify_all();
            }
        });
        Ok(Tui {
            child,
            writer,
            screen,
            started,
        })
    }

    fn lock(&self) -> MutexGuard<'_, vt100::Parser> {
        self.screen.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn contents(&self) -> String {
        self.lock().screen().contents()
    }

    /// Waits until the screen's text satisfies `ok`, and returns when that was (from the
    /// spawn). `what` names the wait in the error, which shows the screen as it was.
    pub fn wait_for(
        &self,
        what: &str,
        limit: Duration,
        mut ok: impl FnMut(&str) -> bool,
    ) -> Result<Duration, String> {
        let deadline = Instant::now() + limit;
        let mut screen = self.lock();
        loop {
            let text = screen.screen().contents();
            if ok(&text) {
                return Ok(self.started.elapsed());
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(format!(
                    "timed out after {} s waiting for {what}; the screen shows:\n{text}",
                    limit.as_secs()
                ));
            }
            // Woken by the next chunk, or after a while, as a quiet screen may satisfy a
            // condition on time (`settle`).
            let left = deadline.saturating_duration_since(now);
            screen = self
                .screen
                .1
                .wait_timeout(screen, left.min(Duration::from_millis(50)))
                .map(|(s, _)| s)
                .unwrap_or_else(|p| p.into_inner().0);
        }
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

    /// Quits with `q` and waits for the process to end, killing it if it will not.
    pub fn quit(mut self) -> Result<(), String> {
        self.keys("q")?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            match self.child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => return Err(format!("folio exited with {status:?}")),
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                Err(e) => return Err(format!("cannot wait for folio: {e}")),
            }
        }
        Err(format!(
            "folio did not quit on q within 10 s; the screen shows:\n{}",
            self.contents()
        ))
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // After a clean quit this finds no process; after a failed wait it ends the run.
        let _ = self.child.kill();
    }
}

/// A timeline row is on screen: a date (`2022-01-02` or `2022-01`) after the read and star
/// marks, followed by a title. The strip's axis also starts with a date, but at the margin.
pub fn has_timeline_row(screen: &str) -> bool {
    screen.lines().any(|line| {
        let chars: Vec<char> = line.chars().collect();
        chars.windows(8).enumerate().any(|(i, w)| {
            let digits = |r: std::ops::Range<usize>| {
                w.get(r).is_some_and(|d| d.iter().all(char::is_ascii_digit))
            };
            let date = digits(0..4)
                && w.get(4) == Some(&'-')
                && digits(5..7)
                && !w.get(7).is_some_and(char::is_ascii_digit);
            let marks = chars
                .get(..i)
                .is_some_and(|p| p.len() >= 2 && p.iter().all(|c| matches!(c, ' ' | '•' | '★')));
            date && marks && chars.iter().skip(i + 8).any(|c| c.is_alphabetic())
        })
    })
}

/// The status bar shows sync progress ("scanning 120 files", "indexing 10/200 ...").
pub fn syncing(screen: &str) -> bool {
    ["scanning ", "indexing "].iter().any(|word| {
        screen.match_indices(word).any(|(i, _)| {
            screen
                .get(i + word.len()..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| c.is_ascii_digit())
        })
    })
}

/// The article count in the status bar (" archive · 10000 articles · ...").
pub fn articles_shown(screen: &str) -> Option<usize> {
    screen
        .split(" · ")
        .find_map(|part| part.trim().strip_suffix(" articles"))
        .and_then(|n| n.trim().parse().ok())
}
