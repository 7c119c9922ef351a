//! Telling a sub-heading from the start of a paragraph.
//!
//! A heading is short, starts with a capital and has no sentence punctuation. When the scraper
//! glued it to the next paragraph, the seam is a lowercase letter (or digit) directly followed
//! by a capital that starts a word: `en un moisVladimir`, `à l’OtanVisant`. Brand names are
//! built the same way (`iPhone`, `YouTube`, `McDonald's`), so the seam must also pass the
//! checks in [`is_seam`] and [`Names`].
//!
//! Lists, results and table rows are short unpunctuated lines too (`Hartsfield 2 Dunmore 1`,
//! `Shr 1.12 dlrs vs 98 cts`, `- Fuel duty cut`), so [`reads_as_data`] rules out their shapes,
//! and the caller keeps a short line that stands among other short lines for a list item.

use super::names::Names;

/// Longer than this, a run is a sentence, not a heading.
const MAX_HEADING_CHARS: usize = 120;
const MAX_HEADING_WORDS: usize = 16;

/// How far past the window the word holding a seam is followed to find its last seam.
const MAX_GLUED_WORD_OVERRUN: usize = 40;

/// Longer than this, a glued word is not looked up as a name.
const MAX_NAME_CHARS: usize = 48;

/// The byte length of the first `chars` characters of `s`.
fn prefix_len(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(j, _)| j)
}

/// A heading of one glued word must be at least this long: one-word headings are things like
/// "Contexte" or "Réactions", while `PayPal`, `TikTok`, `GitHub` split after 3 letters.
const MIN_ONE_WORD_HEADING: usize = 6;

fn is_sentence_punct(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | ';' | '。' | '！' | '？' | '；')
}

fn starts_capitalised(piece: &str) -> bool {
    piece
        .chars()
        .take(4)
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// A whole piece (ended by a line break or a closing quote) that reads as a heading.
pub(super) fn is_standalone(piece: &str) -> bool {
    // Most pieces are paragraphs ending in a period: the last character rules them out
    // before anything is counted.
    piece.len() <= MAX_HEADING_CHARS * 4
        && !piece.ends_with(is_sentence_punct)
        && piece.chars().count() <= MAX_HEADING_CHARS
        && piece.split_whitespace().count() <= MAX_HEADING_WORDS
        && starts_capitalised(piece)
        && !piece.contains(is_sentence_punct)
        && !piece.ends_with([',', ':', ')', ']'])
        && !reads_as_data(piece)
}

/// A short line without a sentence end: a heading, or an item of a list or a table. Among
/// others of its kind it is an item.
pub(super) fn is_short_line(piece: &str) -> bool {
    piece.len() <= MAX_HEADING_CHARS * 4
        && !piece.ends_with(is_sentence_punct)
        && piece.chars().count() <= MAX_HEADING_CHARS
}

/// A list item, a sports result or fixture, or a table row, not a heading: it starts with a
/// bullet or a number in brackets, sets two sides against each other (`v`, `vs`), or is
/// names and scores (`Linfield Town 0 Hartsfield 3`).
fn reads_as_data(head: &str) -> bool {
    let words: Vec<&str> = head.split_whitespace().collect();
    let first = words.first().copied().unwrap_or_default();
    let bullet = first.chars().all(|c| {
        matches!(
            c,
            '-' | '–' | '—' | '•' | '·' | '*' | '►' | '▪' | '■' | '●' | '+' | '>'
        )
    });
    let enumerator = first.ends_with(')')
        && first.chars().count() <= 4
        && first.chars().filter(|c| c.is_alphanumeric()).count() <= 2;
    let versus = words
        .iter()
        .any(|w| matches!(*w, "v" | "v." | "vs" | "vs." | "-" | "–"));
    let number = |w: &&str| w.chars().any(|c| c.is_ascii_digit());
    let score_then_name = words
        .windows(2)
        .any(|pair| number(&pair[0]) && pair[1].chars().next().is_some_and(char::is_uppercase));
    let ends_in_number = words.last().is_some_and(number);
    bullet || enumerator || versus || (score_then_name && ends_in_number)
}

/// The byte offset where a heading glued to the start of `piece` ends, if it has one.
/// Reads at most [`MAX_HEADING_CHARS`] characters (plus the rest of the glued word).
pub(super) fn run_in(piece: &str, names: &Names) -> Option<Seam> {
    last_seam(piece, names).map(|at| Seam {
        at,
        heading: !reads_as_data(piece.get(..at).unwrap_or_default()),
    })
}

/// Where a short unpunctuated run glued to the start of a paragraph ends.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Seam {
    pub at: usize,
    /// The run reads as a heading; otherwise it is a list item, a result or a table row,
    /// a paragraph of its own all the same.
    pub heading: bool,
}

/// The last seam in the heading window of `piece`, if any.
fn last_seam(piece: &str, names: &Names) -> Option<usize> {
    if !starts_capitalised(piece) {
        return None;
    }
    let mut prev = ' ';
    // `prev.is_alphanumeric()`, kept rather than looked up again: outside ASCII it is a
    // table search, and this loop runs over the start of every paragraph.
    let mut prev_alnum = false;
    let mut words = 1;
    let mut word_start = 0;
    let mut found = None;
    for (n, (i, c)) in piece.char_indices().enumerate() {
        let alnum = c.is_alphanumeric();
        // Of several seams in one word (`YouTubeLes`), the last is the real one.
        if found.is_some() && !alnum {
            return found;
        }
        if is_sentence_punct(c) && !in_number(piece, i, prev)
            || n > MAX_HEADING_CHARS && found.is_none()
        {
            return None;
        }
        // A glued word may run past the window, but not forever (`aBcDeF…` for megabytes).
        if n > MAX_HEADING_CHARS + MAX_GLUED_WORD_OVERRUN {
            return found;
        }
        if c.is_whitespace() && !prev.is_whitespace() {
            words += 1;
            if words > MAX_HEADING_WORDS {
                return None;
            }
        }
        if alnum && !prev_alnum {
            word_start = i;
        }
        if n <= MAX_HEADING_CHARS
            && c.is_uppercase()
            && (prev.is_lowercase() || prev.is_numeric())
            && is_seam(piece, word_start, i, words == 1, names)
        {
            found = Some(i);
        }
        prev = c;
        prev_alnum = alnum;
    }
    found
}

