//! The local index driven only through the `search::Backend` seam, as the search worker and
//! `folio search` drive it (and as a second engine would be): first page, tally with the
//! per-day histogram, what to mark, and the article's row and text.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use folio::catalog::Entry;
use folio::search::{Backend, Query, SortBy};

mod support;

use support::archive;

/// Days from CE of a day in January 2023, the unit of the histogram.
fn january(day: u32) -> i32 {
    NaiveDate::from_ymd_opt(2023, 1, day)
        .expect("a day of January")
        .num_days_from_ce()
}

fn backend(archive: &archive::Archive) -> Arc<dyn Backend> {
    archive.store.current()
}

fn entries(backend: &dyn Backend, positions: &[u32]) -> Vec<Entry> {
    positions
        .iter()
        .map(|&i| backend.timeline()[i as usize])
        .collect()
}

fn titles(backend: &dyn Backend, positions: &[u32]) -> Vec<String> {
    entries(backend, positions)
        .iter()
        .map(|e| backend.row(e).expect("a row").title)
        .collect()
}

fn kettles() -> archive::Archive {
    archive::open(|dir| {
        archive::article(dir, "a", 2, "Kessel am Markt", "Der Kessel kocht.");
        archive::article(dir, "b", 5, "Ein Kessel Buntes", "Noch ein Kessel, kessel.");
        archive::article(dir, "c", 5, "Kesselflicker", "Wer flickt den Kessel?");
        archive::article(dir, "d", 7, "Nichts davon", "Hier kocht niemand.");
    })
}

#[test]
fn the_first_page_and_the_tally_come_through_the_backend() {
    let archive = kettles();
    let backend = backend(&archive);
    let query = Query::parse("kessel").expect("the query parses");
    let answer = backend.ask(&query, None);

    let mut first = answer.first_page(SortBy::Date, 10).expect("a first page");
    // Ties on a day come in any order on the first page.
    first.sort_unstable();
    assert_eq!(
        titles(backend.as_ref(), &first),
        ["Ein Kessel Buntes", "Kesselflicker", "Kessel am Markt"]
    );

    let totals = answer.tally(SortBy::Date, usize::MAX).expect("a tally");
    assert_eq!(totals.count, 3);
    assert_eq!(totals.positions, first, "the full list in timeline order");
    assert_eq!(totals.days, [(january(2), 1), (january(5), 2)]);

    let limited = answer.tally(SortBy::Date, 1).expect("a tally");
    assert_eq!(limited.count, 3, "the count is of every match");
    assert_eq!(limited.positions, first[..1]);
}

#[test]
fn relevance_ranks_through_the_backend() {
    let archive = kettles();
    let backend = backend(&archive);
    let query = Query::parse("kessel").expect("the query parses");
    let answer = backend.ask(&query, None);
    let page = answer.first_page(SortBy::Relevance, 10).expect("a page");
    let full = answer.tally(SortBy::Relevance, 10).expect("a tally");
    assert_eq!(full.positions, page);
    assert_eq!(full.count, 3);
    assert_eq!(
        titles(backend.as_ref(), &page)[0],
        "Ein Kessel Buntes",
        "the article saying it three times ranks first"
    );
}

#[test]
fn the_backend_says_what_to_mark_and_gives_the_text() {
    let archive = kettles();
    let backend = backend(&archive);
    let query = Query::parse("flick").expect("the query parses");
    let positions = backend
        .ask(&query, None)
        .first_page(SortBy::Date, 10)
        .expect("a first page");
    let [entry] = entries(backend.as_ref(), &positions)[..] else {
        panic!("one article flicks: {positions:?}");
    };
    let article = backend.load(&entry).expect("the article loads");
    let body: String = article.paragraphs.iter().map(|p| p.text()).collect();
    assert_eq!(body, "Wer flickt den Kessel?");

    let marks = backend.highlights(&query);
    let spans = marks.spans(&body);
    let marked: Vec<&str> = spans.iter().map(|r| &body[r.clone()]).collect();
    assert_eq!(marked, ["flickt"], "the last word is a prefix");
    assert_eq!(backend.row(&entry).expect("a row").title, article.title);
}

#[test]
fn an_answer_stopped_by_a_newer_request_is_cancelled() {
    let archive = kettles();
    let backend = backend(&archive);
    // A phrase over bodies is checked on the files: the step a newer keystroke interrupts.
    let query = Query::parse("\"flickt den\"").expect("the query parses");
    let answer = backend.ask(&query, None);
    answer.stop_when(Box::new(|| true));
    assert!(matches!(
        answer.tally(SortBy::Date, usize::MAX),
        Err(folio::search::SearchError::Cancelled)
    ));
}
