//! The reader pane: the article on screen, its wrapped lines and the scroll position.

use std::sync::Arc;

use crate::article::{Article, ArticleId, Paragraph};
use crate::catalog::Entry;
use crate::state::StateChange;

use super::dates;
use super::wrap::{Block, LineKind, WrapOptions, Wrapped, WrappedLine};

/// Words per minute for the reading time.
const READING_SPEED: usize = 230;

pub enum Content {
    Empty,
    Loading,
    Failed(String),
    Ready(Box<Ready>),
}

pub struct Ready {
    pub article: Arc<Article>,
    blocks: Vec<Block>,
    total_bytes: usize,
    wrapped: Wrapped,
}

pub struct Reader {
    entry: Option<Entry>,
    id: Option<ArticleId>,
    /// Tags the load request, so a late answer for an article already left is dropped.
    generation: u64,
    content: Content,
    /// First visible line.
    scroll: usize,
    height: usize,
    options: WrapOptions,
    /// Set by [`Reader::reload`]: the scroll to restore when the new copy arrives.
    keep_scroll: Option<usize>,
}

impl Reader {
    pub fn new(options: WrapOptions) -> Reader {
        Reader {
            entry: None,
            id: None,
            generation: 0,
            content: Content::Empty,
            scroll: 0,
            height: 1,
            options,
            keep_scroll: None,
        }
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

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Starts showing another article; its text arrives with [`Reader::loaded`].
    pub fn open(&mut self, entry: Entry, id: ArticleId) -> u64 {
        self.generation += 1;
        self.entry = Some(entry);
        self.id = Some(id);
        self.content = Content::Loading;
        self.scroll = 0;
        self.keep_scroll = None;
        self.generation
    }

    /// Asks for the shown article again (its file changed); the scroll is kept.
    pub fn reload(&mut self) -> Option<(u64, Entry, ArticleId)> {
        let entry = self.entry?;
        let id = self.id.clone()?;
        let scroll = self.scroll;
        let generation = self.open(entry, id.clone());
        self.keep_scroll = Some(scroll);
        Some((generation, entry, id))
    }

    pub fn close(&mut self) {
        self.generation += 1;
        self.entry = None;
        self.id = None;
        self.content = Content::Empty;
        self.scroll = 0;
        self.keep_scroll = None;
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
        self.content = match result {
            Err(message) => Content::Failed(message),
            Ok(article) => {
                let blocks = blocks(&article);
                let total_bytes = blocks.iter().map(|b| b.text.len()).sum();
                Content::Ready(Box::new(Ready {
                    article: Arc::new(article),
                    blocks,
                    total_bytes,
                    wrapped: Wrapped::new(self.options),
                }))
            }
        };
        self.scroll = match (self.keep_scroll.take(), position) {
            (Some(line), _) => line,
            // Lines scale roughly inversely with the width.
            (None, Some((line, width))) if width > 0 => {
                line as usize * usize::from(width) / usize::from(self.options.width.max(1))
            }
            _ => 0,
        };
        self.settle();
    }

    /// Rewraps for a new text width or options, keeping the same text at the top.
    pub fn reflow(&mut self, options: WrapOptions, height: usize) {
        self.height = height.max(1);
        if options != self.options {
            self.options = options;
            if let Content::Ready(r) = &mut self.content {
                let anchor = r.wrapped.anchor(self.scroll);
                r.wrapped = Wrapped::new(options);
                if let Some(anchor) = anchor {
                    self.scroll = r.wrapped.line_at(&r.blocks, anchor);
                }
            }
        }
        self.settle();
    }

    /// Wraps what the screen needs and keeps the scroll in range.
    fn settle(&mut self) {
        if let Content::Ready(r) = &mut self.content {
            r.wrapped.ensure(&r.blocks, self.scroll + self.height);
            let len = r.wrapped.lines().len();
            if r.wrapped.is_complete(&r.blocks) {
                self.scroll = self.scroll.min(len.saturating_sub(self.height));
            }
        }
    }

    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = self.scroll.saturating_add_signed(delta);
        self.settle();
    }

