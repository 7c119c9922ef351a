//! Any text through the query parser: it must not panic, error spans must cut the input on
//! character boundaries, and a parsed query must respect the part cap and the prefix rule.
#![no_main]

use folio::search::query::{Clause, MAX_PARTS, Query};
use libfuzzer_sys::fuzz_target;

fn parts(query: &Query) -> usize {
    let own: usize = query
        .must
        .iter()
        .chain(&query.must_not)
        .map(|c| match c {
            Clause::Phrase { words, .. } => words.len(),
            _ => 1,
        })
        .sum();
    own + query.any_of.iter().flatten().map(parts).sum::<usize>()
}

fn has_prefix(query: &Query) -> bool {
    let prefixed = |c: &Clause| matches!(c, Clause::Term { prefix: true, .. });
    query.must.iter().chain(&query.must_not).any(prefixed)
        || query.any_of.iter().flatten().any(has_prefix)
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    match Query::parse(input) {
        Ok(query) => {
            assert!(parts(&query) <= MAX_PARTS, "{input:?}");
            for word in query.highlights() {
                assert!(!word.text.is_empty() && !word.text.contains(char::is_whitespace));
            }
            if let Ok(spaced) = Query::parse(&format!("{input} ")) {
                assert!(!has_prefix(&spaced), "prefix after a space: {input:?}");
            }
        }
        Err(e) => {
            assert!(e.span.start <= e.span.end && e.span.end <= input.len(), "{input:?}");
            assert!(input.is_char_boundary(e.span.start) && input.is_char_boundary(e.span.end));
            assert!(!e.message.is_empty());
        }
    }
});
