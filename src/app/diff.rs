//! What a copy changed against the earliest article of its group: asked for with a key,
//! computed off the UI thread ([`compare`], which reads both files), shown in an overlay.

use std::sync::Arc;

use crate::article::Article;
use crate::catalog::{Catalog, Entry};
use crate::copies::{Change, word_diff};

use super::overlay::Overlay;
use super::{App, Effect, Msg};

/// Text compared from each article at most: the diff stays within a moment and its overlay
/// within a frame, even for a scraped page of megabytes.
const MAX_COMPARED_BYTES: usize = 256 * 1024;

/// Compare a copy with the original (the earliest of its group).
pub struct DiffRequest {
    pub original: Entry,
    pub copy: Entry,
    pub catalog: Arc<dyn Catalog>,
}

/// The diff as the overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffView {
    /// "Source · date · title" of each side.
    pub original: String,
    pub copy: String,
    pub changes: Vec<Change>,
    /// Words the copy added and removed.
    pub added: usize,
    pub removed: usize,
}

/// Reads both articles and compares them: the runtime's worker runs this, and tests call it.
pub fn compare(request: &DiffRequest) -> Msg {
    let load = |e: &Entry| request.catalog.load(e).map_err(|p| p.message());
    let result = load(&request.original)
        .and_then(|original| Ok((original, load(&request.copy)?)))
        .map(|(original, copy)| Box::new(view(&original, &copy)));
    Msg::Diff(result)
}

/// The diff of two loaded articles, titles included (a rewritten headline is a change too).
pub fn view(original: &Article, copy: &Article) -> DiffView {
    let changes = word_diff(&compared_text(original), &compared_text(copy));
    let words = |kind: fn(&Change) -> Option<&str>| {
        changes
            .iter()
            .filter_map(kind)
            // Words, not the punctuation the diff also moves.
            .map(|t| {
                t.split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .count()
            })
            .sum()
    };
    DiffView {
        original: describe(original),
        copy: describe(copy),
        added: words(|c| match c {
            Change::Added(t) => Some(t),
            _ => None,
        }),
        removed: words(|c| match c {
            Change::Removed(t) => Some(t),
            _ => None,
        }),
        changes,
    }
}

fn describe(article: &Article) -> String {
    let date = article
        .published
        .map_or_else(|| "undated".to_string(), |p| p.to_string());
    format!("{} · {date} · {}", article.source, article.title)
}

/// The title and the paragraphs, a blank line between them.
fn compared_text(article: &Article) -> String {
    let mut text = article.title.clone();
    for p in &article.paragraphs {
        text.push_str("\n\n");
        text.push_str(p.text());
        if text.len() > MAX_COMPARED_BYTES {
            let mut end = MAX_COMPARED_BYTES;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
            break;
        }
    }
    text
}

impl App {
    /// The diff key: the article read (or selected) against the earliest of its group; the
    /// earliest itself against its first copy.
    pub(super) fn show_diff(&mut self, fx: &mut Vec<Effect>) {
        let Some((entry, _)) = self.target() else {
            self.say("No article selected.".into());
            return;
        };
        let catalog = Arc::clone(self.timeline.catalog());
        let members = catalog.group_entries(entry.id_hash);
        let (Some(&original), Some(&first_copy)) = (members.first(), members.get(1)) else {
            self.say("This article has no copies: nothing to compare it with.".into());
            return;
        };
        let copy = if original.id_hash == entry.id_hash {
            first_copy
        } else {
            entry
        };
        self.say("Comparing with the earliest article…".into());
        fx.push(Effect::Diff(Box::new(DiffRequest {
            original,
            copy,
            catalog,
        })));
    }

    pub(super) fn diff_ready(&mut self, result: Result<Box<DiffView>, String>) {
        match result {
            Ok(view) => {
                self.status = None;
                self.overlay = Overlay::Diff { view, scroll: 0 };
            }
            Err(why) => self.say(format!("Cannot compare the copies: {why}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{ArticleId, Paragraph};

    fn article(title: &str, body: &[&str]) -> Article {
        Article {
            id: ArticleId(title.into()),
            path: "x.txt".into(),
            url: None,
            title: title.into(),
            lede: String::new(),
            lede_truncated: false,
            source: "Wire".into(),
            language: "en".into(),
            published: None,
            paragraphs: body
                .iter()
                .map(|t| Paragraph::Text(t.to_string()))
                .collect(),
            meta: Default::default(),
            problems: Vec::new(),
        }
    }

    #[test]
    fn the_view_counts_words_added_and_removed_and_names_both_sides() {
        let original = article(
            "Bridge reopens",
            &["The bridge reopened on Friday.", "Trucks wait."],
        );
        let copy = article(
            "Bridge reopens to trucks",
            &["The bridge reopened on Friday."],
        );
        let view = view(&original, &copy);
        assert_eq!((view.added, view.removed), (2, 2));
        assert!(view.original.contains("Bridge reopens") && view.copy.contains("to trucks"));
        let removed: String = view
            .changes
            .iter()
            .filter_map(|c| match c {
                Change::Removed(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert!(removed.contains("Trucks wait"), "{:?}", view.changes);
    }
}
