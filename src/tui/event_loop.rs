//! The event loop: one channel, one thread owning the `App`. It blocks until something
//! happens, drains what is queued, updates, has the effects performed, and draws once if an
//! update asked for it. Nothing ticks while the user is idle, unless the app asked to be
//! woken (`Effect::WhenIdle`): the loop knows no feature by name.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use crossbeam_channel::{Receiver, RecvTimeoutError};
use crossterm::event::{Event, MouseButton, MouseEventKind};

use super::perform::Performer;
use super::watch;
use super::workers;
use super::{RemoteTuiOptions, TuiOptions};
use super::{input, signals, terminal};
use crate::app::{App, MouseAction, Msg};
use crate::catalog::Catalog;
use crate::config::{Action, Config, Context};
use crate::progress::Progress;
use crate::sanitize::sanitize;
use crate::search::Backend;
use crate::state::ReadingState;
use crate::store::Store;

/// Two clicks closer than this on the same cell are a double click.
const DOUBLE_CLICK: Duration = Duration::from_millis(400);
/// Messages handled between two frames at most, so a flood of progress reports cannot keep
/// the screen from updating.
const DRAIN_LIMIT: usize = 512;

/// What reaches the loop: terminal events, signals, and the workers' messages.
pub(super) enum LoopMsg {
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
    let newest = {
        let store = Arc::clone(&store);
        move || -> Arc<dyn Backend> { store.current() }
    };
    let archive = Archive {
        catalog: store.snapshot(),
        name: archive_name(&options.roots),
        newest: Arc::new(newest),
        store: Some(store),
    };
    run_on(archive, &options.data_dir, config)
}

/// The reader on a shared archive: no files to sync or watch; the engine is the backend.
pub fn run_remote(options: RemoteTuiOptions) -> anyhow::Result<()> {
    let config = Config::load(options.config.as_deref())?;
    let remote = options.archive;
    let newest = {
        let remote = Arc::clone(&remote);
        move || -> Arc<dyn Backend> { remote.clone() }
    };
    let archive = Archive {
        catalog: remote.clone(),
        name: remote.url().to_string(),
        newest: Arc::new(newest),
        store: None,
    };
    run_on(archive, &options.data_dir, config)
}

/// The archive the reader shows, whichever engine holds it.
struct Archive {
    catalog: Arc<dyn Catalog>,
    /// For the status bar.
    name: String,
    /// The newest version, for the search worker.
    newest: super::saved_counts::Newest,
    /// The local store, synced and watched; `None` for a shared archive.
    store: Option<Arc<Store>>,
}

fn run_on(archive: Archive, data_dir: &Path, config: Config) -> anyhow::Result<()> {
    std::fs::create_dir_all(data_dir).with_context(|| {
        format!(
            "cannot create the data directory {} for read marks and stars",
            data_dir.display()
        )
    })?;
    let state = ReadingState::open(&crate::state::default_path(data_dir))?;
    let snapshot = state.snapshot()?;
    let mut app = App::new(archive.catalog, snapshot, config, archive.name);
    let warnings: Vec<String> = state.warnings().to_vec();
    // Shared with the loader, which reads the reading position of each article it loads.
    let state = Arc::new(Mutex::new(state));

    let (tx, rx) = crossbeam_channel::unbounded::<LoopMsg>();
    let mut tui = terminal::enter().context("cannot set up the terminal")?;
    input::spawn(tx.clone(), LoopMsg::Input);
    signals::spawn(tx.clone(), LoopMsg::Signal);
    if let Some(store) = &archive.store {
        workers::spawn_sync(Arc::clone(store), tx.clone(), LoopMsg::App);
        watch::spawn(Arc::clone(store), tx.clone(), LoopMsg::App);
    }

    let size = tui.terminal.size()?;
    let mut first = vec![Msg::Resize {
        width: size.width,
        height: size.height,
    }];
    // A local archive is synced first; a shared one is as the engine has it.
    first.push(match archive.store {
        Some(_) => Msg::Progress(Progress::starting()),
        None => Msg::SyncFinished(Ok(())),
    });
    first.extend(warnings.into_iter().map(Msg::Status));
    let copy_key = app
        .config
        .keymap
        .label(Context::Global, Action::CopyUrl)
        .unwrap_or("y")
        .to_string();
    let files = archive.store.is_some();
    let mut performer = Performer::start(archive.newest, &state, tx, copy_key, files);
    let mut clicks = Clicks::default();
    for msg in first {
        let fx = app.update(msg);
        performer.perform(fx, &state, &mut tui)?;
    }
    // The first frame is drawn whatever the updates said.
    performer.redraw = false;
    tui.terminal.draw(|f| f.render_widget(&app, f.area()))?;

    while let Some(first) = next(&rx, &mut performer.idle) {
        for m in batch(first, &rx) {
            let Some(msg) = translate(m, &mut clicks) else {
                continue;
            };
            let fx = app.update(msg);
            performer.perform(fx, &state, &mut tui)?;
            if app.quitting {
                return Ok(());
            }
        }
        if std::mem::take(&mut performer.redraw) {
            tui.terminal.draw(|f| f.render_widget(&app, f.area()))?;
        }
        performer.continue_later();
    }
    Ok(())
}

/// Blocks for the next message; when the app asked to be woken after a while idle, only that
/// long, then the message it asked for is the next. `None` when every sender is gone.
fn next(rx: &Receiver<LoopMsg>, idle: &mut Option<(Duration, Msg)>) -> Option<LoopMsg> {
    let Some(after) = idle.as_ref().map(|(after, _)| *after) else {
        return rx.recv().ok();
    };
    match rx.recv_timeout(after) {
        Ok(m) => Some(m),
        Err(RecvTimeoutError::Timeout) => idle.take().map(|(_, msg)| LoopMsg::App(msg)),
        Err(RecvTimeoutError::Disconnected) => None,
    }
}

/// The messages of one frame: the one that woke the loop and everything queued behind it, so
/// a burst (a resize drag, a flood of progress) is drawn once, in its final state.
fn batch(first: LoopMsg, rx: &Receiver<LoopMsg>) -> impl Iterator<Item = LoopMsg> + '_ {
    std::iter::once(first).chain(rx.try_iter().take(DRAIN_LIMIT))
}

/// The app's message for what reached the loop, if it has one.
fn translate(m: LoopMsg, clicks: &mut Clicks) -> Option<Msg> {
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
                    clicks.click(m.column, m.row, Instant::now())
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
        let first = next(&rx, &mut None).expect("a message");
        let frame: Vec<LoopMsg> = batch(first, &rx).collect();
        assert_eq!(frame.len(), 300);
        assert!(matches!(
            frame.last(),
            Some(LoopMsg::Input(Event::Resize(339, 161)))
        ));
        assert!(rx.is_empty());
    }

    #[test]
    fn an_idle_loop_is_woken_with_the_message_asked_for_once() {
        let (tx, rx) = crossbeam_channel::unbounded::<LoopMsg>();
        let after = Duration::from_millis(50);
        let mut idle = Some((after, Msg::FileTick));
        tx.send(LoopMsg::App(Msg::Quit))
            .expect("the channel is open");
        let first = next(&rx, &mut idle);
        assert!(matches!(first, Some(LoopMsg::App(Msg::Quit))));
        assert!(idle.is_some(), "a message first: the wake still stands");
        let started = Instant::now();
        let woke = next(&rx, &mut idle);
        assert!(matches!(woke, Some(LoopMsg::App(Msg::FileTick))));
        assert!(started.elapsed() >= after);
        assert!(idle.is_none(), "the next update asks again if it wants to");
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
