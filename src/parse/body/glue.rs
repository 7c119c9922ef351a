//! Paragraph ends glued to the next paragraph: a sentence end, quote or bracket directly
//! followed by a capital (`vœux.Deuxième`), with the abbreviations, initials, numbers, links
//! and addresses that look the same left whole.

/// Cuts one line at every glued paragraph boundary.
///
/// A boundary can only be a capital right after sentence punctuation, a quote or a bracket,
/// so those are found with a byte scan, and the state the decision needs (spaces, links and
/// quotes since the last cut) is brought up to date only at them. Classifying every
/// character as it came was most of the parser's own time.
pub(super) fn split_glue(line: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut seen = Seen::default();
    let mut i = 0;
    while let Some(after) = next_mark(line, i) {
        i = after;
        let mut rest = line.get(i..).unwrap_or_default().chars();
        let mut capital = rest.next().is_some_and(char::is_uppercase);
        // French sets its guillemets off with a space: `vente.« Sans la fromagerie`.
        if !capital && line.get(..i).is_some_and(|b| b.ends_with('«')) {
            let mut rest = line.get(i..).unwrap_or_default().chars();
            capital = rest
                .find(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
                .is_some_and(char::is_uppercase);
        }
        if !capital {
            continue;
        }
        seen.advance(line, i);
        if seen.space
            && !seen.in_link
            && !email_ahead(line, i)
            && let Some(at) = glue_point(line, start, i, seen.quotes)
            && at > start
        {
            pieces.extend(line.get(start..at));
            seen.quotes = line.get(at..i).map_or(0, |s| s.matches('"').count());
            start = at;
            seen.space = false;
        }
    }
    pieces.extend(line.get(start..));
    pieces
}

/// What the text since the last cut holds, up to byte `upto`.
#[derive(Default)]
struct Seen {
    upto: usize,
    /// Straight double quotes since the cut: their parity says whether a `"` opens or closes.
    quotes: usize,
    /// Whitespace since the cut: a paragraph of one word is more likely `Node.Js` or `Dr.Who`.
    space: bool,
    /// Inside a URL or e-mail address nothing is cut: `https://x.org/File.PDF`. A link runs
    /// from its `@`, `://` or `www.` to the next whitespace.
    in_link: bool,
}

impl Seen {
    fn advance(&mut self, line: &str, to: usize) {
        let Some(text) = line.get(self.upto..to) else {
            return;
        };
        self.quotes += text.bytes().filter(|&b| b == b'"').count();
        let last_space = text
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map(|(j, c)| j + c.len_utf8());
        match last_space {
            Some(after) => {
                self.space = true;
                self.in_link = link_starts(line, self.upto + after, to);
            }
            None => self.in_link = self.in_link || link_starts(line, self.upto, to),
        }
        self.upto = to;
    }
}

/// Whether a link starts between bytes `from` and `to` of `line`: an `@`, the last `/` of
/// `://`, or the `.` of `www.`.
fn link_starts(line: &str, from: usize, to: usize) -> bool {
    let bytes = line.as_bytes();
    (from..to).any(|j| {
        let before = bytes.get(..j).unwrap_or_default();
        match bytes.get(j) {
            Some(b'@') => true,
            Some(b'/') => before.ends_with(b":/"),
            Some(b'.') => before.ends_with(b"www"),
            _ => false,
        }
    })
}

/// The first bytes of the characters [`may_end_paragraph`] accepts: the ASCII ones, and the
/// lead bytes of `«»` (C2), `…“”„‘’‹›` (E2), `。` (E3) and `！？` (EF).
const MARK_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let marks = *b".!?\"()[]\xC2\xE2\xE3\xEF";
    let mut k = 0;
    while k < marks.len() {
        table[marks[k] as usize] = true;
        k += 1;
    }
    table
};

/// The byte just after the next character at or after `from` that may end a paragraph.
fn next_mark(line: &str, from: usize) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut j = from;
    while let Some(&b) = bytes.get(j) {
        if !MARK_BYTES[usize::from(b)] {
            j += 1;
            continue;
        }
        // Lead bytes in the table only ever start a character, so `j` is a boundary here.
        let c = line.get(j..)?.chars().next()?;
        j += c.len_utf8();
        if may_end_paragraph(c) {
            return Some(j);
        }
    }
    None
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
            '“' => !low_quote_open(before.get(..j).unwrap_or_default()),
            '«' | '„' | '(' | '[' | '‘' | '‹' => true,
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
        let Some(&(j, ch)) = back.peek() else { break };
        let closes = match ch {
            '”' | '»' | '›' | ')' | ']' => {
                strong_close = true;
                true
            }
            '’' => true,
            // German closes `„` with `“`: `„… guter Wein.“Mehr`.
            '“' => low_quote_open(before.get(..j).unwrap_or_default()),
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

/// Whether a German `„` opened in the last few hundred bytes of `text` is still open, so that
/// a `“` after it closes it.
fn low_quote_open(text: &str) -> bool {
    let mut from = text.len().saturating_sub(600);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let tail = text.get(from..).unwrap_or_default();
    match (tail.rfind('„'), tail.rfind('“')) {
        (Some(low), Some(high)) => low > high,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Whether a paragraph can end right before a character that follows `c`: [`glue_point`]
/// finds a boundary only after sentence punctuation or a quote or bracket, so after any other
/// `c` (nearly every character) the capital test and the look-back are skipped.
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
        assert_eq!(
            pieces("de la vente.« Sans la fromagerie »"),
            ["de la vente.", "« Sans la fromagerie »"]
        );
        assert_eq!(
            pieces("il a dit : « Nous irons »"),
            ["il a dit : « Nous irons »"]
        );
        assert_eq!(
            pieces("sagt er. „Das wird ein guter Wein.“Mehr Betriebe"),
            ["sagt er. „Das wird ein guter Wein.“", "Mehr Betriebe"]
        );
        assert_eq!(
            pieces("he said.“We will go,” she said"),
            ["he said.", "“We will go,” she said"]
        );
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
    fn a_link_lasts_until_the_next_space() {
        assert_eq!(
            pieces("Voir www.site.org.Ensuite il"),
            ["Voir www.site.org.Ensuite il"]
        );
        assert_eq!(
            pieces("Écrire à a@b.fr puis fin.Ensuite on"),
            ["Écrire à a@b.fr puis fin.", "Ensuite on"]
        );
        assert_eq!(
            pieces("Un texte.Deux https://x.org/a.B trois.Quatre"),
            ["Un texte.", "Deux https://x.org/a.B trois.", "Quatre"]
        );
    }

    #[test]
    fn one_word_is_not_a_paragraph() {
        assert_eq!(pieces("Node.Js"), ["Node.Js"]);
    }
}
