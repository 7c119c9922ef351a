//! The status bar (archive, counts, background work, problems, messages) and the hint bar
//! (the main keys of the focused pane, read from the keymap).

use crate::width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::cells::set_text;

use crate::app::App;
use crate::app::reader::Content;
use crate::config::{Action, Context};
use crate::progress::{Phase, Progress};

use super::{fit, put};
use crate::sanitize::sanitize;

/// Columns of the progress bar.
const BAR_WIDTH: usize = 12;

pub fn status(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    buf.set_style(area, theme.status);
    let total = app.catalog().timeline().len();
    let mut left = format!(
        " {} · {} · {} unread",
        app.archive,
        plural(total, "article"),
        app.unread
    );
    let copies = app.catalog().copies().copies();
    if copies > 0 {
        left.push_str(&format!(
            " · {}",
            plural(total.saturating_sub(copies), "story")
        ));
    }
    let f = app.timeline.filters();
    if f.any() {
        left.push_str(&format!(" · {} shown", app.timeline.len()));
    }
    let mut right = Vec::new();
    if app.finding() {
        right.push("finding the hit…".to_string());
    }
    if let Some(p) = &app.progress {
        right.push(progress(p));
    }
    right.extend(app.arrivals_note());
    right.extend(app.watch_mode().map(str::to_string));
    let problems = app.catalog().problems().len();
    if problems > 0 {
        right.push(format!("⚠ {}", plural(problems, "problem")));
    }
    if let Some((hit, hits)) = app.hit_count().filter(|_| app.panes().reader.is_some()) {
        right.push(format!("hit {hit} of {hits}"));
    }
    if matches!(app.reader.content(), Content::Ready(_)) && app.panes().reader.is_some() {
        right.push(format!("{:>3}%", app.reader.percent()));
    }
    let right = format!(" {} ", right.join(" · "));
    let width = usize::from(area.width);
    let right_w = width::columns(&right).min(width);
    let left_w = width::columns(&left);
    // A message that does not fit beside the archive's counts takes their place: a message
    // is about what just happened, the counts are there again at the next key.
    let message = app.status.as_ref().map(|m| (sanitize(&m.text), m.warning));
    let beside = width.saturating_sub(left_w + right_w + 3);
    let crowded = message
        .as_ref()
        .is_some_and(|(m, _)| width::columns(m) > beside);
    let used = if crowded {
        0
    } else {
        put(
            buf,
            area.x,
            area.y,
            (width - right_w) as u16,
            &left,
            theme.status,
        )
    };
    if let Some((text, warning)) = &message {
        let style = if *warning {
            theme.status_warning
        } else {
            theme.status
        };
        let room = width.saturating_sub(usize::from(used) + right_w + 3);
        if room > 4 {
            put(
                buf,
                area.x + used + if crowded { 1 } else { 2 },
                area.y,
                room as u16,
                &fit_keeping_end(text, room),
                style,
            );
        }
    }
    let x = area.x + (width - right_w) as u16;
    set_text(buf, x, area.y, &right, right_w, theme.status);
    if let Some(pos) = right.find('⚠') {
        let col = x + width::columns(&right[..pos]) as u16;
        buf.set_style(Rect::new(col, area.y, 1, 1), theme.status_warning);
    }
}

/// `text` in `width` columns; when it is longer, the middle gives way so that its end (where
/// a message may say what to do) stays in view with its start.
fn fit_keeping_end(text: &str, width: usize) -> String {
    if width::columns(text) <= width {
        return text.to_string();
    }
    let head = fit(text, width * 2 / 3);
    let mut tail_room = width.saturating_sub(width::columns(&head));
    // Whole graphemes only: a modifier or combining mark cut from its base would join the
    // `…` into one cell of the wrong width.
    let mut tail = Vec::new();
    for grapheme in unicode_segmentation::UnicodeSegmentation::graphemes(text, true).rev() {
        let w = width::columns(grapheme);
        if w > tail_room {
            break;
        }
        tail_room -= w;
        tail.push(grapheme);
    }
    head + &tail.into_iter().rev().collect::<String>()
}

