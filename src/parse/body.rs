//! Paragraphs and sub-headings recovered from the scraper's glue.
//!
//! The scraper joined the page's blocks without a separator, so a paragraph end shows up as a
//! sentence end directly followed by a capital (`vœux.Deuxième`), and a sub-heading as a short
//! unpunctuated run glued to the capitalised first word of the next paragraph
//! (`en un moisVladimir`). Everything here is one forward pass with bounded look-back, so a
//! 30 MB body costs about what reading it does.

mod heading;

use crate::article::Paragraph;
use crate::sanitize::sanitize;

/// Splits each line of the body into paragraphs and headings. Real line breaks are paragraph
/// breaks too. The lines come sanitised (the glue is looked for in what the reader will see),
/// and pieces of clean text are clean: they are not sanitised a second time.
pub(super) fn paragraphs<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<Paragraph> {
    let pieces: Vec<&str> = lines
        .into_iter()
        .flat_map(split_glue)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = Vec::with_capacity(pieces.len() + 4);
    let last = pieces.len().saturating_sub(1);
    for (i, piece) in pieces.into_iter().enumerate() {
        if i < last && heading::is_standalone(piece) {
            out.push(Paragraph::Heading(clean(piece)));
            continue;
        }
        match heading::run_in(piece) {
            Some(at) => {
                let (head, text) = piece.split_at(at);
                out.push(Paragraph::Heading(clean(head.trim_end())));
                out.push(Paragraph::Text(clean(text)));
            }
            None => out.push(Paragraph::Text(clean(piece))),
        }
    }
    out
}

fn clean(s: &str) -> String {
    debug_assert!(
        matches!(sanitize(s), std::borrow::Cow::Borrowed(_)),
        "body lines are sanitised before they are split: {s:?}"
    );
    s.to_owned()
}

/// What one ASCII byte of a line means to [`split_glue`].
#[derive(Clone, Copy)]
enum Byte {
    Other,
    Space,
    At,
    Slash,
    Dot,
    /// Punctuation after which a paragraph may end (see [`may_end_paragraph`]).
    Mark,
    Capital,
    /// The first byte of a character outside ASCII: decoded and looked at as a `char`.
    Lead,
}

const BYTES: [Byte; 256] = {
    let mut table = [Byte::Other; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b' ' | b'\t'..=b'\r' => Byte::Space,
            b'@' => Byte::At,
            b'/' => Byte::Slash,
            b'.' => Byte::Dot,
            b'!' | b'?' | b'"' | b'(' | b')' | b'[' | b']' => Byte::Mark,
            b'A'..=b'Z' => Byte::Capital,
            0x80..=0xFF => Byte::Lead,
            _ => Byte::Other,
        };
        b += 1;
    }
    table
};

/// Cuts one line at every glued paragraph boundary.
///
/// Walks bytes rather than characters: nearly all of a line is ASCII that only updates the
/// state below, and decoding and classifying every character as a `char` was most of the
/// cost. Continuation bytes of other characters are stepped over whole.
fn split_glue(line: &str) -> Vec<&str> {
    let bytes = line.as_bytes();
    let mut pieces = Vec::new();
    let mut start = 0;
    // Straight double quotes since `start`: their parity says whether a `"` opens or closes.
    let mut quotes = 0usize;
    // A paragraph of one word is more likely `Node.Js` or `Dr.Who` than a paragraph.
    let mut has_space = false;
    // Inside a URL or e-mail address nothing is split: `https://x.org/File.PDF`.
    let mut in_link = false;
    // The previous character may end a paragraph: only then can a capital start one.
    let mut after_mark = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let mut len = 1;
        let mut capital = false;
        let mut mark = false;
        match BYTES[usize::from(b)] {
            Byte::Other => {}
            Byte::Space => {
                has_space = true;
                in_link = false;
            }
            Byte::At => in_link = true,
            Byte::Slash => in_link |= bytes.get(..i).is_some_and(|p| p.ends_with(b":/")),
            Byte::Dot => {
                in_link |= bytes.get(..i).is_some_and(|p| p.ends_with(b"www"));
                mark = true;
            }
            Byte::Mark => mark = true,
            Byte::Capital => capital = true,
            Byte::Lead => {
                let Some(c) = line.get(i..).and_then(|r| r.chars().next()) else {
                    break;
                };
                len = c.len_utf8();
                if c.is_whitespace() {
                    has_space = true;
                    in_link = false;
                } else {
                    capital = after_mark && c.is_uppercase();
                    mark = may_end_paragraph(c);
                }
            }
        }
        if capital
            && after_mark
            && has_space
            && !in_link
            && !email_ahead(line, i)
            && let Some(at) = glue_point(line, start, i, quotes)
            && at > start
        {
            pieces.extend(line.get(start..at));
            quotes = line.get(at..i).map_or(0, |s| s.matches('"').count());
            start = at;
            has_space = false;
        }
        if b == b'"' {
            quotes += 1;
        }
        after_mark = mark;
        i += len;
    }
    pieces.extend(line.get(start..));
    pieces
}

