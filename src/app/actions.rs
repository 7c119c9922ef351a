//! What each keymap action and mouse gesture does to the model.

use crate::config::Action;
use crate::state::{Setting, StateChange};

use super::dates;
use super::layout::Focus;
use super::overlay::Overlay;
use super::timeline::{Filters, ListLine};
use super::{App, BulkAction, Effect, MouseAction};

/// Lines or entries one wheel notch moves.
const WHEEL_STEP: isize = 3;

impl App {
    pub(super) fn perform(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let in_reader = self.focus == Focus::Reader || self.layout.zen;
        let list_height = self
            .panes()
            .list
            .map_or(10, |r| usize::from(r.height))
            .max(1);
        let page = self.timeline.page(list_height) as isize;
        let reader_page = self.reader.height().max(2) as isize;
        match action {
            Action::Down | Action::Up => {
                let d = if action == Action::Down { 1 } else { -1 };
                if in_reader {
                    self.reader.scroll_by(d);
                } else {
                    self.timeline.move_by(d);
                }
            }
            Action::HalfPageDown | Action::HalfPageUp | Action::PageDown | Action::PageUp => {
                let sign = if matches!(action, Action::HalfPageDown | Action::PageDown) {
                    1
                } else {
                    -1
                };
                let half = matches!(action, Action::HalfPageDown | Action::HalfPageUp);
                if in_reader {
                    // A page keeps one line of context.
                    let step = if half {
                        reader_page / 2
                    } else {
                        reader_page - 1
                    };
                    self.reader.scroll_by(sign * step);
                } else {
                    let step = if half { (page / 2).max(1) } else { page };
                    self.timeline.move_by(sign * step);
                }
            }
            Action::Top if in_reader => self.reader.to_top(),
            Action::Bottom if in_reader => self.reader.to_bottom(),
            Action::Top => self.timeline.select(0),
            Action::Bottom => self.timeline.select(usize::MAX),
            Action::Open => {
                self.focus = Focus::Reader;
                self.show_selected(true, fx);
            }
            Action::Back => {
                self.leave_article(fx);
                self.layout.zen = false;
                self.focus = Focus::Timeline;
            }
            Action::Quit => self.quit(fx),
            Action::NextGroup => self.timeline.next_group(),
            Action::PreviousGroup => self.timeline.previous_group(),
            Action::NextMonth => self.timeline.next_month(),
            Action::PreviousMonth => self.timeline.previous_month(),
            Action::JumpToDate => self.overlay = Overlay::Jump(String::new()),
            Action::Reverse => {
                self.timeline.reverse();
                let order = if self.timeline.reversed() {
                    "oldest"
                } else {
                    "newest"
                };
                self.say(format!("{order} first"));
            }
            Action::FilterUnread => {
                let f = self.timeline.filters();
                self.set_filters(Filters {
                    unread: !f.unread,
                    ..f
                });
            }
            Action::FilterStarred => {
                let f = self.timeline.filters();
                self.set_filters(Filters {
                    starred: !f.starred,
                    ..f
                });
            }
            Action::PickSource => {
                let current = self.timeline.filters().source.map_or(0, |s| s as usize + 1);
                self.overlay = Overlay::Sources { selected: current };
            }
            Action::ClearFilters => self.set_filters(Filters::default()),
            Action::NextArticle | Action::PreviousArticle => {
                let before = self.timeline.selected_index();
                self.timeline
                    .move_by(if action == Action::NextArticle { 1 } else { -1 });
                if self.timeline.selected_index() == before {
                    self.say("No more articles this way.".into());
                } else {
                    self.show_selected(true, fx);
                }
            }
            Action::ToggleJustify | Action::ToggleHyphenation => {
                let mut o = self.reader.options();
                let setting = if action == Action::ToggleJustify {
                    o.justify = !o.justify;
                    self.say(format!("justification {}", on_off(o.justify)));
                    Setting::Justify(o.justify)
                } else {
                    o.hyphenate = !o.hyphenate;
                    self.say(format!("hyphenation {}", on_off(o.hyphenate)));
                    Setting::Hyphenate(o.hyphenate)
                };
                fx.push(Effect::Persist(StateChange::Setting(setting)));
                let height = self.reader.height();
                self.reader.reflow(o, height);
            }
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Problems => self.overlay = Overlay::Problems { selected: 0 },
            Action::FocusNext => {
                self.layout.zen = false;
                self.focus = match self.focus {
                    Focus::Timeline => Focus::Reader,
                    Focus::Reader => Focus::Timeline,
                };
                if self.focus == Focus::Reader {
                    self.show_selected(true, fx);
                }
            }
            Action::Search => self.open_search(),
            Action::NextHit => self.jump_to_hit(true, fx),
            Action::PreviousHit => self.jump_to_hit(false, fx),
            Action::ToggleOrder => self.toggle_order(fx),
            Action::ToggleSnippets => {
                let on = !self.timeline.snippets();
                self.timeline.set_snippets(on);
                if self.search.is_open() {
                    self.say(format!("snippets {}", on_off(on)));
                } else {
                    self.say("Snippets show under search results: press / to search.".into());
                }
            }
            Action::CloseSearch => self.close_search(fx),
            Action::ToggleStar => self.toggle_star(fx),
            Action::ToggleRead => self.toggle_read(fx),
            Action::OpenUrl | Action::CopyUrl | Action::CopyCitation => self.link(action, fx),
            Action::ToggleZen => {
                self.layout.zen = !self.layout.zen;
                if self.layout.zen {
                    self.focus = Focus::Reader;
                    self.show_selected(true, fx);
                }
            }
            Action::CycleLayout => {
                self.layout.mode = self.layout.mode.next();
                self.layout.zen = false;
                self.say(self.layout.mode.name().into());
                let key = self.layout.mode.key().to_string();
                fx.push(Effect::Persist(StateChange::Setting(Setting::Layout(key))));
            }
            Action::GrowTimeline | Action::ShrinkTimeline => {
                let p = self.layout.timeline_percent;
                self.layout.timeline_percent = if action == Action::GrowTimeline {
                    (p + 5).min(85)
                } else {
                    p.saturating_sub(5).max(15)
                };
                self.persist_split(fx);
            }
            Action::Suspend => fx.push(Effect::Suspend),
            Action::Reload => self.reload(fx),
            Action::Newest => self.jump_to_newest(),
            Action::Label => self.open_label_prompt(),
            Action::Labels => self.open_labels(),
            Action::ToggleMark => self.toggle_mark(),
            Action::MarkAll => self.mark_all(),
            Action::ClearMarks => self.clear_marks(),
            Action::Bulk => self.open_bulk(),
            Action::Undo => self.undo(fx),
            Action::Export => self.start_export(),
            Action::Pipe => self.start_pipe(fx),
            Action::SaveSearch => self.open_save_search(),
            Action::Searches => self.open_searches(fx),
            Action::Visual => self.start_visual(),
            Action::Notes => self.open_notes(),
            Action::SelectWordMore
            | Action::SelectWordLess
            | Action::SelectSentenceMore
            | Action::SelectSentenceLess
            | Action::SelectParagraphMore
            | Action::SelectParagraphLess
            | Action::SelectNext
            | Action::SelectPrevious
            | Action::Highlight
            | Action::AddNote
            | Action::LeaveVisual => self.visual_action(action, fx),
            Action::Concordance => self.open_concordance(fx),
            Action::ToggleShare => self.toggle_share(),
            Action::PinSearch => self.pin_search(),
            Action::ExpandCopies => self.expand_copies(),
            Action::ToggleCopies => {
                let f = self.timeline.filters();
                self.timeline.set_filters(
                    Filters {
                        copies: !f.copies,
                        ..f
                    },
                    &self.marks,
                );
                self.say(if f.copies {
                    "Copies folded into their story's row.".into()
                } else {
                    "Every copy on a row of its own.".into()
                });
            }
            Action::DiffCopy => self.show_diff(fx),
        }
    }

