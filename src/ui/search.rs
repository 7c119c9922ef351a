//! The search line at the bottom (the query, the cursor, the count or why the query cannot be
//! read) and text with its hits marked, for titles, snippets and the reader.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_segmentation::UnicodeSegmentation;

use crate::width;

use crate::app::App;

use super::{fit, put};

/// Writes `text` fitted to `width` columns at (x, y) in `style`, the byte ranges `spans` of
/// it patched with `hit`. Returns the columns used.
pub fn marked(
    buf: &mut Buffer,
    (x, y, width): (u16, u16, u16),
    text: &str,
    spans: &[Range<usize>],
    style: Style,
    hit: Style,
) -> u16 {
    let fitted = fit(text, usize::from(width));
    // `fit` keeps a prefix of the text (plus "…" when it cuts): spans past it are dropped.
    let kept = if fitted.len() < text.len() {
        fitted.len().saturating_sub('…'.len_utf8())
    } else {
        fitted.len()
    };
    let mut cursor = 0;
    let mut col = x;
    let right = x.saturating_add(width);
    let mut write = |piece: &str, s: Style, col: &mut u16| {
        if piece.is_empty() || *col >= right {
            return;
        }
        // Rows come from sanitised articles; this guards catalogs that skip it, per piece so
        // the hit spans (offsets into `text`) stay valid.
        let piece = crate::sanitize::sanitize(piece);
        let end = super::cells::set_text(buf, *col, y, &piece, usize::from(right - *col), s);
        *col = end;
    };
    for span in spans {
        let start = span.start.min(kept);
        let end = span.end.min(kept);
        if start < cursor || start >= end {
            continue;
        }
        write(fitted.get(cursor..start).unwrap_or(""), style, &mut col);
        write(
            fitted.get(start..end).unwrap_or(""),
            style.patch(hit),
            &mut col,
        );
        cursor = end;
    }
    write(fitted.get(cursor..).unwrap_or(""), style, &mut col);
    col - x
}

/// `1,284`: counts read more easily with thousands separated.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The line replacing the hint bar while a search is open.
pub fn line(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.config.theme;
    let search = &app.search;
    buf.set_style(area, Style::new());
    let right = match (&search.error, search.count) {
        (Some(error), _) => error.message.clone(),
        (None, _) if search.query.is_none() => {
            format!("all {} articles", thousands(app.catalog().timeline().len()))
        }
        (None, Some(1)) => "1 match".to_string(),
        (None, Some(n)) => match app.timeline.stories().filter(|_| app.timeline.holds_all(n)) {
            // Copies folded: the rows are stories.
            Some(stories) if stories != n => {
                format!("{} matches · {} stories", thousands(n), thousands(stories))
            }
            _ => format!("{} matches", thousands(n)),
        },
        (None, None) => "searching…".to_string(),
    };
    let order = match search.sort {
        crate::search::SortBy::Date => "",
        crate::search::SortBy::Relevance => " · by relevance",
    };
    let right = format!(" {right}{order} ");
    let width = usize::from(area.width);
    // The query keeps at least half the line; the message is cut first.
    let right = fit(&right, width / 2);
    let right_w = width::columns(&right) as u16;
    let right_style = if search.error.is_some() {
        theme.search_error
    } else {
        theme.meta
    };
    put(
        buf,
        area.right().saturating_sub(right_w),
        area.y,
        right_w,
        &right,
        right_style,
    );

    let room = area.width.saturating_sub(right_w + 1);
    let mut x = area.x;
    x += put(buf, x, area.y, room, "/", theme.hint_key);
    let room = area.right().saturating_sub(right_w + 1).saturating_sub(x);
    let error = search.error.as_ref().map(|e| e.span.clone());
    let spans: Vec<Range<usize>> = error.into_iter().filter(|s| s.start < s.end).collect();
    let (before, after) = search.split_at_cursor();
    // Long queries scroll so the cursor stays in view.
    let skip = width::columns(before).saturating_sub(usize::from(room).saturating_sub(1));
    let (shown, offset) = skip_columns(&search.text, skip);
    let shifted: Vec<Range<usize>> = spans
        .iter()
        .filter(|s| s.end > offset)
        .map(|s| s.start.saturating_sub(offset)..s.end - offset)
        .collect();
    marked(
        buf,
        (x, area.y, room),
        shown,
        &shifted,
        Style::new(),
        theme.search_error,
    );
    if search.editing {
        let cursor_x = x + (width::columns(before) - skip) as u16;
        if cursor_x < area.right() {
            let under = after.graphemes(true).next().unwrap_or(" ");
            let style = Style::new().add_modifier(Modifier::REVERSED);
            super::cells::set_text(buf, cursor_x, area.y, under, usize::MAX, style);
        }
    }
}

/// `text` without its first `columns` columns, and the byte offset where it was cut.
fn skip_columns(text: &str, columns: usize) -> (&str, usize) {
    let mut used = 0;
    for (i, g) in text.grapheme_indices(true) {
        if used >= columns {
            return (&text[i..], i);
        }
        used += usize::from(width::cluster(g).columns);
    }
    ("", text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1284), "1,284");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn marked_text_styles_only_the_hits() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        let hit = Style::new().add_modifier(Modifier::BOLD);
        marked(
            &mut buf,
            (0, 0, 12),
            "Erdoğan et Poutine",
            &[0..8, 12..19],
            Style::new(),
            hit,
        );
        let bold: String = (0..12)
            .filter_map(|x| buf.cell((x, 0)))
            .map(|c| {
                if c.modifier.contains(Modifier::BOLD) {
                    'b'
                } else {
                    '.'
                }
            })
            .collect();
        // "Erdoğan et Poutine" cut to 12 columns: "Erdoğan et …".
        assert_eq!(bold, "bbbbbbb.....");
    }
}
