//! The pipe key: the article (the marked rows, once there are marks) handed to the user's
//! command (`[pipe]` in the config file), run by the runtime off the UI thread; what it
//! prints is shown in a pane.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent};

use crate::catalog::{Catalog, Entry};
use crate::config::pipe::Pipe;

use super::overlay::Overlay;
use super::{App, Effect};

/// What the runtime is asked to run: the command once per article, in order.
pub struct PipeRequest {
    pub pipe: Pipe,
    pub catalog: Arc<dyn Catalog>,
    pub entries: Vec<Entry>,
}

/// What the runs gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipeOutput {
    pub program: String,
    pub runs: Vec<PipeRun>,
}

/// One run of the command, on one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipeRun {
    pub title: String,
    /// The command ran and exited with success.
    pub ok: bool,
    /// How it ended, in words: "exited with status 2", "not found"...
    pub outcome: String,
    /// Its standard output and error, interleaved as printed, cleaned, perhaps cut.
    pub output: String,
}

/// The output pane: a title and lines, scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputPane {
    pub title: String,
    pub lines: Vec<String>,
    pub scroll: usize,
}

impl App {
    /// What the pipe key runs on: the marked rows when any are marked, else the article the
    /// user means.
    pub(super) fn pipe_targets(&self) -> Vec<Entry> {
        if !self.picked.is_empty() {
            return self.picked_entries();
        }
        self.target().map(|(entry, _)| entry).into_iter().collect()
    }

    pub(super) fn start_pipe(&mut self, fx: &mut Vec<Effect>) {
        let pipe = self.config.pipe.clone();
        if pipe.command.is_empty() {
            self.say_warning(
                "No pipe command set: add [pipe] command = [\"xdg-open\", \"{url}\"] to config.toml."
                    .into(),
            );
            return;
        }
        let entries = self.pipe_targets();
        let Some(first) = entries.first().and_then(|e| self.catalog().row(e)) else {
            self.say("No article to pipe: the list is empty.".into());
            return;
        };
        let on = match (entries.len(), self.picked.is_empty()) {
            (1, true) => format!("\"{}\"", first.title),
            (1, false) => "1 marked article".to_string(),
            (n, true) => format!("{n} articles"),
            (n, false) => format!("{n} marked articles"),
        };
        self.say(format!("running {} on {on}…", pipe.program()));
        fx.push(Effect::Pipe(Box::new(PipeRequest {
            pipe,
            catalog: Arc::clone(self.catalog()),
            entries,
        })));
    }

    /// The runs ended: a command that said nothing and succeeded is a status line; anything
    /// else (output, a failure) opens the pane.
    pub(super) fn piped(&mut self, output: PipeOutput) {
        let quiet = output
            .runs
            .iter()
            .all(|r| r.ok && r.output.trim().is_empty());
        if quiet {
            let on = match output.runs.as_slice() {
                [one] => format!("\"{}\"", one.title),
                runs => format!("{} articles", runs.len()),
            };
            self.say(format!("{} ran on {on}", output.program));
            return;
        }
        let failed = output.runs.iter().filter(|r| !r.ok).count();
        let title = match output.runs.as_slice() {
            [one] => format!("{}: {}", output.program, one.outcome),
            runs if failed > 0 => {
                format!("{}: {failed} of {} runs failed", output.program, runs.len())
            }
            runs => format!("{}: {} runs", output.program, runs.len()),
        };
        let mut lines = Vec::new();
        let several = output.runs.len() > 1;
        for run in &output.runs {
            if several {
                if !lines.is_empty() {
                    lines.push(String::new());
                }
                lines.push(format!("── {} ({})", run.title, run.outcome));
            }
            lines.extend(run.output.lines().map(str::to_string));
            if run.output.trim().is_empty() {
                lines.push("(no output)".into());
            }
        }
        self.overlay = Overlay::Output(OutputPane {
            title,
            lines,
            scroll: 0,
        });
    }

    pub(super) fn output_key(&mut self, key: KeyEvent) {
        let page = usize::from(self.size.height.saturating_sub(4)).max(1);
        let Overlay::Output(pane) = &mut self.overlay else {
            return;
        };
        let last = pane.lines.len().saturating_sub(1);
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => pane.scroll = (pane.scroll + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => pane.scroll = pane.scroll.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => pane.scroll = (pane.scroll + page).min(last),
            KeyCode::PageUp => pane.scroll = pane.scroll.saturating_sub(page),
            KeyCode::Home | KeyCode::Char('g') => pane.scroll = 0,
            KeyCode::End | KeyCode::Char('G') => pane.scroll = last,
            _ => self.overlay = Overlay::None,
        }
    }
}
