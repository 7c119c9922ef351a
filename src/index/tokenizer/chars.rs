//! Characters as the tokenizer sees them: which class a character belongs to, and how a word
//! is lowercased and folded. The common scripts are decided by range, not by the standard
//! library's tables, since this runs for every character of every article.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Word,
    /// A combining mark: part of a word, and a sign that the word needs composing.
    Mark,
    Cjk,
    Other,
}

#[inline]
pub(super) fn class(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Other
        };
    }
    if is_common_letter(c) {
        Class::Word
    } else if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else if is_combining_mark(c) {
        Class::Mark
    } else {
        Class::Other
    }
}

/// Letters of the Latin, Greek and Cyrillic blocks, by range: the standard library's
/// `is_alphanumeric` walks a table for every non-ASCII character, and these are most of the
/// non-ASCII text folio sees. The ranges skip the blocks' signs and unassigned points.
pub(super) fn is_common_letter(c: char) -> bool {
    matches!(c as u32,
        0x00C0..=0x00D6 | 0x00D8..=0x00F6 | 0x00F8..=0x024F // Latin-1 letters, Latin Extended
        | 0x0386 | 0x0388..=0x038A | 0x038C | 0x038E..=0x03A1 | 0x03A3..=0x03CE // Greek
        | 0x0400..=0x0481 | 0x048A..=0x052F) // Cyrillic
}

/// Scripts written without spaces between words. Hangul is left out: Korean separates words.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF       // Hiragana, Katakana
        | 0x31F0..=0x31FF     // Katakana phonetic extensions
        | 0x3400..=0x4DBF     // CJK extension A
        | 0x4E00..=0x9FFF     // CJK unified ideographs
        | 0xF900..=0xFAFF     // CJK compatibility ideographs
        | 0xFF66..=0xFF9F     // halfwidth Katakana
        | 0x20000..=0x2FA1F) // CJK extensions B-F, compatibility supplement
}

pub(super) fn is_greek(c: char) -> bool {
    matches!(c as u32, 0x0370..=0x03FF | 0x1F00..=0x1FFF)
}

/// Greek is often typed without accents: drops them, and writes final sigma as σ.
pub(super) fn fold_greek(word: &mut String) {
    let bare: String = word
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .nfc()
        .collect();
    *word = bare;
}

/// The character at byte `i` and its length, without decoding when it is ASCII (most of it).
pub(super) fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let byte = *text.as_bytes().get(i)?;
    if byte.is_ascii() {
        return Some((char::from(byte), 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Appends `text` lowercased, character by character: no final-sigma rule, so that a word
/// folds the same wherever it stands (as tantivy's `LowerCaser` does).
pub(super) fn push_lowercase(out: &mut String, text: &str) {
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
        return;
    }
    for c in text.chars() {
        match lowercase_common(c) {
            Some(lower) => out.push(lower),
            None => out.extend(c.to_lowercase()),
        }
    }
}

/// The lowercase of ASCII, Latin-1, basic Greek and Russian letters by offset, where the
/// standard library searches a table for every character.
pub(super) fn lowercase_common(c: char) -> Option<char> {
    let u = c as u32;
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB | 0x410..=0x42F => {
            u + 0x20
        }
        0x400..=0x40F => u + 0x50,
        0x00..=0x40 | 0x5B..=0x7F | 0xDF..=0xFF | 0x3AC..=0x3CE | 0x430..=0x45F => u,
        _ => return None,
    };
    char::from_u32(lower)
}
