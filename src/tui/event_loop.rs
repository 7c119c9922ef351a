//! The event loop: one channel, one thread owning the `App`. It blocks until something
//! happens, drains what is queued, updates, performs the effects, and draws once if anything
//! changed. Nothing ticks while the user is idle.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use base64::Engine as _;
use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use crossterm::event::{Event, MouseButton, MouseEventKind};

// Swap for `use super::{input, signals, terminal};` once those modules land.
use super::TuiOptions;
use super::article_check::{self, CheckRequest};
use super::browser;
use super::search_worker;
use super::watch;
use super::workers::{self, LoadRequest};
use super::{input, signals, terminal};
use crate::app::SearchRequest;
use crate::app::article_check::CHECK_INTERVAL;
use crate::app::{App, Effect, MouseAction, Msg};
use crate::config::{Action, Config, Context};
use crate::progress::{Phase, Progress};
use crate::sanitize::sanitize;
use crate::state::ReadingState;
use crate::store::Store;

/// Two clicks closer than this on the same cell are a double click.
const DOUBLE_CLICK: Duration = Duration::from_millis(400);
/// Messages handled between two frames at most, so a flood of progress reports cannot keep
/// the screen from updating.
const DRAIN_LIMIT: usize = 512;

enum LoopMsg {
    Input(Event),
    Signal(signals::Signal),
    App(Msg),
}

pub fn run(options: TuiOptions) -> anyhow::Result<()> {
    let config = Config::load(options.config.as_deref())?;
    let store = Store::open(&options.roots, &options.store).with_context(|| {
        format!(
            "cannot open the archive index in {}",
            options.store.cache_dir.display()
        )
    })?;
    let store = Arc::new(store);
    std::fs::create_dir_all(&options.data_dir).with_context(|| {
        format!(
            "cannot create the data directory {} for read marks and stars",
            options.data_dir.display()
        )
    })?;
    let mut state = ReadingState::open(&crate::state::default_path(&options.data_dir))?;
    let snapshot = state.snapshot()?;
    let mut app = App::new(
        store.snapshot(),
        snapshot,
        config,
        archive_name(&options.roots),
    );
    let warnings: Vec<String> = state.warnings().to_vec();

    let (tx, rx) = crossbeam_channel::unbounded::<LoopMsg>();
    let mut tui = terminal::enter().context("cannot set up the terminal")?;
    input::spawn(tx.clone(), LoopMsg::Input);
    signals::spawn(tx.clone(), LoopMsg::Signal);
    let loader = workers::spawn_loader(tx.clone(), LoopMsg::App);
    let snippets = workers::spawn_snippets(tx.clone(), LoopMsg::App);
    let checker = article_check::spawn(tx.clone(), LoopMsg::App);
    let searcher = search_worker::spawn(Arc::clone(&store), tx.clone(), LoopMsg::App);
    workers::spawn_sync(Arc::clone(&store), tx.clone(), LoopMsg::App);
    watch::spawn(Arc::clone(&store), tx.clone(), LoopMsg::App);

    let size = tui.terminal.size()?;
    let mut first = vec![
        Msg::Resize {
            width: size.width,
            height: size.height,
        },
        Msg::Progress(Progress {
            phase: Phase::Scanning,
            files_seen: 0,
            to_index: None,
            indexed: 0,
            problems: 0,
            committed: false,
        }),
    ];
    first.extend(warnings.into_iter().map(Msg::Status));
    let mut runtime = Runtime {
        loader,
        snippets,
        checker,
        searcher,
        clicks: Clicks::default(),
        tx,
        copy_key: app
            .config
            .keymap
            .label(Context::Global, Action::CopyUrl)
            .unwrap_or("y")
            .to_string(),
        later: Vec::new(),
    };
    for msg in first {
        let fx = app.update(msg);
        runtime.perform(fx, &mut state, &mut tui)?;
    }
    tui.terminal.draw(|f| f.render_widget(&app, f.area()))?;

    while let Some(first) = next(&rx, app.watched_file().is_some()) {
        let mut changed = false;
        for m in batch(first, &rx) {
            let Some(msg) = runtime.translate(m) else {
                continue;
            };
            // A look at the displayed file that finds nothing new changes nothing on screen.
            let quiet = matches!(msg, Msg::FileTick | Msg::FileChecked(_));
            let notice = app.file_notice();
            let fx = app.update(msg);
            changed |= !quiet || app.file_notice() != notice;
            runtime.perform(fx, &mut state, &mut tui)?;
            if app.quitting {
                return Ok(());
            }
        }
        if changed {
            tui.terminal.draw(|f| f.render_widget(&app, f.area()))?;
        }
        // Only now, so that the frame just drawn comes between two turns of the work, and a
        // key pressed meanwhile is handled before the next turn (and may cancel it).
        for msg in runtime.later.drain(..) {
            let _ = runtime.tx.send(LoopMsg::App(msg));
        }
    }
    Ok(())
}

