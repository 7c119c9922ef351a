//! The keymap as data: rows of (keys, action, description, context), looked up per key press,
//! and read as they are by the help overlay and the hint bar.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

/// Everything a key can do. The names are the `action` strings of `assets/keymap.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Down,
    Up,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Open,
    Back,
    Quit,
    NextGroup,
    PreviousGroup,
    NextMonth,
    PreviousMonth,
    JumpToDate,
    Reverse,
    FilterUnread,
    FilterStarred,
    PickSource,
    ClearFilters,
    NextArticle,
    PreviousArticle,
    ToggleJustify,
    ToggleHyphenation,
    Help,
    FocusNext,
    Search,
    NextHit,
    PreviousHit,
    ToggleOrder,
    ToggleSnippets,
    CloseSearch,
    ToggleStar,
    ToggleRead,
    OpenUrl,
    CopyUrl,
    CopyCitation,
    ToggleZen,
    CycleLayout,
    GrowTimeline,
    ShrinkTimeline,
    Problems,
    Suspend,
    Reload,
    Newest,
    Label,
    Labels,
    ToggleMark,
    MarkAll,
    ClearMarks,
    Bulk,
    Undo,
    Export,
    Pipe,
    Concordance,
    ToggleShare,
    PinSearch,
    ExpandCopies,
    ToggleCopies,
    DiffCopy,
    SaveSearch,
    Searches,
    Visual,
    Notes,
    SelectWordMore,
    SelectWordLess,
    SelectSentenceMore,
    SelectSentenceLess,
    SelectParagraphMore,
    SelectParagraphLess,
    SelectNext,
    SelectPrevious,
    Highlight,
    AddNote,
    LeaveVisual,
}

impl Action {
    /// The action's own name in words ("toggle star"): the last resort for a description.
    pub fn name(self) -> String {
        let debug = format!("{self:?}");
        let mut out = String::with_capacity(debug.len() + 4);
        for (i, c) in debug.chars().enumerate() {
            if c.is_uppercase() && i > 0 {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
        }
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    Timeline,
    Reader,
    /// While a passage is being selected in the reader (`visual`): only its own rows apply.
    Visual,
    Global,
}

/// A key with its modifiers, normalised so that "G" matches however the terminal reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl KeyChord {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        // Terminals report "G" as Char('G') with or without SHIFT, and BackTab with SHIFT:
        // the character already says it, so SHIFT is dropped for those.
        let modifiers = match code {
            KeyCode::Char(_) | KeyCode::BackTab => modifiers - KeyModifiers::SHIFT,
            _ => modifiers,
        };
        KeyChord { code, modifiers }
    }

    pub fn from_event(key: &KeyEvent) -> Self {
        KeyChord::new(key.code, key.modifiers)
    }

    /// Parses "j", "G", "ctrl-d", "shift-up", "pagedown", "space"...
    pub fn parse(text: &str) -> Result<KeyChord, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        // A lone "-" is the minus key, not a modifier separator.
        while rest.len() > 1 {
            let Some((prefix, tail)) = rest.split_once('-') else {
                break;
            };
            let m = match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "c" => KeyModifiers::CONTROL,
                "alt" | "a" | "m" => KeyModifiers::ALT,
                "shift" | "s" => KeyModifiers::SHIFT,
                _ => return Err(format!("unknown modifier in key \"{text}\"")),
            };
            if tail.is_empty() {
                return Err(format!("key \"{text}\" has a modifier but no key"));
            }
            modifiers |= m;
            rest = tail;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "enter" => KeyCode::Enter,
                "esc" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" => KeyCode::Delete,
                f if f.starts_with('f') && f.len() > 1 => f[1..]
                    .parse::<u8>()
                    .ok()
                    .filter(|n| (1..=12).contains(n))
                    .map(KeyCode::F)
                    .ok_or_else(|| format!("unknown key \"{text}\""))?,
                _ => return Err(format!("unknown key \"{text}\"")),
            },
        };
        Ok(KeyChord::new(code, modifiers))
    }
}

/// One row of the keymap, as written in TOML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBinding {
    keys: Vec<String>,
    action: Action,
    /// Optional in a user's row: without it the row says what the action's default row says.
    #[serde(default)]
    desc: Option<String>,
    context: Context,
}

/// One row of the keymap with its keys parsed; `labels` keeps them as the user wrote them.
#[derive(Debug, Clone)]
pub struct Binding {
    pub chords: Vec<KeyChord>,
    pub labels: Vec<String>,
    pub action: Action,
    pub desc: String,
    pub context: Context,
}

impl Binding {
    /// `fallback` gives the description of a row that has none (or a blank one).
    fn from_raw(raw: RawBinding, fallback: impl FnOnce() -> String) -> Result<Binding, String> {
        let chords = raw
            .keys
            .iter()
            .map(|k| KeyChord::parse(k))
            .collect::<Result<Vec<_>, _>>()?;
        let desc = match raw.desc {
            Some(desc) if !desc.trim().is_empty() => desc,
            _ => fallback(),
        };
        Ok(Binding {
            chords,
            labels: raw.keys,
            action: raw.action,
            desc,
            context: raw.context,
        })
    }
}

