//! Keymap, theme and reader layout: defaults embedded from `assets/`, overridden by the user's
//! TOML file (`$XDG_CONFIG_HOME/folio/config.toml`, or the one given with `--config`).

pub mod keymap;
pub mod locale;
pub mod pipe;
pub mod theme;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::search::query::{SavedSearch, SavedSearches};

pub use keymap::{Action, Binding, Context, KeyChord, Keymap};
pub use theme::Theme;

const DEFAULT_KEYMAP: &str = include_str!("../assets/keymap.toml");
const DEFAULT_THEME: &str = include_str!("../assets/theme.toml");

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// `reason` is the toml crate's report when the file is not TOML (several lines: the
    /// line and column, the line itself with a caret under the fault, what was expected).
    #[error(
        "the config file {} is not valid:\n{}\nCorrect it, or move it aside to start with the default settings.",
        path.display(),
        reason.trim_end()
    )]
    Invalid { path: PathBuf, reason: String },
}

/// Reader and layout preferences.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Layout {
    /// Widest text column in the reader; wider panes centre it.
    pub max_width: u16,
    pub justify: bool,
    pub hyphenate: bool,
    /// Share of the width (split view) or height (stacked view) given to the timeline, in %.
    pub timeline_percent: u16,
    /// At or above this many columns the automatic layout puts the panes side by side.
    pub split_min_width: u16,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            max_width: 80,
            justify: false,
            hyphenate: false,
            timeline_percent: 40,
            split_min_width: 100,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: Theme,
    pub layout: Layout,
    /// The language dates are written in by the chrome (day headers, the reader's date line):
    /// "en", "fr", ... See [`locale`].
    pub locale: String,
    /// The command the pipe key runs on an article; none by default.
    pub pipe: pipe::Pipe,
    /// Queries with names (`[[search]]`), usable as `@name` in any query.
    pub searches: SavedSearches,
}

/// The user's file: every table optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct UserFile {
    keys: Vec<keymap::RawBinding>,
    theme: toml::Table,
    layout: Option<Layout>,
    /// A locale name (`fr_FR.UTF-8`) or language (`fr`) for dates, over the environment's.
    locale: Option<String>,
    pipe: Option<pipe::Pipe>,
    /// `[[search]] name = "bridge" query = "bridge -is:read"`.
    search: Vec<SavedSearch>,
}

impl Config {
    /// The built-in defaults, with colours unless `no_color`.
    pub fn defaults(no_color: bool) -> Config {
        // The embedded assets are checked by the tests below: failing here is a build defect,
        // never something a user or a file can cause.
        let keymap = Keymap::from_toml(DEFAULT_KEYMAP)
            .unwrap_or_else(|e| panic!("assets/keymap.toml is invalid: {e}"));
        let theme = Theme::from_toml(DEFAULT_THEME, no_color)
            .unwrap_or_else(|e| panic!("assets/theme.toml is invalid: {e}"));
        Config {
            keymap,
            theme,
            layout: Layout::default(),
            locale: "en".to_string(),
            pipe: pipe::Pipe::default(),
            searches: SavedSearches::default(),
        }
    }

