//! Which characters are dangerous to hand a terminal, and what each becomes.
//!
//! ratatui drops only `Cc` graphemes and passes everything else through, so the decision of
//! what a terminal may see is made here, for every character of article text.

use unicode_normalization::char::is_combining_mark;

/// What to do with one character of untrusted text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// Ordinary text: emitted as it is.
    Plain,
    /// Attaches to the previous character (combining mark, joiner, variation selector, skin
    /// tone). Legitimate, but counted so that a pile of them on one letter can be cut short.
    Extend,
    Tab,
    /// LF, CR (alone or as CRLF), and the Unicode line and paragraph separators.
    LineEnd,
    /// A C0 or C1 control or DEL: shown as a visible placeholder, never emitted.
    Control(Placeholder),
    /// Bidi controls and invisible format characters that move or hide text: removed.
    Invisible,
}

/// The visible stand-in for a control character. C0 controls and DEL become their Unicode
/// Control Pictures (ESC is `␛`, BEL `␇`, NUL `␀`); a C1 control becomes `␛` followed by its
/// 7-bit equivalent, so the 8-bit CSI U+009B reads `␛[` and OSC U+009D reads `␛]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Placeholder {
    Picture(char),
    EscapeThen(char),
}

pub(super) const ESCAPE_PICTURE: char = '\u{241B}';

pub(super) fn classify(c: char) -> Class {
    let code = u32::from(c);
    match code {
        0x09 => Class::Tab,
        0x0A | 0x0D | 0x2028 | 0x2029 => Class::LineEnd,
        // Control Pictures sit at U+2400 + the C0 code, so the mapping is arithmetic.
        0x00..=0x1F => Class::Control(Placeholder::Picture(picture(0x2400 + code))),
        0x7F => Class::Control(Placeholder::Picture('\u{2421}')),
        0x80..=0x9F => Class::Control(Placeholder::EscapeThen(picture(code - 0x40))),
        0x20..=0x7E => Class::Plain,
        _ if is_common_text(code) => Class::Plain,
        _ if is_invisible(code) => Class::Invisible,
        _ if is_extend(c, code) => Class::Extend,
        _ => Class::Plain,
    }
}

/// Blocks that hold only plain letters, digits and punctuation: no control, invisible or
/// combining character. Most article text is in them, and answering from these ranges spares
/// the table searches below (a quarter of the parser's time in sanitising, before). The test
/// `common_text_is_plain` checks every character of them against the full classification.
pub(super) fn is_common_text(code: u32) -> bool {
    matches!(
        code,
        0x00A0..=0x00AC // Latin-1 (U+00AD, the soft hyphen, is invisible)
            | 0x00AE..=0x02FF // Latin-1, Latin Extended-A and -B, IPA, modifier letters
            | 0x0370..=0x0482 // Greek, Cyrillic (U+0483..=0489 are combining)
            | 0x048A..=0x052F
            | 0x2010..=0x2027 // dashes, quotes, bullets, ellipsis
            | 0x2030..=0x205E
            | 0x20A0..=0x20C0 // currency signs
            | 0x3000..=0x3029 // CJK punctuation (U+302A..=302F are combining)
            | 0x3030..=0x3098 // ... and hiragana (U+3099, 309A are combining)
            | 0x309B..=0x30FF // katakana
            | 0x4E00..=0x9FFF // CJK ideographs
            | 0xAC00..=0xD7A3 // Hangul syllables
    )
}

fn picture(code: u32) -> char {
    char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// Characters removed outright. The soft hyphen goes too: terminals disagree on whether it
/// takes a column, and a wrong guess shifts every later character on the line; the word it
/// sat in simply reads unbroken. Tag characters (U+E0000..) go because they can carry a
/// whole hidden message; the only loss is that subdivision flags show as a plain black flag.
fn is_invisible(code: u32) -> bool {
    matches!(
        code,
        0x00AD // soft hyphen
            | 0x061C // Arabic letter mark
            | 0x180E // Mongolian vowel separator
            | 0x200B // zero width space
            | 0x200E | 0x200F // LRM, RLM
            | 0x202A..=0x202E // LRE, RLE, PDF, LRO, RLO
            | 0x2060..=0x2064 // word joiner, invisible operators
            | 0x2066..=0x2069 // LRI, RLI, FSI, PDI
            | 0x206A..=0x206F // deprecated format characters
            | 0xFEFF // byte order mark / zero width no-break space
            | 0xFFF9..=0xFFFB // interlinear annotation
            | 0xE0000..=0xE007F // tags
    )
}

fn is_extend(c: char, code: u32) -> bool {
    matches!(
        code,
        0x200C | 0x200D // ZWNJ, ZWJ: Persian, Indic scripts, emoji sequences
            | 0xFE00..=0xFE0F // variation selectors
            | 0xE0100..=0xE01EF
            | 0x1F3FB..=0x1F3FF // emoji skin tones
    ) || is_combining_mark(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c0_controls_map_to_their_control_pictures() {
        assert_eq!(
            classify('\u{1b}'),
            Class::Control(Placeholder::Picture(ESCAPE_PICTURE))
        );
        assert_eq!(
            classify('\u{7}'),
            Class::Control(Placeholder::Picture('\u{2407}'))
        );
        assert_eq!(
            classify('\u{0}'),
            Class::Control(Placeholder::Picture('\u{2400}'))
        );
    }

    #[test]
    fn c1_controls_map_to_escape_and_their_seven_bit_form() {
        assert_eq!(
            classify('\u{9b}'),
            Class::Control(Placeholder::EscapeThen('['))
        );
        assert_eq!(
            classify('\u{9d}'),
            Class::Control(Placeholder::EscapeThen(']'))
        );
    }

    #[test]
    fn common_text_is_plain() {
        let full = |c: char| {
            let code = u32::from(c);
            !is_invisible(code) && !is_extend(c, code) && code >= 0xA0
        };
        let wrong: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_common_text(u32::from(c)) && !full(c))
            .collect();
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    #[test]
    fn letters_and_marks_are_text() {
        assert_eq!(classify('é'), Class::Plain);
        assert_eq!(classify('Ж'), Class::Plain);
        assert_eq!(classify('\u{301}'), Class::Extend);
        assert_eq!(classify('\u{200D}'), Class::Extend);
        assert_eq!(classify('\u{202E}'), Class::Invisible);
    }
}
