//! The search language under arbitrary and syntax-heavy input: it never panics, spans are
//! valid, and plain words stay plain.

use folio::search::query::{Clause, MAX_PARTS, Query};
use proptest::prelude::*;

fn has_prefix(query: &Query) -> bool {
    query
        .must
        .iter()
        .any(|c| matches!(c, Clause::Term { prefix: true, .. }))
        || query.any_of.iter().flatten().any(has_prefix)
}

fn parts(query: &Query) -> usize {
    let clauses = query.must.iter().chain(&query.must_not);
    let own: usize = clauses
        .map(|c| match c {
            Clause::Phrase { words, .. } => words.len(),
            _ => 1,
        })
        .sum();
    own + query.any_of.iter().flatten().map(parts).sum::<usize>()
}

/// Strings dense in the language's syntax, plus some non-ASCII.
fn syntax_heavy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "é",
        "日本",
        "🙂",
        " ",
        " ",
        "\u{3000}",
        "\"",
        "(",
        ")",
        "-",
        "OR",
        "or",
        "AND",
        "&&",
        "||",
        "NOT",
        ":",
        "title:",
        "source:",
        "lang:",
        "date:",
        "is:",
        "unread",
        "2022",
        "-01",
        "-13",
        "..",
        "2021-02-29",
        "https://x",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
}

fn check(input: &str) -> Result<(), TestCaseError> {
    match Query::parse(input) {
        Ok(query) => {
            prop_assert!(parts(&query) <= MAX_PARTS);
            let _ = query.highlights();
            // Whatever was typed, a space completes the last word.
            if let Ok(spaced) = Query::parse(&format!("{input} ")) {
                prop_assert!(!has_prefix(&spaced), "{input:?}");
            }
        }
        Err(e) => {
            prop_assert!(e.span.start <= e.span.end && e.span.end <= input.len());
            prop_assert!(input.is_char_boundary(e.span.start));
            prop_assert!(input.is_char_boundary(e.span.end));
            prop_assert!(!e.message.is_empty());
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn arbitrary_strings_never_panic_and_spans_are_valid(input in any::<String>()) {
        check(&input)?;
    }

    #[test]
    fn syntax_heavy_strings_never_panic_and_spans_are_valid(input in syntax_heavy()) {
        check(&input)?;
    }

    #[test]
    fn plain_words_become_one_term_each(words in prop::collection::vec("[a-zà-ö0-9']{1,8}", 1..10)) {
        let query = Query::parse(&words.join(" "));
        let texts: Vec<String> = query
            .map(|q| q.must.iter().map(|c| match c {
                Clause::Term { text, .. } => text.clone(),
                other => format!("{other:?}"),
            }).collect())
            .unwrap_or_default();
        prop_assert_eq!(texts, words);
    }
}
