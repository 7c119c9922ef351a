//! A line cut into the words the wrapping algorithm places. Prose is split where Unicode
//! allows a line break and, with hyphenation on, inside words at the dictionary's points (a
//! hyphen is added there). A URL, an e-mail address or code is never hyphenated: it breaks
//! only after its own punctuation (`/`, `.`, `-`, `?`, `&`, `=`, `_`, `@`, ...), and such a
//! break adds no character, so what is read can be copied back exactly.

use textwrap::WordSeparator;
use textwrap::core::Word;
use textwrap::word_splitters::{WordSplitter, split_words};

use crate::width;

/// The words of `line`, split for `splitter`.
pub fn words<'a>(line: &'a str, splitter: &'a WordSplitter) -> Vec<Word<'a>> {
    let mut out = Vec::new();
    for token in tokens(line) {
        let bare = token.trim_end_matches(' ');
        if is_literal(bare) {
            literal_pieces(token, bare.len(), &mut out);
        } else {
            let found = WordSeparator::UnicodeBreakProperties.find_words(token);
            // Measured as they are drawn, so a line never runs past the column.
            out.extend(split_words(found, splitter).map(|mut w| {
                w.width = width::columns(w.word);
                w
            }));
        }
    }
    out
}

/// `line` cut after each run of spaces; every piece keeps its trailing spaces, so the pieces
/// put back together are the line.
fn tokens(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let word_end = rest.find(' ').unwrap_or(rest.len());
        let end = rest
            .get(word_end..)
            .and_then(|after| after.find(|c| c != ' '))
            .map_or(rest.len(), |n| word_end + n);
        let (token, after) = rest.split_at(end);
        rest = after;
        Some(token)
    })
}

/// A URL, an e-mail address or a piece of code: text whose every character matters.
pub fn is_literal(word: &str) -> bool {
    let word = word.trim_matches(|c: char| matches!(c, '(' | ')' | '"' | '«' | '»' | ',' | ';'));
    let url = word.contains("://") || word.starts_with("www.");
    let email = word
        .split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    // `snake_case`, `std::fs`, `a->b`, `f()`, `x=y`, `<tag>`, `{json}`, `--flag`.
    let code = word.contains('_')
        || word.contains("::")
        || word.contains("->")
        || word.contains("()")
        || word.contains(['=', '<', '>', '{', '}', '`', '\\'])
        || (word.starts_with("--") && word.len() > 2);
    url || email || code
}

/// Pieces of a literal word (`bare` bytes of `token`, then its spaces): each ends after a
/// punctuation character that is followed by more text; none is hyphenated.
fn literal_pieces<'a>(token: &'a str, bare: usize, out: &mut Vec<Word<'a>>) {
    let (word, whitespace) = token.split_at(bare);
    let mut start = 0;
    let mut chars = word.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let breaks_after = matches!(
            c,
            '/' | '.' | '-' | '?' | '&' | '=' | '_' | '@' | '#' | ':' | ',' | ';' | '+' | '~'
        );
        let more = chars.peek().is_some_and(|&(_, n)| !matches!(n, '/' | '.'));
        if breaks_after && more && end < word.len() {
            out.push(piece(&word[start..end], ""));
            start = end;
        }
    }
    out.push(piece(&word[start..], whitespace));
}

fn piece<'a>(word: &'a str, whitespace: &'a str) -> Word<'a> {
    Word {
        word,
        whitespace,
        penalty: "",
        width: width::columns(word),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_emails_and_code_are_literal_and_prose_is_not() {
        for w in [
            "https://www.lemonde.fr/a/poids-lourds-9911.html",
            "(www.example.org),",
            "redaction@example.fr",
            "snake_case_name",
            "std::fs::read",
            "--no-sync",
            "x=y",
        ] {
            assert!(is_literal(w), "{w}");
        }
        for w in ["poids-lourds", "e.g.", "@folio", "U.S.", "well-known"] {
            assert!(!is_literal(w), "{w}");
        }
    }

    #[test]
    fn the_pieces_put_back_together_are_the_line() {
        let line = "Voir  https://x.fr/a-b?c=d&e  ou a@b.fr, merci ";
        let splitter = WordSplitter::HyphenSplitter;
        let joined: String = words(line, &splitter)
            .iter()
            .map(|w| format!("{}{}", w.word, w.whitespace))
            .collect();
        assert_eq!(joined, line);
    }

    #[test]
    fn a_url_breaks_after_its_punctuation_with_no_hyphen() {
        let splitter = WordSplitter::HyphenSplitter;
        let url = "https://x.fr/poids-lourds-9911.html";
        let pieces = words(url, &splitter);
        let texts: Vec<&str> = pieces.iter().map(|w| w.word).collect();
        assert_eq!(
            texts,
            [
                "https://", "x.", "fr/", "poids-", "lourds-", "9911.", "html"
            ]
        );
        assert!(pieces.iter().all(|w| w.penalty.is_empty()));
    }
}
