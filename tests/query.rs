//! The search language as the user types it: every construct, the typing sequence, malformed
//! and hostile input.

use std::time::{Duration, Instant};

use folio::search::query::{Clause, Field, Flag, Highlight, MAX_PARTS, Query};

mod support;

use support::query::{error, parsed};

#[test]
fn every_construct_parses_to_its_clauses() {
    let table = [
        // Words are ANDed and kept as typed; the last one is being typed.
        ("erdo", "erdo*"),
        ("Erdoğan OTAN", "Erdoğan OTAN*"),
        ("erdogan otan ", "erdogan otan"),
        ("putin or poutine", "putin or poutine*"),
        ("covid-19 l'Otan", "covid-19 l'Otan*"),
        // OR binds tighter than AND.
        ("x a OR b y", "x y* (a | b)"),
        ("a OR b OR c", "(a | b | c*)"),
        ("(a OR b) (c OR d)", "(a | b) (c | d)"),
        ("(a b) OR c", "([a b] | c*)"),
        ("(a b)", "a b"),
        ("((erdo", "erdo*"),
        ("a OR -b", "(a | -b)"),
        // AND, written or not, binds looser than OR; NOT excludes; in quotes they are words.
        ("gilets AND jaunes", "gilets jaunes*"),
        ("gilets && jaunes", "gilets jaunes*"),
        ("gilets and jaunes", "gilets and jaunes*"),
        ("a || b", "(a | b*)"),
        ("a AND b OR c", "a (b | c*)"),
        ("a OR b AND c", "c* (a | b)"),
        ("NOT sport x", "x* -sport"),
        ("x NOT \"mer noire\"", "x -\"mer noire\""),
        ("NOT (war OR guerre) paix", "paix* -war -guerre"),
        ("a OR NOT b", "(a | -b)"),
        ("\"AND\" x", "AND x*"),
        ("\"NOT\"", "NOT"),
        ("-AND x", "x* -AND"),
        // Phrases.
        ("\"garanties de sécurité\"", "\"garanties de sécurité\""),
        ("\"garanties de", "\"garanties de*\""),
        ("\"garanties de ", "\"garanties de\""),
        ("\"erdo\"", "erdo"),
        ("\"erdo", "erdo*"),
        ("\"erdo ", "erdo"),
        ("-\"mer noi", "-\"mer noi\""),
        ("x\"a b\"y", "x \"a b\" y*"),
        // Exclusion: never a prefix.
        ("-sport", "-sport"),
        ("russie -erd", "russie -erd"),
        ("russie -\"coupe du monde\"", "russie -\"coupe du monde\""),
        ("-(war OR guerre) paix", "paix* -war -guerre"),
        ("-OR x", "x* -OR"),
        // Fields.
        ("title:erdo", "title:erdo*"),
        ("Title:erdo x", "title:erdo x*"),
        (
            "title:\"garanties de sécurité\"",
            "title:\"garanties de sécurité\"",
        ),
        ("source:sput", "source:sput*"),
        ("source:\"ria novosti\" x", "source:\"ria novosti\" x*"),
        ("lang:f", "lang:f"),
        ("source:sputnik lang:fr", "source:sputnik lang:fr"),
        ("-title:sport", "-title:sport"),
        ("author:mül", "author:mül*"),
        ("Author:berg tag:écon", "author:berg tag:écon*"),
        ("author:\"anna berg\" x", "author:\"anna berg\" x*"),
        ("tag:\"climate change\"", "tag:\"climate change\""),
        ("-author:berg x", "x* -author:berg"),
        ("author:a OR tag:b", "(author:a | tag:b*)"),
        ("is:unread is:starred x", "is:unread is:starred x*"),
        ("IS:Read", "is:read"),
        ("-is:read", "-is:read"),
        // Unknown field names are plain words.
        (
            "https://fr.sputniknews.com/a",
            "https://fr.sputniknews.com/a*",
        ),
        ("10:30 titel:x", "10:30 titel:x*"),
        ("foo: x", "foo: x*"),
        // Dates: periods expand, either side of a range may be open.
        ("date:2022", "date:2022-01-01..2022-12-31"),
        ("date:2022-01", "date:2022-01-01..2022-01-31"),
        ("date:2024-02", "date:2024-02-01..2024-02-29"),
        ("date:2022-1-5", "date:2022-01-05..2022-01-05"),
        ("date:2022-01-10", "date:2022-01-10..2022-01-10"),
        ("date:2022-01-10..2022-02-15", "date:2022-01-10..2022-02-15"),
        ("date:..2022-02", "date:..2022-02-28"),
        ("date:2021..", "date:2021-01-01.."),
        ("date:2022-01..2022", "date:2022-01-01..2022-12-31"),
        ("date:2022-06-01..2022-06", "date:2022-06-01..2022-06-30"),
        ("-date:2022", "-date:2022-01-01..2022-12-31"),
        ("date:9999-12", "date:9999-12-01..9999-12-31"),
        // Unicode: one word per whitespace-separated run, whatever the script.
        ("путин НАТО", "путин НАТО*"),
        ("习近平会见普京", "习近平会见普京*"),
        ("习近平\u{3000}普京", "习近平 普京*"),
        ("🙂 x🙂y", "🙂 x🙂y*"),
    ];
    for (input, expected) in table {
        assert_eq!(parsed(input), expected, "for {input:?}");
    }
}

