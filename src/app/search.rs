//! Incremental search in the model: the search line and its history, the generation-tagged
//! requests and results, and returning to where the user was; editing the line is in
//! `search/line.rs`, hits in the reader (`n`/`N`) in `search/hits.rs`.
//!
//! A search session starts with `/`, which remembers the selection, scroll and reader
//! position; every edit parses the line and, when it parses, asks the worker for the results
//! of a new generation (a line that does not parse keeps the previous results on screen and
//! shows why). Results of older generations are dropped; results computed on a newer
//! version of the archive bring the timeline to it. Enter keeps the results and moves to
//! them; Esc ends the session and puts everything back.

use std::sync::Arc;

use crate::catalog::{Catalog, Entry};
use crate::search::query::{Query, QueryError};
use crate::search::{FlagFilter, Matcher, SortBy};
use crate::state::StateChange;

use super::layout::Focus;
use super::reader::Place;
use super::timeline::Matches;
use super::{App, Effect};

mod hits;
mod line;

use hits::PendingFind;

/// Results asked for first: more than any screen shows, few enough to arrive at once.
pub const FIRST_PAGE: usize = 100;

/// What the search worker is asked to do.
pub struct SearchRequest {
    pub generation: u64,
    pub query: Query,
    pub sort: SortBy,
    pub first_page: usize,
    /// The reading state for `is:` clauses; `None` when the query has none.
    pub flags: Option<Arc<FlagFilter>>,
}

/// One answer of the worker; a request gets a first page, then the full list. The worker
/// searches the archive's newest version, whatever version the app shows.
pub struct SearchResults {
    pub generation: u64,
    /// The version the positions refer to (the backend's newest when the search ran); the
    /// app switches to it if it shows an older one.
    pub catalog: Arc<dyn Catalog>,
    pub part: ResultPart,
}

pub enum ResultPart {
    /// The top results, as positions in the catalog's timeline, in the asked order.
    First(Vec<u32>),
    /// Every match (at most the engine's cap in relevance order), with the count and the
    /// matches per day (days from CE).
    Full {
        positions: Vec<u32>,
        count: usize,
        days: Vec<(i32, u32)>,
    },
    /// The search failed, as a sentence.
    Failed(String),
    /// The results stand but lack something the reader should know of, as a sentence: a
    /// shared archive's shard that did not answer.
    Notice(String),
}

/// Where the reader goes once the article it is loading arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AfterLoad {
    FirstHit,
    LastHit,
    Place(Place),
    /// The hit chosen in the concordance: the `nth` of its part of the article.
    Concordance {
        part: crate::kwic::Part,
        nth: usize,
    },
}

/// Where the user was when the search began.
struct Saved {
    selected: Option<Entry>,
    top: usize,
    focus: Focus,
    /// The article in the reader and the place read in it (not a line number: the width
    /// may change before Esc).
    reader: Option<(Entry, Place)>,
}

#[derive(Default)]
pub struct SearchState {
    /// The search line has the keyboard.
    pub editing: bool,
    pub text: String,
    /// Byte offset of the cursor in `text`.
    pub cursor: usize,
    /// Why the text does not parse; the results of the last good query stay on screen.
    pub error: Option<QueryError>,
    /// The query whose results are shown, when it selects something (not the empty query).
    pub query: Option<Query>,
    /// The line as it read when `query` was read from it. While the line does not parse,
    /// the list still shows that query's results, so whatever names them names this text,
    /// never the line being edited.
    pub ran: String,
    /// Marks the query's words in titles and text.
    pub matcher: Matcher,
    pub sort: SortBy,
    pub generation: u64,
    /// Every match counted; `None` while the worker is still counting.
    pub count: Option<usize>,
    /// Past searches, newest last.
    pub history: Vec<String>,
    /// The history entry shown while walking it with Up/Down, and the line typed before.
    browsing: Option<(usize, String)>,
    saved: Option<Saved>,
    /// A newer archive version that arrived while results were shown: the timeline moves to
    /// it with the next results (their positions refer to it), or when the search closes.
    newer: Option<Arc<dyn Catalog>>,
    /// The reader line of the current hit, for `n`/`N`.
    hit: Option<usize>,
    /// The lines with a hit in the article shown, for the hit counter.
    counted: Option<hits::Counted>,
    pub(super) after_load: Option<AfterLoad>,
    pending: Option<PendingFind>,
    /// Tags the continuations of finds, so that one of a cancelled find is dropped.
    pending_generation: u64,
}

impl SearchState {
    pub fn new(history: Vec<String>) -> SearchState {
        SearchState {
            history,
            ..SearchState::default()
        }
    }

