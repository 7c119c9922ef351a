//! Noticing that the file behind the article on screen changed or disappeared.
//!
//! The reader keeps the copy it loaded; it only says so. The file's size and modification
//! time are compared, never its text, and only when something asks: a slow timer while an
//! article is shown ([`Msg::FileTick`]), the article being opened again, or the store
//! reporting a new snapshot. The `stat` itself is an effect ([`Effect::CheckFile`]); its
//! answer comes back as [`Msg::FileChecked`]. The first answer for a load, sent by the loader
//! with the stamp taken just before reading, is the baseline. A file may hold many articles
//! (a JSON Lines dump): when it changed, the check reads the article shown again and says
//! nothing if it reads the same.

use std::path::PathBuf;
use std::time::SystemTime;

use chrono::{DateTime, Local};
use ratatui::layout::Rect;

use crate::config::Action;

use super::{App, Effect, Msg};

/// Enough of a file's metadata to notice a rewrite without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub len: u64,
    /// `None` on filesystems without modification times: the size alone is compared.
    pub modified: Option<SystemTime>,
}

impl FileStamp {
    pub fn of(metadata: &std::fs::Metadata) -> FileStamp {
        FileStamp {
            len: metadata.len(),
            modified: metadata.modified().ok(),
        }
    }
}

/// The answer to [`Effect::CheckFile`] (or the loader's baseline).
#[derive(Debug, Clone)]
pub struct FileCheck {
    /// The file changed, but the article shown reads the same in it (another line of a JSON
    /// Lines dump was added or edited): nothing to say about this article.
    pub same_article: bool,
    /// The reader generation the check was made for: answers for an article left are dropped.
    pub generation: u64,
    /// `None`: the file is gone (or can no longer be read).
    pub stamp: Option<FileStamp>,
    /// When the check was made; for the baseline, when the article was read.
    pub at: DateTime<Local>,
}

/// What a check needs to tell whether the article shown changed when its file did: a file
/// may hold many articles, and a change to another one is no change to this one.
#[derive(Clone)]
pub struct ArticleProbe {
    pub catalog: std::sync::Arc<dyn crate::catalog::Catalog>,
    pub entry: crate::catalog::Entry,
    /// The file as it was when the article was read: only a change is worth a re-read.
    pub baseline: FileStamp,
    /// [`fingerprint`] of the article shown.
    pub fingerprint: u64,
}

impl std::fmt::Debug for ArticleProbe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArticleProbe")
            .field("entry", &self.entry)
            .field("fingerprint", &self.fingerprint)
            .finish_non_exhaustive()
    }
}

/// A hash of what the reader shows of an article (title, lede, paragraphs), to tell whether
/// it reads the same after its file changed. Only compared within one run.
pub fn fingerprint(article: &crate::article::Article) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    article.title.hash(&mut hasher);
    article.lede.hash(&mut hasher);
    for paragraph in &article.paragraphs {
        matches!(paragraph, crate::article::Paragraph::Heading(_)).hash(&mut hasher);
        paragraph.text().hash(&mut hasher);
    }
    hasher.finish()
}

/// What the reader says above the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileNotice {
    Changed,
    Gone { read_at: DateTime<Local> },
}

/// The watch on the reader's file. Only valid while `generation` is the reader's.
#[derive(Debug, Default)]
pub struct ArticleCheck {
    generation: u64,
    /// The file as it was when read, and when that was. `None`: nothing to watch (the file
    /// could not be stat'ed when loaded, e.g. an in-memory catalog).
    baseline: Option<(FileStamp, DateTime<Local>)>,
    notice: Option<FileNotice>,
}

/// Between two checks of the displayed file. A `stat` is cheap, but the loop stays idle when
/// nothing happens; two seconds is soon enough for a file edited by hand.
pub const CHECK_INTERVAL: std::time::Duration = std::time::Duration::from_secs(2);

/// A message that only looks at the displayed file, and the notice before it: the screen
/// changes only if the notice does.
pub struct Look {
    notice: Option<FileNotice>,
}

impl Look {
    /// Whether the look left the notice as it was, so nothing on screen changed.
    pub fn found_nothing(&self, app: &App) -> bool {
        app.file_notice() == self.notice
    }
}

