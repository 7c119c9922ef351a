//! Modal overlays: help, the problems list, the source picker and the jump-to-date prompt.
//! While one is open it receives every key.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::dates;
use super::timeline::Filters;
use super::{App, Effect};

/// Characters a one-line prompt holds: more than any date, few enough to draw.
const PROMPT_MAX: usize = 40;

/// The character a key types into a text prompt (the search line, the jump-to-date prompt):
/// every printable key, whatever the keymap binds it to, and nothing held with Ctrl (those
/// edit the line or quit). AltGr arrives as Ctrl+Alt on some terminals and types too.
pub(super) fn typed_char(key: &KeyEvent) -> Option<char> {
    let KeyCode::Char(c) = key.code else {
        return None;
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt_gr = ctrl && key.modifiers.contains(KeyModifiers::ALT);
    (!c.is_control() && (!ctrl || alt_gr)).then_some(c)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help {
        scroll: usize,
    },
    /// The files with problems; `selected` indexes `Catalog::problems`.
    Problems {
        selected: usize,
    },
    /// 0 is "all sources", then `Catalog::sources` in order.
    Sources {
        selected: usize,
    },
    /// The text typed so far.
    Jump(String),
    /// The label prompt: `+name -name` typed so far, and whom it labels.
    Label {
        text: String,
        scope: super::Scope,
    },
    /// Every label in use with its count; Enter searches for the selected one.
    Labels {
        selected: usize,
    },
    /// What to do with `count` articles (the marked rows, or all rows shown).
    Bulk {
        count: usize,
    },
    /// Asks before acting on more than one article.
    Confirm {
        action: super::BulkAction,
        count: usize,
    },
    /// The file name an export is written to.
    Export(super::export::ExportPrompt),
    /// What the pipe's command printed.
    Output(super::pipe::OutputPane),
    /// The name the search is saved under, typed so far.
    SaveSearch(String),
    /// Every saved search with its counts.
    Searches(super::SearchesList),
    /// The note for the selected passage, typed so far.
    NotePrompt(String),
    /// The reader's article's notes; Enter jumps to the passage, d deletes.
    Notes {
        selected: usize,
    },
    /// What a copy changed against the earliest article of its group.
    Diff {
        view: Box<super::diff::DiffView>,
        scroll: usize,
    },
}

impl App {
    pub(super) fn overlay_key(&mut self, key: KeyEvent, fx: &mut Vec<Effect>) {
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl_c {
            self.overlay = Overlay::None;
            self.quit(fx);
            return;
        }
        if self.labels_overlay_key(key, fx) {
            return;
        }
        match self.overlay {
            Overlay::Export(_) => return self.export_prompt_key(key, fx),
            Overlay::Output(_) => return self.output_key(key),
            Overlay::SaveSearch(_) => return self.save_search_key(key, fx),
            Overlay::Searches(_) => return self.searches_key(key, fx),
            Overlay::NotePrompt(_) => return self.note_prompt_key(key, fx),
            Overlay::Notes { .. } => return self.notes_key(key, fx),
            _ => {}
        }
        let down = matches!(key.code, KeyCode::Down | KeyCode::Char('j'));
        let up = matches!(key.code, KeyCode::Up | KeyCode::Char('k'));
        let close = matches!(key.code, KeyCode::Esc | KeyCode::Char('q'));
        let page = usize::from(self.size.height.saturating_sub(4)).max(1);
        match &mut self.overlay {
            Overlay::None
            | Overlay::Label { .. }
            | Overlay::Labels { .. }
            | Overlay::Bulk { .. }
            | Overlay::Confirm { .. }
            | Overlay::Export(_)
            | Overlay::SaveSearch(_)
            | Overlay::Searches(_)
            | Overlay::NotePrompt(_)
            | Overlay::Notes { .. }
            | Overlay::Output(_) => {}
            Overlay::Problems { selected } => {
                let last = self.timeline.catalog().problems().len().saturating_sub(1);
                // Each problem takes two lines: its path, then what is wrong.
                let page = (page / 2).max(1);
                match key.code {
                    _ if down => *selected = (*selected + 1).min(last),
                    _ if up => *selected = selected.saturating_sub(1),
                    KeyCode::PageDown | KeyCode::Char(' ') => {
                        *selected = (*selected + page).min(last)
                    }
                    KeyCode::PageUp => *selected = selected.saturating_sub(page),
                    KeyCode::Home | KeyCode::Char('g') => *selected = 0,
                    KeyCode::End | KeyCode::Char('G') => *selected = last,
                    KeyCode::Enter => {
                        let index = *selected;
                        self.overlay = Overlay::None;
                        self.open_problem(index, fx);
                    }
                    _ => self.overlay = Overlay::None,
                }
            }
            Overlay::Help { scroll } | Overlay::Diff { scroll, .. } => match key.code {
                _ if down => *scroll += 1,
                _ if up => *scroll = scroll.saturating_sub(1),
                KeyCode::PageDown | KeyCode::Char(' ') => *scroll += page,
                KeyCode::PageUp => *scroll = scroll.saturating_sub(page),
                KeyCode::Home | KeyCode::Char('g') => *scroll = 0,
                _ => self.overlay = Overlay::None,
            },
            Overlay::Sources { selected } => {
                let count = self.timeline.catalog().sources().len() + 1;
                match key.code {
                    _ if down => *selected = (*selected + 1).min(count - 1),
                    _ if up => *selected = selected.saturating_sub(1),
                    KeyCode::Home | KeyCode::Char('g') => *selected = 0,
                    KeyCode::End | KeyCode::Char('G') => *selected = count - 1,
                    KeyCode::Enter => {
                        let source = selected.checked_sub(1).map(|s| s as u32);
                        self.overlay = Overlay::None;
                        let f = self.timeline.filters();
                        self.set_filters_from_overlay(Filters { source, ..f });
                    }
                    _ if close => self.overlay = Overlay::None,
                    _ => {}
                }
            }
            Overlay::Jump(text) => match key.code {
                KeyCode::Esc => self.overlay = Overlay::None,
                KeyCode::Backspace => {
                    text.pop();
                }
                // Every printable key is typed, as in the search line: what is not a date is
                // said so on Enter, quoting what was typed, rather than dropped unseen.
                _ if typed_char(&key).is_some() => {
                    if let Some(c) = typed_char(&key).filter(|_| text.chars().count() < PROMPT_MAX)
                    {
                        text.push(c);
                    }
                }
                KeyCode::Enter => {
                    let typed = std::mem::take(text);
                    self.overlay = Overlay::None;
                    self.jump_to(&typed);
                }
                _ => {}
            },
        }
    }

    fn set_filters_from_overlay(&mut self, filters: Filters) {
        self.timeline.set_filters(filters, &self.marks);
        let shown = self.timeline.len();
        let name = filters
            .source
            .and_then(|s| self.catalog().sources().get(s as usize))
            .map_or_else(|| "all sources".to_string(), |(n, _)| n.clone());
        if shown == 0 {
            let nothing = self.nothing_shown();
            self.say(nothing);
        } else {
            self.say(format!("{shown} articles from {name}"));
        }
    }

    fn jump_to(&mut self, typed: &str) {
        let typed = typed.trim();
        if typed.is_empty() {
            self.say(
                "No date typed: press d and type a year, a month or a day, like 2022-01.".into(),
            );
            return;
        }
        let Some(period) = dates::parse_jump(typed) else {
            self.say(format!(
                "\"{typed}\" is not a date: type a year, a month or a day, like 2022-01 or 2022-01-15"
            ));
            return;
        };
        if !self.timeline.jump(period) {
            self.say(format!("No articles from {typed}: showing the nearest."));
        }
    }
}
