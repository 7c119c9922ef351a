//! How many columns text takes on a terminal: the one measure that the drawing, the fitting
//! of text to a column and the wrapping of the reader share.
//!
//! Terminals do not agree. Most (xterm, VTE, tmux, Konsole, alacritty) advance by the sum of
//! each code point's `wcwidth`, as glibc has it: a Khmer or Devanagari cluster with a spacing
//! vowel sign takes two columns, a family emoji (three people joined by ZWJ) six. Terminals
//! that measure grapheme clusters (kitty, WezTerm, foot, Ghostty) give a cluster roughly the
//! width of its first character, made wide by an emoji presentation selector, and the
//! `unicode-width` crate (which ratatui uses) has rules of its own (a Khmer subscript
//! consonant takes no column). A grapheme on which these measures disagree is *ambiguous*: it
//! is given the most columns any of them asks for (and at least two), and
//! `tui::cluster_safe` draws it over blanks and moves the cursor after it, so whichever way
//! the terminal measures it, nothing after it moves.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The columns one grapheme is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cluster {
    pub columns: u16,
    /// Terminals disagree on its width.
    pub ambiguous: bool,
}

/// The columns given to grapheme `g` (one extended grapheme cluster).
pub fn cluster(g: &str) -> Cluster {
    let mut chars = g.chars();
    let first = chars.next().map_or(0, |c| c.width().unwrap_or(0));
    // Nearly every grapheme is one character: every measure agrees on it.
    if chars.next().is_none() {
        return Cluster {
            columns: first as u16,
            ambiguous: false,
        };
    }
    let per_char: usize = g.chars().map(|c| c.width().unwrap_or(0)).sum();
    let whole = g.width();
    let least = first.min(per_char).min(whole);
    let most = first.max(per_char).max(whole);
    let columns = u16::try_from(most).unwrap_or(u16::MAX);
    if least == most {
        Cluster {
            columns,
            ambiguous: false,
        }
    } else {
        Cluster {
            columns: columns.max(2),
            ambiguous: true,
        }
    }
}

/// The columns `text` takes, grapheme by grapheme.
pub fn columns(text: &str) -> usize {
    if text.is_ascii() {
        return text.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    text.graphemes(true)
        .map(|g| usize::from(cluster(g).columns))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(g: &str) -> (u16, bool) {
        let c = cluster(g);
        (c.columns, c.ambiguous)
    }

    #[test]
    fn plain_letters_and_wide_characters_are_what_every_terminal_says() {
        assert_eq!(of("a"), (1, false));
        assert_eq!(of("é"), (1, false));
        assert_eq!(of("e\u{301}"), (1, false));
        assert_eq!(of("東"), (2, false));
        assert_eq!(of("ש\u{5b8}"), (1, false));
        assert_eq!(columns("東京 news"), 9);
    }

    #[test]
    fn spacing_vowel_signs_and_emoji_sequences_are_ambiguous_and_given_the_most() {
        // Khmer: a consonant with a subscript (glibc 2, unicode-width 1), and one with the
        // spacing vowel sign U+17C1 (2 by the sum, 1 by the first character).
        assert_eq!(of("ភ\u{17d2}ន\u{17c6}"), (2, true));
        assert_eq!(of("ព\u{17c1}"), (2, true));
        assert_eq!(of("ក\u{17b6}"), (2, true));
        // Thai sara am, Devanagari vowel sign i.
        assert_eq!(of("ก\u{e33}"), (2, true));
        assert_eq!(of("ह\u{93f}"), (2, true));
        // A family: six columns by the sum, two as one cluster.
        assert_eq!(of("👩\u{200d}👩\u{200d}👧"), (6, true));
        // A heart with the emoji selector: one by the sum, two as an emoji.
        assert_eq!(of("❤\u{fe0f}"), (2, true));
        assert_eq!(of("🇫🇷"), (2, true));
        assert_eq!(columns("ភ្នំពេញ"), 5);
    }
}
