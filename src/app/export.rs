//! The export key: the results on screen (the marked rows, once there are marks) written to a
//! file named in a prompt, by the runtime off the UI thread. The file's extension chooses the
//! format; a file that exists is replaced only when Enter is pressed again.

use std::path::PathBuf;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::catalog::{Catalog, Entry};
use crate::export::Format;
use crate::export::format::EXTENSIONS;

use super::overlay::{Overlay, typed_char};
use super::{App, Effect};

/// Characters the file name may have: any path a person types.
const NAME_MAX: usize = 1024;

/// The prompt for the file's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPrompt {
    pub text: String,
    /// What is exported, in words: "42 results", "all 1,204 articles".
    pub what: String,
    /// The file exists and Enter replaces it (until the name is edited).
    pub replace: bool,
}

/// What the runtime is asked to write.
pub struct ExportRequest {
    pub catalog: Arc<dyn Catalog>,
    pub entries: Vec<Entry>,
    /// As typed: relative to folio's folder, `~/` for the home folder.
    pub path: PathBuf,
    pub format: Format,
    /// Replace a file that exists (the user was asked).
    pub replace: bool,
}

/// How an export ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// The name as typed, to ask again with.
    pub typed: String,
    pub result: Result<ExportDone, ExportFailure>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDone {
    /// The file's full path.
    pub path: String,
    pub count: usize,
    /// Articles written from the index only (their file could not be read).
    pub partial: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportFailure {
    /// A file of that name exists and was left alone.
    Exists,
    /// Why the file could not be written, as a sentence.
    Failed(String),
}

/// `folio-export-20220102-1530.csv`: sorts by time, in the folder folio was started in.
pub fn default_name(now: chrono::NaiveDateTime) -> String {
    format!("folio-export-{}.csv", now.format("%Y%m%d-%H%M"))
}

impl App {
    /// What the export key writes, and its name in words: the marked rows when any are
    /// marked (what the user means then), else the list in the order shown.
    pub(super) fn export_targets(&self) -> (Vec<Entry>, String) {
        if !self.picked.is_empty() {
            let entries = self.picked_entries();
            let n = entries.len();
            let what = format!("{n} marked {}", if n == 1 { "article" } else { "articles" });
            return (entries, what);
        }
        let entries: Vec<Entry> = (0..self.timeline.len())
            .filter_map(|i| self.timeline.entry(i))
            .collect();
        let n = entries.len();
        let what = if self.search.is_open() {
            format!("{n} {}", if n == 1 { "result" } else { "results" })
        } else if self.timeline.filters().any() {
            format!("{n} {} shown", if n == 1 { "article" } else { "articles" })
        } else {
            format!("all {n} {}", if n == 1 { "article" } else { "articles" })
        };
        (entries, what)
    }

    /// The export key: asks for a file name.
    pub(super) fn start_export(&mut self) {
        let counting = self.search.query.is_some() && self.search.count.is_none();
        if counting && self.picked.is_empty() {
            self.say(
                "The search is still counting its results: export once the count shows.".into(),
            );
            return;
        }
        let (entries, what) = self.export_targets();
        if entries.is_empty() {
            self.say("Nothing to export: the list is empty.".into());
            return;
        }
        self.overlay = Overlay::Export(ExportPrompt {
            text: default_name(chrono::Local::now().naive_local()),
            what,
            replace: false,
        });
    }

    pub(super) fn export_prompt_key(&mut self, key: KeyEvent, fx: &mut Vec<Effect>) {
        let Overlay::Export(prompt) = &mut self.overlay else {
            return;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => self.overlay = Overlay::None,
            KeyCode::Enter => {
                let prompt = prompt.clone();
                self.export_to(prompt, fx);
            }
            KeyCode::Backspace => {
                prompt.text.pop();
                prompt.replace = false;
            }
            KeyCode::Char('u') if ctrl => {
                prompt.text.clear();
                prompt.replace = false;
            }
            _ => {
                if let Some(c) = typed_char(&key).filter(|_| prompt.text.chars().count() < NAME_MAX)
                {
                    prompt.text.push(c);
                    prompt.replace = false;
                }
            }
        }
    }

    /// Enter in the prompt: the request, or what is wrong with the name (the prompt stays).
    fn export_to(&mut self, prompt: ExportPrompt, fx: &mut Vec<Effect>) {
        let typed = prompt.text.trim().to_string();
        if typed.is_empty() {
            self.say_warning("Type a file name, e.g. results.csv; Esc cancels.".into());
            return;
        }
        let path = PathBuf::from(&typed);
        let Some(format) = Format::of_path(&path) else {
            self.say_warning(format!(
                "Cannot tell the format from \"{typed}\": end the name in {EXTENSIONS}."
            ));
            return;
        };
        let (entries, what) = self.export_targets();
        self.overlay = Overlay::None;
        self.say(format!("exporting {what} to {typed}…"));
        fx.push(Effect::Export(Box::new(ExportRequest {
            catalog: Arc::clone(self.catalog()),
            entries,
            path,
            format,
            replace: prompt.replace,
        })));
    }

    /// The runtime's answer: the file named with its count, or why not. A file that exists
    /// brings the prompt back, Enter now replacing it.
    pub(super) fn exported(&mut self, exported: Exported) {
        match exported.result {
            Ok(done) => {
                let articles = if done.count == 1 {
                    "article"
                } else {
                    "articles"
                };
                let mut text = format!("Exported {} {articles} to {}", done.count, done.path);
                if done.partial > 0 {
                    text.push_str(&format!(
                        " ({} without their body: their files could not be read)",
                        done.partial
                    ));
                }
                self.say(text);
            }
            Err(ExportFailure::Exists) => {
                let (_, what) = self.export_targets();
                self.say_warning(format!(
                    "{} already exists: Enter replaces it, or type another name.",
                    exported.typed
                ));
                self.overlay = Overlay::Export(ExportPrompt {
                    text: exported.typed,
                    what,
                    replace: true,
                });
            }
            Err(ExportFailure::Failed(why)) => {
                self.say_warning(format!("Nothing exported: {why}."));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_name_sorts_by_time() {
        let at = chrono::NaiveDate::from_ymd_opt(2022, 1, 2)
            .and_then(|d| d.and_hms_opt(15, 30, 59))
            .unwrap();
        assert_eq!(default_name(at), "folio-export-20220102-1530.csv");
    }
}
