//! The label prompt (in the status line, with completions), the labels overlay, the bulk
//! action menu and its confirmation; and the compact labels text of rows and the reader.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, BulkAction, Scope};
use crate::width;

use super::overlay::{frame, lines};
use super::put;

/// Labels as rows and the reader show them: `#security #to-check`.
pub fn compact(labels: &[String]) -> String {
    labels
        .iter()
        .map(|l| format!("#{l}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The columns a row gives its labels: a third of the width at most, and never more than
/// they need.
pub fn row_width(labels: &[String], width: u16) -> u16 {
    if labels.is_empty() {
        return 0;
    }
    let wanted = width::columns(&compact(labels)) as u16 + 1;
    wanted.min(width / 3)
}

pub fn prompt(app: &App, text: &str, scope: Scope, status: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    buf.set_style(status, theme.status);
    let whom = match scope {
        Scope::Current => "this article".to_string(),
        Scope::Bulk => count_of(app.bulk_count(), app.picked_count() > 0),
    };
    let last = text.rsplit(char::is_whitespace).next().unwrap_or("");
    let partial = last.trim_start_matches(['+', '-']).to_lowercase();
    let completions = app.completions(&partial);
    let hint = match completions.len() {
        0 if app.label_counts().is_empty() => "  (+name adds, -name removes)".to_string(),
        0 => "  (a new label)".to_string(),
        _ => {
            let shown: Vec<&str> = completions.iter().take(6).map(String::as_str).collect();
            let more = completions.len().saturating_sub(6);
            let more = if more > 0 {
                format!(" +{more}")
            } else {
                String::new()
            };
            format!("  (tab: {}{more})", shown.join(" "))
        }
    };
    let line = format!(" Label {whom}: {text}█{hint}");
    put(buf, status.x, status.y, status.width, &line, theme.status);
}

pub fn overview(app: &App, selected: usize, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let counts = app.label_counts();
    let column = counts
        .iter()
        .map(|(l, _)| width::columns(l))
        .max()
        .unwrap_or(0)
        .min(40);
    let mut all: Vec<_> = counts
        .iter()
        .map(|(label, n)| {
            let pad = column.saturating_sub(width::columns(label));
            (format!("{label}{}  {n}", " ".repeat(pad)), theme.body)
        })
        .collect();
    if let Some(line) = all.get_mut(selected) {
        line.1 = theme.selected;
    }
    let title = format!("{} labels (Enter searches, Esc closes)", counts.len());
    let inner = frame(app, &title, 60, all.len() as u16 + 2, area, buf);
    let scroll = selected.saturating_sub(usize::from(inner.height).saturating_sub(1));
    lines(buf, inner, &all, scroll);
}

pub fn bulk(app: &App, count: usize, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let whom = count_of(count, app.picked_count() > 0);
    let all: Vec<_> = [
        format!("To {whom}:"),
        String::new(),
        "  l  label or unlabel (+name -name)".to_string(),
        "  r  mark read       R  mark unread".to_string(),
        "  s  star            S  unstar".to_string(),
        String::new(),
        "  Esc  cancel".to_string(),
    ]
    .into_iter()
    .map(|line| (line, theme.body))
    .collect();
    let inner = frame(app, "Act on many", 50, all.len() as u16 + 2, area, buf);
    lines(buf, inner, &all, 0);
}

pub fn confirm(app: &App, action: &BulkAction, count: usize, status: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    buf.set_style(status, theme.status_warning);
    let whom = count_of(count, app.picked_count() > 0);
    let line = format!(
        " {} {whom}? y: yes, any other key: no",
        capitalised(&action.describe())
    );
    put(
        buf,
        status.x,
        status.y,
        status.width,
        &line,
        theme.status_warning,
    );
}

/// "12 marked articles" or "all 3402 articles shown".
fn count_of(count: usize, marked: bool) -> String {
    match (count, marked) {
        (1, true) => "1 marked article".into(),
        (n, true) => format!("{n} marked articles"),
        (1, false) => "the 1 article shown".into(),
        (n, false) => format!("all {n} articles shown"),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
