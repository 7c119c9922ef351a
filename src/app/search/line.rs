//! The search line: its editing keys, the cursor kept on character boundaries, and walking
//! the history with Up/Down. Every edit that changes the text runs the search again.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::{App, Effect};

impl App {
    pub(in crate::app) fn search_key(&mut self, key: KeyEvent, fx: &mut Vec<Effect>) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        // The save key works while typing, on a key that types nothing (ctrl-s by default).
        let chord = crate::config::KeyChord::from_event(&key);
        let saves = self
            .config
            .keymap
            .action(crate::config::Context::Global, chord)
            == Some(crate::config::Action::SaveSearch);
        if saves && crate::app::overlay::typed_char(&key).is_none() {
            self.commit_search(fx);
            self.open_save_search();
            return;
        }
        let s = &mut self.search;
        match key.code {
            KeyCode::Char('c') if ctrl => self.quit(fx),
            KeyCode::Esc => self.close_search(fx),
            KeyCode::Enter => self.commit_search(fx),
            // Every hit of what is typed, in context.
            KeyCode::Char('k') if ctrl => {
                self.commit_search(fx);
                if !self.search.editing {
                    self.open_concordance(fx);
                }
            }
            KeyCode::Up => self.browse_history(true, fx),
            KeyCode::Down => self.browse_history(false, fx),
            KeyCode::Left => s.cursor = previous_boundary(&s.text, s.cursor),
            KeyCode::Right => s.cursor = next_boundary(&s.text, s.cursor),
            KeyCode::Home => s.cursor = 0,
            KeyCode::End => s.cursor = s.text.len(),
            KeyCode::Char('a') if ctrl => s.cursor = 0,
            KeyCode::Char('e') if ctrl => s.cursor = s.text.len(),
            KeyCode::Char('u') if ctrl => self.edit(
                |text, cursor| {
                    text.replace_range(..*cursor, "");
                    *cursor = 0;
                },
                fx,
            ),
            KeyCode::Char('w') if ctrl => self.edit(
                |text, cursor| {
                    let before = text[..*cursor].trim_end();
                    let start = before.rfind(' ').map_or(0, |i| i + 1);
                    text.replace_range(start..*cursor, "");
                    *cursor = start;
                },
                fx,
            ),
            KeyCode::Backspace => self.edit(
                |text, cursor| {
                    let start = previous_boundary(text, *cursor);
                    text.replace_range(start..*cursor, "");
                    *cursor = start;
                },
                fx,
            ),
            KeyCode::Delete => self.edit(
                |text, cursor| {
                    let end = next_boundary(text, *cursor);
                    text.replace_range(*cursor..end, "");
                },
                fx,
            ),
            _ => {
                if let Some(c) = crate::app::overlay::typed_char(&key) {
                    self.edit(
                        |text, cursor| {
                            text.insert(*cursor, c);
                            *cursor += c.len_utf8();
                        },
                        fx,
                    )
                }
            }
        }
    }

    fn edit(&mut self, change: impl FnOnce(&mut String, &mut usize), fx: &mut Vec<Effect>) {
        let s = &mut self.search;
        let before = s.text.clone();
        s.cursor = s.cursor.min(s.text.len());
        change(&mut s.text, &mut s.cursor);
        s.browsing = None;
        if s.text != before {
            self.run_search(fx);
        }
    }

    fn browse_history(&mut self, older: bool, fx: &mut Vec<Effect>) {
        let s = &mut self.search;
        let len = s.history.len();
        let next = match (&s.browsing, older) {
            (None, true) if len > 0 => Some(len - 1),
            (None, _) => return,
            (Some((i, _)), true) => Some(i.saturating_sub(1)),
            (Some((i, _)), false) if i + 1 < len => Some(i + 1),
            (Some(_), false) => None,
        };
        let draft = match s.browsing.take() {
            Some((_, draft)) => draft,
            None => s.text.clone(),
        };
        s.text = match next {
            Some(i) => s.history.get(i).cloned().unwrap_or_default(),
            None => draft.clone(),
        };
        s.cursor = s.text.len();
        s.browsing = next.map(|i| (i, draft));
        self.run_search(fx);
    }
}

fn previous_boundary(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|s| s.char_indices().next_back())
        .map_or(0, |(i, _)| i)
}

fn next_boundary(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .map_or(text.len(), |c| at + c.len_utf8())
}