#[derive(Debug, Clone, Default)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    keys: Vec<RawBinding>,
}

impl Keymap {
    pub fn from_toml(text: &str) -> Result<Keymap, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let bindings = file
            .keys
            .into_iter()
            .map(|raw| {
                let action = raw.action;
                Binding::from_raw(raw, || action.name())
            })
            .collect::<Result<_, _>>()?;
        Ok(Keymap { bindings })
    }

    /// A user row replaces the row with the same action and context, or adds one; the keys it
    /// takes are removed from other rows of the same context so one key never does two things.
    pub(super) fn override_with(&mut self, rows: Vec<RawBinding>) -> Result<(), String> {
        for raw in rows {
            let (action, context) = (raw.action, raw.context);
            let new = Binding::from_raw(raw, || self.description(context, action))?;
            for b in self
                .bindings
                .iter_mut()
                .filter(|b| b.context == new.context)
            {
                let keep: Vec<bool> = b.chords.iter().map(|c| !new.chords.contains(c)).collect();
                let mut flags = keep.iter();
                b.labels.retain(|_| flags.next().copied().unwrap_or(true));
                b.chords.retain(|c| !new.chords.contains(c));
            }
            match self
                .bindings
                .iter_mut()
                .find(|b| b.context == new.context && b.action == new.action)
            {
                Some(slot) => *slot = new,
                None => self.bindings.push(new),
            }
        }
        Ok(())
    }

    /// What the rows for `action` say, preferring the row of `context`: the description a
    /// user's row without `desc` takes, so the hint bar and help never show a blank.
    fn description(&self, context: Context, action: Action) -> String {
        let of = |b: &&Binding| b.action == action && !b.desc.is_empty();
        self.bindings
            .iter()
            .filter(of)
            .find(|b| b.context == context)
            .or_else(|| self.bindings.iter().find(of))
            .map_or_else(|| action.name(), |b| b.desc.clone())
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The pane's own rows first, then the global ones.
    pub fn action(&self, context: Context, chord: KeyChord) -> Option<Action> {
        let find = |ctx: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && b.chords.contains(&chord))
                .map(|b| b.action)
        };
        find(context).or_else(|| find(Context::Global))
    }

    /// The first key bound to `action` in `context` (or globally), for hints: "? help".
    pub fn label(&self, context: Context, action: Action) -> Option<&str> {
        [context, Context::Global].iter().find_map(|ctx| {
            self.bindings
                .iter()
                .find(|b| b.context == *ctx && b.action == action)
                .and_then(|b| b.labels.first())
                .map(String::as_str)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_key_names_of_the_default_keymap() {
        let table = [
            ("j", KeyCode::Char('j'), KeyModifiers::NONE),
            ("G", KeyCode::Char('G'), KeyModifiers::NONE),
            ("-", KeyCode::Char('-'), KeyModifiers::NONE),
            ("ctrl-d", KeyCode::Char('d'), KeyModifiers::CONTROL),
            ("ctrl--", KeyCode::Char('-'), KeyModifiers::CONTROL),
            ("shift-up", KeyCode::Up, KeyModifiers::SHIFT),
            ("space", KeyCode::Char(' '), KeyModifiers::NONE),
            ("PageDown", KeyCode::PageDown, KeyModifiers::NONE),
            ("f1", KeyCode::F(1), KeyModifiers::NONE),
        ];
        for (text, code, modifiers) in table {
            assert_eq!(
                KeyChord::parse(text),
                Ok(KeyChord { code, modifiers }),
                "{text}"
            );
        }
        assert!(KeyChord::parse("ctrl-").is_err());
        assert!(KeyChord::parse("pagedwn").is_err());
        assert!(KeyChord::parse("f13").is_err());
    }

    #[test]
    fn shifted_characters_match_however_reported() {
        let with_shift = KeyChord::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(KeyChord::parse("G"), Ok(with_shift));
    }

    #[test]
    fn action_names_read_as_words() {
        assert_eq!(Action::ToggleStar.name(), "toggle star");
        assert_eq!(Action::Up.name(), "up");
    }

    #[test]
    fn pane_rows_win_over_global_rows() {
        let map = Keymap::from_toml(
            r#"
            [[keys]]
            keys = ["q"]
            action = "back"
            context = "reader"
            [[keys]]
            keys = ["q"]
            action = "quit"
            context = "global"
            "#,
        )
        .unwrap();
        let q = KeyChord::parse("q").unwrap();
        assert_eq!(map.action(Context::Reader, q), Some(Action::Back));
        assert_eq!(map.action(Context::Timeline, q), Some(Action::Quit));
    }
}
