//! The concordance view: every hit of the current search in context, one line per hit (not
//! per article), the hit in a column of its own, date and source at the left. Opened with a
//! key on the results; the articles are read off the UI thread a batch at a time
//! (`Effect::Concordance`, answered with `Msg::Concordance`), so the lines stream in, newest
//! article first, and a newer request (the results changed) drops the older one. The keys
//! are the timeline's own (moving, `S` for the order, Enter to read, Esc to go back): Enter
//! opens the article in the reader at that very hit, where `n`/`N` go on from it.

//!
//! `hits` reads the articles and finds the lines, `view` holds them in the order shown; this
//! file is the app's side: opening the view, asking for its lines, and its keys.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::catalog::Entry;
use crate::config::{Action, Context, KeyChord};
use crate::kwic::{self, Order};
use crate::search::Matcher;

use super::layout::Focus;
use super::search::AfterLoad;
use super::{App, Effect};

mod hits;
mod view;

pub use hits::{ConcordanceAnswer, ConcordanceRequest, HitLine, read};
pub use view::{Concordance, MAX_LINES};

/// The concordance's part of the app: the open view and what tags its requests.
#[derive(Default)]
pub struct KwicView {
    pub open: Option<Concordance>,
    generation: u64,
    /// What the view's hits were found with, for finding the hit chosen in the reader.
    pub(super) matcher: Matcher,
}

impl App {
    /// Opens the concordance of the current search.
    pub(super) fn open_concordance(&mut self, fx: &mut Vec<Effect>) {
        let Some(query) = self.search.query.clone() else {
            let key = self.key_for(Action::Search, "/");
            self.say(format!(
                "No search to show in context: press {key} and type what to look for."
            ));
            return;
        };
        let matcher = kwic::matcher(&query);
        if matcher.is_empty() {
            self.say("The search has no words to show in context (only filters).".into());
            return;
        }
        self.kwic.matcher = matcher;
        // Only a place for the query and the order: the request below makes it anew.
        let query = self.search.ran.clone();
        self.kwic.open = Some(Concordance::new(0, query, Order::Date, 0, (0, None, None)));
        self.request_concordance(fx);
    }

    /// Asks for the lines of the results as the timeline lists them now.
    fn request_concordance(&mut self, fx: &mut Vec<Effect>) {
        let listed = self.listed();
        let Some(view) = &mut self.kwic.open else {
            return;
        };
        self.kwic.generation += 1;
        let mut entries: Vec<Entry> = (0..self.timeline.len())
            .filter_map(|i| self.timeline.entry(i))
            .collect();
        let by_date = self.timeline.matches().is_none_or(|m| m.by_date);
        if !by_date || self.timeline.reversed() {
            entries.sort_by_key(|e| std::cmp::Reverse(e.sort_key));
        }
        let order = view.order;
        let query = std::mem::take(&mut view.query);
        *view = Concordance::new(self.kwic.generation, query, order, entries.len(), listed);
        if entries.is_empty() {
            return;
        }
        fx.push(Effect::Concordance(Box::new(ConcordanceRequest {
            generation: self.kwic.generation,
            entries,
            catalog: Arc::clone(self.catalog()),
            matcher: self.kwic.matcher.clone(),
        })));
    }

    /// The full results arrived (or changed) while the view is open: it lists them.
    pub(super) fn concordance_after_search(&mut self, fx: &mut Vec<Effect>) {
        if self.kwic.open.is_some() && self.search.count.is_some() {
            let listed = self.listed();
            if self.kwic.open.as_ref().is_some_and(|v| v.listed != listed) {
                self.request_concordance(fx);
            }
        }
    }

    fn listed(&self) -> view::Listed {
        let len = self.timeline.len();
        let last = len.checked_sub(1).and_then(|i| self.timeline.entry(i));
        (len, self.timeline.entry(0), last)
    }

