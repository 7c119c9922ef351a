//! The TUI model and its pure update: `App::update(msg) -> Vec<Effect>`. The runtime
//! (`crate::tui`) feeds it messages and performs the effects; `crate::ui` draws `&App`.
//! Nothing here touches the terminal, a thread or the disk.

pub mod actions;
pub mod article_check;
pub mod dates;
mod empty;
pub mod layout;
mod live;
pub mod overlay;
mod problems;
pub mod reader;
pub mod search;
pub mod snippets;
pub mod timeline;
pub mod wrap;

use std::sync::Arc;

use crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::article::{Article, ArticleId, Problem};
use crate::catalog::{Catalog, Entry, Row};
use crate::config::{Config, Context, KeyChord};
use crate::progress::{Phase, Progress};
use crate::state::{StateChange, StateSnapshot};

pub use article_check::{FileCheck, FileNotice, FileStamp};
pub use layout::{Focus, LayoutState, Mode, Panes};
pub use overlay::Overlay;
pub use reader::Reader;
pub use search::{ResultPart, SearchRequest, SearchResults, SearchState};
pub use snippets::{SnippetAnswer, SnippetRequest, Snippets};
pub use timeline::{Filters, Marks, Matches, Timeline};
pub use wrap::WrapOptions;

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
    /// Time to look whether the displayed article's file changed (sent every
    /// [`article_check::CHECK_INTERVAL`] while one is shown).
    FileTick,
    /// What a look at the displayed article's file found.
    FileChecked(FileCheck),
    /// An answer of the search worker.
    Search(Box<SearchResults>),
    /// Body snippets of results on screen, read off the UI thread.
    Snippets(Box<SnippetAnswer>),
    /// The next turn of a find in the reader that paused to let a frame be drawn.
    FindMore {
        generation: u64,
    },
    /// A message from the runtime for the status bar (an effect failed...).
    Status(String),
    /// Leave now (a signal): save what there is to save.
    Quit,
}

/// An article read by the loader worker.
pub struct Loaded {
    /// The reader's generation when it asked: a late answer for an article left is dropped.
    pub generation: u64,
    pub result: Result<Article, Problem>,
    /// The saved reading position, (line, width).
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
    /// Load this article off the UI thread and answer with `Msg::Loaded`.
    Load {
        generation: u64,
        entry: Entry,
        id: ArticleId,
        catalog: Arc<dyn Catalog>,
    },
    /// Run a search off the UI thread and answer with `Msg::Search`.
    Search(Box<SearchRequest>),
    /// Read these results' bodies off the UI thread and answer with `Msg::Snippets`.
    Snippets(Box<SnippetRequest>),
    Persist(StateChange),
    /// Look at this file's size and modification time; answer with `Msg::FileChecked`.
    CheckFile {
        generation: u64,
        path: std::path::PathBuf,
    },
    OpenUrl(String),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Handle this message again once the next frame is drawn: long work done in turns.
    Continue(Msg),
    Suspend,
    Quit,
}

/// A line for the status bar, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub warning: bool,
}

pub struct App {
    pub config: Config,
    /// What the status bar calls the archive (its folder names).
    pub archive: String,
    pub timeline: Timeline,
    pub reader: Reader,
    pub marks: Marks,
    pub focus: Focus,
    pub layout: LayoutState,
    pub overlay: Overlay,
    pub search: SearchState,
    /// Snippets from the bodies of the results on screen.
    pub snippets: Snippets,
    pub status: Option<Status>,
    /// Background sync in progress.
    pub progress: Option<Progress>,
    pub size: Rect,
    /// Articles in the catalog not marked read.
    pub unread: usize,
    pub quitting: bool,
    article_check: article_check::ArticleCheck,
    live: live::Live,
    /// The reading position last sent to the state database, so an idle tick saves it only
    /// when it moved (each save is a synced transaction: not one per scrolled line).
    saved_position: Option<StateChange>,
    /// The reader's article was opened by the user (not merely previewed): it is marked read
    /// and its position is saved when left.
    opened: bool,
    dragging: bool,
}

impl App {
    /// Saves the reading position while the reader idles on an article, so a crash or a
    /// `kill -9` loses at most the last two seconds of scrolling.
    fn save_position_if_moved(&mut self, fx: &mut Vec<Effect>) {
        let Some(position) = self.reader.position().filter(|_| self.opened) else {
            return;
        };
        if self.saved_position.as_ref() != Some(&position) {
            self.saved_position = Some(position.clone());
            fx.push(Effect::Persist(position));
        }
    }