    pub fn to_top(&mut self) {
        self.scroll = 0;
    }

    pub fn to_bottom(&mut self) {
        if let Content::Ready(r) = &mut self.content {
            r.wrapped.ensure(&r.blocks, usize::MAX);
            self.scroll = r.wrapped.lines().len().saturating_sub(self.height);
        }
    }

    pub fn height(&self) -> usize {
        self.height
    }

    /// The first line after `from` (or the last before it, going back) whose text satisfies
    /// `hit`, wrapping further only as far as the search goes.
    pub fn find_line(
        &mut self,
        from: Option<usize>,
        forward: bool,
        hit: impl Fn(&str) -> bool,
    ) -> Option<usize> {
        let Content::Ready(r) = &mut self.content else {
            return None;
        };
        if forward {
            let mut i = from.map_or(0, |f| f + 1);
            loop {
                r.wrapped.ensure(&r.blocks, i + 1);
                let line = r.wrapped.lines().get(i)?;
                if hit(&line.text) {
                    return Some(i);
                }
                i += 1;
            }
        }
        let end = match from {
            Some(0) => return None,
            Some(f) => f,
            None => usize::MAX,
        };
        r.wrapped.ensure(&r.blocks, end);
        let lines = r.wrapped.lines();
        (0..end.min(lines.len()))
            .rev()
            .find(|&i| lines.get(i).is_some_and(|l| hit(&l.text)))
    }

    /// Scrolls so that `line` is on screen, with two lines above it for context, unless it
    /// already is.
    pub fn show_line(&mut self, line: usize) {
        if line < self.scroll || line >= self.scroll + self.height {
            self.scroll = line.saturating_sub(2);
        }
        self.settle();
    }

    /// Puts the top of the screen at `line`.
    pub fn scroll_to(&mut self, line: usize) {
        self.scroll = line;
        self.settle();
    }

    /// The lines on screen.
    pub fn visible(&self) -> &[WrappedLine] {
        match &self.content {
            Content::Ready(r) => {
                let lines = r.wrapped.lines();
                let start = self.scroll.min(lines.len());
                let end = (self.scroll + self.height).min(lines.len());
                &lines[start..end]
            }
            _ => &[],
        }
    }

    /// How far through the article the bottom of the screen is, 0-100.
    pub fn percent(&self) -> u16 {
        let Content::Ready(r) = &self.content else {
            return 0;
        };
        let total = r.wrapped.total_estimate(&r.blocks, r.total_bytes).max(1);
        let seen = (self.scroll + self.height).min(total);
        (seen * 100 / total) as u16
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

/// The article as the blocks the reader wraps: header, lede, then the body.
fn blocks(article: &Article) -> Vec<Block> {
    let block = |kind, text: String, gap| Block { kind, text, gap };
    let mut out = vec![block(LineKind::Title, article.title.clone(), false)];
    let language = article.language.as_str();
    let date = article.published.map_or_else(
        || "undated".to_string(),
        |p| dates::long_published(p, language),
    );
    let source = if article.source.is_empty() {
        "unknown source"
    } else {
        &article.source
    };
    out.push(block(LineKind::Meta, format!("{source} · {date}"), false));
    let words = article.word_count();
    let minutes = words.div_ceil(READING_SPEED).max(1);
    out.push(block(
        LineKind::Meta,
        format!("{language} · {words} words · {minutes} min read"),
        article.url.is_none(),
    ));
    if let Some(url) = &article.url {
        out.push(block(LineKind::Url, url.clone(), true));
    }
    if !article.lede.is_empty() {
        let lede = if article.lede_truncated {
            format!("{}…", article.lede.trim_end_matches(['.', '…', ' ']))
        } else {
            article.lede.clone()
        };
        out.push(block(LineKind::Lede, lede, true));
    }
    for p in &article.paragraphs {
        match p {
            Paragraph::Heading(t) => out.push(block(LineKind::Heading, t.clone(), true)),
            Paragraph::Text(t) => out.push(block(LineKind::Body, t.clone(), true)),
        }
    }
    out
}