/// Where a new paragraph starts when the capital at byte `i` is glued to what precedes it,
/// or `None` when it is not a paragraph boundary. Looks back a few characters only.
fn glue_point(line: &str, start: usize, i: usize, quotes: usize) -> Option<usize> {
    let before = line.get(start..i)?;
    let mut back = before.char_indices().rev().peekable();
    let mut at = i;
    let mut q = quotes;
    // Opening quotes and brackets belong to the new paragraph: `fin."Nous`, `fin.«Nous`.
    for _ in 0..2 {
        let Some(&(j, ch)) = back.peek() else { break };
        let opens = match ch {
            '“' | '«' | '„' | '(' | '[' | '‘' | '‹' => true,
            '"' => q.saturating_sub(1).is_multiple_of(2),
            _ => false,
        };
        if !opens {
            break;
        }
        q = q.saturating_sub(usize::from(ch == '"'));
        at = start + j;
        back.next();
    }
    // Closing quotes and brackets end the old one: `paix».Les`, `fin.»Le`, `(AFP)Le`.
    let mut strong_close = false;
    for _ in 0..3 {
        let Some(&(_, ch)) = back.peek() else { break };
        let closes = match ch {
            '”' | '»' | '›' | ')' | ']' => {
                strong_close = true;
                true
            }
            '’' => true,
            '"' => !q.saturating_sub(1).is_multiple_of(2),
            _ => false,
        };
        if !closes {
            break;
        }
        q = q.saturating_sub(usize::from(ch == '"'));
        back.next();
    }
    match back.peek() {
        Some(&(j, '.')) => {
            let abbreviation = before.get(..j).is_some_and(ends_in_abbreviation);
            (!abbreviation && !initial_follows(line, i)).then_some(at)
        }
        Some(&(_, '!' | '?' | '…' | '。' | '！' | '？')) => Some(at),
        // A closing quote or bracket directly against a capital: no typographer writes
        // that, a scraper does.
        _ => strong_close.then_some(at),
    }
}

/// Whether a paragraph can end right before a character that follows `c`: [`glue_point`]
/// finds a boundary only after sentence punctuation or a quote or bracket, so after any other
/// `c` (nearly every character) the capital test and the look-back are skipped. The ASCII
/// ones are also marks in [`BYTES`].
fn may_end_paragraph(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | '。'
            | '！'
            | '？'
            | '"'
            | '“'
            | '”'
            | '«'
            | '»'
            | '„'
            | '‘'
            | '’'
            | '‹'
            | '›'
            | '('
            | ')'
            | '['
            | ']'
    )
}

/// Words after which a period does not end a sentence: `St.Petersburg`, `Dr.Watson`.
const ABBREVIATIONS: [&str; 36] = [
    "St", "Ste", "Mt", "Dr", "Mr", "Mrs", "Ms", "Mme", "Mmes", "Mlle", "Mgr", "Me", "Pr", "Prof",
    "Jr", "Sr", "Gen", "Gén", "Col", "Lt", "Sgt", "Capt", "Gov", "Sen", "Rep", "Rev", "No", "Nr",
    "Vol", "Ph", "Av", "Bd", "ул", "пр", "им", "св",
];

/// The word before the period is a single letter (`U.S.`, `J.K.`) or a known abbreviation.
fn ends_in_abbreviation(before_dot: &str) -> bool {
    let word_start = before_dot
        .char_indices()
        .rev()
        .take(8)
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map(|(j, _)| j);
    let Some(word) = word_start.and_then(|j| before_dot.get(j..)) else {
        return false;
    };
    word.chars().count() == 1 || ABBREVIATIONS.contains(&word)
}

