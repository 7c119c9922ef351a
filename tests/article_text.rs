//! A phrase over article bodies is checked on the text the reader shows: both come out of
//! the parser, so a phrase is found exactly where the reader shows its words standing
//! together, whatever the file looked like (a heading glued to its paragraph, a name written
//! in one piece, a source name just before the body, a bad byte, a header missing or not
//! written as usual).

use std::fs;
use std::path::Path;

use folio::store::read_article;

mod support;

use support::archive::{Archive, assert_finds, open};

/// Writes `name.txt` as it is given, header and all.
fn file(dir: &Path, name: &str, text: &[u8]) {
    fs::write(dir.join(format!("{name}.txt")), text).expect("the article is written");
}

/// The body as the reader shows it, paragraphs apart.
fn reader_paragraphs(archive: &Archive, name: &str) -> Vec<String> {
    let path = archive.dir.path().join(format!("{name}.txt"));
    let article = read_article(&path).unwrap_or_else(|p| panic!("the reader opens it: {p}"));
    article
        .paragraphs
        .iter()
        .map(|p| p.text().to_owned())
        .collect()
}

#[test]
fn a_heading_glued_to_its_paragraph_is_apart_for_both() {
    let archive = open(|dir| {
        file(
            dir,
            "talks",
            b" date 2023-01-05 https://news.example/talks\n\nTalks in Geneva\n\n\
              Diplomats met again 05.01.2023, Example News\n\n\
              The talks resumed on Monday.The second round in a monthVladimir Putin \
              proposed new guarantees.\n",
        );
    });
    let paragraphs = reader_paragraphs(&archive, "talks");
    assert!(
        paragraphs
            .iter()
            .any(|p| p.starts_with("Vladimir Putin proposed")),
        "the reader splits the heading off: {paragraphs:?}"
    );
    assert_finds(&archive, "\"month vladimir\"", &["talks"]);
    assert_finds(&archive, "\"monday the second\"", &["talks"]);
}

#[test]
fn a_name_the_reader_keeps_whole_is_one_word_for_phrases() {
    let archive = open(|dir| {
        file(
            dir,
            "sites",
            b" date 2023-01-05 https://news.example/sites\n\nSites of the town\n\n\
              The council moved online 05.01.2023, Example News\n\n\
              The council's sites run on WordPress now. Word of it spread before the \
              press heard.\n",
        );
    });
    let paragraphs = reader_paragraphs(&archive, "sites");
    assert!(
        paragraphs.iter().any(|p| p.contains("on WordPress now")),
        "{paragraphs:?}"
    );
    assert_finds(&archive, "\"on wordpress now\"", &["sites"]);
    assert_finds(&archive, "\"word press\"", &[]);
}

#[test]
fn the_source_before_the_body_does_not_run_into_it() {
    let archive = open(|dir| {
        file(
            dir,
            "festival",
            b" date 2023-01-05 https://news.example/festival\n\nSummer nights\n\n\
              The town gets ready 05.01.2023, Courrier de Valmont\n\n\
              Festival crowds filled Valmont on Friday. The festival ends on Sunday.\n",
        );
    });
    assert_eq!(
        reader_paragraphs(&archive, "festival")
            .first()
            .map(String::as_str),
        Some("Festival crowds filled Valmont on Friday. The festival ends on Sunday.")
    );
    assert_finds(&archive, "\"filled valmont\"", &["festival"]);
    assert_finds(&archive, "\"valmont festival\"", &[]);
}

#[test]
fn a_bad_byte_reads_as_the_reader_shows_it() {
    let archive = open(|dir| {
        file(
            dir,
            "market",
            b" date 2023-01-05 https://news.example/market\n\nFarmers\n\n\
              A market day 05.01.2023, Example News\n\n\
              The open\xffmarket drew farmers from the valley.\n",
        );
    });
    assert_eq!(
        reader_paragraphs(&archive, "market"),
        ["The open\u{FFFD}market drew farmers from the valley."]
    );
    assert_finds(&archive, "\"open market\"", &["market"]);
    assert_finds(&archive, "\"drew farmers\"", &["market"]);
}

#[test]
fn a_file_without_a_header_reads_from_its_title() {
    let archive = open(|dir| {
        file(
            dir,
            "bank",
            b"Rates go up\n\nThe bank acts 05.01.2023, Example News\n\n\
              The central bank raised its rates again.\n",
        );
    });
    assert_eq!(
        reader_paragraphs(&archive, "bank"),
        ["The central bank raised its rates again."]
    );
    let (found, count) = support::archive::found(&archive, "\"central bank\"");
    assert_eq!(
        (found.len(), count),
        (0, 1),
        "no URL to name it by: {found:?}"
    );
}

#[test]
fn a_header_without_the_word_date_is_not_searched() {
    let archive = open(|dir| {
        file(
            dir,
            "ideas",
            b"2023-01-05 https://news.example/new-york-talks\n\nIdeas\n\n\
              A city of ideas 05.01.2023, Example News\n\n\
              New ideas came from York and from the coast.\n",
        );
    });
    assert_eq!(
        reader_paragraphs(&archive, "ideas"),
        ["New ideas came from York and from the coast."]
    );
    assert_finds(&archive, "\"new ideas\"", &["new-york-talks"]);
    assert_finds(&archive, "\"new york\"", &[]);
}
