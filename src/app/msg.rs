//! What goes into the app's `update` ([`Msg`]) and what comes out of it ([`Effect`]): the
//! whole of its conversation with the runtime.

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::KeyEvent;

use crate::article::{Article, Problem};
use crate::catalog::{Catalog, Entry};
use crate::progress::Progress;
use crate::state::StateChange;

use super::{
    ConcordanceAnswer, ConcordanceRequest, FileCheck, SearchRequest, SearchResults, SnippetAnswer,
    SnippetRequest,
};

/// Something that happened: a key, a worker's answer, a signal.
pub enum Msg {
    Key(KeyEvent),
    Mouse {
        action: MouseAction,
        column: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// A newer version of the archive (the store committed while indexing).
    Snapshot(Arc<dyn Catalog>),
    Progress(Progress),
    /// The background sync ended; `Err` says why it failed, as a sentence.
    SyncFinished(Result<(), String>),
    Loaded(Box<Loaded>),
    /// How the folder watcher follows the archive's folders, in words for the status bar.
    Watching(String),
    /// Time to look whether the displayed article's file changed, and to save the reading
    /// position: asked for with [`Effect::WhenIdle`] while an article is shown.
    FileTick,
    /// What a look at the displayed article's file found.
    FileChecked(FileCheck),
    /// An answer of the search worker.
    Search(Box<SearchResults>),
    /// Body snippets of results on screen, read off the UI thread.
    Snippets(Box<SnippetAnswer>),
    /// The next batch of concordance lines, read off the UI thread.
    Concordance(Box<ConcordanceAnswer>),
    /// The next turn of a find in the reader that paused to let a frame be drawn.
    FindMore {
        generation: u64,
    },
    /// An export asked for with [`Effect::Export`] ended.
    Exported(Box<super::Exported>),
    /// The pipe's command ran ([`Effect::Pipe`]).
    Piped(Box<super::PipeOutput>),
    /// One saved search counted ([`Effect::CountSearches`]).
    SearchCount(Box<super::SearchCount>),
    /// A message from the runtime for the status bar (an effect failed...).
    Status(String),
    /// What the runtime's undo reverted ([`Effect::Undo`]); `Err` says why it could not.
    Undone(Result<Option<crate::state::Undone>, String>),
    /// The diff of a copy against its original, or why it could not be made.
    Diff(Result<Box<super::diff::DiffView>, String>),
    /// Leave now (a signal): save what there is to save.
    Quit,
}

/// An article read by the loader worker.
pub struct Loaded {
    /// The reader's generation when it asked: a late answer for an article left is dropped.
    pub generation: u64,
    pub result: Result<Article, Problem>,
    /// The reading position saved for the article, (line, width).
    pub position: Option<(u32, u16)>,
}

/// Mouse input, already interpreted by the runtime (it knows the time between clicks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseAction {
    Click,
    DoubleClick,
    Drag,
    Release,
    WheelUp,
    WheelDown,
}

/// Work for the runtime.
pub enum Effect {
    /// Load this article, and the reading position saved for it, off the UI thread and
    /// answer with `Msg::Loaded`.
    Load {
        generation: u64,
        entry: Entry,
        catalog: Arc<dyn Catalog>,
    },
    /// Run a search off the UI thread and answer with `Msg::Search`.
    Search(Box<SearchRequest>),
    /// Count every saved search's matches and unread matches off the UI thread, through
    /// the same backend as searches, and answer each with `Msg::SearchCount`.
    CountSearches(Box<super::CountRequest>),
    /// Read these results' bodies off the UI thread and answer with `Msg::Snippets`.
    Snippets(Box<SnippetRequest>),
    /// Read these results' articles off the UI thread, a batch at a time, and answer each
    /// batch with `Msg::Concordance`.
    Concordance(Box<ConcordanceRequest>),
    Persist(StateChange),
    /// Revert the newest step of the undo log and answer with `Msg::Undone`.
    Undo,
    /// Look at this file's size and modification time (and, if it changed, at the article
    /// `probe` names in it); answer with `Msg::FileChecked`.
    CheckFile {
        generation: u64,
        path: std::path::PathBuf,
        probe: Option<super::article_check::ArticleProbe>,
    },
    OpenUrl(String),
    /// Compare a copy with its original off the UI thread ([`super::diff::compare`]) and
    /// answer with `Msg::Diff`.
    Diff(Box<super::diff::DiffRequest>),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Write these articles to a file off the UI thread; answer with `Msg::Exported`.
    Export(Box<super::ExportRequest>),
    /// Run the pipe's command on these articles off the UI thread; answer with `Msg::Piped`.
    Pipe(Box<super::PipeRequest>),
    /// Handle this message again once the next frame is drawn: long work done in turns.
    Continue(Msg),
    /// What is on screen changed: draw a frame once the messages queued are handled.
    Redraw,
    /// Handle `msg` if no other message comes within `after`. Each update asks again: one
    /// that does not cancels the wake, so an idle reader is never woken for nothing.
    WhenIdle {
        after: Duration,
        msg: Msg,
    },
    Suspend,
    Quit,
}
