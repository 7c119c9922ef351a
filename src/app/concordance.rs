//! The concordance view: every hit of the current search in context, one line per hit (not
//! per article), the hit in a column of its own, date and source at the left. Opened with a
//! key on the results; the articles are read off the UI thread a batch at a time
//! (`Effect::Concordance`, answered with `Msg::Concordance`), so the lines stream in, newest
//! article first, and a newer request (the results changed) drops the older one. The keys
//! are the timeline's own (moving, `S` for the order, Enter to read, Esc to go back): Enter
//! opens the article in the reader at that very hit, where `n`/`N` go on from it.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rayon::prelude::*;

use crate::article::{Article, Published};
use crate::catalog::{Catalog, Entry};
use crate::config::{Action, Context, KeyChord};
use crate::kwic::{self, Line, Order, Part, SortKey};
use crate::search::Matcher;

use super::layout::Focus;
use super::search::AfterLoad;
use super::{App, Effect};

/// Lines the view holds at most: a word found a million times is a list nobody reads to the
/// end, and each line costs a few hundred bytes.
pub const MAX_LINES: usize = 200_000;

/// Words of context either side in the view: the screen shows about this many.
const WINDOW: usize = 10;

/// Words kept of a line's sort keys: enough to order the lines a person compares.
const KEY_WORDS: usize = 4;

/// Read the articles of these results and find every hit in them.
pub struct ConcordanceRequest {
    pub generation: u64,
    /// In the order the lines are listed by date: newest first.
    pub entries: Vec<Entry>,
    pub catalog: Arc<dyn Catalog>,
    pub matcher: Matcher,
}

/// The lines of the next batch of articles read.
pub struct ConcordanceAnswer {
    pub generation: u64,
    pub lines: Vec<HitLine>,
    /// Articles read for this answer, and those that could not be read.
    pub articles: usize,
    pub unreadable: usize,
    /// The last batch.
    pub done: bool,
}

/// One hit with what the view shows of its article.
#[derive(Debug, Clone)]
pub struct HitLine {
    pub entry: Entry,
    /// The article's place in the request: the date order.
    pub rank: u32,
    pub published: Option<Published>,
    pub source: String,
    pub line: Line,
    after: SortKey,
    before: SortKey,
}

impl HitLine {
    fn new(entry: Entry, rank: u32, article: &Article, line: Line) -> HitLine {
        let mut after = kwic::sort_key(&line, Order::After);
        let mut before = kwic::sort_key(&line, Order::Before);
        after.truncate(KEY_WORDS);
        before.truncate(KEY_WORDS);
        HitLine {
            entry,
            rank,
            published: article.published,
            source: article.source.clone(),
            line,
            after,
            before,
        }
    }

    fn key(&self, order: Order) -> (&[String], u32, usize) {
        let words = match order {
            Order::Date => &[][..],
            Order::After => &self.after,
            Order::Before => &self.before,
        };
        (words, self.rank, self.line.nth + part_rank(self.line.part))
    }
}

/// Orders an article's lines by where they are in it (its parts in reading order).
fn part_rank(part: Part) -> usize {
    match part {
        Part::Title => 0,
        Part::Lede => 1 << 20,
        Part::Paragraph(i) => (i + 2) << 20,
    }
}

/// Reads `entries[range]` (in parallel) and answers with their lines, in order.
pub fn read(request: &ConcordanceRequest, range: std::ops::Range<usize>) -> ConcordanceAnswer {
    let entries = request.entries.get(range.clone()).unwrap_or_default();
    let read: Vec<Option<Vec<HitLine>>> = entries
        .par_iter()
        .enumerate()
        .map(|(i, entry)| {
            let article = request.catalog.load(entry).ok()?;
            let rank = u32::try_from(range.start + i).unwrap_or(u32::MAX);
            let lines = kwic::lines(&article, &request.matcher, WINDOW)
                .into_iter()
                .map(|line| HitLine::new(*entry, rank, &article, line))
                .collect();
            Some(lines)
        })
        .collect();
    let unreadable = read.iter().filter(|r| r.is_none()).count();
    ConcordanceAnswer {
        generation: request.generation,
        lines: read.into_iter().flatten().flatten().collect(),
        articles: entries.len(),
        unreadable,
        done: range.end >= request.entries.len(),
    }
}