    /// A search session is on: the line is drawn and the timeline shows its results.
    pub fn is_open(&self) -> bool {
        self.saved.is_some()
    }

    /// The search line's text before and after the cursor, for drawing.
    pub fn split_at_cursor(&self) -> (&str, &str) {
        self.text.split_at(self.cursor.min(self.text.len()))
    }
}

impl App {
    /// `/`: opens the search line, remembering where the user is unless a search is open.
    pub(super) fn open_search(&mut self) {
        if self.search.saved.is_none() {
            self.search.saved = Some(Saved {
                selected: self.timeline.selected(),
                top: self.timeline.top(),
                focus: self.focus,
                reader: self.reader.entry().map(|e| (e, self.reader.place())),
            });
        }
        self.search.editing = true;
        self.search.cursor = self.search.text.len();
        self.search.browsing = None;
    }

    /// Parses the line and asks for its results; an empty line shows the whole timeline.
    pub(super) fn run_search(&mut self, fx: &mut Vec<Effect>) {
        let query = match Query::parse_with(&self.search.text, &self.config.searches) {
            Ok(query) => query,
            Err(error) => {
                self.search.error = Some(error);
                return;
            }
        };
        self.search.error = None;
        self.search.ran = self.search.text.trim().to_string();
        self.search.generation += 1;
        self.search.hit = None;
        self.cancel_find();
        if query.is_empty() {
            self.search.query = None;
            self.search.matcher = Matcher::default();
            self.search.count = None;
            self.timeline.set_matches(None, &self.marks);
            return;
        }
        self.search.matcher = Matcher::new(&query.highlights());
        self.search.count = None;
        self.request(query.clone(), fx);
        self.search.query = Some(query);
    }

    fn request(&mut self, query: Query, fx: &mut Vec<Effect>) {
        let flags =
            self.flag_filter(&query)
                .map(|filter| match label_being_typed(&self.search.text) {
                    Some(start) => Arc::new(self.label_as_prefix(&filter, &start)),
                    None => filter,
                });
        fx.push(Effect::Search(Box::new(SearchRequest {
            generation: self.search.generation,
            query,
            sort: self.search.sort,
            first_page: FIRST_PAGE,
            flags,
        })));
    }

    /// The reading state that answers the query's `is:` and `label:` clauses, if it has any.
    pub(super) fn flag_filter(&self, query: &Query) -> Option<Arc<FlagFilter>> {
        let wanted = query.flags();
        (!wanted.is_empty()).then(|| {
            let mut filter = FlagFilter {
                wanted,
                read: self.marks.read.clone(),
                starred: self.marks.starred.clone(),
                copies: self.timeline.catalog().copies(),
                ..FlagFilter::default()
            };
            filter.labels_for(self.marks.labels.iter().map(|(h, l)| (*h, l.as_slice())));
            filter.notes_for(
                self.marks
                    .notes
                    .iter()
                    .filter(|(_, n)| !n.is_empty())
                    .map(|(h, _)| *h),
            );
            Arc::new(filter)
        })
    }

    /// `filter` with the label `start` standing for every label that starts with it, as the
    /// word being typed stands for every word that starts with it.
    fn label_as_prefix(&self, filter: &FlagFilter, start: &str) -> FlagFilter {
        let mut filter = filter.clone();
        let with_start = self
            .marks
            .labels
            .iter()
            .filter(|(_, labels)| labels.iter().any(|l| l.starts_with(start)))
            .map(|(hash, _)| *hash)
            .collect();
        filter.labels.insert(start.to_string(), with_start);
        filter
    }

    /// A newer version of the archive: with results on screen, they are asked for again and
    /// the timeline keeps the version they refer to until they arrive.
    pub(super) fn newer_catalog(&mut self, catalog: Arc<dyn Catalog>, fx: &mut Vec<Effect>) {
        if self.search.query.is_none() {
            self.timeline.set_catalog(catalog, &self.marks);
            self.count_unread();
            return;
        }
        self.search.newer = Some(catalog);
        self.rerun_search(fx);
    }

    /// Asks again for the current query: the archive or the order changed.
    pub(super) fn rerun_search(&mut self, fx: &mut Vec<Effect>) {
        if let Some(query) = self.search.query.clone() {
            self.search.generation += 1;
            self.request(query, fx);
        }
    }

