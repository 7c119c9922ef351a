//! Snippets from the bodies of the search results on screen (`i`). Bodies are not stored in
//! the index, so the articles are read off the UI thread: after each message the app asks
//! for the visible results whose lede has no hit (`Effect::Snippets`), the runtime reads them
//! and answers with `Msg::Snippets`. Drawing only reads what arrived.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::article::Article;
use crate::catalog::{Catalog, Entry};
use crate::search::Matcher;

use super::timeline::ListLine;
use super::{App, Effect};

/// Characters of a paragraph kept before its first hit: the line drawn keeps fewer.
const BEFORE: usize = 60;
/// Characters kept from the hit on: more than the widest row.
const AFTER: usize = 400;

/// Read the bodies of these results and find their first hit.
pub struct SnippetRequest {
    /// Tags the query: answers for an older one are dropped.
    pub generation: u64,
    pub entries: Vec<Entry>,
    pub catalog: Arc<dyn Catalog>,
    pub matcher: Matcher,
}

/// The runtime's answer: for each entry (by id hash), the text around the first hit of its
/// body, or `None` when the body has none (or could not be read).
pub struct SnippetAnswer {
    pub generation: u64,
    pub found: Vec<(u64, Option<String>)>,
}

/// Body snippets of the current query.
#[derive(Default)]
pub struct Snippets {
    generation: u64,
    /// The query's words they were found for.
    matcher: Matcher,
    found: HashMap<u64, Option<String>>,
    asked: HashSet<u64>,
}

impl Snippets {
    /// The text around the first hit in the body of the article with this id hash, once
    /// read.
    pub fn body(&self, id_hash: u64) -> Option<&str> {
        self.found.get(&id_hash)?.as_deref()
    }
}

/// The text around the first hit in the article's paragraphs, cut to a line's worth.
pub fn body_snippet(article: &Article, matcher: &Matcher) -> Option<String> {
    article.paragraphs.iter().find_map(|p| {
        let text = p.text();
        let first = matcher.spans(text).into_iter().next()?;
        let before = text.get(..first.start)?;
        let skip = before.chars().count().saturating_sub(BEFORE);
        let start = text.char_indices().nth(skip).map_or(0, |(i, _)| i);
        let kept: String = text.get(start..)?.chars().take(BEFORE + AFTER).collect();
        Some(if start > 0 {
            format!("…{kept}")
        } else {
            kept
        })
    })
}

impl App {
    /// Asks for the body snippets of the results on screen that have none yet: only when
    /// snippets are shown, and only for rows whose lede has no hit (theirs is drawn from it).
    pub(super) fn ask_snippets(&mut self, fx: &mut Vec<Effect>) {
        if !self.timeline.snippets() || self.search.matcher.is_empty() {
            return;
        }
        if self.snippets.matcher != self.search.matcher {
            self.snippets = Snippets {
                generation: self.snippets.generation + 1,
                matcher: self.search.matcher.clone(),
                ..Snippets::default()
            };
        }
        let Some(list) = self.panes().list else {
            return;
        };
        let catalog = Arc::clone(self.catalog());
        let mut entries = Vec::new();
        for line in self.timeline.visible(usize::from(list.height)) {
            let ListLine::Snippet(index) = line else {
                continue;
            };
            let Some(entry) = self.timeline.entry(index) else {
                continue;
            };
            if self.snippets.asked.contains(&entry.id_hash) {
                continue;
            }
            let lede_hit = catalog
                .row(&entry)
                .is_some_and(|row| self.search.matcher.contains_hit(&row.lede));
            if !lede_hit {
                self.snippets.asked.insert(entry.id_hash);
                entries.push(entry);
            }
        }
        if !entries.is_empty() {
            fx.push(Effect::Snippets(Box::new(SnippetRequest {
                generation: self.snippets.generation,
                entries,
                catalog,
                matcher: self.search.matcher.clone(),
            })));
        }
    }

    pub(super) fn snippets_found(&mut self, answer: SnippetAnswer) {
        if answer.generation == self.snippets.generation {
            self.snippets.found.extend(answer.found);
        }
    }
}
