//! A terminal screen read as a user reads it: the selection, a row's text, the status bar.

/// The row drawn in reverse video across the timeline's left half: the selection.
pub fn selected_row(screen: &vt100::Screen) -> Option<u16> {
    let (rows, cols) = screen.size();
    (0..rows).find(|&r| (2..cols / 2).all(|c| screen.cell(r, c).is_some_and(|cell| cell.inverse())))
}

/// The row (0-based) whose text contains `text`.
pub fn row_of(screen: &vt100::Screen, text: &str) -> Option<u16> {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols)
        .position(|r| r.contains(text))
        .and_then(|r| u16::try_from(r).ok())
}

/// The text of row `row`.
pub fn row_text(screen: &vt100::Screen, row: u16) -> String {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols)
        .nth(usize::from(row))
        .unwrap_or_default()
}

/// A timeline row is on screen: a date (`2022-01-02` or `2022-01`) after the read and star
/// marks, followed by a title. The strip's axis also starts with a date, but at the margin.
pub fn has_timeline_row(screen: &str) -> bool {
    screen.lines().any(|line| {
        let chars: Vec<char> = line.chars().collect();
        chars.windows(8).enumerate().any(|(i, w)| {
            let digits = |r: std::ops::Range<usize>| {
                w.get(r).is_some_and(|d| d.iter().all(char::is_ascii_digit))
            };
            let date = digits(0..4)
                && w.get(4) == Some(&'-')
                && digits(5..7)
                && !w.get(7).is_some_and(char::is_ascii_digit);
            let marks = chars
                .get(..i)
                .is_some_and(|p| p.len() >= 2 && p.iter().all(|c| matches!(c, ' ' | '•' | '★')));
            date && marks && chars.iter().skip(i + 8).any(|c| c.is_alphabetic())
        })
    })
}

/// The status bar shows sync progress ("scanning 120 files", "indexing 10/200 ...").
pub fn syncing(screen: &str) -> bool {
    ["scanning ", "indexing "].iter().any(|word| {
        screen.match_indices(word).any(|(i, _)| {
            screen
                .get(i + word.len()..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| c.is_ascii_digit())
        })
    })
}

/// The article count in the status bar (" archive · 10000 articles · ...").
pub fn articles_shown(screen: &str) -> Option<usize> {
    screen
        .split(" · ")
        .find_map(|part| part.trim().strip_suffix(" articles"))
        .and_then(|n| n.trim().parse().ok())
}