fn progress(p: &Progress) -> String {
    let phase = match p.phase {
        Phase::Scanning => "scanning",
        Phase::Indexing => "indexing",
        Phase::Done => "done",
    };
    match p.to_index {
        Some(total) if total > 0 => {
            let filled = (p.indexed.min(total) as usize * BAR_WIDTH) / total as usize;
            format!(
                "{phase} {}/{} {}{}",
                p.indexed,
                total,
                "█".repeat(filled),
                "░".repeat(BAR_WIDTH - filled)
            )
        }
        // A first build indexes while it walks: the total is not known yet.
        None if p.phase == Phase::Indexing => {
            format!("indexing {} (scanning… {} files)", p.indexed, p.files_seen)
        }
        _ => format!("{phase} {} files", p.files_seen),
    }
}

fn plural(n: usize, word: &str) -> String {
    match (n, word.strip_suffix('y')) {
        (1, _) => format!("1 {word}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {word}s"),
    }
}

pub fn hints(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let context = app.context();
    let actions: &[Action] = match context {
        Context::Reader => &[
            Action::Down,
            Action::PageDown,
            Action::NextArticle,
            Action::OpenUrl,
            Action::ToggleStar,
            Action::Back,
            Action::Help,
        ],
        Context::Visual => &[
            Action::SelectWordMore,
            Action::SelectSentenceMore,
            Action::SelectParagraphMore,
            Action::SelectNext,
            Action::Highlight,
            Action::AddNote,
            Action::LeaveVisual,
        ],
        _ => &[
            Action::Open,
            Action::JumpToDate,
            Action::FilterUnread,
            Action::PickSource,
            Action::ToggleStar,
            Action::Help,
            Action::Quit,
        ],
    };
    let keymap = &app.config.keymap;
    let mut x = area.x + 1;
    for &action in actions {
        let Some(key) = keymap.label(context, action) else {
            continue;
        };
        let desc = keymap
            .bindings()
            .iter()
            .find(|b| b.action == action && (b.context == context || b.context == Context::Global))
            .map_or("", |b| b.desc.as_str());
        let need = (width::columns(key) + width::columns(desc) + 3) as u16;
        if x + need > area.right() {
            break;
        }
        x += put(buf, x, area.y, need, &fit(key, 12), theme.hint_key);
        x += put(buf, x + 1, area.y, need, desc, theme.hint) + 3;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(phase: Phase, files_seen: u64, to_index: Option<u64>, indexed: u64) -> Progress {
        Progress {
            phase,
            files_seen,
            to_index,
            indexed,
            problems: 0,
            committed: false,
        }
    }

    #[test]
    fn a_long_message_keeps_its_start_and_its_end() {
        let text = format!("Could not do it ({}); press y instead.", "x".repeat(200));
        let shown = fit_keeping_end(&text, 60);
        assert_eq!(width::columns(&shown), 60, "{shown}");
        assert!(shown.starts_with("Could not do it"), "{shown}");
        assert!(shown.ends_with("press y instead."), "{shown}");
        assert_eq!(fit_keeping_end("short", 60), "short");
        // The end starts at a whole grapheme, never at a lone skin-tone modifier.
        let shown = fit_keeping_end(&format!("{}👋🏽 y", "x".repeat(30)), 12);
        assert!(shown.ends_with("👋🏽 y") || shown.ends_with(" y"), "{shown}");
        assert!(!shown.contains("…🏽"), "{shown}");
    }

    #[test]
    fn progress_says_what_the_sync_is_doing() {
        assert_eq!(
            progress(&report(Phase::Scanning, 120, None, 0)),
            "scanning 120 files"
        );
        // A first build indexes while the walk goes on: no total yet.
        assert_eq!(
            progress(&report(Phase::Indexing, 5000, None, 320)),
            "indexing 320 (scanning… 5000 files)"
        );
        let bar = progress(&report(Phase::Indexing, 5000, Some(5000), 2500));
        assert!(bar.starts_with("indexing 2500/5000 "), "{bar}");
        assert_eq!(bar.matches('█').count(), BAR_WIDTH / 2, "{bar}");
    }
}