#[test]
fn unfinished_input_at_the_end_reads_as_what_was_typed_so_far() {
    let table = [
        ("", ""),
        ("   ", ""),
        ("\"", ""),
        ("-", ""),
        ("OR", ""),
        ("((", ""),
        ("date:", ""),
        ("title:", ""),
        ("title:\"", ""),
        ("a OR", "a"),
        ("a OR ", "a"),
        ("a -", "a"),
        ("a title:", "a"),
        ("a date: ", "a"),
        ("a OR \"", "a"),
        ("(a OR b", "(a | b*)"),
        ("AND", ""),
        ("NOT", ""),
        ("a AND", "a"),
        ("a && ", "a"),
        ("a NOT", "a"),
        ("a ||", "a"),
        ("x (", "x"),
    ];
    for (input, expected) in table {
        assert_eq!(parsed(input), expected, "for {input:?}");
    }
    for input in ["", " \t\n", "\"", "((", "-", "OR", "title:"] {
        assert!(Query::parse(input).is_ok_and(|q| q.is_empty()), "{input:?}");
    }
    for input in ["a", "-a", "is:read", "date:2022"] {
        assert!(
            Query::parse(input).is_ok_and(|q| !q.is_empty()),
            "{input:?}"
        );
    }
}

#[test]
fn the_prefix_flag_follows_the_typing_and_flips_on_the_space() {
    for (input, prefix) in [
        ("e", true),
        ("er", true),
        ("erd", true),
        ("erdo", true),
        ("erdo ", false),
    ] {
        let query = Query::parse(input).unwrap_or_default();
        let expected = Clause::Term {
            field: Field::All,
            text: input.trim_end().into(),
            prefix,
        };
        assert_eq!(query.must, [expected], "for {input:?}");
    }
}

#[test]
fn or_groups_are_nested_queries() {
    let term = |text: &str, prefix| Clause::Term {
        field: Field::All,
        text: text.into(),
        prefix,
    };
    let alternative = |text| Query {
        must: vec![term(text, false)],
        ..Query::default()
    };
    let expected = Query {
        must: vec![term("x", false), term("y", true)],
        must_not: vec![],
        any_of: vec![vec![alternative("a"), alternative("b")]],
    };
    assert_eq!(Query::parse("x a OR b y"), Ok(expected));
}

#[test]
fn malformed_input_is_reported_with_the_place_and_a_way_out() {
    // (input, words the message must contain, the text the span covers)
    let table = [
        ("OR a", "OR needs a word on each side", "OR"),
        ("a OR OR b", "OR needs a word on each side", "OR"),
        ("(a OR) b", "OR needs a word on each side", "OR"),
        ("- a", "excludes nothing", "-"),
        ("--a", "one - or NOT is enough", "--"),
        ("AND a", "AND needs a word on each side", "AND"),
        ("a AND OR b", "AND needs a word on each side", "AND"),
        ("(a AND) b", "AND needs a word on each side", "AND"),
        ("a OR AND b", "OR needs a word on each side", "OR"),
        ("NOT -a", "one - or NOT is enough", "NOT -"),
        ("a NOT) b", "NOT needs a word after it", "NOT"),
        ("a -) b", "- needs a word", "-"),
        (
            "date: 2022",
            "date: needs a value right after the colon",
            "date:",
        ),
        ("title: x", "title: needs a value", "title:"),
        (
            "date:2022-13",
            "date:2022-13 is not a date: months go from 01 to 12",
            "2022-13",
        ),
        (
            "date:2022-02-30",
            "date:2022-02-30 is not a date: February 2022 has 28 days",
            "2022-02-30",
        ),
        (
            "date:2023..2022",
            "ends before it starts; put the earlier date first: date:2022..2023",
            "2023..2022",
        ),
        (
            "date:2022-01-10..2022-01-09",
            "ends before it starts",
            "2022-01-10..2022-01-09",
        ),
        (
            "date:22",
            "date:22 is not a date; use YYYY, YYYY-MM or YYYY-MM-DD",
            "22",
        ),
        ("date:2022-01-10-1", "use YYYY", "2022-01-10-1"),
        ("date:2022..2022-13", "months go from 01 to 12", "2022-13"),
        ("date:yesterday", "is not a date", "yesterday"),
        ("date:..", "needs a date on at least one side", ".."),
        (
            "date:\"2022\"",
            "date: takes a value without quotes",
            "date:\"2022\"",
        ),
        (
            "lang:\"fr\"",
            "lang: takes a value without quotes",
            "lang:\"fr\"",
        ),
        (
            "is:new",
            "is:new is not a filter; use is:unread, is:read, is:starred, is:labelled, is:noted or is:copy",
            "is:new",
        ),
        ("a)", "this ) closes nothing", ")"),
        ("x () y", "these parentheses are empty", "()"),
        ("\"\" a", "these quotes are empty", "\"\""),
        ("\"  \" a", "these quotes are empty", "\"  \""),
        ("-(a b) c", "not several words together", "-(a b)"),
        (
            "is:unread OR x",
            "is: filters cannot be one side of OR",
            "is:unread",
        ),
        (
            "x (y is:starred) OR z",
            "is: filters cannot be one side of OR",
            "is:starred",
        ),
        ("((((((((( a", "parentheses nest more than 8 deep", "("),
    ];
    for (input, message, covered) in table {
        let e = error(input);
        assert!(
            e.message.contains(message),
            "{input:?}: {:?} lacks {message:?}",
            e.message
        );
        assert_eq!(
            input.get(e.span.clone()),
            Some(covered),
            "span for {input:?}"
        );
    }
}

