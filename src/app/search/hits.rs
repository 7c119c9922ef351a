//! Hits in the reader: `n`/`N` from hit to hit and on to the next matching article, and the
//! finds that search a long article over several frames. A find searches
//! [`FIND_BUDGET`](crate::app::reader::FIND_BUDGET) bytes of text per turn of the event loop;
//! if that was not enough, it keeps its place here and asks for `Msg::FindMore` after the
//! next frame. Any key cancels it, so a stale continuation finds nothing to go on with.

use super::AfterLoad;
use crate::app::layout::Focus;
use crate::app::reader::{Find, Resume};
use crate::app::wrap::WrapOptions;
use crate::app::{App, Effect, Msg};
use crate::config::{Action, Context};

/// The lines with a hit in one article, at one wrapping, for one query: what the counter
/// ("hit 3 of 7") is read from. `None` for an article too long to count.
pub(super) struct Counted {
    reader: u64,
    options: WrapOptions,
    search: u64,
    lines: Option<Vec<usize>>,
}

/// What a find that reaches the end (the start) of the text without a hit does then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IfMissing {
    NextArticle {
        forward: bool,
    },
    /// Says why the article has no hit in its text (it matched on its source or date).
    Explain,
    Nothing,
}

/// A find in the reader that paused to let a frame be drawn; `Msg::FindMore` with its
/// generation goes on with it.
pub(super) struct PendingFind {
    generation: u64,
    resume: Resume,
    missing: IfMissing,
}

impl App {
    /// `n`/`N`: the next or previous hit in the reader; past the last (first) one, the next
    /// (previous) matching article at its first (last) hit. From the timeline, opens the
    /// selected article at its first hit.
    pub(in crate::app) fn jump_to_hit(&mut self, forward: bool, fx: &mut Vec<Effect>) {
        if self.search.matcher.is_empty() {
            self.say("No words to look for: press / to search.".into());
            return;
        }
        let in_reader = self.focus == Focus::Reader || self.layout.zen;
        if !in_reader {
            self.focus = Focus::Reader;
            let already = self.reader.entry() == self.timeline.selected();
            self.show_selected(true, fx);
            if already {
                self.search.hit = None;
                self.hit_in_article(true, IfMissing::Nothing, fx);
            } else {
                self.search.after_load = Some(AfterLoad::FirstHit);
            }
            return;
        }
        self.hit_in_article(forward, IfMissing::NextArticle { forward }, fx);
    }

    /// Past the last (first) hit of the article: the next (previous) matching article.
    fn next_matching_article(&mut self, forward: bool, fx: &mut Vec<Effect>) {
        let before = self.timeline.selected_index();
        self.timeline.move_by(if forward { 1 } else { -1 });
        if self.timeline.selected_index() == before {
            self.say(if forward {
                "No more hits: this is the last matching article.".into()
            } else {
                "No hits before: this is the first matching article.".into()
            });
            return;
        }
        self.show_selected(true, fx);
        self.search.hit = None;
        self.search.after_load = Some(if forward {
            AfterLoad::FirstHit
        } else {
            AfterLoad::LastHit
        });
    }

    /// Moves to the next (previous) hit in the article shown.
    fn hit_in_article(&mut self, forward: bool, missing: IfMissing, fx: &mut Vec<Effect>) {
        let from = self.search.hit.or_else(|| {
            // Without a current hit, start from the top of the screen.
            let top = self.reader.scroll();
            if forward {
                top.checked_sub(1)
            } else {
                Some(top)
            }
        });
        self.go_to_hit(from, forward, missing, fx);
    }

    /// The first hit after `from` (or the last before it); `None` is the start (the end).
    fn go_to_hit(
        &mut self,
        from: Option<usize>,
        forward: bool,
        missing: IfMissing,
        fx: &mut Vec<Effect>,
    ) {
        let matcher = &self.search.matcher;
        let found = self
            .reader
            .find_line(from, forward, |t| matcher.contains_hit(t));
        self.found(found, missing, fx);
    }

    /// The next turn of a find that paused (`Msg::FindMore`); a stale one is dropped.
    pub(in crate::app) fn find_more(&mut self, generation: u64, fx: &mut Vec<Effect>) {
        let Some(pending) = self.search.pending.take_if(|p| p.generation == generation) else {
            return;
        };
        let matcher = &self.search.matcher;
        if let Some(found) = self
            .reader
            .find_more(pending.resume, |t| matcher.contains_hit(t))
        {
            self.found(found, pending.missing, fx);
        }
    }