impl App {
    /// `Some` when `msg` only looks at the displayed file (a tick, a check's answer).
    pub(super) fn look_at_file(&self, msg: &Msg) -> Option<Look> {
        matches!(msg, Msg::FileTick | Msg::FileChecked(_)).then(|| Look {
            notice: self.file_notice(),
        })
    }

    /// While a file is watched, the tick that checks it (and saves the reading position)
    /// once the reader has been idle for [`CHECK_INTERVAL`].
    pub(super) fn idle_tick(&self) -> Option<Effect> {
        self.watched_file().map(|_| Effect::WhenIdle {
            after: CHECK_INTERVAL,
            msg: Msg::FileTick,
        })
    }

    /// The notice for the article on screen, if its file changed or disappeared.
    pub fn file_notice(&self) -> Option<FileNotice> {
        let watch = &self.article_check;
        (watch.generation == self.reader.generation())
            .then_some(watch.notice)
            .flatten()
    }

    /// The notice as a sentence, naming the reload key.
    pub fn file_notice_text(&self) -> Option<String> {
        let key = self.config.keymap.label(self.context(), Action::Reload);
        Some(match self.file_notice()? {
            FileNotice::Changed => match key {
                Some(key) => {
                    format!("This file changed on disk since it was opened; press {key} to reload.")
                }
                None => "This file changed on disk since it was opened.".to_string(),
            },
            FileNotice::Gone { read_at } => format!(
                "This file no longer exists; showing the copy read at {}.",
                read_at.format("%H:%M")
            ),
        })
    }

    /// Where the reader's lines go inside its pane: one row less when a notice is shown.
    pub fn reader_text_area(&self, pane: Rect) -> Rect {
        if self.file_notice().is_some() && pane.height > 1 {
            Rect::new(pane.x, pane.y + 1, pane.width, pane.height - 1)
        } else {
            pane
        }
    }

    /// The file worth checking now: the reader's, while an article is loaded and on screen.
    pub fn watched_file(&self) -> Option<PathBuf> {
        let watch = &self.article_check;
        let current = watch.generation == self.reader.generation() && watch.baseline.is_some();
        let shown = self.panes().reader.is_some();
        current
            .then(|| self.reader.article())
            .flatten()
            .filter(|_| shown)
            .map(|a| a.path.clone())
    }

    /// Asks the runtime to look at the file, if one is watched (and, should it have
    /// changed, at the article in it).
    pub(super) fn check_file(&self, fx: &mut Vec<Effect>) {
        if let Some(path) = self.watched_file() {
            let probe = self
                .article_check
                .baseline
                .zip(self.reader.entry())
                .zip(self.reader.article())
                .map(|(((baseline, _), entry), article)| ArticleProbe {
                    catalog: std::sync::Arc::clone(self.catalog()),
                    entry,
                    baseline,
                    fingerprint: fingerprint(article),
                });
            fx.push(Effect::CheckFile {
                generation: self.reader.generation(),
                path,
                probe,
            });
        }
    }

    pub(super) fn file_checked(&mut self, check: FileCheck) {
        if check.generation != self.reader.generation() {
            return;
        }
        let watch = &mut self.article_check;
        if watch.generation != check.generation {
            *watch = ArticleCheck {
                generation: check.generation,
                baseline: check.stamp.map(|s| (s, check.at)),
                notice: None,
            };
            return;
        }
        let Some((stamp, read_at)) = watch.baseline else {
            return;
        };
        watch.notice = match check.stamp {
            None => Some(FileNotice::Gone { read_at }),
            Some(now) if now != stamp && !check.same_article => Some(FileNotice::Changed),
            // Put back as it was (an editor's save-and-undo): nothing to say.
            Some(_) => None,
        };
    }

    /// Reads the article again from disk, keeping the place in it.
    pub(super) fn reload(&mut self, fx: &mut Vec<Effect>) {
        if let Some(FileNotice::Gone { .. }) = self.file_notice() {
            // The notice above the article already says which copy is shown.
            self.say("Nothing to reload: the file no longer exists.".into());
            return;
        }
        let Some((generation, entry)) = self.reader.reload() else {
            self.say("No article to reload.".into());
            return;
        };
        fx.push(Effect::Load {
            generation,
            entry,
            catalog: std::sync::Arc::clone(self.catalog()),
        });
    }
}

#[cfg(test)]
mod tests;
