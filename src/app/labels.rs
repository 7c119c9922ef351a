//! Labels, row marks, actions over many articles, and undo.
//!
//! - `L` opens the label prompt for the current article: `+name -name name`, Tab completes
//!   from the labels in use.
//! - `x` marks or unmarks the selected row, `X` marks every row shown (the current search's
//!   results), `ctrl-x` clears the marks.
//! - `A` acts on the marked rows, or with none marked on every row shown: label or unlabel,
//!   read or unread, star or unstar. Before acting on more than one article the app names the
//!   count and waits for `y`.
//! - `U` undoes the last label, read or star action, single or bulk, across a restart too: the
//!   undo log lives in the state database, and the runtime answers with what it reverted.
//! - `#` lists every label with its count; Enter searches for it (`label:NAME`).
//!
//! Every action changes the marks in memory at once and sends one `StateChange::Bulk`, which
//! the state layer writes as one transaction and one undo step.

use std::collections::{BTreeMap, HashSet};

use crossterm::event::{KeyCode, KeyEvent};

use crate::article::ArticleId;
use crate::catalog::id_hash;
use crate::state::{Bulk, LabelEdit, Op, StateChange, Target, Undone};

use super::overlay::{Overlay, typed_char};
use super::{App, Effect};

/// Characters the label prompt holds.
const LABEL_PROMPT_MAX: usize = 200;

/// Who the label prompt labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The article under the cursor (or open in the reader).
    Current,
    /// The marked rows, or every row shown when none is marked.
    Bulk,
}

/// An action waiting for the user's yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkAction {
    Labels(LabelEdit),
    Read(bool),
    Starred(bool),
}

impl BulkAction {
    fn ops(&self) -> Vec<Op> {
        match self {
            BulkAction::Labels(edit) => edit
                .add
                .iter()
                .map(|l| Op::Label(l.clone(), true))
                .chain(edit.remove.iter().map(|l| Op::Label(l.clone(), false)))
                .collect(),
            BulkAction::Read(on) => vec![Op::Read(*on)],
            BulkAction::Starred(on) => vec![Op::Starred(*on)],
        }
    }

    /// What the action is, for the confirmation, the status bar and the undo log.
    pub fn describe(&self) -> String {
        match self {
            BulkAction::Labels(edit) => format!("label {}", edit.describe()),
            BulkAction::Read(true) => "mark read".into(),
            BulkAction::Read(false) => "mark unread".into(),
            BulkAction::Starred(true) => "star".into(),
            BulkAction::Starred(false) => "unstar".into(),
        }
    }
}

impl App {
    /// `x`: marks or unmarks the selected row, and moves down, so a run of rows is marked by
    /// holding the key.
    pub(super) fn toggle_mark(&mut self) {
        let Some(entry) = self.timeline.selected() else {
            return;
        };
        if !self.picked.remove(&entry.id_hash) {
            self.picked.insert(entry.id_hash);
        }
        self.timeline.move_by(1);
        self.say_marked();
    }

    /// `X`: marks every row shown.
    pub(super) fn mark_all(&mut self) {
        for i in 0..self.timeline.len() {
            if let Some(entry) = self.timeline.entry(i) {
                self.picked.insert(entry.id_hash);
            }
        }
        self.say_marked();
    }

    pub(super) fn clear_marks(&mut self) {
        let n = self.picked.len();
        self.picked.clear();
        self.say(format!("{n} {} unmarked", articles(n)));
    }

    fn say_marked(&mut self) {
        let n = self.picked.len();
        let act = self
            .config
            .keymap
            .label(self.context(), crate::config::Action::Bulk)
            .unwrap_or("A")
            .to_string();
        self.say(format!("{n} {} marked; {act} acts on them", articles(n)));
    }

    /// `L`: the label prompt for the current article.
    pub(super) fn open_label_prompt(&mut self) {
        if self.target().is_none() {
            self.say("No article to label.".into());
            return;
        }
        self.overlay = Overlay::Label {
            text: String::new(),
            scope: Scope::Current,
        };
    }

