//! An archive mixing seed files with news-please and trafilatura JSON: one timeline, one
//! search, phrases over JSON bodies, and `folio check` naming the formats it cannot read.
//! (JSON Lines in such an archive: `tests/jsonl_archive.rs`.)

mod support;

use support::archive::{Folder, assert_finds, index};
use support::cli::{archive, check, json_lines, stdout};
use support::formats::copy;

/// The three seed articles of the CLI's archive, a news-please file and a trafilatura file.
fn mixed() -> Folder {
    let folder = archive();
    copy(&folder, "news-please.json", "news-please/bridge.json");
    copy(&folder, "trafilatura.json", "trafilatura/pecheurs.json");
    folder
}

#[test]
fn list_shows_every_format_on_one_timeline() {
    let folder = mixed();
    let rows = json_lines(&stdout(&mut folder.folio(&["list", "--json", "--body"])));
    let titles: Vec<&str> = rows.iter().filter_map(|r| r["title"].as_str()).collect();
    assert_eq!(
        titles,
        [
            "Les pêcheurs de Kessia inquiets pour la saison d'hiver",
            "Harbour board backs second phase of Kessia bridge",
            "Lisbon port strike enters second week",
            "Talks resume in Vienna over grain corridor",
            "Sommet de Genève sur la sécurité alimentaire",
        ],
        "newest first, whatever the format"
    );
    let bridge = &rows[1];
    assert_eq!(bridge["date"], "2023-06-12");
    assert_eq!(bridge["precision"], "day");
    assert_eq!(bridge["source"], "valmont-courier.example");
    assert_eq!(bridge["language"], "en");
    let paragraphs = bridge["paragraphs"].as_array().expect("paragraphs");
    assert_eq!(paragraphs.len(), 3);
    assert!(
        paragraphs[2]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Ferry operators"))
    );
    assert_eq!(rows[0]["source"], "L'Écho ostrien");
}

#[test]
fn search_finds_words_and_phrases_in_json_bodies() {
    let folder = mixed();
    let count = |query: &str| {
        stdout(&mut folder.folio(&["search", "--count", query]))
            .trim()
            .to_owned()
    };
    assert_eq!(count("kessia"), "2", "a title in each JSON format");
    assert_eq!(count("pylons"), "1", "a word of a news-please body");
    assert_eq!(count("gazole"), "1", "a word of a trafilatura body");
    assert_eq!(count("grain"), "2", "the seed files still answer");

    let archive = index(mixed());
    assert_finds(&archive, "\"eastern pylons\"", &["bridge-phase-two.html"]);
    assert_finds(&archive, "\"pylons eastern\"", &[]);
    assert_finds(&archive, "\"criée de Valmont\"", &["pecheurs-kessia-hiver"]);
}

#[test]
fn check_names_the_formats_it_cannot_read() {
    let folder = mixed();
    copy(&folder, "dump.jsonl", "dump.jsonl");
    copy(&folder, "ostria.rss", "feeds/ostria.rss");
    folder.write(
        "exports/survey.xml",
        "<?xml version=\"1.0\"?>\n<survey><q>1</q></survey>\n",
    );
    let text = check(&folder, 1);
    let line = format!(
        "{}: the file is an XML document",
        folder.path("exports/survey.xml").display()
    );
    assert!(text.lines().any(|l| l.starts_with(&line)), "{line}\n{text}");
    assert!(!text.contains("header line"), "{text}");
    assert!(!text.contains("ostria.rss"), "the feed is read: {text}");
    assert!(
        text.contains("8 articles read; 1 file skipped"),
        "the two rows of dump.jsonl and the feed's item are read: {text}"
    );
}
