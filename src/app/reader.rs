//! The reader pane: the article on screen, its wrapped lines and the scroll position.
//!
//! The scroll position is an anchor (a block and a line of it), so nothing above the screen
//! is wrapped to show it; line numbers are derived from it (see `reader/text.rs`).

mod at_hit;
mod blocks;
mod find;
mod hit_count;
mod length;
mod offsets;
mod text;

use std::sync::Arc;

use crate::article::{Article, ArticleId};
use crate::catalog::Entry;
use crate::state::StateChange;

use super::wrap::{WrapOptions, WrappedLine};
pub use find::{FIND_BUDGET, Find, Resume};
use text::{Anchor, Text};

pub enum Content {
    Empty,
    Loading,
    Failed(String),
    Ready(Box<Ready>),
}

pub struct Ready {
    pub article: Arc<Article>,
    text: Text,
    /// Where each block starts in the note text (`blocks::sources`).
    sources: Vec<Option<usize>>,
}

/// A place in the article that outlives a rewrap (line numbers do not): a block, and how
/// far into its lines the top of the screen is, in millionths.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    block: usize,
    share: u32,
}

pub struct Reader {
    entry: Option<Entry>,
    id: Option<ArticleId>,
    /// Tags the load request, so a late answer for an article already left is dropped.
    generation: u64,
    content: Content,
    /// The first line on screen.
    top: Anchor,
    /// The first line the user brought on screen. A screen taller than the rest of the
    /// article (a resize to a huge terminal) shows lines above it to stay full; a resize back
    /// starts from here again, so the reading place outlives the resize.
    wanted: Anchor,
    /// Its line number.
    scroll: usize,
    height: usize,
    options: WrapOptions,
    /// Set by [`Reader::reload`]: the line number to restore when the new copy arrives.
    keep_scroll: Option<usize>,
    /// The lines on screen and their numbers, kept by [`Reader::settle`] for drawing.
    visible: Vec<WrappedLine>,
    numbers: Vec<usize>,
    /// For each line on screen, each char's offset in the note text (`None` outside the body).
    offsets: Vec<Vec<Option<usize>>>,
    percent: u16,
    /// The user's language for dates ("en", "fr"): the date line is folio's, not the article's.
    locale: String,
    /// "also published by …", under the source line, for an article that has copies.
    also: Option<String>,
}

impl Reader {
    pub fn new(options: WrapOptions, locale: &str) -> Reader {
        Reader {
            entry: None,
            id: None,
            generation: 0,
            content: Content::Empty,
            top: Anchor::default(),
            wanted: Anchor::default(),
            scroll: 0,
            height: 1,
            options,
            keep_scroll: None,
            visible: Vec::new(),
            numbers: Vec::new(),
            offsets: Vec::new(),
            percent: 0,
            locale: locale.to_string(),
            also: None,
        }
    }

    /// The line naming the other outlets of the article being opened (see `App::copies`).
    pub fn set_also(&mut self, also: Option<String>) {
        self.also = also;
    }

    pub fn entry(&self) -> Option<Entry> {
        self.entry
    }

