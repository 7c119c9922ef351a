//! Notes and highlights in the reader: `V` selects a passage (from the reading position,
//! growing and shrinking by word, sentence and paragraph), which is highlighted or given a
//! note; `H` lists the article's notes. Passages are char offsets in the article's note text
//! (`crate::anchor`), so they outlive the reader's wrapping; a note whose passage cannot be
//! found any more is listed as such and never dropped.

use std::ops::Range;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;

use crate::anchor::{self, Found};
use crate::catalog::id_hash;
use crate::config::{Action, Context, KeyChord};
use crate::state::{NOTE_MAX_CHARS, Note, StateChange};

use super::overlay::{Overlay, typed_char};
use super::{App, Effect};

/// A passage being selected: chars `start..end` of the note text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub start: usize,
    pub end: usize,
    /// The reader's generation: another article (or a reload) ends the selection.
    pub generation: u64,
}

impl Selection {
    pub fn contains(&self, offset: usize) -> bool {
        (self.start..self.end).contains(&offset)
    }
}

/// The reader's article's notes as found in its text, recomputed when the article or its
/// notes change.
#[derive(Debug, Default)]
pub struct Anchored {
    /// The reader's generation and the notes' version they were found for.
    key: Option<(u64, u64)>,
    version: u64,
    pub notes: Vec<(Note, Found)>,
    /// The note text and its units for the reader's generation, made once per article: a
    /// long article is segmented once, not at every key of a selection.
    text: Option<(u64, Arc<(String, Units)>)>,
}

/// The note text's words, sentences and paragraphs, as char ranges in order.
#[derive(Debug)]
struct Units {
    words: Vec<Range<usize>>,
    sentences: Vec<Range<usize>>,
    paragraphs: Vec<Range<usize>>,
}

impl Units {
    fn of(text: &str, paragraphs: &[crate::article::Paragraph]) -> Units {
        let words = char_ranges(text, text.split_word_bound_indices())
            .into_iter()
            .filter(|(_, s)| s.chars().any(char::is_alphanumeric))
            .map(|(r, _)| r)
            .collect();
        let sentences = char_ranges(text, text.split_sentence_bound_indices())
            .into_iter()
            .filter_map(|(r, s)| {
                let kept = s.trim_end().chars().count();
                (s.trim().chars().count() > 0).then(|| r.start..r.start + kept)
            })
            .collect();
        let starts = anchor::paragraph_starts(paragraphs);
        let paragraphs = paragraphs
            .iter()
            .zip(&starts)
            .map(|(p, &s)| s..s + p.text().chars().count())
            .filter(|r| !r.is_empty())
            .collect();
        Units {
            words,
            sentences,
            paragraphs,
        }
    }
}

/// Segments given with byte offsets, as char ranges with their text.
fn char_ranges<'a>(
    text: &'a str,
    segments: impl Iterator<Item = (usize, &'a str)>,
) -> Vec<(Range<usize>, &'a str)> {
    let mut out = Vec::new();
    let mut chars = 0;
    let mut bytes = 0;
    for (at, segment) in segments {
        chars += text.get(bytes..at).map_or(0, |t| t.chars().count());
        let len = segment.chars().count();
        out.push((chars..chars + len, segment));
        chars += len;
        bytes = at + segment.len();
    }
    out
}

/// The end of the first unit ending after `end`.
fn grow(units: &[Range<usize>], end: usize) -> Option<usize> {
    units.iter().find(|u| u.end > end).map(|u| u.end)
}

/// The end of the last unit ending before `end` but after `start`.
fn shrink(units: &[Range<usize>], start: usize, end: usize) -> Option<usize> {
    units
        .iter()
        .rev()
        .find(|u| u.end < end && u.end > start)
        .map(|u| u.end)
}

impl App {
    /// The note text of the reader's article and its units, when one is shown.
    fn note_text(&mut self) -> Option<Arc<(String, Units)>> {
        let article = self.reader.article()?;
        let generation = self.reader.generation();
        if let Some((made_for, made)) = &self.anchored.text
            && *made_for == generation
        {
            return Some(made.clone());
        }
        let text = anchor::text_of(&article.paragraphs);
        let units = Units::of(&text, &article.paragraphs);
        let made = Arc::new((text, units));
        self.anchored.text = Some((generation, made.clone()));
        Some(made)
    }