    pub(super) fn search_results(&mut self, results: SearchResults) {
        if results.generation != self.search.generation || self.search.query.is_none() {
            return;
        }
        // The worker searched the store's newest version, at least as new as any sent here.
        self.search.newer = None;
        if !same_catalog(&results.catalog, self.catalog()) {
            // The positions refer to that version (the store does not announce every one it
            // publishes), so the timeline moves to it too.
            self.timeline
                .set_catalog(Arc::clone(&results.catalog), &self.marks);
            self.count_unread();
        }
        let by_date = self.search.sort == SortBy::Date;
        let matches = match results.part {
            ResultPart::First(mut positions) => {
                if by_date {
                    positions.sort_unstable();
                }
                Matches {
                    positions,
                    by_date,
                    days: None,
                }
            }
            ResultPart::Full {
                positions,
                count,
                days,
            } => {
                self.search.count = Some(count);
                Matches {
                    positions,
                    by_date,
                    days: Some(days),
                }
            }
            ResultPart::Failed(text) | ResultPart::Notice(text) => {
                self.say_warning(text);
                return;
            }
        };
        self.timeline.set_matches(Some(matches), &self.marks);
    }

    /// Runs `text` as if typed on the search line and Enter pressed (the labels overlay).
    pub(super) fn search_for(&mut self, text: &str, fx: &mut Vec<Effect>) {
        self.open_search();
        self.search.text = text.to_string();
        self.search.cursor = self.search.text.len();
        self.run_search(fx);
        self.commit_search(fx);
    }

    /// Enter: keeps the results, moves to them, and records the search in the history.
    fn commit_search(&mut self, fx: &mut Vec<Effect>) {
        if self.search.error.is_some() {
            return;
        }
        self.search.editing = false;
        self.search.browsing = None;
        let text = self.search.text.trim().to_string();
        if text.is_empty() {
            self.close_search(fx);
            return;
        }
        self.search.history.retain(|h| *h != text);
        self.search.history.push(text.clone());
        fx.push(Effect::Persist(StateChange::Searched { query: text }));
        self.focus = Focus::Timeline;
    }

    /// Esc: the whole timeline again, the selection, scroll and article as before `/`.
    pub(super) fn close_search(&mut self, fx: &mut Vec<Effect>) {
        let Some(saved) = self.search.saved.take() else {
            return;
        };
        let history = std::mem::take(&mut self.search.history);
        let (sort, generation) = (self.search.sort, self.search.generation);
        let pending_generation = self.search.pending_generation;
        if let Some(catalog) = self.search.newer.take() {
            self.timeline.set_catalog(catalog, &self.marks);
            self.count_unread();
        }
        self.search = SearchState {
            history,
            sort,
            generation: generation + 1,
            pending_generation,
            ..SearchState::default()
        };
        self.timeline.set_matches(None, &self.marks);
        self.timeline.set_view(saved.selected, saved.top);
        self.focus = saved.focus;
        match saved.reader {
            Some((entry, place)) if self.reader.entry() == Some(entry) => {
                self.reader.return_to(place)
            }
            Some((entry, place)) if self.timeline.selected() == Some(entry) => {
                self.show_selected(saved.focus == Focus::Reader, fx);
                self.search.after_load = Some(AfterLoad::Place(place));
            }
            _ => {}
        }
    }

    pub(super) fn toggle_order(&mut self, fx: &mut Vec<Effect>) {
        self.search.sort = match self.search.sort {
            SortBy::Date => SortBy::Relevance,
            SortBy::Relevance => SortBy::Date,
        };
        let name = match self.search.sort {
            SortBy::Date => "results newest first",
            SortBy::Relevance => "results by relevance",
        };
        self.say(name.into());
        self.rerun_search(fx);
    }
}

/// The start of a label being typed at the end of the search line (`label:sec`, not followed
/// by a space), case-folded as labels are. Only the search line reads it so: a query given to
/// a command is finished, and `folio label -x label:a` must not touch the label `abc`. An
/// excluded label (`-label:sec`) is whole, as an excluded word is.
fn label_being_typed(text: &str) -> Option<String> {
    if text.ends_with(char::is_whitespace) {
        return None;
    }
    let last = text.split_whitespace().last()?.trim_start_matches('(');
    let (field, value) = last.split_once(':')?;
    let start = value.trim_end_matches(')');
    if !field.eq_ignore_ascii_case("label") || start.is_empty() {
        return None;
    }
    crate::state::Label::parse(start)
        .ok()
        .map(|label| label.to_string())
}

/// Two handles on the same archive version.
fn same_catalog(a: &Arc<dyn Catalog>, b: &Arc<dyn Catalog>) -> bool {
    std::ptr::addr_eq(Arc::as_ptr(a), Arc::as_ptr(b))
}