    pub fn new(
        catalog: Arc<dyn Catalog>,
        state: StateSnapshot,
        config: Config,
        archive: String,
    ) -> App {
        let (layout, options) = layout::restored(&config.layout, &state.settings);
        let marks = Marks {
            read: state.read,
            starred: state.starred,
        };
        let reader = Reader::new(options, &config.locale);
        let mut app = App {
            config,
            archive,
            timeline: Timeline::new(catalog),
            reader,
            marks,
            focus: Focus::Timeline,
            layout,
            overlay: Overlay::None,
            search: SearchState::new(state.history),
            snippets: Snippets::default(),
            status: None,
            progress: None,
            size: Rect::new(0, 0, 80, 24),
            unread: 0,
            quitting: false,
            article_check: article_check::ArticleCheck::default(),
            live: live::Live::default(),
            saved_position: None,
            opened: false,
            dragging: false,
        };
        app.count_unread();
        app
    }

    pub fn catalog(&self) -> &Arc<dyn Catalog> {
        self.timeline.catalog()
    }

    pub fn panes(&self) -> Panes {
        self.layout.panes(self.size, self.focus)
    }

    /// The pane whose keys apply.
    pub fn context(&self) -> Context {
        match self.focus {
            Focus::Timeline if !self.layout.zen => Context::Timeline,
            _ => Context::Reader,
        }
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let mut fx = Vec::new();
        match msg {
            Msg::Key(key) => {
                self.status = None;
                if !matches!(key.kind, crossterm::event::KeyEventKind::Release) {
                    // The user moved on: whatever the key does, a find going on is dropped.
                    self.cancel_find();
                    self.key(key, &mut fx);
                }
            }
            Msg::Mouse {
                action,
                column,
                row,
            } => {
                self.cancel_find();
                self.mouse(action, column, row, &mut fx);
            }
            Msg::Resize { width, height } => self.size = Rect::new(0, 0, width, height),
            Msg::Snapshot(catalog) => {
                self.accept_snapshot(catalog, &mut fx);
                // The sync may have seen the displayed file change.
                self.check_file(&mut fx);
            }
            Msg::Progress(p) => {
                self.progress = (p.phase != Phase::Done).then_some(p);
            }
            Msg::SyncFinished(result) => {
                self.progress = None;
                self.sync_ended();
                if let Err(text) = result {
                    self.status = Some(Status {
                        text,
                        warning: true,
                    });
                }
            }
            Msg::Loaded(loaded) => {
                let Loaded {
                    generation,
                    result,
                    position,
                } = *loaded;
                let result = result.map_err(|p| {
                    format!(
                        "{} could not be shown: {}",
                        crate::sanitize::sanitize(&p.path.display().to_string()),
                        p.message()
                    )
                });
                self.reader.loaded(generation, result, position);
                if generation == self.reader.generation() {
                    self.after_load(&mut fx);
                }
            }
            Msg::FileTick => {
                self.check_file(&mut fx);
                self.save_position_if_moved(&mut fx);
            }
            Msg::FileChecked(check) => self.file_checked(check),
            Msg::Watching(how) => self.watching(how),
            Msg::Search(results) => self.search_results(*results),
            Msg::Snippets(answer) => self.snippets_found(*answer),
            Msg::FindMore { generation } => self.find_more(generation, &mut fx),
            Msg::Status(text) => {
                self.status = Some(Status {
                    text,
                    warning: true,
                })
            }
            Msg::Quit => self.quit(&mut fx),
        }
        self.settle(&mut fx);
        fx
    }

    fn key(&mut self, key: KeyEvent, fx: &mut Vec<Effect>) {
        if !matches!(self.overlay, Overlay::None) {
            self.overlay_key(key, fx);
            return;
        }
        if self.search.editing {
            self.search_key(key, fx);
            return;
        }
        let chord = KeyChord::from_event(&key);
        let action = self.config.keymap.action(self.context(), chord);
        match action {
            Some(action) => self.perform(action, fx),
            None => self.say(format!(
                "{} is not bound here; press {} for help",
                describe(&chord),
                self.config
                    .keymap
                    .label(self.context(), crate::config::Action::Help)
                    .unwrap_or("?")
            )),
        }
    }