#[test]
fn too_many_words_are_refused_at_the_first_one_over() {
    let words: Vec<String> = (0..=MAX_PARTS).map(|i| format!("w{i}")).collect();
    let input = words.join(" ");
    let e = error(&input);
    assert!(e.message.contains("too long"), "{}", e.message);
    assert_eq!(input.get(e.span), Some(format!("w{MAX_PARTS}").as_str()));
    assert!(Query::parse(&words[..MAX_PARTS].join(" ")).is_ok());
    // Phrase words count too.
    let phrase = format!("\"{}\"", words.join(" "));
    assert!(error(&phrase).message.contains("too long"));
}

#[test]
fn hundred_kilobyte_queries_return_at_once() {
    let n = 100_000;
    let cases = [
        "a".repeat(n),
        "a ".repeat(n / 2),
        "(".repeat(n),
        ")".repeat(n),
        "-".repeat(n),
        "\"".repeat(n),
        format!("\"{}", "a ".repeat(n / 2)),
        "OR ".repeat(n / 3),
        "date:".repeat(n / 5),
        "é🙂".repeat(n / 6),
        "a OR ".repeat(n / 5),
        "-(".repeat(n / 2),
    ];
    for input in &cases {
        let started = Instant::now();
        let result = Query::parse(input);
        let elapsed = started.elapsed();
        assert!(
            elapsed < Duration::from_secs(1),
            "{elapsed:?} for {:?}…",
            &input[..10]
        );
        if let Err(e) = result {
            assert!(input.is_char_boundary(e.span.start) && input.is_char_boundary(e.span.end));
            assert!(
                e.message.len() < 300,
                "message echoes the input: {}",
                e.message
            );
        }
    }
    assert!(error(&"date:".repeat(n / 5)).message.contains('…'));
}

#[test]
fn highlights_are_the_positive_words_of_the_text_with_their_prefix_flag() {
    let query = Query::parse(
        "\"garanties de\" -sport source:sputnik lang:fr date:2022 is:unread \
         (poutine OR title:putin) erdo de erdo",
    )
    .unwrap_or_default();
    let words: Vec<Highlight> = query.highlights();
    let expected = [
        ("garanties", false),
        ("de", false),
        ("erdo", false),
        ("erdo", true),
        ("poutine", false),
        ("putin", false),
    ]
    .map(|(text, prefix)| Highlight {
        text: text.into(),
        prefix,
    });
    assert_eq!(words, expected);
    // A phrase still being typed marks every word its last word starts.
    let typing = Query::parse("\"opec minist").unwrap_or_default();
    let expected = [("opec", false), ("minist", true)].map(|(text, prefix)| Highlight {
        text: text.into(),
        prefix,
    });
    assert_eq!(typing.highlights(), expected);
}

#[test]
fn reading_state_flags_are_listed_with_whether_they_are_wanted() {
    let query = Query::parse("is:unread -is:starred x").unwrap_or_default();
    assert_eq!(
        query.flags(),
        [(Flag::Unread, true), (Flag::Starred, false)]
    );
}

/// Names are searched in their own fields: a word of an author or a tag is not marked in the
/// title or the text, and a missing name says how to write one.
#[test]
fn author_and_tag_terms_are_not_highlighted_and_need_a_value() {
    let query = Query::parse("author:berg tag:port bridge ").expect("parses");
    let texts: Vec<String> = query.highlights().into_iter().map(|h| h.text).collect();
    assert_eq!(texts, ["bridge"]);
    let message = error("author: bridge").message;
    assert!(message.contains("author:\"anna berg\""), "{message}");
}