    fn found(&mut self, found: Find, missing: IfMissing, fx: &mut Vec<Effect>) {
        match found {
            Find::Found(line) => {
                self.search.hit = Some(line);
                self.reader.show_line(line);
                self.count_hits();
                if let IfMissing::NextArticle { forward } = missing {
                    self.say_if_at_an_end(forward);
                }
            }
            Find::Missing => match missing {
                IfMissing::NextArticle { forward } => self.next_matching_article(forward, fx),
                IfMissing::Explain => {
                    self.say("No hit in the text: the match is in the source or the date.".into())
                }
                IfMissing::Nothing => {}
            },
            Find::Pending(resume) => {
                // A new generation, so that a continuation of a cancelled find cannot drive
                // this one.
                let generation = self.search.pending_generation + 1;
                self.search.pending_generation = generation;
                self.search.pending = Some(PendingFind {
                    generation,
                    resume,
                    missing,
                });
                fx.push(Effect::Continue(Msg::FindMore { generation }));
            }
        }
    }

    /// Counts the lines with a hit in the article shown, unless they are counted for this
    /// article, wrapping and query already.
    fn count_hits(&mut self) {
        let (reader, options, search) = (
            self.reader.generation(),
            self.reader.options(),
            self.search.generation,
        );
        let fresh = self
            .search
            .counted
            .as_ref()
            .is_some_and(|c| c.reader == reader && c.options == options && c.search == search);
        if fresh {
            return;
        }
        let matcher = &self.search.matcher;
        let lines = self.reader.hit_lines(|t| matcher.contains_hit(t));
        self.search.counted = Some(Counted {
            reader,
            options,
            search,
            lines,
        });
    }

    /// "hit 3 of 7": the current hit among the lines with a hit in the article shown.
    pub fn hit_count(&self) -> Option<(usize, usize)> {
        let line = self.search.hit?;
        let counted = self.search.counted.as_ref().filter(|c| {
            c.reader == self.reader.generation()
                && c.options == self.reader.options()
                && c.search == self.search.generation
        })?;
        let lines = counted.lines.as_ref()?;
        let index = lines.binary_search(&line).ok()?;
        Some((index + 1, lines.len()))
    }

    /// At the last (first) hit of the article, says where `n` (`N`) goes from here: the
    /// screen may not move, and the next press leaves the article.
    fn say_if_at_an_end(&mut self, forward: bool) {
        let Some((index, total)) = self.hit_count() else {
            return;
        };
        let (at_end, action, next) = if forward {
            (index == total, Action::NextHit, "next")
        } else {
            (index == 1, Action::PreviousHit, "previous")
        };
        if !at_end {
            return;
        }
        let edge = if forward {
            self.timeline.selected_index() + 1 >= self.timeline.len()
        } else {
            self.timeline.selected_index() == 0
        };
        let which = if forward { "Last" } else { "First" };
        if edge {
            self.say(format!(
                "{which} hit in this article, and no {next} matching article."
            ));
        } else {
            let key = self
                .config
                .keymap
                .label(Context::Reader, action)
                .unwrap_or(if forward { "n" } else { "N" })
                .to_string();
            self.say(format!(
                "{which} hit in this article: {key} opens the {next} match."
            ));
        }
    }

    /// Drops a find that is still going on (a key, a new query, the search closed).
    pub(in crate::app) fn cancel_find(&mut self) {
        self.search.pending = None;
    }

    /// A find in the reader is going on over several frames.
    pub fn finding(&self) -> bool {
        self.search
            .pending
            .as_ref()
            .is_some_and(|p| self.reader.can_resume(&p.resume))
    }

    /// After an article arrived: go where the search wanted.
    pub(in crate::app) fn after_load(&mut self, fx: &mut Vec<Effect>) {
        let Some(after) = self.search.after_load.take() else {
            return;
        };
        self.search.hit = None;
        match after {
            AfterLoad::FirstHit => self.go_to_hit(None, true, IfMissing::Explain, fx),
            AfterLoad::LastHit => self.go_to_hit(None, false, IfMissing::Nothing, fx),
            AfterLoad::Place(place) => self.reader.return_to(place),
            AfterLoad::Concordance { part, nth } => self.go_to_concordance_hit(part, nth),
        }
    }

    /// Shows the hit chosen in the concordance; `n`/`N` go on from it.
    pub(in crate::app) fn go_to_concordance_hit(&mut self, part: crate::kwic::Part, nth: usize) {
        match self.reader.line_of_hit(part, nth, &self.kwic.matcher) {
            Some(line) => {
                self.search.hit = Some(line);
                self.reader.show_line(line);
                self.count_hits();
            }
            None => self.say("That hit is no longer in the article: its file changed.".into()),
        }
    }

    /// The reader's current hit line, for drawing.
    pub fn current_hit(&self) -> Option<usize> {
        self.search.hit
    }
}