    pub fn id(&self) -> Option<&ArticleId> {
        self.id.as_ref()
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn content(&self) -> &Content {
        &self.content
    }

    pub fn article(&self) -> Option<&Arc<Article>> {
        match &self.content {
            Content::Ready(r) => Some(&r.article),
            _ => None,
        }
    }

    pub fn options(&self) -> WrapOptions {
        self.options
    }

    /// The line number of the first line on screen.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Starts showing another article; its text arrives with [`Reader::loaded`].
    pub fn open(&mut self, entry: Entry, id: ArticleId) -> u64 {
        self.generation += 1;
        self.entry = Some(entry);
        self.id = Some(id);
        self.content = Content::Loading;
        self.keep_scroll = None;
        self.settle();
        self.generation
    }

    /// Asks for the shown article again (its file changed); the scroll is kept.
    pub fn reload(&mut self) -> Option<(u64, Entry)> {
        let entry = self.entry?;
        let id = self.id.clone()?;
        let scroll = self.scroll;
        let generation = self.open(entry, id);
        self.keep_scroll = Some(scroll);
        Some((generation, entry))
    }

    pub fn close(&mut self) {
        self.generation += 1;
        self.entry = None;
        self.id = None;
        self.content = Content::Empty;
        self.keep_scroll = None;
        self.settle();
    }

    /// The loaded article, with the position saved for it as (line, width) if any.
    pub fn loaded(
        &mut self,
        generation: u64,
        result: Result<Article, String>,
        position: Option<(u32, u16)>,
    ) {
        if generation != self.generation {
            return;
        }
        self.top = Anchor::default();
        self.content = match result {
            Err(message) => Content::Failed(message),
            Ok(article) => {
                let mut blocks = blocks::blocks(&article, &self.locale);
                if let Some(also) = &self.also {
                    let line = crate::app::wrap::Block {
                        kind: crate::app::wrap::LineKind::Meta,
                        text: also.clone(),
                        gap: false,
                    };
                    // Under the source and date.
                    blocks.insert(2.min(blocks.len()), line);
                }
                let sources = blocks::sources(&article, &blocks);
                let mut text = Text::new(blocks, self.options);
                self.top = match (self.keep_scroll.take(), position) {
                    (Some(line), _) => text.locate(line),
                    (None, Some((line, width))) if width > 0 => {
                        text.restore(line as usize, width, self.options.width)
                    }
                    _ => text.first(),
                };
                Content::Ready(Box::new(Ready {
                    article: Arc::new(article),
                    text,
                    sources,
                }))
            }
        };
        self.settle();
    }

    /// Rewraps for a new text width or options, keeping the same text at the top.
    pub fn reflow(&mut self, options: WrapOptions, height: usize) {
        self.height = height.max(1);
        if options != self.options {
            self.options = options;
            if let Content::Ready(r) = &mut self.content {
                // The same share of the wanted top block stays on top: only that block is
                // rewrapped before the screen is filled around it.
                let before = r.text.len(self.wanted.block).max(1);
                let fraction = self.wanted.line as f64 / before as f64;
                r.text.rewrap(options);
                let after = r.text.len(self.wanted.block);
                self.wanted.line = (fraction * after as f64) as usize;
            }
        }
        // A resize is not the user moving: start from the line they chose, not from where a
        // taller screen had to put the top, and keep that choice for the next resize.
        let wanted = self.wanted;
        self.top = wanted;
        self.settle();
        if matches!(self.content, Content::Ready(_)) {
            self.wanted = wanted;
        }
    }

    /// Keeps the screen full (the last line no higher than the bottom) and notes what it
    /// shows; wraps only the blocks on it.
    fn settle(&mut self) {
        self.visible.clear();
        self.numbers.clear();
        self.offsets.clear();
        let Content::Ready(r) = &mut self.content else {
            self.top = Anchor::default();
            self.wanted = Anchor::default();
            self.scroll = 0;
            self.percent = 0;
            return;
        };
        let text = &mut r.text;
        let mut top = text.valid(self.top);
        let mut shown = screen(text, top, self.height);
        if shown.len() < self.height {
            let last = text.last();
            top = text.step(last, self.height - 1, false);
            shown = screen(text, top, self.height);
        }
        self.top = top;
        self.scroll = text.number(top);
        let mut maps: Option<(usize, Vec<Vec<Option<usize>>>)> = None;
        for &at in &shown {
            if let Some(line) = text.line(at).cloned() {
                self.visible.push(line);
                self.numbers.push(text.number(at));
                let base = r.sources.get(at.block).copied().flatten();
                let offsets = match base {
                    None => Vec::new(),
                    Some(base) => {
                        if maps.as_ref().is_none_or(|(b, _)| *b != at.block) {
                            let (block_text, lines) = text.block_lines(at.block);
                            let map = offsets::line_map(block_text, lines);
                            maps = Some((at.block, map));
                        }
                        let map = maps.as_ref().and_then(|(_, m)| m.get(at.line));
                        map.map_or_else(Vec::new, |m| {
                            m.iter().map(|o| o.map(|o| base + o)).collect()
                        })
                    }
                };
                self.offsets.push(offsets);
            }
        }
        let bottom = shown.last().copied().unwrap_or(top);
        let at_end = text.is_last(bottom);
        self.percent = text.percent(self.scroll, self.height, bottom, at_end);
        self.wanted = top;
    }

    pub fn scroll_by(&mut self, delta: isize) {
        if let Content::Ready(r) = &mut self.content {
            self.top = r.text.step(self.top, delta.unsigned_abs(), delta > 0);
        }
        self.settle();
    }

    pub fn to_top(&mut self) {
        if let Content::Ready(r) = &mut self.content {
            self.top = r.text.first();
        }
        self.settle();
    }

    /// Wraps blocks from the last one up until the screen is full.
    pub fn to_bottom(&mut self) {
        if let Content::Ready(r) = &mut self.content {
            let last = r.text.last();
            self.top = r.text.step(last, self.height.saturating_sub(1), false);
        }
        self.settle();
    }

    pub fn height(&self) -> usize {
        self.height
    }

    /// Scrolls so that the line numbered `line` is on screen, with two lines above it for
    /// context, unless it already is.
    pub fn show_line(&mut self, line: usize) {
        if !self.numbers.contains(&line)
            && let Content::Ready(r) = &mut self.content
        {
            let at = r.text.locate(line);
            self.top = r.text.step(at, 2, false);
        }
        self.settle();
    }

    /// Where the user is reading, to come back to with [`Reader::return_to`] at any width.
    pub fn place(&mut self) -> Place {
        let Content::Ready(r) = &mut self.content else {
            return Place::default();
        };
        let len = r.text.len(self.wanted.block).max(1) as u64;
        let share = (self.wanted.line as u64 * 1_000_000 / len).min(999_999);
        Place {
            block: self.wanted.block,
            share: u32::try_from(share).unwrap_or(999_999),
        }
    }

    /// Puts `place` at the top of the screen, as wrapped now.
    pub fn return_to(&mut self, place: Place) {
        if let Content::Ready(r) = &mut self.content {
            let len = r.text.len(place.block) as u64;
            let line = len * u64::from(place.share) / 1_000_000;
            self.top = Anchor {
                block: place.block,
                line: usize::try_from(line).unwrap_or(usize::MAX),
            };
        }
        self.settle();
    }

    /// The lines on screen.
    pub fn visible(&self) -> &[WrappedLine] {
        &self.visible
    }

    /// The line numbers of the lines on screen: consecutive in an ordinary article, but they
    /// may skip in a long one.
    pub fn visible_numbers(&self) -> &[usize] {
        &self.numbers
    }

    /// For each line on screen, each char's offset in the article's note text
    /// (`crate::anchor::text_of`); empty for lines outside the body.
    pub fn visible_offsets(&self) -> &[Vec<Option<usize>>] {
        &self.offsets
    }

    /// The first char of the body on screen, as an offset in the note text.
    pub fn top_offset(&self) -> Option<usize> {
        self.offsets.iter().flatten().find_map(|o| *o)
    }

    /// Scrolls so that the char at `offset` of the note text is on screen (two lines of
    /// context above it), unless it already is.
    pub fn show_offset(&mut self, offset: usize) {
        let shown = self
            .offsets
            .iter()
            .flatten()
            .flatten()
            .any(|&o| o == offset);
        let Content::Ready(r) = &mut self.content else {
            return;
        };
        if shown {
            return;
        }
        let Some(block) = (0..r.sources.len()).rev().find(|&b| {
            r.sources
                .get(b)
                .copied()
                .flatten()
                .is_some_and(|s| s <= offset)
        }) else {
            return;
        };
        let base = r.sources.get(block).copied().flatten().unwrap_or_default();
        let (block_text, lines) = r.text.block_lines(block);
        let map = offsets::line_map(block_text, lines);
        let line = map
            .iter()
            .position(|m| m.iter().flatten().any(|&o| base + o >= offset))
            .unwrap_or(0);
        let number = r.text.number(Anchor { block, line });
        self.show_line(number);
    }

    /// How far through the article the bottom of the screen is, 0-100.
    pub fn percent(&self) -> u16 {
        self.percent
    }

    /// What to persist about the reading position, when an article is shown.
    pub fn position(&self) -> Option<StateChange> {
        match (&self.content, &self.id) {
            (Content::Ready(_), Some(id)) => Some(StateChange::Position {
                id: id.clone(),
                line: u32::try_from(self.scroll).unwrap_or(u32::MAX),
                width: self.options.width,
            }),
            _ => None,
        }
    }
}

/// The lines of a screen of `height` lines from `top`, fewer at the end of the text.
fn screen(text: &mut Text, top: Anchor, height: usize) -> Vec<Anchor> {
    let mut shown = vec![top];
    let mut at = top;
    while shown.len() < height {
        match text.next(at) {
            Some(next) => {
                shown.push(next);
                at = next;
            }
            None => break,
        }
    }
    shown
}
