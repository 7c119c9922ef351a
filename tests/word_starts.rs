//! The word being typed stands for every word it starts, however many: what the count, the
//! strip, the list and the first page show for one- and two-letter starts, inside a phrase
//! still being typed, and how relevance ranks a word above its longer completions.

use std::collections::{BTreeSet, HashSet};

use folio::catalog::Catalog;
use folio::generate::{GenerateOptions, generate};
use folio::search::engine;
use folio::search::prefix::WordStartQuery;
use folio::search::{Query, SortBy};
use tantivy::Term;
use tantivy::collector::Count;

mod support;

use support::archive::{Archive, article, found, found_by, open};

/// 60 articles, each with its own word starting with `pr` (beyond any cap of 50), in bodies
/// and in titles, and one article without any.
fn sixty_words_starting_with_pr() -> Archive {
    open(|dir| {
        for i in 0..60 {
            let word = format!("pr{}{i}", (b'a' + (i % 26) as u8) as char);
            let (title, body) = if i % 2 == 0 {
                (format!("Crude {word}"), "Nothing else.".to_string())
            } else {
                ("Markets".to_string(), format!("Crude {word} and oil."))
            };
            article(dir, &format!("a{i:02}"), (i % 9 + 1) as u32, &title, &body);
        }
        article(dir, "none", 9, "Markets", "Crude oil, nothing else.");
    })
}

#[test]
fn a_word_start_counts_every_article_with_a_word_it_starts() {
    let archive = sixty_words_starting_with_pr();
    assert_eq!(found(&archive, "pr").1, 60);
    assert_eq!(found(&archive, "p").1, 60);
    assert_eq!(found(&archive, "pra").1, 3, "pra0, pra26, pra52");
    assert_eq!(found(&archive, "crude pr").1, 60);
    assert_eq!(found(&archive, "crude pr ").1, 0, "the word pr, typed");
}

#[test]
fn counts_never_grow_as_the_word_grows() {
    let archive = sixty_words_starting_with_pr();
    let counts: Vec<usize> = ["c", "cr", "crude p", "crude pr", "crude pra", "crude pra2"]
        .iter()
        .map(|q| found(&archive, q).1)
        .collect();
    assert_eq!(counts, [61, 61, 60, 60, 3, 1]);
}

#[test]
fn a_field_limited_short_start_counts_that_fields_words() {
    let archive = sixty_words_starting_with_pr();
    assert_eq!(found(&archive, "title:pr").1, 30);
    assert_eq!(found(&archive, "title:p").1, 30);
    assert_eq!(found(&archive, "title:c").1, 30, "Crude");
    assert_eq!(found(&archive, "title:an").1, 0, "only bodies have `and`");
    assert_eq!(found(&archive, "an").1, 30, "the bodies with `and`");
}

#[test]
fn a_short_start_does_not_match_a_body_through_its_stop_words() {
    let archive = open(|dir| {
        let stops = "The minister said that the talks with the union would continue into \
                     next week, and that a deal was still possible before the end of the month.";
        article(dir, "talks", 1, "Talks", stops);
        let theory = format!("{stops} A theory was floated.");
        article(dir, "theory", 2, "Talks", &theory);
    });
    assert_eq!(found(&archive, "th").0, ["theory"]);
    assert_eq!(found(&archive, "talks th").0, ["theory"]);
}

/// Every one- and two-character start of every word in the index counts, in every set of
/// fields a query searches, what the walk of the term dictionary counts.
#[test]
fn short_starts_count_what_the_dictionary_walk_counts() {
    let options = GenerateOptions {
        count: 400,
        seed: 13,
        start_year: 2024,
        years: 1,
    };
    let archive = open(|dir| {
        generate(dir, &options, &mut |_| {}).expect("the archive is generated");
    });
    let snapshot = archive.store.current();
    let (searcher, f) = (snapshot.searcher(), snapshot.fields());
    let mut starts = BTreeSet::new();
    for reader in searcher.segment_readers() {
        for field in [f.title, f.lede, f.body, f.source] {
            let inverted = reader.inverted_index(field).expect("the field is indexed");
            let mut terms = inverted.terms().stream().expect("the dictionary reads");
            while terms.advance() {
                let word = String::from_utf8_lossy(terms.key()).into_owned();
                starts.extend((1..=2).map(|n| word.chars().take(n).collect::<String>()));
            }
        }
    }
    assert!(starts.len() > 1000, "{} starts", starts.len());
    let mut matched = 0;
    for start in &starts {
        // Each start is read once per query, from the postings.
        folio::search::prefix::forget_cached();
        for fields in [
            vec![f.title, f.lede, f.body, f.source],
            vec![f.title],
            vec![f.body],
            vec![f.source],
        ] {
            let walked = WordStartQuery::new(fields.clone(), start.clone());
            let read = walked.clone().with_starts(f);
            let count = |q: &WordStartQuery| searcher.search(q, &Count).expect("a count");
            assert_eq!(count(&read), count(&walked), "{start} in {fields:?}");
            matched += count(&read);
        }
    }
    assert!(matched > 100_000, "{matched}");
    let t = Term::from_field_text(f.body_starts, "t");
    assert!(
        searcher.doc_freq(&t).expect("a count") > 0,
        "starts are indexed"
    );
}