    /// After every message: keep the selection on screen, wrap what the reader shows, and
    /// preview the selected article where the reader is visible beside the timeline.
    fn settle(&mut self, fx: &mut Vec<Effect>) {
        let panes = self.panes();
        if let Some(list) = panes.list {
            self.timeline.scroll_into_view(usize::from(list.height));
        }
        self.ask_snippets(fx);
        if let Some(reader) = panes.reader.map(|r| self.reader_text_area(r)) {
            let width = reader.width.saturating_sub(2).max(1);
            let options = WrapOptions {
                width: width.min(self.config.layout.max_width),
                ..self.reader.options()
            };
            self.reader.reflow(options, usize::from(reader.height));
            let previewing = panes.list.is_some() && self.focus == Focus::Timeline;
            if previewing && self.reader.entry() != self.timeline.selected() {
                self.show_selected(false, fx);
            }
        }
    }

    /// Puts the selected article in the reader; `open` marks it read (a preview does not).
    fn show_selected(&mut self, open: bool, fx: &mut Vec<Effect>) {
        if open {
            // An article the user opened stays selected as newer ones arrive.
            self.timeline.hold();
        }
        let Some(entry) = self.timeline.selected() else {
            self.leave_article(fx);
            self.reader.close();
            return;
        };
        if self.reader.entry() == Some(entry) {
            // Coming back to the article is a good moment to see whether its file changed.
            self.check_file(fx);
            if open && !self.opened {
                self.opened = true;
                self.mark_read(entry, fx);
            }
            return;
        }
        let Some(row) = self.catalog().row(&entry) else {
            self.say("This article is no longer in the archive.".into());
            return;
        };
        self.leave_article(fx);
        let generation = self.reader.open(entry, row.id.clone());
        self.opened = open;
        fx.push(Effect::Load {
            generation,
            entry,
            id: row.id,
            catalog: Arc::clone(self.catalog()),
        });
        if open {
            self.mark_read(entry, fx);
        }
    }

    /// Saves the reading position of the article being left, if the user was reading it.
    fn leave_article(&mut self, fx: &mut Vec<Effect>) {
        if let Some(change) = self.reader.position().filter(|_| self.opened) {
            fx.push(Effect::Persist(change));
        }
        self.opened = false;
    }

    fn mark_read(&mut self, entry: Entry, fx: &mut Vec<Effect>) {
        if self.marks.read.insert(entry.id_hash) {
            self.unread = self.unread.saturating_sub(1);
            if let Some(row) = self.catalog().row(&entry) {
                fx.push(Effect::Persist(StateChange::Read {
                    id: row.id,
                    read: true,
                }));
            }
        }
    }

    fn quit(&mut self, fx: &mut Vec<Effect>) {
        self.leave_article(fx);
        self.quitting = true;
        fx.push(Effect::Quit);
    }

    fn count_unread(&mut self) {
        let read = &self.marks.read;
        self.unread = self
            .catalog()
            .timeline()
            .iter()
            .filter(|e| !read.contains(&e.id_hash))
            .count();
    }

    fn say(&mut self, text: String) {
        self.status = Some(Status {
            text,
            warning: false,
        });
    }

    fn say_warning(&mut self, text: String) {
        self.status = Some(Status {
            text,
            warning: true,
        });
    }

    /// The article the user means: the one read in the reader, else the selected one.
    fn target(&self) -> Option<(Entry, Row)> {
        let entry = match self.focus {
            Focus::Reader => self.reader.entry().or_else(|| self.timeline.selected()),
            Focus::Timeline => self.timeline.selected(),
        }?;
        Some((entry, self.catalog().row(&entry)?))
    }
}

/// "ctrl-x", "F5", "j": how a key is named in messages.
fn describe(chord: &KeyChord) -> String {
    use crossterm::event::{KeyCode, KeyModifiers};
    let key = match chord.code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}").to_lowercase(),
    };
    let mut out = String::new();
    if chord.modifiers.contains(KeyModifiers::CONTROL) {
        out.push_str("ctrl-");
    }
    if chord.modifiers.contains(KeyModifiers::ALT) {
        out.push_str("alt-");
    }
    out + &key
}
