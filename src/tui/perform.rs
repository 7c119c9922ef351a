//! Performing the app's effects for the event loop: handing work to the worker threads,
//! saving the reading state, opening URLs, copying, and noting what the loop is to do next
//! (draw, wake, go on after the frame). A failure becomes a message for the status bar.

use std::io::Write;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};
use std::time::Duration;

use crossbeam_channel::Sender;

use super::article_check::{self, CheckRequest};
use super::browser;
use super::event_loop::LoopMsg;
use super::search_worker;
use super::terminal;
use super::workers::{self, LoadRequest};
use crate::app::{ConcordanceRequest, Effect, Msg, SearchRequest, SnippetRequest};
use crate::sanitize::sanitize;
use crate::state::ReadingState;

pub(super) struct Performer {
    loader: Sender<LoadRequest>,
    snippets: Sender<SnippetRequest>,
    concordance: Sender<ConcordanceRequest>,
    checker: Sender<CheckRequest>,
    searcher: Sender<SearchRequest>,
    /// Counts the saved searches for their overlay.
    counter: Sender<crate::app::CountRequest>,
    /// For the labels and notes an export writes; weak, as the loader's handle.
    research: Weak<Mutex<ReadingState>>,
    tx: Sender<LoopMsg>,
    /// The key that copies a URL, for the hint when no browser opens.
    copy_key: String,
    /// Whether articles are local files, whose changes are looked for (not for a shared
    /// archive's).
    files: bool,
    /// Messages to handle again after the next frame (`Effect::Continue`).
    later: Vec<Msg>,
    /// An update asked for a frame (`Effect::Redraw`).
    pub redraw: bool,
    /// The message to handle when the loop has been idle this long (`Effect::WhenIdle`).
    pub idle: Option<(Duration, Msg)>,
}

impl Performer {
    /// Starts the workers that effects hand work to; they answer on `tx`.
    /// `newest` gives the archive's newest version to the search worker (which knows only
    /// the backend seam, not the store or server behind it).
    pub fn start(
        newest: super::saved_counts::Newest,
        state: &Arc<Mutex<ReadingState>>,
        tx: Sender<LoopMsg>,
        copy_key: String,
        files: bool,
    ) -> Performer {
        // The loader reads the reading position of each article it loads. Its handle is weak:
        // the state is dropped by the loop, on leaving, which retries the saves that failed.
        let positions = Arc::downgrade(state);
        let loader = workers::spawn_loader(tx.clone(), LoopMsg::App, move |id| {
            let state = positions.upgrade()?;
            lock(&state).position(id).ok().flatten()
        });
        Performer {
            loader,
            snippets: workers::spawn_snippets(tx.clone(), LoopMsg::App),
            concordance: super::concordance::spawn(tx.clone(), LoopMsg::App),
            checker: article_check::spawn(tx.clone(), LoopMsg::App),
            counter: super::saved_counts::spawn(Arc::clone(&newest), tx.clone(), LoopMsg::App),
            searcher: search_worker::spawn(move || newest(), tx.clone(), LoopMsg::App),
            research: Arc::downgrade(state),
            tx,
            copy_key,
            files,
            later: Vec::new(),
            redraw: false,
            idle: None,
        }
    }

    /// Sends the messages of `Effect::Continue` back to the loop: called once the frame is
    /// drawn, so that it comes between two turns of the work, and a key pressed meanwhile is
    /// handled before the next turn (and may cancel it).
    pub fn continue_later(&mut self) {
        for msg in self.later.drain(..) {
            let _ = self.tx.send(LoopMsg::App(msg));
        }
    }

    pub fn perform(
        &mut self,
        effects: Vec<Effect>,
        state: &Mutex<ReadingState>,
        tui: &mut terminal::Tui,
    ) -> anyhow::Result<()> {
        // Each update says anew whether it wants to be woken: one that does not cancels it.
        self.idle = None;
        for effect in effects {
            let failure = match effect {
                Effect::Load {
                    generation,
                    entry,
                    catalog,
                } => {
                    let request = LoadRequest {
                        generation,
                        entry,
                        catalog,
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
                Effect::CountSearches(request) => self
                    .counter
                    .send(*request)
                    .err()
                    .map(|_| "The saved searches' counter stopped; restart folio.".to_string()),
                Effect::Snippets(request) => self
                    .snippets
                    .send(*request)
                    .err()
                    .map(|_| "The snippet reader stopped; restart folio.".to_string()),
                Effect::Concordance(request) => self
                    .concordance
                    .send(*request)
                    .err()
                    .map(|_| "The concordance reader stopped; restart folio.".to_string()),
                Effect::Persist(change) => lock(state).apply(&change).err().map(unsaved),
                Effect::Undo => {
                    let answer = lock(state).undo().map_err(|e| e.to_string());
                    let _ = self.tx.send(LoopMsg::App(Msg::Undone(answer)));
                    None
                }
                Effect::CheckFile { .. } if !self.files => None,
                Effect::CheckFile {
                    generation,
                    path,
                    probe,
                } => {
                    // Only lost if the checker thread died; the next open checks again.
                    let _ = self.checker.send(CheckRequest {
                        generation,
                        path,
                        probe,
                    });
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
                Effect::Diff(request) => {
                    // A moment's work at most (the diff is bounded), once per key press.
                    let tx = self.tx.clone();
                    std::thread::spawn(move || {
                        let _ = tx.send(LoopMsg::App(crate::app::diff::compare(&request)));
                    });
                    None
                }
                Effect::Copy(text) => osc52(&text)
                    .err()
                    .map(|e| format!("Could not copy to the clipboard: {e}")),
                Effect::Export(request) => {
                    let research = Weak::clone(&self.research);
                    super::export::spawn(*request, research, self.tx.clone(), LoopMsg::App);
                    None
                }
                Effect::Pipe(request) => {
                    super::pipe::spawn(*request, self.tx.clone(), LoopMsg::App);
                    None
                }
                Effect::Continue(msg) => {
                    self.later.push(msg);
                    None
                }
                Effect::Redraw => {
                    self.redraw = true;
                    None
                }
                Effect::WhenIdle { after, msg } => {
                    self.idle = Some((after, msg));
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

/// The reading state, even if a thread panicked holding it: each change is its own
/// transaction, so what it holds is whole.
fn lock(state: &Mutex<ReadingState>) -> MutexGuard<'_, ReadingState> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
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

/// Copies through the terminal (OSC 52), which works over SSH and inside tmux (with
/// `set-clipboard on`). Control characters are removed first: the text ends up inside an
/// escape sequence.
fn osc52(text: &str) -> std::io::Result<()> {
    copy_command(&mut std::io::stdout().lock(), text)
}

fn copy_command(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    let clean = sanitize(text);
    crossterm::execute!(
        out,
        crossterm::clipboard::CopyToClipboard::to_clipboard_from(clean.as_bytes())
    )
}
