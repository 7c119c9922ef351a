//! Every user or article string that goes into SphinxQL goes through here, twice over where it
//! lands inside `MATCH('…')`: once for the full-text syntax, once for the string literal.
//!
//! Query words reach [`match_word`] already cut by folio's tokenizer (letters, digits and
//! marks only), so escaping is the second wall, not the first: it still escapes every
//! operator character, so a tokenizer change can never turn typed text into syntax.

/// A SphinxQL string literal, quotes included: backslashes and single quotes escaped, NUL
/// (which ends a C string inside searchd) dropped.
pub fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\0' => {}
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// The characters the extended query syntax gives a meaning to.
const MATCH_OPERATORS: &[char] = &[
    '\\', '(', ')', '|', '-', '!', '@', '~', '"', '&', '/', '^', '$', '=', '<', '>', '*', '?', '%',
    '[', ']', '\'', ',', ';', ':',
];

/// One word for the extended query syntax: every operator character escaped (then
/// [`literal`] escapes the backslashes again for the string around the query).
pub fn match_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if MATCH_OPERATORS.contains(&c) {
            out.push('\\');
        }
        if c != '\0' && !c.is_control() {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_escapes_quotes_and_backslashes_and_drops_nul() {
        assert_eq!(literal("it's"), r"'it\'s'");
        assert_eq!(literal(r"a\b"), r"'a\\b'");
        assert_eq!(literal("a\0b"), "'ab'");
        assert_eq!(literal(r"\'; DROP"), r"'\\\'; DROP'");
        // Ending on a backslash must not escape the closing quote.
        assert_eq!(literal("x\\"), r"'x\\'");
    }

    #[test]
    fn a_literal_has_no_unescaped_quote_inside() {
        for nasty in ["'", "''", "\\'", "a'); SELECT 1; --", "\\\\'", "'\\"] {
            let quoted = literal(nasty);
            let inner = &quoted[1..quoted.len() - 1];
            let mut escaped = false;
            for c in inner.chars() {
                assert!(escaped || c != '\'', "bare quote in {quoted}");
                escaped = !escaped && c == '\\';
            }
            assert!(!escaped, "dangling backslash in {quoted}");
        }
    }

    #[test]
    fn every_match_operator_is_escaped() {
        let word = r#"| - ! " ~ / ^ $ = < @ ( ) \ * ;"#;
        let escaped = match_word(word);
        let mut chars = escaped.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                assert!(chars.next().is_some(), "dangling escape in {escaped}");
            } else {
                assert!(c == ' ' || !MATCH_OPERATORS.contains(&c), "{c} unescaped");
            }
        }
        assert_eq!(match_word("erdogan"), "erdogan");
        assert_eq!(match_word("北京"), "北京");
    }
}