    fn set_filters(&mut self, filters: Filters) {
        self.timeline.set_filters(filters, &self.marks);
        let mut parts = Vec::new();
        if filters.unread {
            parts.push("unread".to_string());
        }
        if filters.starred {
            parts.push("starred".to_string());
        }
        if let Some((name, _)) = filters
            .source
            .and_then(|s| self.catalog().sources().get(s as usize))
        {
            parts.push(format!("from {name}"));
        }
        let shown = self.timeline.len();
        self.say(if shown == 0 {
            self.nothing_shown()
        } else if parts.is_empty() {
            format!("all {shown} articles")
        } else {
            format!("{shown} articles {}", parts.join(", "))
        });
    }

    fn toggle_star(&mut self, fx: &mut Vec<Effect>) {
        let Some((entry, row)) = self.target() else {
            return;
        };
        // Through the undo log, like a bulk action, so `U` reverts it.
        let starred = !self.marks.starred.contains(&entry.id_hash);
        self.apply(vec![row.id], &BulkAction::Starred(starred), fx);
    }

    fn toggle_read(&mut self, fx: &mut Vec<Effect>) {
        let Some((entry, row)) = self.target() else {
            return;
        };
        let read = !self.marks.read.contains(&entry.id_hash);
        self.apply(vec![row.id], &BulkAction::Read(read), fx);
    }