/// The word starting at `i` is the rest of an e-mail address (`Jean.Dupont@Example.fr`).
/// Only the next 64 bytes are looked at, the longest local part an address may have.
fn email_ahead(line: &str, i: usize) -> bool {
    line.as_bytes()
        .iter()
        .skip(i)
        .take(64)
        .take_while(|b| !b.is_ascii_whitespace())
        .any(|&b| b == b'@')
}

/// The capital at `i` is itself an initial: `Ph.D.`, `J.R.R.`.
fn initial_follows(line: &str, i: usize) -> bool {
    let mut after = line.get(i..).unwrap_or_default().chars().skip(1);
    after.next() == Some('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(s: &str) -> Vec<&str> {
        split_glue(s)
    }

    #[test]
    fn sentence_end_then_capital_splits() {
        assert_eq!(
            pieces("Ils ont échangé leurs vœux.Deuxième entretien"),
            ["Ils ont échangé leurs vœux.", "Deuxième entretien"]
        );
        assert_eq!(
            pieces("sous les auspices des Nations unies\".Les deux"),
            ["sous les auspices des Nations unies\".", "Les deux"]
        );
        assert_eq!(
            pieces("Est-ce vrai?Oui bien sûr"),
            ["Est-ce vrai?", "Oui bien sûr"]
        );
        assert_eq!(
            pieces("а также Ливии.Президенты"),
            ["а также Ливии.", "Президенты"]
        );
        assert_eq!(
            pieces("και στη Λιβύη.Οι πρόεδροι"),
            ["και στη Λιβύη.", "Οι πρόεδροι"]
        );
    }

    #[test]
    fn quotes_go_with_the_right_paragraph() {
        assert_eq!(
            pieces("a dit la fin.\"Nous irons"),
            ["a dit la fin.", "\"Nous irons"]
        );
        assert_eq!(
            pieces("il a dit \"assez.\"Puis il"),
            ["il a dit \"assez.\"", "Puis il"]
        );
        assert_eq!(
            pieces("c'est la fin.»Le lendemain"),
            ["c'est la fin.»", "Le lendemain"]
        );
        assert_eq!(pieces("c'est la fin.«Nous"), ["c'est la fin.", "«Nous"]);
        assert_eq!(pieces("de l’«Otan»Les pays"), ["de l’«Otan»", "Les pays"]);
    }

    #[test]
    fn words_and_numbers_that_look_glued_survive() {
        for s in [
            "le nouvel iPhone et YouTube chez McDonald's via eBay et PayPal en LaTeX",
            "the U.S. Army and U.S.Navy near St.Petersburg with Dr.Watson",
            "a Ph.D. student and J.R.R.Tolkien",
            "growth of 3.5 percent, version 2.0",
            "see https://example.org/File.PDF or www.Example.com",
            "write to Jean.Dupont@Example.fr now",
            "à l’Otan et l'Ukraine",
            "北京。上海。東京",
        ] {
            assert_eq!(pieces(s), [s], "{s}");
        }
    }

    #[test]
    fn real_line_breaks_are_paragraph_breaks_and_short_lines_headings() {
        let got = paragraphs([
            "Le port a rouvert vendredi.",
            "Ce que dit l'accord",
            "Les salaires augmentent.Les horaires aussi.",
            "Signature",
        ]);
        assert_eq!(
            got,
            [
                Paragraph::Text("Le port a rouvert vendredi.".into()),
                Paragraph::Heading("Ce que dit l'accord".into()),
                Paragraph::Text("Les salaires augmentent.".into()),
                Paragraph::Text("Les horaires aussi.".into()),
                Paragraph::Text("Signature".into()),
            ]
        );
    }

    #[test]
    fn cjk_sentences_are_not_split() {
        let cjk = "北京举行会谈。第二次会谈将在上海举行！双方表示满意？是的。";
        assert_eq!(paragraphs([cjk]), [Paragraph::Text(cjk.into())]);
    }

    #[test]
    fn one_word_is_not_a_paragraph() {
        assert_eq!(pieces("Node.Js"), ["Node.Js"]);
    }
}