/// Blocks for the next message. While an article's file is watched, an idle loop wakes every
/// [`CHECK_INTERVAL`] to have it looked at; keys and worker messages arriving faster delay
/// that, which is fine: opening an article again and each new snapshot check it too.
/// `None` when every sender is gone.
fn next(rx: &Receiver<LoopMsg>, watching: bool) -> Option<LoopMsg> {
    if !watching {
        return rx.recv().ok();
    }
    match rx.recv_timeout(CHECK_INTERVAL) {
        Ok(m) => Some(m),
        Err(RecvTimeoutError::Timeout) => Some(LoopMsg::App(Msg::FileTick)),
        Err(RecvTimeoutError::Disconnected) => None,
    }
}

/// The messages of one frame: the one that woke the loop and everything queued behind it, so
/// a burst (a resize drag, a flood of progress) is drawn once, in its final state.
fn batch(first: LoopMsg, rx: &Receiver<LoopMsg>) -> impl Iterator<Item = LoopMsg> + '_ {
    std::iter::once(first).chain(rx.try_iter().take(DRAIN_LIMIT))
}

struct Runtime {
    loader: Sender<LoadRequest>,
    snippets: Sender<crate::app::SnippetRequest>,
    checker: Sender<CheckRequest>,
    searcher: Sender<SearchRequest>,
    clicks: Clicks,
    tx: Sender<LoopMsg>,
    /// The key that copies a URL, for the hint when no browser opens.
    copy_key: String,
    /// Messages to handle again after the next frame (`Effect::Continue`).
    later: Vec<Msg>,
}

impl Runtime {
    fn translate(&mut self, m: LoopMsg) -> Option<Msg> {
        match m {
            LoopMsg::App(msg) => Some(msg),
            // Save and leave on any of them; on a hangup the terminal is gone anyway.
            LoopMsg::Signal(
                signals::Signal::Terminate | signals::Signal::Hangup | signals::Signal::Interrupt,
            ) => Some(Msg::Quit),
            LoopMsg::Input(Event::Key(key)) => Some(Msg::Key(key)),
            LoopMsg::Input(Event::Resize(width, height)) => Some(Msg::Resize { width, height }),
            LoopMsg::Input(Event::Mouse(m)) => {
                let action = match m.kind {
                    MouseEventKind::Down(MouseButton::Left) => {
                        self.clicks.click(m.column, m.row, Instant::now())
                    }
                    MouseEventKind::Drag(MouseButton::Left) => MouseAction::Drag,
                    MouseEventKind::Up(MouseButton::Left) => MouseAction::Release,
                    MouseEventKind::ScrollDown => MouseAction::WheelDown,
                    MouseEventKind::ScrollUp => MouseAction::WheelUp,
                    _ => return None,
                };
                Some(Msg::Mouse {
                    action,
                    column: m.column,
                    row: m.row,
                })
            }
            LoopMsg::Input(_) => None,
        }
    }

    fn perform(
        &mut self,
        effects: Vec<Effect>,
        state: &mut ReadingState,
        tui: &mut terminal::Tui,
    ) -> anyhow::Result<()> {
        for effect in effects {
            let failure = match effect {
                Effect::Load {
                    generation,
                    entry,
                    id,
                    catalog,
                } => {
                    let position = state.position(&id).ok().flatten();
                    let request = LoadRequest {
                        generation,
                        entry,
                        catalog,
                        position,
                    };
                    self.loader
                        .send(request)
                        .err()
                        .map(|_| "The article loader stopped; restart folio.".to_string())
                }
                Effect::Search(request) => self
                    .searcher
                    .send(*request)
                    .err()
                    .map(|_| "The search stopped working; restart folio.".to_string()),
                Effect::Snippets(request) => self
                    .snippets
                    .send(*request)
                    .err()
                    .map(|_| "The snippet reader stopped; restart folio.".to_string()),
                Effect::Persist(change) => state.apply(&change).err().map(unsaved),
                Effect::CheckFile { generation, path } => {
                    // Only lost if the checker thread died; the next open checks again.
                    let _ = self.checker.send(CheckRequest { generation, path });
                    None
                }
                Effect::OpenUrl(url) => {
                    let (tx, copy) = (self.tx.clone(), self.copy_key.clone());
                    let failed = move |name: String, status: std::process::ExitStatus| {
                        let text =
                            format!("Press {copy} to copy the URL: {name} failed ({status}).");
                        let _ = tx.send(LoopMsg::App(Msg::Status(text)));
                    };
                    let browser = std::env::var_os("BROWSER");
                    browser::open(&url, browser.as_deref(), failed)
                        .err()
                        .map(|why| {
                            format!(
                                "Press {} to copy the URL: no browser opened ({why}).",
                                self.copy_key
                            )
                        })
                }
                Effect::Copy(text) => osc52(&text)
                    .err()
                    .map(|e| format!("Could not copy to the clipboard: {e}")),
                Effect::Continue(msg) => {
                    self.later.push(msg);
                    None
                }
                Effect::Suspend => {
                    terminal::suspend(tui)?;
                    None
                }
                Effect::Quit => None,
            };
            if let Some(text) = failure {
                // Sent back through the channel: the message is drawn with the next frame.
                let _ = self.tx.send(LoopMsg::App(Msg::Status(text)));
            }
        }
        Ok(())
    }
}