/// The view while it is open.
pub struct Concordance {
    pub generation: u64,
    /// The query as typed, for the title.
    pub query: String,
    pub lines: Vec<HitLine>,
    pub order: Order,
    /// Indices into `lines` in `order`.
    shown: Vec<u32>,
    pub selected: usize,
    /// The first line drawn.
    pub top: usize,
    pub articles_read: usize,
    pub articles: usize,
    pub unreadable: usize,
    pub done: bool,
    /// [`MAX_LINES`] was reached: the rest are not listed.
    pub truncated: bool,
}

impl Concordance {
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// The line at `index` in the order shown.
    pub fn line(&self, index: usize) -> Option<&HitLine> {
        let i = *self.shown.get(index)?;
        self.lines.get(i as usize)
    }

    pub fn selected_line(&self) -> Option<&HitLine> {
        self.line(self.selected)
    }

    fn add(&mut self, lines: Vec<HitLine>) {
        let room = MAX_LINES.saturating_sub(self.lines.len());
        if lines.len() > room {
            self.truncated = true;
        }
        let first = self.lines.len() as u32;
        self.lines.extend(lines.into_iter().take(room));
        let new = first..self.lines.len() as u32;
        if self.order == Order::Date {
            // Lines arrive in date order.
            self.shown.extend(new);
            return;
        }
        // The batch sorted, then merged in: linear in the lines held, not a sort of them all.
        let chosen = self.shown.get(self.selected).copied();
        let order = self.order;
        let lines = &self.lines;
        let key = |i: u32| lines[i as usize].key(order);
        let mut batch: Vec<u32> = new.collect();
        batch.sort_by(|&a, &b| key(a).cmp(&key(b)));
        let old = std::mem::take(&mut self.shown);
        let mut merged = Vec::with_capacity(old.len() + batch.len());
        let (mut a, mut b) = (old.into_iter().peekable(), batch.into_iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(&x), Some(&y)) if key(y) < key(x) => b.next(),
                (Some(_), _) => a.next(),
                (None, _) => b.next(),
            };
            match next {
                Some(i) => merged.push(i),
                None => break,
            }
        }
        self.shown = merged;
        // The selected line stays selected as others come in above it (the first stays
        // first, so that the view opens on the top line).
        if self.selected > 0
            && let Some(chosen) = chosen
        {
            self.selected = self.shown.iter().position(|&i| i == chosen).unwrap_or(0);
        }
    }

    fn sort(&mut self, order: Order) {
        let chosen = self
            .selected_line()
            .map(|l| (l.rank, l.line.part, l.line.nth));
        self.order = order;
        let lines = &self.lines;
        self.shown = (0..lines.len() as u32).collect();
        if order != Order::Date {
            self.shown.sort_by(|&a, &b| {
                lines[a as usize]
                    .key(order)
                    .cmp(&lines[b as usize].key(order))
            });
        }
        self.selected = chosen
            .and_then(|c| {
                self.shown.iter().position(|&i| {
                    let l = &lines[i as usize];
                    (l.rank, l.line.part, l.line.nth) == c
                })
            })
            .unwrap_or(0);
        self.top = self.selected.saturating_sub(3);
    }

    /// Keeps the selection within the `height` lines drawn.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + height {
            self.top = self.selected + 1 - height;
        }
    }
}

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
        self.kwic.open = Some(Concordance {
            generation: 0,
            query: self.search.ran.clone(),
            lines: Vec::new(),
            order: Order::Date,
            shown: Vec::new(),
            selected: 0,
            top: 0,
            articles_read: 0,
            articles: 0,
            unreadable: 0,
            done: false,
            truncated: false,
        });
        self.request_concordance(fx);
    }

    /// Asks for the lines of the results as the timeline lists them now.
    fn request_concordance(&mut self, fx: &mut Vec<Effect>) {
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
        *view = Concordance {
            generation: self.kwic.generation,
            query: std::mem::take(&mut view.query),
            lines: Vec::new(),
            order,
            shown: Vec::new(),
            selected: 0,
            top: 0,
            articles_read: 0,
            articles: entries.len(),
            unreadable: 0,
            done: entries.is_empty(),
            truncated: false,
        };
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
            let same = self
                .kwic
                .open
                .as_ref()
                .is_some_and(|v| v.articles == self.timeline.len() && v.articles_read > 0);
            if !same {
                self.request_concordance(fx);
            }
        }
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