    /// `A`: what to do with the marked rows, or all rows shown.
    pub(super) fn open_bulk(&mut self) {
        let count = self.bulk_count();
        if count == 0 {
            self.say("No articles to act on.".into());
            return;
        }
        self.overlay = Overlay::Bulk { count };
    }

    /// `#`: the labels in use.
    pub(super) fn open_labels(&mut self) {
        if self.marks.labels.is_empty() {
            let key = self
                .config
                .keymap
                .label(self.context(), crate::config::Action::Label)
                .unwrap_or("L")
                .to_string();
            self.say(format!("No labels yet: press {key} to label an article."));
            return;
        }
        self.overlay = Overlay::Labels { selected: 0 };
    }

    /// How many articles a bulk action would touch: the marked ones, else every row shown.
    pub fn bulk_count(&self) -> usize {
        if self.picked.is_empty() {
            self.timeline.len()
        } else {
            self.picked.len()
        }
    }

    /// Whether the row of this article is marked.
    pub fn is_picked(&self, id_hash: u64) -> bool {
        self.picked.contains(&id_hash)
    }

    pub fn picked_count(&self) -> usize {
        self.picked.len()
    }

    /// Every label in use with how many articles have it, most used first, then by name.
    pub fn label_counts(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for labels in self.marks.labels.values() {
            for label in labels {
                *counts.entry(label.as_str()).or_default() += 1;
            }
        }
        let mut out: Vec<(String, usize)> = counts
            .into_iter()
            .map(|(l, n)| (l.to_string(), n))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// The labels of an article, sorted.
    pub fn labels_of(&self, id_hash: u64) -> &[String] {
        self.marks.labels.get(&id_hash).map_or(&[], Vec::as_slice)
    }

    /// Keys while a label overlay is open; `false` when the overlay is not one of these.
    pub(super) fn labels_overlay_key(&mut self, key: KeyEvent, fx: &mut Vec<Effect>) -> bool {
        match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::Label { mut text, scope } => {
                match key.code {
                    KeyCode::Esc => return true,
                    KeyCode::Enter => {
                        self.submit_labels(&text, scope, fx);
                        return true;
                    }
                    KeyCode::Backspace => {
                        text.pop();
                    }
                    KeyCode::Tab => text = self.complete(&text),
                    _ => {
                        if let Some(c) =
                            typed_char(&key).filter(|_| text.chars().count() < LABEL_PROMPT_MAX)
                        {
                            text.push(c);
                        }
                    }
                }
                self.overlay = Overlay::Label { text, scope };
            }
            Overlay::Labels { mut selected } => {
                let last = self.label_counts().len().saturating_sub(1);
                match key.code {
                    KeyCode::Down | KeyCode::Char('j') => selected = (selected + 1).min(last),
                    KeyCode::Up | KeyCode::Char('k') => selected = selected.saturating_sub(1),
                    KeyCode::Home | KeyCode::Char('g') => selected = 0,
                    KeyCode::End | KeyCode::Char('G') => selected = last,
                    KeyCode::Enter => {
                        if let Some((label, _)) = self.label_counts().get(selected) {
                            let query = format!("label:{label}");
                            self.search_for(&query, fx);
                        }
                        return true;
                    }
                    KeyCode::Esc | KeyCode::Char('q') => return true,
                    _ => {}
                }
                self.overlay = Overlay::Labels { selected };
            }
            Overlay::Bulk { count } => {
                let action = match key.code {
                    KeyCode::Char('l') => {
                        self.overlay = Overlay::Label {
                            text: String::new(),
                            scope: Scope::Bulk,
                        };
                        return true;
                    }
                    KeyCode::Char('r') => BulkAction::Read(true),
                    KeyCode::Char('R') => BulkAction::Read(false),
                    KeyCode::Char('s') => BulkAction::Starred(true),
                    KeyCode::Char('S') => BulkAction::Starred(false),
                    KeyCode::Esc | KeyCode::Char('q') => return true,
                    _ => {
                        self.overlay = Overlay::Bulk { count };
                        return true;
                    }
                };
                self.ask_or_apply(action, count, fx);
            }
            Overlay::Confirm { action, .. } => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter => {
                    self.apply_bulk(&action, fx)
                }
                _ => self.say(format!(
                    "Nothing changed ({} not applied).",
                    action.describe()
                )),
            },
            other => {
                self.overlay = other;
                return false;
            }
        }
        true
    }

    fn submit_labels(&mut self, text: &str, scope: Scope, fx: &mut Vec<Effect>) {
        let edit = match LabelEdit::parse(text) {
            Ok(edit) if edit.is_empty() => {
                self.say("No label typed: nothing changed.".into());
                return;
            }
            Ok(edit) => edit,
            Err(e) => {
                self.say_warning(e.to_string());
                // Back to the prompt with the text, to fix it.
                self.overlay = Overlay::Label {
                    text: text.to_string(),
                    scope,
                };
                return;
            }
        };
        let action = BulkAction::Labels(edit);
        match scope {
            Scope::Current => {
                if let Some((_, row)) = self.target() {
                    self.apply(vec![row.id], &action, fx);
                }
            }
            Scope::Bulk => {
                let count = self.bulk_count();
                self.ask_or_apply(action, count, fx);
            }
        }
    }

    fn ask_or_apply(&mut self, action: BulkAction, count: usize, fx: &mut Vec<Effect>) {
        if count > 1 {
            self.overlay = Overlay::Confirm { action, count };
        } else {
            self.apply_bulk(&action, fx);
        }
    }

    /// Applies `action` to the marked rows (or every row shown), then clears the marks.
    fn apply_bulk(&mut self, action: &BulkAction, fx: &mut Vec<Effect>) {
        let ids = self.bulk_ids();
        self.picked.clear();
        self.apply(ids, action, fx);
    }

    /// The ids of the marked rows' articles, or of every row shown when none is marked.
    fn bulk_ids(&self) -> Vec<ArticleId> {
        let catalog = self.catalog();
        let entries: Vec<crate::catalog::Entry> = if self.picked.is_empty() {
            (0..self.timeline.len())
                .filter_map(|i| self.timeline.entry(i))
                .collect()
        } else {
            self.picked_entries()
        };
        catalog.ids(&entries).into_iter().flatten().collect()
    }

    /// The marked rows' entries in the archive's order, shown now or not (a row marked
    /// before the search changed stays marked).
    pub(super) fn picked_entries(&self) -> Vec<crate::catalog::Entry> {
        self.catalog()
            .timeline()
            .iter()
            .filter(|e| self.picked.contains(&e.id_hash))
            .copied()
            .collect()
    }

    /// Changes the marks in memory as the state database will, says what changed, and sends
    /// the one change that persists it (and logs its undo step).
    pub(super) fn apply(&mut self, ids: Vec<ArticleId>, action: &BulkAction, fx: &mut Vec<Effect>) {
        let ops = action.ops();
        let mut changed = 0;
        let mut seen = HashSet::with_capacity(ids.len());
        for id in &ids {
            let hash = id_hash(id);
            if !seen.insert(hash) {
                continue;
            }
            let mut any = false;
            for op in &ops {
                any |= self.set(hash, op);
            }
            changed += usize::from(any);
        }
        let what = action.describe();
        let total = seen.len();
        self.say(match (changed, total) {
            (0, 1) => format!("Nothing to change ({what})."),
            (0, _) => format!("Nothing to change on {total} articles ({what})."),
            (1, 1) => capitalised(&what),
            _ => format!("{} on {changed} of {total} articles.", capitalised(&what)),
        });
        if changed > 0 {
            self.undo_hint = Some(what.clone());
            fx.push(Effect::Persist(StateChange::Bulk(Bulk::new(
                ids, ops, what,
            ))));
        }
    }

    /// Changes one mark in memory; whether it changed.
    fn set(&mut self, hash: u64, op: &Op) -> bool {
        match op {
            Op::Read(on) => {
                let changed = toggle(&mut self.marks.read, hash, *on);
                if changed {
                    if *on {
                        self.unread = self.unread.saturating_sub(1);
                    } else {
                        self.unread += 1;
                    }
                }
                changed
            }
            Op::Starred(on) => toggle(&mut self.marks.starred, hash, *on),
            Op::Label(label, on) => set_label(&mut self.marks.labels, hash, label.as_str(), *on),
        }
    }

    /// `U`: asks the runtime to revert the newest step of the undo log.
    pub(super) fn undo(&mut self, fx: &mut Vec<Effect>) {
        self.say("Undoing…".into());
        fx.push(Effect::Undo);
    }

    /// The runtime's answer to [`Effect::Undo`].
    pub(super) fn undone(&mut self, result: Result<Option<Undone>, String>) {
        let undone = match result {
            Ok(Some(undone)) => undone,
            Ok(None) => {
                self.undo_hint = None;
                self.say("Nothing to undo.".into());
                return;
            }
            Err(text) => {
                self.say_warning(text);
                return;
            }
        };
        for reverted in &undone.reverted {
            let op = match &reverted.target {
                Target::Read => Op::Read(reverted.on),
                Target::Starred => Op::Starred(reverted.on),
                Target::Label(name) => {
                    set_label(&mut self.marks.labels, reverted.id_hash, name, reverted.on);
                    continue;
                }
                Target::Note(note) => {
                    self.set_note(note, reverted.on);
                    continue;
                }
            };
            self.set(reverted.id_hash, &op);
        }
        self.undo_hint = None;
        let n = undone.articles;
        self.say(format!("Undid {} on {n} {}.", undone.what, articles(n)));
    }

    /// The labels of the article in the reader, when it has any.
    pub fn reader_labels(&self) -> Option<&[String]> {
        let id = self.reader.id()?;
        Some(self.labels_of(id_hash(id))).filter(|l| !l.is_empty())
    }

    /// The reader's text area less the labels line above the text, when the article has
    /// labels.
    pub fn reader_body_area(&self, pane: ratatui::layout::Rect) -> ratatui::layout::Rect {
        let area = self.reader_text_area(pane);
        let header = self.reader_labels().is_some() || !self.reader_notes().is_empty();
        if header && area.height > 2 {
            ratatui::layout::Rect::new(area.x, area.y + 1, area.width, area.height - 1)
        } else {
            area
        }
    }

    /// What undo would revert, as the status line says it.
    pub fn undo_hint(&self) -> Option<&str> {
        self.undo_hint.as_deref()
    }

    /// Completes the last word of the label prompt from the labels in use.
    fn complete(&self, text: &str) -> String {
        let start = text.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let (head, word) = text.split_at(start);
        let (sign, partial) = match word.chars().next() {
            Some(c @ ('+' | '-')) => (c.to_string(), &word[1..]),
            _ => (String::new(), word),
        };
        let partial = partial.to_lowercase();
        let candidates = self.completions(&partial);
        match candidates.as_slice() {
            [] => text.to_string(),
            [one] => format!("{head}{sign}{one} "),
            many => {
                let common = common_prefix(many);
                format!("{head}{sign}{common}")
            }
        }
    }

    /// Labels in use that start with `partial`, most used first.
    pub fn completions(&self, partial: &str) -> Vec<String> {
        self.label_counts()
            .into_iter()
            .map(|(l, _)| l)
            .filter(|l| l.starts_with(partial))
            .collect()
    }
}

fn toggle(set: &mut HashSet<u64>, hash: u64, on: bool) -> bool {
    if on {
        set.insert(hash)
    } else {
        set.remove(&hash)
    }
}

fn set_label(
    labels: &mut std::collections::HashMap<u64, Vec<String>>,
    hash: u64,
    name: &str,
    on: bool,
) -> bool {
    let list = labels.entry(hash).or_default();
    let at = list.binary_search_by(|l| l.as_str().cmp(name));
    let changed = match (at, on) {
        (Err(at), true) => {
            list.insert(at, name.to_string());
            true
        }
        (Ok(at), false) => {
            list.remove(at);
            true
        }
        _ => false,
    };
    if list.is_empty() {
        labels.remove(&hash);
    }
    changed
}

fn common_prefix(words: &[String]) -> String {
    let Some(first) = words.first() else {
        return String::new();
    };
    let mut end = first.len();
    for word in &words[1..] {
        end = first
            .char_indices()
            .zip(word.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(end);
    }
    first[..end].to_string()
}

fn articles(n: usize) -> &'static str {
    if n == 1 { "article" } else { "articles" }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