    /// Defaults overridden by `explicit` (which must exist) or else by the XDG config file
    /// (which may not). `NO_COLOR` (any non-empty value) drops colours.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let mut config = Config::defaults(no_color);
        config.locale = locale::from_env(|name| std::env::var(name).ok());
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => directories::ProjectDirs::from("", "", "folio")
                .map(|d| d.config_dir().join("config.toml"))
                .filter(|p| p.is_file()),
        };
        if let Some(path) = path {
            let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
                path: path.clone(),
                source,
            })?;
            config
                .apply_user(&text, no_color)
                .map_err(|reason| ConfigError::Invalid { path, reason })?;
        }
        Ok(config)
    }

    /// Applies the text of a user config file over this one.
    pub fn apply_user(&mut self, text: &str, no_color: bool) -> Result<(), String> {
        let user: UserFile = toml::from_str(text).map_err(|e| e.to_string())?;
        self.keymap.override_with(user.keys)?;
        self.theme.override_with(&user.theme, no_color)?;
        if let Some(name) = user.locale {
            self.locale = locale::language_of(&name).ok_or_else(|| {
                format!("locale {name:?} is not a locale such as \"fr_FR.UTF-8\" or \"de\"")
            })?;
        }
        if !user.search.is_empty() {
            self.searches = SavedSearches::new(user.search)?;
        }
        if let Some(pipe) = user.pipe {
            pipe.check()?;
            self.pipe = pipe;
        }
        if let Some(layout) = user.layout {
            if layout.max_width < 20 {
                return Err("layout.max_width must be at least 20 columns".into());
            }
            if !(10..=90).contains(&layout.timeline_percent) {
                return Err("layout.timeline_percent must be between 10 and 90".into());
            }
            self.layout = layout;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_for_dates_can_be_set_in_the_file() {
        let mut config = Config::defaults(false);
        assert_eq!(config.locale, "en");
        config
            .apply_user("locale = \"de_DE.UTF-8\"", false)
            .unwrap();
        assert_eq!(config.locale, "de");
        assert!(config.apply_user("locale = \"???\"", false).is_err());
    }

    #[test]
    fn saved_searches_are_read_and_checked() {
        let mut config = Config::defaults(false);
        let user = r#"
            [[search]]
            name = "bridge"
            query = "bridge -is:read"

            [[search]]
            name = "recent-bridge"
            query = "@bridge date:2023"
        "#;
        config.apply_user(user, false).unwrap();
        let names: Vec<&str> = config.searches.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["bridge", "recent-bridge"]);
        let looping = "[[search]]\nname = \"a\"\nquery = \"x OR @a\"";
        let err = Config::defaults(false)
            .apply_user(looping, false)
            .unwrap_err();
        assert!(err.contains("uses itself"), "{err}");
        let unknown_key = "[[search]]\nname = \"a\"\nquery = \"x\"\nsort = \"date\"";
        assert!(
            Config::defaults(false)
                .apply_user(unknown_key, false)
                .is_err()
        );
    }

    #[test]
    fn embedded_defaults_parse() {
        let config = Config::defaults(false);
        assert!(config.keymap.bindings().len() > 30);
    }

    #[test]
    fn user_file_rebinds_and_restyles() {
        let mut config = Config::defaults(false);
        let user = r##"
            [[keys]]
            keys = ["x"]
            action = "quit"
            desc = "leave"
            context = "timeline"

            [theme]
            heading = { fg = "#ff0000" }

            [layout]
            max_width = 60
        "##;
        config.apply_user(user, false).unwrap();
        let x = KeyChord::parse("x").unwrap();
        let q = KeyChord::parse("q").unwrap();
        assert_eq!(
            config.keymap.action(Context::Timeline, x),
            Some(Action::Quit)
        );
        assert_eq!(config.keymap.action(Context::Timeline, q), None);
        assert_eq!(config.layout.max_width, 60);
        assert_eq!(
            config.theme.heading.fg,
            Some(ratatui::style::Color::Rgb(255, 0, 0))
        );
    }

    #[test]
    fn bad_user_files_say_what_is_wrong() {
        let cases = [
            (
                "[[keys]]\nkeys=[\"j\"]\naction=\"fly\"\ndesc=\"\"\ncontext=\"global\"",
                "fly",
            ),
            (
                "[[keys]]\nkeys=[\"hyper-j\"]\naction=\"quit\"\ndesc=\"\"\ncontext=\"global\"",
                "hyper-j",
            ),
            ("[theme]\nheading = { fg = \"mauve\" }", "mauve"),
            ("[layout]\nmax_width = 5", "max_width"),
            ("[colours]", "colours"),
        ];
        for (text, needle) in cases {
            let err = Config::defaults(false).apply_user(text, false).unwrap_err();
            assert!(err.contains(needle), "{err:?} should mention {needle}");
        }
    }

    #[test]
    fn no_color_keeps_only_modifiers() {
        let config = Config::defaults(true);
        assert_eq!(config.theme.heading.fg, None);
        assert!(
            config
                .theme
                .heading
                .add_modifier
                .contains(ratatui::style::Modifier::BOLD)
        );
    }
}