/// A failed save for the status bar: what it means for the user first, the reason after.
fn unsaved(error: crate::state::StateError) -> String {
    match error {
        crate::state::StateError::Unwritable { reason, .. } => {
            format!("Not saved: kept for this session, retried later ({reason}).")
        }
        other => format!("Not saved, lost at exit: {other}"),
    }
}

/// Tells double clicks from single ones.
#[derive(Default)]
struct Clicks {
    last: Option<(u16, u16, Instant)>,
}

impl Clicks {
    fn click(&mut self, column: u16, row: u16, now: Instant) -> MouseAction {
        let double = self.last.is_some_and(|(c, r, t)| {
            c == column && r == row && now.duration_since(t) < DOUBLE_CLICK
        });
        // A third click starts over rather than making another double.
        self.last = (!double).then_some((column, row, now));
        if double {
            MouseAction::DoubleClick
        } else {
            MouseAction::Click
        }
    }
}

/// Copies through the terminal (OSC 52), which works over SSH and inside tmux (with
/// `set-clipboard on`). Control characters are removed first: the text ends up inside an
/// escape sequence.
fn osc52(text: &str) -> std::io::Result<()> {
    let clean = sanitize(text);
    let encoded = base64::engine::general_purpose::STANDARD.encode(clean.as_bytes());
    let mut out = std::io::stdout().lock();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// "seeds" or "fr, de": the folder names, for the status bar.
fn archive_name(roots: &[std::path::PathBuf]) -> String {
    let names: Vec<String> = roots
        .iter()
        .map(|r| {
            let name = r
                .canonicalize()
                .ok()
                .as_deref()
                .and_then(Path::file_name)
                .or_else(|| r.file_name())
                .map_or_else(
                    || r.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
            sanitize(&name).into_owned()
        })
        .collect();
    if names.is_empty() {
        "no archive".into()
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_resizes_is_one_frame() {
        let (tx, rx) = crossbeam_channel::unbounded();
        for i in 0..300u16 {
            tx.send(LoopMsg::Input(Event::Resize(40 + i, 12 + i / 2)))
                .expect("the channel is open");
        }
        let first = next(&rx, false).expect("a message");
        let frame: Vec<LoopMsg> = batch(first, &rx).collect();
        assert_eq!(frame.len(), 300);
        assert!(matches!(
            frame.last(),
            Some(LoopMsg::Input(Event::Resize(339, 161)))
        ));
        assert!(rx.is_empty());
    }

    #[test]
    fn a_watched_file_wakes_an_idle_loop() {
        let (_tx, rx) = crossbeam_channel::unbounded::<LoopMsg>();
        let started = Instant::now();
        let woke = next(&rx, true);
        assert!(matches!(woke, Some(LoopMsg::App(Msg::FileTick))));
        assert!(started.elapsed() >= CHECK_INTERVAL);
    }

    #[test]
    fn two_quick_clicks_on_one_cell_are_a_double_click() {
        let mut clicks = Clicks::default();
        let t = Instant::now();
        assert_eq!(clicks.click(3, 4, t), MouseAction::Click);
        assert_eq!(
            clicks.click(3, 4, t + Duration::from_millis(100)),
            MouseAction::DoubleClick
        );
        assert_eq!(
            clicks.click(3, 4, t + Duration::from_millis(200)),
            MouseAction::Click
        );
        assert_eq!(
            clicks.click(9, 4, t + Duration::from_millis(250)),
            MouseAction::Click
        );
        assert_eq!(
            clicks.click(9, 4, t + Duration::from_secs(2)),
            MouseAction::Click
        );
    }
}