    /// `V`: starts selecting at the first word on screen.
    pub(super) fn start_visual(&mut self) {
        let Some(made) = self.note_text() else {
            return self.say("No article to select in.".into());
        };
        let units = &made.1;
        let top = self.reader.top_offset().unwrap_or(0);
        let Some(word) = units.words.iter().find(|w| w.end > top).cloned() else {
            return self.say("This article has no text to select.".into());
        };
        self.visual = Some(Selection {
            start: word.start,
            end: word.end,
            generation: self.reader.generation(),
        });
        self.say_visual_hint();
    }

    fn say_visual_hint(&mut self) {
        let key = |action| {
            self.config
                .keymap
                .label(Context::Visual, action)
                .unwrap_or("?")
                .to_string()
        };
        let hint = format!(
            "Selecting: {}/{} word, {}/{} sentence, {}/{} paragraph, {} highlight, {} note, {} stop",
            key(Action::SelectWordMore),
            key(Action::SelectWordLess),
            key(Action::SelectSentenceMore),
            key(Action::SelectSentenceLess),
            key(Action::SelectParagraphMore),
            key(Action::SelectParagraphLess),
            key(Action::Highlight),
            key(Action::AddNote),
            key(Action::LeaveVisual),
        );
        self.say(hint);
    }

    /// A key while selecting: only the selection's own rows of the keymap apply.
    pub(super) fn visual_key(&mut self, key: KeyEvent, fx: &mut Vec<Effect>) {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.visual = None;
            return self.quit(fx);
        }
        let chord = KeyChord::from_event(&key);
        let action = self
            .config
            .keymap
            .bindings()
            .iter()
            .find(|b| b.context == Context::Visual && b.chords.contains(&chord))
            .map(|b| b.action);
        match action {
            Some(action) => self.visual_action(action, fx),
            None => self.say_visual_hint(),
        }
    }

    pub(super) fn visual_action(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let (Some(mut sel), Some(made)) = (self.visual, self.note_text()) else {
            self.visual = None;
            return;
        };
        let (text, units) = (&made.0, &made.1);
        let moved_start = matches!(action, Action::SelectNext | Action::SelectPrevious);
        match action {
            Action::LeaveVisual => {
                self.visual = None;
                return;
            }
            Action::Highlight => return self.add_note(text, sel, String::new(), fx),
            Action::AddNote => {
                self.overlay = Overlay::NotePrompt(String::new());
                return;
            }
            Action::SelectWordMore => sel.end = grow(&units.words, sel.end).unwrap_or(sel.end),
            Action::SelectWordLess => {
                sel.end = shrink(&units.words, sel.start, sel.end).unwrap_or(sel.end)
            }
            Action::SelectSentenceMore => {
                sel.end = grow(&units.sentences, sel.end).unwrap_or(sel.end)
            }
            Action::SelectSentenceLess => {
                sel.end = shrink(&units.sentences, sel.start, sel.end).unwrap_or(sel.end)
            }
            Action::SelectParagraphMore => {
                sel.end = grow(&units.paragraphs, sel.end).unwrap_or(sel.end)
            }
            Action::SelectParagraphLess => {
                sel.end = shrink(&units.paragraphs, sel.start, sel.end).unwrap_or(sel.end)
            }
            Action::SelectNext | Action::SelectPrevious => {
                let next = if action == Action::SelectNext {
                    units.sentences.iter().find(|s| s.start > sel.start)
                } else {
                    units.sentences.iter().rev().find(|s| s.start < sel.start)
                };
                if let Some(s) = next {
                    sel = Selection {
                        start: s.start,
                        end: s.end,
                        ..sel
                    };
                }
            }
            _ => {}
        }
        self.visual = Some(sel);
        let shown = if moved_start {
            sel.start
        } else {
            sel.end.saturating_sub(1)
        };
        self.reader.show_offset(shown);
    }

    /// Keys of the note prompt (Enter saves, Esc goes back to selecting).
    pub(super) fn note_prompt_key(&mut self, key: KeyEvent, fx: &mut Vec<Effect>) {
        let Overlay::NotePrompt(typed) = &mut self.overlay else {
            return;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => self.overlay = Overlay::None,
            KeyCode::Enter => {
                let note = std::mem::take(typed);
                self.overlay = Overlay::None;
                match (self.visual, self.note_text()) {
                    (Some(sel), Some(made)) => self.add_note(&made.0, sel, note, fx),
                    _ => self.visual = None,
                }
            }
            KeyCode::Backspace => {
                typed.pop();
            }
            KeyCode::Char('u') if ctrl => typed.clear(),
            _ => {
                if let Some(c) = typed_char(&key).filter(|_| typed.chars().count() < NOTE_MAX_CHARS)
                {
                    typed.push(c);
                }
            }
        }
    }

    /// Keeps the selection as a note (a highlight when `note` is blank).
    fn add_note(&mut self, text: &str, sel: Selection, note: String, fx: &mut Vec<Effect>) {
        self.visual = None;
        let Some(id) = self.reader.id().cloned() else {
            return;
        };
        let passage = anchor::capture(text, sel.start..sel.end);
        let paragraphs = self.reader.article().map(|a| a.paragraphs.as_slice());
        let starts = anchor::paragraph_starts(paragraphs.unwrap_or_default());
        let note = Note {
            article: id.0,
            quote: passage.quote,
            note: crate::sanitize::sanitize(note.trim()).into_owned(),
            paragraph: u32::try_from(anchor::paragraph_at(&starts, sel.start)).unwrap_or(0),
            start: u32::try_from(passage.start).unwrap_or(u32::MAX),
            end: u32::try_from(passage.end).unwrap_or(u32::MAX),
            prefix: passage.prefix,
            suffix: passage.suffix,
            created_at: chrono::Utc::now().timestamp(),
        };
        let what = if note.is_highlight() {
            "highlight"
        } else {
            "add note"
        };
        self.set_note(&note, true);
        fx.push(Effect::Persist(StateChange::Note {
            note: Box::new(note),
            add: true,
        }));
        self.undo_hint = Some(what.to_string());
        let undo = self
            .config
            .keymap
            .label(Context::Reader, Action::Undo)
            .unwrap_or("U");
        let list = self
            .config
            .keymap
            .label(Context::Reader, Action::Notes)
            .unwrap_or("H");
        let done = if what == "highlight" {
            "Highlighted"
        } else {
            "Note added"
        };
        self.say(format!(
            "{done}; {list} lists the article's notes, {undo} undoes."
        ));
    }

    /// Adds (`on`) or removes a note in the app's copy of the state.
    pub(super) fn set_note(&mut self, note: &Note, on: bool) {
        let hash = note.id_hash();
        let notes = self.marks.notes.entry(hash).or_default();
        notes.retain(|n| !n.same(note));
        if on {
            notes.push(note.clone());
            notes.sort_by_key(|n| (n.start, n.end, n.created_at));
        }
        if notes.is_empty() {
            self.marks.notes.remove(&hash);
        }
        self.anchored.version += 1;
    }

    /// Finds the reader's article's notes in its text again if the article or the notes
    /// changed since.
    pub(super) fn refresh_anchors(&mut self) {
        let key = (self.reader.generation(), self.anchored.version);
        let ready = self.reader.article().is_some();
        if self.anchored.key == Some(key) && ready {
            return;
        }
        self.anchored.notes.clear();
        self.anchored.key = ready.then_some(key);
        let Some(id) = self.reader.id().filter(|_| ready) else {
            return;
        };
        let Some(notes) = self.marks.notes.get(&id_hash(id)).cloned() else {
            return;
        };
        let Some(made) = self.note_text() else {
            return;
        };
        let text = &made.0;
        self.anchored.notes = notes
            .into_iter()
            .map(|n| {
                let found = anchor::locate(text, &n.passage());
                (n, found)
            })
            .collect();
    }

    /// The reader's article's notes, each with where its passage is now.
    pub fn reader_notes(&self) -> &[(Note, Found)] {
        &self.anchored.notes
    }

    /// How a char of the note text is drawn: selected, in a noted passage, or highlighted.
    pub fn note_mark(&self, offset: usize) -> Option<NoteMark> {
        if self.visual.is_some_and(|s| s.contains(offset)) {
            return Some(NoteMark::Selected);
        }
        let mut mark = None;
        for (note, found) in &self.anchored.notes {
            if found.range().is_some_and(|r| r.contains(&offset)) {
                if !note.is_highlight() {
                    return Some(NoteMark::Noted);
                }
                mark = Some(NoteMark::Highlighted);
            }
        }
        mark
    }

    /// `H`: the list of the article's notes.
    pub(super) fn open_notes(&mut self) {
        if self.reader.article().is_none() {
            return self.say("No article open: its notes are listed from the reader.".into());
        }
        if self.anchored.notes.is_empty() {
            let key = self
                .config
                .keymap
                .label(Context::Reader, Action::Visual)
                .unwrap_or("V");
            return self.say(format!(
                "No notes in this article: {key} selects a passage to highlight or note."
            ));
        }
        self.overlay = Overlay::Notes { selected: 0 };
    }

    pub(super) fn notes_key(&mut self, key: KeyEvent, fx: &mut Vec<Effect>) {
        let Overlay::Notes { selected } = &mut self.overlay else {
            return;
        };
        let last = self.anchored.notes.len().saturating_sub(1);
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => *selected = (*selected + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => *selected = selected.saturating_sub(1),
            KeyCode::Home | KeyCode::Char('g') => *selected = 0,
            KeyCode::End | KeyCode::Char('G') => *selected = last,
            KeyCode::Enter => {
                let found = self.anchored.notes.get(*selected).map(|(_, f)| f.clone());
                self.overlay = Overlay::None;
                match found.and_then(|f| f.range()) {
                    Some(range) => self.reader.show_offset(range.start),
                    None => self.say("That passage is gone from the article's text.".into()),
                }
            }
            KeyCode::Char('d') | KeyCode::Delete => {
                let Some((note, _)) = self.anchored.notes.get(*selected).cloned() else {
                    return;
                };
                let what = if note.is_highlight() {
                    "Highlight deleted"
                } else {
                    "Note deleted"
                };
                self.set_note(&note, false);
                self.refresh_anchors();
                fx.push(Effect::Persist(StateChange::Note {
                    note: Box::new(note),
                    add: false,
                }));
                self.undo_hint = Some(what.to_lowercase());
                let left = self.anchored.notes.len();
                if left == 0 {
                    self.overlay = Overlay::None;
                } else if let Overlay::Notes { selected } = &mut self.overlay {
                    *selected = (*selected).min(left - 1);
                }
                let undo = self
                    .config
                    .keymap
                    .label(Context::Reader, Action::Undo)
                    .unwrap_or("U");
                self.say(format!("{what}; {undo} undoes."));
            }
            KeyCode::Esc | KeyCode::Char('q') => self.overlay = Overlay::None,
            _ => {}
        }
    }
}

/// How a char of the reader's text is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteMark {
    Selected,
    Highlighted,
    Noted,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Paragraph;

    #[test]
    fn units_are_char_ranges_of_words_sentences_and_paragraphs() {
        let paragraphs = vec![
            Paragraph::Text("Zürich voted. The bridge closes.".into()),
            Paragraph::Text("Residents object.".into()),
        ];
        let text = anchor::text_of(&paragraphs);
        let units = Units::of(&text, &paragraphs);
        let show = |r: &Range<usize>| text.chars().skip(r.start).take(r.len()).collect::<String>();
        let words: Vec<String> = units.words.iter().map(show).collect();
        assert_eq!(words[..3], ["Zürich", "voted", "The"]);
        let sentences: Vec<String> = units.sentences.iter().map(show).collect();
        assert_eq!(
            sentences,
            ["Zürich voted.", "The bridge closes.", "Residents object."]
        );
        assert_eq!(units.paragraphs.len(), 2);
        assert_eq!(grow(&units.words, 6), Some(12));
        assert_eq!(shrink(&units.words, 0, 12), Some(6));
        assert_eq!(shrink(&units.words, 0, 6), None, "never below one word");
    }
}