#[test]
fn a_phrase_being_typed_counts_every_word_its_last_word_starts() {
    let archive = sixty_words_starting_with_pr();
    // Titles (indexed with positions) and bodies (checked on the files) alike.
    assert_eq!(found(&archive, "\"crude pr").1, 60);
    assert_eq!(found(&archive, "title:\"crude pr").1, 30);
    assert_eq!(found(&archive, "\"crude oil").1, 1);
    assert_eq!(found(&archive, "\"crude o").1, 1);
}

#[test]
fn the_first_page_by_date_is_the_newest_matches() {
    let archive = sixty_words_starting_with_pr();
    let snapshot = archive.store.current();
    let query = Query::parse("pr").expect("a query");
    let prepared = engine::prepare(&snapshot, &query, None);
    let page = prepared.first_page(SortBy::Date, 10).expect("a page");
    let tally = prepared.tally().expect("a tally");
    assert_eq!(tally.count, 60);
    let days: u32 = tally.days.iter().map(|(_, n)| n).sum();
    assert_eq!(days, 60, "the strip plots every match");
    let all = engine::all_positions(&snapshot, &tally);
    let timeline = snapshot.timeline();
    let newest: Vec<i32> = all
        .iter()
        .take(10)
        .filter_map(|&i| timeline.get(i as usize).map(|e| e.sort_key))
        .collect();
    let mut on_page: Vec<i32> = page.iter().map(|e| e.sort_key).collect();
    on_page.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(on_page, newest);
    let matched: HashSet<u32> = all.iter().copied().collect();
    let located = engine::locate_all(timeline, &page);
    assert!(located.iter().all(|i| matched.contains(i)));
}

#[test]
fn an_exact_word_outranks_its_longer_completions() {
    let archive = open(|dir| {
        for i in 0..6 {
            let body = format!("The old pont over the river, report {i}.");
            article(dir, &format!("pont{i}"), 1, "River", &body);
        }
        let body = "A ponton, then another ponton, and a ponton again.";
        article(dir, "ponton", 9, "River", body);
    });
    let (names, count) = found_by(&archive, "pont", SortBy::Relevance);
    assert_eq!(count, 7);
    assert_eq!(
        names.last().map(String::as_str),
        Some("ponton"),
        "{names:?}"
    );
    let (names, _) = found_by(&archive, "river pont", SortBy::Relevance);
    assert_eq!(
        names.last().map(String::as_str),
        Some("ponton"),
        "{names:?}"
    );
    assert_eq!(found(&archive, "pont ").1, 6, "typed, the word alone");
}

#[test]
fn and_and_not_are_operators_not_english_words() {
    let archive = open(|dir| {
        article(
            dir,
            "paris",
            2,
            "Manifestation",
            "Les gilets jaunes ont défilé à Paris samedi.",
        );
        article(
            dir,
            "police",
            3,
            "Manifestation",
            "La police a encadré les gilets jaunes.",
        );
        article(
            dir,
            "london",
            4,
            "Protest",
            "Yellow vests and police in London.",
        );
    });
    assert_eq!(found(&archive, "gilets AND jaunes").1, 2);
    assert_eq!(found(&archive, "gilets && jaunes").1, 2);
    assert_eq!(found(&archive, "gilets jaunes NOT police").0, ["paris"]);
    assert_eq!(found(&archive, "jaunes OR vests NOT police").0, ["paris"]);
    assert_eq!(found(&archive, "vests \"and\"").0, ["london"]);
}