    fn link(&mut self, action: Action, fx: &mut Vec<Effect>) {
        let Some((_, row)) = self.target() else {
            return;
        };
        let url = row
            .url
            .as_deref()
            .map(|u| crate::sanitize::sanitize_url(u).into_owned());
        match (action, url) {
            (Action::CopyCitation, url) => {
                let date = row
                    .published
                    .map_or_else(|| "undated".to_string(), |p| dates::long_published(p, "en"));
                let mut citation = format!("{}. {}, {}.", row.title, row.source, date);
                if let Some(url) = url {
                    citation.push(' ');
                    citation.push_str(&url);
                }
                self.say("citation copied".into());
                fx.push(Effect::Copy(citation));
            }
            (_, None) => self.say("This article has no URL.".into()),
            (Action::OpenUrl, Some(url)) => {
                if url.starts_with("http://") || url.starts_with("https://") {
                    self.say(format!("opening {url}"));
                    fx.push(Effect::OpenUrl(url));
                } else {
                    self.say(format!("Only http and https links are opened, not {url}"));
                }
            }
            (_, Some(url)) => {
                self.say("URL copied".into());
                fx.push(Effect::Copy(url));
            }
        }
    }

    pub(super) fn mouse(
        &mut self,
        action: MouseAction,
        column: u16,
        row: u16,
        fx: &mut Vec<Effect>,
    ) {
        let panes = self.panes();
        let at = ratatui::layout::Position::new(column, row);
        let in_list = panes.list.filter(|r| r.contains(at));
        let in_reader = panes.reader.is_some_and(|r| r.contains(at));
        match action {
            MouseAction::WheelUp | MouseAction::WheelDown => {
                let d = if action == MouseAction::WheelDown {
                    WHEEL_STEP
                } else {
                    -WHEEL_STEP
                };
                if in_list.is_some() {
                    self.timeline.move_by(d);
                } else if in_reader {
                    self.reader.scroll_by(d);
                }
            }
            MouseAction::Click | MouseAction::DoubleClick => {
                if panes.separator.is_some_and(|r| r.contains(at)) {
                    self.dragging = true;
                } else if let Some(list) = in_list {
                    let lines = self.timeline.visible(usize::from(list.height));
                    let clicked = lines.get(usize::from(row - list.y)).map(|l| match *l {
                        ListLine::Entry(i) | ListLine::Header(_, i) | ListLine::Snippet(i) => i,
                    });
                    if let Some(index) = clicked {
                        self.timeline.select(index);
                        self.focus = Focus::Timeline;
                        if action == MouseAction::DoubleClick {
                            self.perform(Action::Open, fx);
                        }
                    }
                } else if in_reader {
                    self.focus = Focus::Reader;
                    self.show_selected(true, fx);
                }
            }
            MouseAction::Drag if self.dragging => {
                let (Some(list), Some(reader)) = (panes.list, panes.reader) else {
                    return;
                };
                let side_by_side = reader.x > list.x;
                let (pos, total) = if side_by_side {
                    (column, self.size.width)
                } else {
                    (row, self.size.height.saturating_sub(2))
                };
                let pct = u32::from(pos) * 100 / u32::from(total.max(1));
                self.layout.timeline_percent = (pct as u16).clamp(15, 85);
            }
            MouseAction::Drag => {}
            MouseAction::Release => {
                // Saved once the drag ends, not for every cell it passed.
                if std::mem::take(&mut self.dragging) {
                    self.persist_split(fx);
                }
            }
        }
    }

    fn persist_split(&mut self, fx: &mut Vec<Effect>) {
        let percent = self.layout.timeline_percent;
        fx.push(Effect::Persist(StateChange::Setting(
            Setting::TimelinePercent(percent),
        )));
    }
}

fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}
