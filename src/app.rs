//! The TUI model and its pure update: `App::update(msg) -> Vec<Effect>`. The runtime
//! (`crate::tui`) feeds it messages and performs the effects; `crate::ui` draws `&App`.
//! Nothing here touches the terminal, a thread or the disk.

pub mod actions;
pub mod article_check;
pub mod concordance;
mod copies;
pub mod dates;
pub mod diff;
mod empty;
pub mod export;
pub mod labels;
pub mod layout;
mod live;
mod msg;
pub mod notes;
mod opening;
pub mod overlay;
pub mod pipe;
mod problems;
pub mod reader;
mod saved;
pub mod search;
pub mod searches;
pub mod snippets;
pub mod strip;
pub mod timeline;
pub mod wrap;

use std::sync::Arc;

use crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::catalog::Catalog;
use crate::config::{Config, Context, KeyChord};
use crate::progress::{Phase, Progress};
use crate::state::{StateChange, StateSnapshot};

pub use article_check::{ArticleProbe, FileCheck, FileNotice, FileStamp, fingerprint};
pub use concordance::{Concordance, ConcordanceAnswer, ConcordanceRequest, HitLine, KwicView};
pub use export::{ExportDone, ExportFailure, ExportPrompt, ExportRequest, Exported};
pub use labels::{BulkAction, Scope};
pub use layout::{Focus, LayoutState, Mode, Panes};
pub use msg::{Effect, Loaded, MouseAction, Msg};
pub use overlay::Overlay;
pub use pipe::{OutputPane, PipeOutput, PipeRequest, PipeRun};
pub use reader::Reader;
pub use search::{ResultPart, SearchRequest, SearchResults, SearchState};
pub use searches::{CountJob, CountRequest, Counted, SearchCount, SearchesList};
pub use snippets::{SnippetAnswer, SnippetRequest, Snippets};
pub use strip::StripView;
pub use timeline::{Filters, Marks, Matches, Timeline};
pub use wrap::WrapOptions;

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
    /// The concordance view of the search, when open.
    pub kwic: KwicView,
    /// What the strip compares: the search's share of the archive, a pinned search.
    pub strip: StripView,
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
    /// Rows marked for a bulk action, by `catalog::id_hash`.
    picked: std::collections::HashSet<u64>,
    /// What undo would revert, if known (the newest step of the undo log).
    undo_hint: Option<String>,
    /// Which saved searches are the config file's and which the state database's.
    origins: saved::Origins,
    /// Tags the counts of the searches overlay, so those asked for before are dropped.
    count_generation: u64,
    /// The passage being selected in the reader (`V`), while it is.
    pub visual: Option<notes::Selection>,
    /// The reader's article's notes, as found in its text.
    anchored: notes::Anchored,
}

impl App {
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
            labels: state.labels,
            notes: state.notes,
        };
        let undo_hint = state.undo;
        let origins = saved::Origins {
            file: config.searches.clone(),
            stored: state.searches.clone(),
        };
        let (config, refused) = saved::merged(config, state.searches);
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
            kwic: KwicView::default(),
            strip: StripView::default(),
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
            picked: Default::default(),
            undo_hint,
            origins,
            count_generation: 0,
            visual: None,
            anchored: notes::Anchored::default(),
        };
        app.count_unread();
        if let Some(refused) = refused {
            app.say(refused);
        }
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
        if self.visual.is_some() {
            return Context::Visual;
        }
        match self.focus {
            Focus::Timeline if !self.layout.zen => Context::Timeline,
            _ => Context::Reader,
        }
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let mut fx = Vec::new();
        let look = self.look_at_file(&msg);
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
                if self.kwic.open.is_some() {
                    self.concordance_mouse(action);
                } else {
                    self.mouse(action, column, row, &mut fx);
                }
            }
            Msg::Resize { width, height } => self.size = Rect::new(0, 0, width, height),
            Msg::Snapshot(catalog) => {
                self.accept_snapshot(catalog, &mut fx);
                self.recount_searches(&mut fx);
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
            Msg::Loaded(loaded) => self.loaded(*loaded, &mut fx),
            Msg::FileTick => {
                self.check_file(&mut fx);
                self.save_position_if_moved(&mut fx);
            }
            Msg::FileChecked(check) => self.file_checked(check),
            Msg::Watching(how) => self.watching(how),
            Msg::Search(results) => {
                self.search_results(*results);
                self.concordance_after_search(&mut fx);
            }
            Msg::Concordance(answer) => self.concordance_answer(*answer),
            Msg::Snippets(answer) => self.snippets_found(*answer),
            Msg::Diff(result) => self.diff_ready(result),
            Msg::FindMore { generation } => self.find_more(generation, &mut fx),
            Msg::Status(text) => {
                self.status = Some(Status {
                    text,
                    warning: true,
                })
            }
            Msg::Undone(result) => self.undone(result),
            Msg::Exported(exported) => self.exported(*exported),
            Msg::Piped(output) => self.piped(*output),
            Msg::SearchCount(count) => self.search_counted(*count),
            Msg::Quit => self.quit(&mut fx),
        }
        self.settle(&mut fx);
        // Only a look at the displayed file that found nothing new leaves the screen as it was.
        if !look.is_some_and(|look| look.found_nothing(self)) {
            fx.push(Effect::Redraw);
        }
        fx.extend(self.idle_tick());
        fx
    }

    fn key(&mut self, key: KeyEvent, fx: &mut Vec<Effect>) {
        if !matches!(self.overlay, Overlay::None) {
            self.overlay_key(key, fx);
            return;
        }
        if self.kwic.open.is_some() {
            self.concordance_key(key, fx);
            return;
        }
        if self.search.editing {
            self.search_key(key, fx);
            return;
        }
        if self.visual.is_some() {
            self.visual_key(key, fx);
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
        self.strip_settle();
        if let Some(reader) = panes.reader.map(|r| self.reader_body_area(r)) {
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
        let generation = self.reader.generation();
        let other_article = self.visual.is_some_and(|s| s.generation != generation);
        if other_article || self.reader.article().is_none() {
            self.visual = None;
        }
        self.refresh_anchors();
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