/// The `.` or `,` at byte `i`, after `prev`, is inside a number: `124.3 mln`, `1,932`.
fn in_number(piece: &str, i: usize, prev: char) -> bool {
    let next = piece.get(i + 1..).and_then(|r| r.chars().next());
    prev.is_ascii_digit() && next.is_some_and(|c| c.is_ascii_digit())
}

/// Whether the capital at `i`, inside the word starting at `word_start`, starts a new
/// paragraph rather than the second half of a name.
fn is_seam(piece: &str, word_start: usize, i: usize, first_word: bool, names: &Names) -> bool {
    let Some(left) = piece.get(word_start..i) else {
        return false;
    };
    let Some(rest) = piece.get(i..) else {
        return false;
    };
    let mut after = rest.chars().skip(1);
    // The capital starts a word: `Vladimir`, `Le`, `L’Otan`, not `TeX`, `iOS` or `SpaceX`.
    // (A one-letter word like `À` is missed: it cannot be told from the end of `LaTeX`.)
    let starts_word = after
        .next()
        .is_some_and(|n| n.is_lowercase() || n == '\'' || n == '’');
    let len = left.chars().count();
    let first = left.chars().next().unwrap_or(' ');
    let name_like = (len == 1 && first.is_lowercase()) // iPhone, eBay
        || (len == 2 && first.is_uppercase()) // LaTeX, DeSantis, LeBron
        || left == "Mc"
        || left == "Mac"
        || (first_word && len < MIN_ONE_WORD_HEADING);
    // The word holding the seam, up to a length no name reaches (`aBcDeF…` may not end).
    let word = piece.get(word_start..).unwrap_or_default();
    let end = word
        .char_indices()
        .take(MAX_NAME_CHARS)
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or_else(|| prefix_len(word, MAX_NAME_CHARS), |(end, _)| end);
    let word = word.get(..end).unwrap_or(word);
    starts_word && !name_like && !names.is_name(word, i - word_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `p` split at its run-in heading, read in an article made of `p` and `elsewhere`.
    fn split_in<'a>(p: &'a str, elsewhere: &[&'a str]) -> Option<(&'a str, &'a str)> {
        let mut texts = elsewhere.to_vec();
        texts.push(p);
        run_in(p, &Names::new(texts, &|| None))
            .filter(|s| s.heading)
            .map(|s| p.split_at(s.at))
    }

    fn split(p: &str) -> Option<(&str, &str)> {
        split_in(p, &[])
    }

    #[test]
    fn the_seed_headings() {
        assert_eq!(
            split("Deuxième entretien des Présidents en un moisVladimir Poutine et Recep"),
            Some((
                "Deuxième entretien des Présidents en un mois",
                "Vladimir Poutine et Recep"
            ))
        );
        assert_eq!(
            split_in(
                "Propositions de Moscou à l’OtanVisant à arrêter l’escalade",
                &["garanties de sécurité Russie-Otan"]
            ),
            Some((
                "Propositions de Moscou à l’Otan",
                "Visant à arrêter l’escalade"
            ))
        );
    }

    #[test]
    fn other_scripts_and_one_word_headings() {
        assert_eq!(
            split("Второй разговор за месяцВладимир Путин"),
            Some(("Второй разговор за месяц", "Владимир Путин"))
        );
        assert_eq!(split("ContexteLe sommet"), Some(("Contexte", "Le sommet")));
        assert_eq!(
            split("Le rôle de YouTubeLes vidéos"),
            Some(("Le rôle de YouTube", "Les vidéos"))
        );
    }

    #[test]
    fn names_at_a_paragraph_start_are_not_headings() {
        for p in [
            "YouTube a annoncé mardi",
            "PayPal et eBay ont",
            "McDonald's ouvre un restaurant",
            "Les utilisateurs d'iPhone et de LaTeX",
            "Le patron de WhatsApp a dit",
            "La Russie a présenté. Puis unLe",
            "le texte en minusculesVladimir",
        ] {
            assert_eq!(split(p), None, "{p}");
        }
    }

    #[test]
    fn a_heading_never_grows_past_the_window() {
        let p = format!("Titre {}", "aBcDeF".repeat(10_000));
        let names = Names::new(vec![&p], &|| None);
        let head = run_in(&p, &names).map(|s| &p[..s.at]).unwrap_or_default();
        assert!(head.chars().count() <= MAX_HEADING_CHARS + MAX_GLUED_WORD_OVERRUN);
    }

    #[test]
    fn long_runs_are_sentences() {
        let p = format!("{}motLe", "mot ".repeat(40));
        assert_eq!(split(&p), None);
    }

    #[test]
    fn standalone_headings() {
        assert!(is_standalone("Propositions de Moscou à l’Otan"));
        assert!(is_standalone("«Nous ne reculerons pas»"));
        assert!(!is_standalone("Ils ont échangé leurs vœux."));
        assert!(!is_standalone("et ensuite"));
        assert!(!is_standalone(&"Mot ".repeat(40)));
    }
}
