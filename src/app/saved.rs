//! Saving the search under a name from the reader: the save key opens a prompt for the name,
//! Enter keeps the query in the app's saved searches (so `@name` works at once) and in the
//! state database (so it is there next time, beside those of the config file).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::config::Config;
use crate::sanitize::sanitize;
use crate::search::query::{SavedSearch, SavedSearches, shorten_for_status};
use crate::state::StateChange;

use super::overlay::{Overlay, typed_char};
use super::{App, Effect};

/// Characters a name may have: a word to type after `@`.
const NAME_MAX: usize = 40;

/// Where the saved searches came from, so the searches overlay can say which can be deleted
/// or renamed here (those of the state database) and which are the config file's.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    /// The config file's searches, as the file gives them.
    pub file: SavedSearches,
    /// Those saved in the reader (the state database), oldest first.
    pub stored: Vec<SavedSearch>,
}

impl Origins {
    /// Whether the search of this name is the state database's (else the config file's).
    pub fn is_stored(&self, name: &str) -> bool {
        self.stored
            .iter()
            .any(|s| s.name.eq_ignore_ascii_case(name))
    }
}

/// The config's saved searches with those saved in the reader: a name saved in the reader
/// replaces the config's of that name. One that no longer fits (it names a search since
/// removed from the file, say) is left out and said in the returned message.
pub(super) fn merged(mut config: Config, stored: Vec<SavedSearch>) -> (Config, Option<String>) {
    let (searches, refused) = config.searches.with_all(&stored);
    config.searches = searches;
    let message = (!refused.is_empty()).then(|| {
        format!(
            "Saved searches not loaded: {}",
            sanitize(&refused.join("; "))
        )
    });
    (config, message)
}

impl App {
    /// The search being typed or shown, if it can be saved.
    fn search_to_save(&self) -> Result<String, String> {
        if self.search.error.is_some() {
            return Err("The search does not parse: correct it before saving it.".into());
        }
        let text = self.search.text.trim();
        if !self.search.is_open() || text.is_empty() {
            let key = self
                .config
                .keymap
                .label(self.context(), crate::config::Action::Search)
                .unwrap_or("/");
            return Err(format!(
                "No search to save: press {key} and type one first."
            ));
        }
        Ok(text.to_string())
    }

    /// The save key: asks for a name for the search.
    pub(super) fn open_save_search(&mut self) {
        match self.search_to_save() {
            Ok(_) => {
                self.search.editing = false;
                self.overlay = Overlay::SaveSearch(String::new());
            }
            Err(message) => self.say(message),
        }
    }

    pub(super) fn save_search_key(&mut self, key: KeyEvent, fx: &mut Vec<Effect>) {
        let Overlay::SaveSearch(text) = &mut self.overlay else {
            return;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => self.overlay = Overlay::None,
            KeyCode::Enter => {
                let name = std::mem::take(text);
                self.overlay = Overlay::None;
                self.save_search(&name, fx);
            }
            KeyCode::Backspace => {
                text.pop();
            }
            KeyCode::Char('u') if ctrl => text.clear(),
            _ => {
                // The prompt shows the `@`: one typed first is not part of the name.
                let fits =
                    |c: &char| text.chars().count() < NAME_MAX && !(text.is_empty() && *c == '@');
                if let Some(c) = typed_char(&key).filter(fits) {
                    text.push(c);
                }
            }
        }
    }

    /// Enter in the prompt: the search joins the saved ones and is persisted, or the status
    /// line says why not.
    fn save_search(&mut self, name: &str, fx: &mut Vec<Effect>) {
        let query = match self.search_to_save() {
            Ok(query) => query,
            Err(message) => return self.say(message),
        };
        let name = name.trim().trim_start_matches('@').to_string();
        let before = self.config.searches.get(&name).map(|s| s.query.clone());
        let search = SavedSearch {
            name: name.clone(),
            query: query.clone(),
        };
        let searches: SavedSearches = match self.config.searches.with(search) {
            Ok(searches) => searches,
            Err(reason) => {
                return self.say_warning(format!("Not saved: {}", sanitize(&reason)));
            }
        };
        self.config.searches = searches;
        self.origins
            .stored
            .retain(|s| !s.name.eq_ignore_ascii_case(&name));
        self.origins.stored.push(SavedSearch {
            name: name.clone(),
            query: query.clone(),
        });
        fx.push(Effect::Persist(StateChange::SavedSearch {
            name: name.clone(),
            query: query.clone(),
        }));
        let was = before
            .filter(|b| *b != query)
            .map(|b| format!(" (was {})", shorten_for_status(&b)))
            .unwrap_or_default();
        let said = format!("Saved: @{name} finds {}{was}", shorten_for_status(&query));
        self.say(sanitize(&said).into_owned());
    }
}
