//! Phrases over article bodies, which the index holds without word positions: what a user
//! finds when words stand together, apart, excluded, in Chinese, behind many newer
//! look-alikes, and when a file is gone.

use std::fs;
use std::path::Path;
use std::time::Duration;

use folio::search::engine;
use folio::search::{Query, SearchError, SortBy};

mod support;

use support::archive::{article, assert_finds, found, open};

fn banks(dir: &Path) {
    article(
        dir,
        "rates",
        3,
        "Rates go up",
        "On Monday the central bank raised its rates again.",
    );
    article(
        dir,
        "square",
        2,
        "A new branch",
        "The bank opened in the central square of the town.",
    );
}

#[test]
fn words_apart_are_not_a_phrase() {
    let archive = open(banks);
    assert_finds(&archive, "\"central bank\"", &["rates"]);
    // Without quotes, both have the words.
    assert_finds(&archive, "central bank", &["rates", "square"]);
    assert_finds(&archive, "\"bank central\"", &[]);
}

#[test]
fn an_excluded_phrase_removes_only_where_it_stands() {
    let archive = open(banks);
    assert_finds(&archive, "bank -\"central bank\"", &["square"]);
}

#[test]
fn a_split_word_being_typed_ends_in_a_prefix() {
    let archive = open(|dir| {
        article(
            dir,
            "wave",
            2,
            "Hospitals",
            "A covid-19 wave reached the city.",
        );
        article(
            dir,
            "cases",
            3,
            "Hospitals",
            "Covid cases rose by 19 percent.",
        );
    });
    assert_finds(&archive, "covid-1", &["wave"]);
    assert_finds(&archive, "covid-19", &["wave"]);
    assert_eq!(found(&archive, "covid 19").1, 2);
}

#[test]
fn a_chinese_word_is_found_only_where_its_characters_stand_together() {
    let archive = open(|dir| {
        article(dir, "together", 2, "会议", "工程技术者在会议上发言。");
        article(dir, "apart", 3, "会议", "技术很好。艺术者也来了。");
    });
    assert_finds(&archive, "技术者", &["together"]);
    assert_eq!(found(&archive, "技术").1, 2, "one bigram needs no check");
}

#[test]
fn old_matches_behind_many_newer_candidates_are_found() {
    let archive = open(|dir| {
        for i in 0..300 {
            let body = format!("The market is open today, report {i}.");
            article(dir, &format!("newer{i:03}"), 9, "Stalls", &body);
        }
        for i in 0..3 {
            let body = format!("An open market for farmers, report {i}.");
            article(dir, &format!("older{i}"), 1, "Farmers", &body);
        }
    });
    let snapshot = archive.store.current();
    let query = Query::parse("\"open market\"").expect("a query");
    let first_page_within = |budget: Duration| {
        let prepared = engine::prepare(&snapshot, &query, None).with_first_page_budget(budget);
        let page = prepared
            .first_page(SortBy::Date, 10)
            .expect("the first page");
        (prepared, page)
    };
    let (_, first_round) = first_page_within(Duration::ZERO);
    assert!(
        first_round.is_empty(),
        "the 256 newest candidates hold no match, and there is no time for more"
    );
    let (prepared, page) = first_page_within(Duration::from_secs(60));
    assert_eq!(
        page.len(),
        3,
        "the three older articles, past 300 newer candidates"
    );
    let read_for_page = prepared.files_read();
    assert!(
        (3..=303).contains(&read_for_page),
        "{read_for_page} files read"
    );
    let tally = prepared.tally().expect("the tally");
    assert_eq!(tally.count, 3);
    assert_eq!(
        prepared.files_read(),
        read_for_page,
        "the tally reuses the page's checks"
    );
}

#[test]
fn a_file_gone_since_the_last_sync_no_longer_holds_the_phrase() {
    let archive = open(banks);
    fs::remove_file(archive.dir.path().join("rates.txt")).expect("the file is removed");
    assert_eq!(found(&archive, "\"central bank\"").1, 0);
    assert_eq!(
        found(&archive, "central bank").1,
        2,
        "until the next sync, the words are still in the index"
    );
}

#[test]
fn a_search_nobody_waits_for_stops_reading_files() {
    let archive = open(banks);
    let snapshot = archive.store.current();
    let query = Query::parse("\"central bank\"").expect("a query");
    let prepared = engine::prepare(&snapshot, &query, None);
    prepared.stop_when(|| true);
    assert!(matches!(prepared.tally(), Err(SearchError::Cancelled)));
    assert_eq!(prepared.files_read(), 0);
}

#[test]
fn the_count_reads_only_candidates_the_rest_of_the_query_lets_through() {
    let archive = open(banks);
    let snapshot = archive.store.current();
    let count_reading = |text: &str| {
        let query = Query::parse(text).expect("a query");
        let prepared = engine::prepare(&snapshot, &query, None);
        let count = prepared.tally().expect("the tally").count;
        (count, prepared.files_read())
    };
    // Both articles have "central" and "bank"; only the one about the square has "town".
    assert_eq!(count_reading("\"central bank\" town"), (0, 1));
    assert_eq!(
        count_reading("\"central bank\""),
        (1, 1),
        "one verdict was kept"
    );
}