    pub(super) fn concordance_answer(&mut self, answer: ConcordanceAnswer) {
        let Some(view) = &mut self.kwic.open else {
            return;
        };
        if answer.generation != view.generation {
            return;
        }
        view.articles_read += answer.articles;
        view.unreadable += answer.unreadable;
        view.done |= answer.done;
        view.add(answer.lines);
    }

    /// Keys while the view is open: the timeline's moves, its order key, Enter and Back.
    pub(super) fn concordance_key(&mut self, key: KeyEvent, fx: &mut Vec<Effect>) {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.kwic.open = None;
            self.quit(fx);
            return;
        }
        let chord = KeyChord::from_event(&key);
        let action = self.config.keymap.action(Context::Timeline, chord);
        let page = usize::from(self.size.height.saturating_sub(4)).max(1);
        let Some(view) = &mut self.kwic.open else {
            return;
        };
        let last = view.len().saturating_sub(1);
        match action {
            Some(Action::Down) => view.selected = (view.selected + 1).min(last),
            Some(Action::Up) => view.selected = view.selected.saturating_sub(1),
            Some(Action::PageDown) => view.selected = (view.selected + page).min(last),
            Some(Action::PageUp) => view.selected = view.selected.saturating_sub(page),
            Some(Action::HalfPageDown) => view.selected = (view.selected + page / 2).min(last),
            Some(Action::HalfPageUp) => view.selected = view.selected.saturating_sub(page / 2),
            Some(Action::Top) => view.selected = 0,
            Some(Action::Bottom) => view.selected = last,
            Some(Action::ToggleOrder) => {
                let order = view.order.next();
                view.sort(order);
                self.say(order.describe().into());
            }
            Some(Action::Open) => self.open_hit(fx),
            Some(Action::Back | Action::CloseSearch | Action::Quit | Action::Concordance) => {
                self.kwic.open = None
            }
            _ => {
                let keys = [
                    (Action::Open, "read"),
                    (Action::ToggleOrder, "order"),
                    (Action::CloseSearch, "back"),
                ]
                .map(|(a, what)| format!("{} {what}", self.key_for_timeline(a)));
                self.say(format!("In the concordance: {}", keys.join(" · ")));
            }
        }
        if let Some(view) = &mut self.kwic.open {
            view.scroll_into_view(page);
        }
    }

    /// The wheel scrolls the view; the panes under it take no clicks.
    pub(super) fn concordance_mouse(&mut self, action: super::MouseAction) {
        let page = usize::from(self.size.height.saturating_sub(4)).max(1);
        let Some(view) = &mut self.kwic.open else {
            return;
        };
        let last = view.len().saturating_sub(1);
        match action {
            super::MouseAction::WheelDown => view.selected = (view.selected + 3).min(last),
            super::MouseAction::WheelUp => view.selected = view.selected.saturating_sub(3),
            _ => {}
        }
        view.scroll_into_view(page);
    }

    /// Enter: the article of the selected line, in the reader, at that hit.
    fn open_hit(&mut self, fx: &mut Vec<Effect>) {
        let Some(hit) = self.kwic.open.as_ref().and_then(|v| v.selected_line()) else {
            return;
        };
        let (entry, part, nth) = (hit.entry, hit.line.part, hit.line.nth);
        if !self.timeline.select_entry(entry) {
            self.say("That article is no longer in the results.".into());
            return;
        }
        self.kwic.open = None;
        self.focus = Focus::Reader;
        let loaded = self.reader.entry() == Some(entry);
        self.show_selected(true, fx);
        if loaded {
            self.go_to_concordance_hit(part, nth);
        } else {
            self.search.after_load = Some(AfterLoad::Concordance { part, nth });
        }
    }

    fn key_for(&self, action: Action, default: &str) -> String {
        self.config
            .keymap
            .label(Context::Global, action)
            .unwrap_or(default)
            .to_string()
    }

    fn key_for_timeline(&self, action: Action) -> String {
        self.config
            .keymap
            .label(Context::Timeline, action)
            .unwrap_or("?")
            .to_string()
    }
}
