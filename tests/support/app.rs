//! The one way the tests open the app: on a catalog (in memory or the real store's), with a
//! reading state, a config and a name for the archive, resized once as the terminal reports
//! its size at start. Also the keys it is sent and what it shows, read back.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Effect, Msg, SearchRequest};
use folio::catalog::Catalog;
use folio::config::Config;
use folio::state::{StateChange, StateSnapshot};

use super::drive::send;

/// What the app starts with besides its catalog and size.
pub struct Setup {
    pub state: StateSnapshot,
    pub config: Config,
    /// The archive's name in the status bar.
    pub label: String,
}

impl Default for Setup {
    /// Nothing read or starred, the default config with colour off, the archive "test".
    fn default() -> Setup {
        Setup {
            state: StateSnapshot::default(),
            config: Config::defaults(true),
            label: "test".into(),
        }
    }
}

/// The app on `catalog` in a terminal of `width` x `height`, with nothing read or starred.
pub fn open(catalog: Arc<dyn Catalog>, width: u16, height: u16) -> App {
    open_with(catalog, Setup::default(), width, height)
}

/// The app on `catalog` as `setup` says, before the terminal reports its size.
pub fn before_resize(catalog: Arc<dyn Catalog>, setup: Setup) -> App {
    App::new(catalog, setup.state, setup.config, setup.label)
}

/// The app on `catalog` as `setup` says. The first resize goes through the driver, so an
/// article it previews (a wide terminal shows one) is loaded as the loader would.
pub fn open_with(catalog: Arc<dyn Catalog>, setup: Setup, width: u16, height: u16) -> App {
    let mut app = before_resize(catalog, setup);
    send(&mut app, Msg::Resize { width, height });
    app
}

pub fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

pub fn code(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Types `text` key by key; hands back every effect the driver did not perform.
pub fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| send(app, key(c))).collect()
}

pub fn selected_title(app: &App) -> String {
    let entry = app.timeline.selected().expect("a selection");
    app.catalog().row(&entry).expect("a row").title
}

/// The titles in the timeline, top to bottom.
pub fn titles(app: &App) -> Vec<String> {
    (0..app.timeline.len())
        .filter_map(|i| app.timeline.entry(i))
        .filter_map(|e| app.catalog().row(&e))
        .map(|r| r.title)
        .collect()
}

/// The title of the article in the reader, or "" with none.
pub fn reading(app: &App) -> String {
    app.reader
        .article()
        .map(|a| a.title.clone())
        .unwrap_or_default()
}

pub fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// The changes to the reading state among `effects`.
pub fn persisted(effects: &[Effect]) -> Vec<&StateChange> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Persist(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// The searches asked for among `effects`.
pub fn searches(effects: Vec<Effect>) -> Vec<SearchRequest> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Search(r) => Some(*r),
            _ => None,
        })
        .collect()
}
