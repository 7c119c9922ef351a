//! Files of many articles through `parse`: JSON Lines (plain, gzip, zstd) of cc_news rows and
//! trafilatura output, JSON arrays; every article at its position, a bad line named by its
//! line and the rest read, and the body text of an article read again by its position.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use folio::article::{Article, Paragraph, Place, Problem, Published, Severity};
use folio::parse::{article_body_text, parse_articles};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).expect("the fixture reads")
}

fn articles(path: &Path, bytes: &[u8]) -> Vec<(usize, Result<Article, Problem>)> {
    parse_articles(path, bytes).unwrap_or_else(|p| panic!("{p}"))
}

fn titles(read: &[(usize, Result<Article, Problem>)]) -> Vec<(usize, &str)> {
    read.iter()
        .filter_map(|(i, r)| r.as_ref().ok().map(|a| (*i, a.title.as_str())))
        .collect()
}

fn day(y: i32, m: u32, d: u32) -> Option<Published> {
    Some(Published::day(
        NaiveDate::from_ymd_opt(y, m, d).expect("a day"),
    ))
}

fn texts(article: &Article) -> Vec<&str> {
    article.paragraphs.iter().map(Paragraph::text).collect()
}

#[test]
fn a_cc_news_dump_gives_every_row_with_its_fields() {
    let path = fixture("cc_news.jsonl");
    let read = articles(&path, &bytes("cc_news.jsonl"));
    assert_eq!(read.len(), 4);
    let all: Vec<&Article> = read
        .iter()
        .map(|(_, r)| r.as_ref().expect("every row is an article"))
        .collect();
    let lanes = all[0];
    assert_eq!(
        lanes.title,
        "Valmont council approves new cycle lanes on the river road"
    );
    assert_eq!(lanes.published, day(2024, 3, 5), "a date with a time");
    assert_eq!(lanes.source, "valmont-courier.example", "from `domain`");
    assert_eq!(
        lanes.lede,
        "Two kilometres of protected lanes will run along the river road by September."
    );
    assert_eq!(texts(lanes).len(), 3);
    assert_eq!(lanes.language, "en", "detected from the text");
    assert_eq!(lanes.id.as_str(), lanes.url.as_deref().expect("a URL"));
    assert!(lanes.problems.is_empty(), "{:?}", lanes.problems);

    assert_eq!(all[1].published, day(2024, 3, 7));
    assert_eq!(all[2].published, day(2024, 3, 12), "Unix seconds");
    assert_eq!(all[2].language, "fr");
    let museum = all[3];
    assert_eq!(museum.published, day(2024, 3, 16), "RFC 2822, `published`");
    assert_eq!(museum.source, "Valmont Courier", "`source` as a name");
    assert_eq!(texts(museum).len(), 2, "`content` as the body");
}

#[test]
fn trafilatura_output_one_object_a_line() {
    let path = fixture("trafilatura.jsonl");
    let read = articles(&path, &bytes("trafilatura.jsonl"));
    assert_eq!(
        titles(&read),
        [
            (0, "Night trains to return between Valmont and Ostria"),
            (1, "Le port de Kessia agrandit son quai nord"),
        ]
    );
    let quai = read[1].1.as_ref().expect("the article");
    assert_eq!(quai.source, "L'Écho ostrien");
    assert_eq!(quai.published, day(2024, 2, 22));
    assert_eq!(quai.lede, "Deux navires de plus pourront accoster.");
}

#[test]
fn a_bad_line_is_named_by_its_line_and_the_rest_are_read() {
    let path = fixture("bad-lines.jsonl");
    let read = articles(&path, &bytes("bad-lines.jsonl"));
    assert_eq!(
        titles(&read),
        [
            (0, "Dockers in Valmont vote to end their strike"),
            (
                2,
                "Caf\u{fffd} owners on the old square ask for longer terraces"
            ),
            (6, "Ostria's new rail timetable starts on Sunday"),
        ],
        "the blank line (index 5) is no article"
    );
    let problem = |index: usize| -> Problem {
        let (_, result) = read.iter().find(|(i, _)| *i == index).expect("the line");
        match result {
            Err(p) => p.clone(),
            Ok(a) => a.problems.first().cloned().expect("a problem"),
        }
    };
    let cut = problem(1);
    assert_eq!(cut.severity, Severity::Skipped);
    assert!(cut.what.contains("cut short"), "{cut}");
    let line = |n| {
        Some(Place {
            position: n - 1,
            line: Some(n),
        })
    };
    assert_eq!(cut.at, line(2));
    assert!(
        cut.to_string()
            .starts_with(&format!("{}:2: the line is not valid JSON", path.display())),
        "{cut}"
    );
    let utf8 = problem(2);
    assert_eq!(
        utf8.severity,
        Severity::Repaired,
        "read, the bad bytes replaced"
    );
    assert!(utf8.what.contains("invalid UTF-8"), "{utf8}");
    assert_eq!(utf8.at, line(3));
    let list = problem(3);
    assert!(list.what.contains("a list"), "{list}");
    assert_eq!(list.at, line(4));
    let untitled = problem(4);
    assert!(untitled.what.contains("no title"), "{untitled}");
    assert!(
        untitled.to_string().contains("bad-lines.jsonl:5: "),
        "{untitled}"
    );
    assert_eq!(
        read.len(),
        6,
        "every line but the blank one is accounted for"
    );
}

/// The same rows compressed read as the plain file does, streamed through the decoder.
#[test]
fn gzip_and_zstd_dumps_read_as_the_plain_one() {
    let plain = bytes("cc_news.jsonl");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&plain).expect("compressed");
    let gz = gz.finish().expect("compressed");
    let zst = zstd::encode_all(&plain[..], 3).expect("compressed");
    let expected = titles(&articles(Path::new("cc_news.jsonl"), &plain))
        .into_iter()
        .map(|(i, t)| (i, t.to_string()))
        .collect::<Vec<_>>();
    for (name, bytes) in [("cc_news.jsonl.gz", gz), ("cc_news.ndjson.zst", zst)] {
        let read = articles(Path::new(name), &bytes);
        let got: Vec<(usize, String)> = titles(&read)
            .into_iter()
            .map(|(i, t)| (i, t.to_string()))
            .collect();
        assert_eq!(got, expected, "{name}");
        let text = article_body_text(Path::new(name), &bytes, 2).expect("the third row");
        assert!(text.starts_with("Le printemps froid"), "{name}: {text}");
    }
}

#[test]
fn a_cut_gzip_file_keeps_what_was_read_and_says_where_it_stopped() {
    let mut plain = Vec::new();
    for n in 0..200 {
        writeln!(
            plain,
            "{{\"title\": \"Market report {n}\", \"text\": \"Prices of fish were steady on day {n}.\", \"url\": \"https://market.example/{n}\"}}"
        )
        .expect("written");
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&plain).expect("compressed");
    let gz = gz.finish().expect("compressed");
    let cut = &gz[..gz.len() / 2];
    let read = articles(Path::new("market.jsonl.gz"), cut);
    let (last, result) = read.last().expect("something was read");
    let problem = result.as_ref().expect_err("the end is a problem");
    assert!(problem.what.contains("cannot be read"), "{problem}");
    assert_eq!(problem.at.and_then(|p| p.line), Some(*last as u64 + 1));
    assert!(read.len() > 10, "the rows before the cut are read");
}

#[test]
fn a_json_array_is_many_articles() {
    let path = fixture("array.json");
    let read = articles(&path, &bytes("array.json"));
    assert_eq!(
        titles(&read),
        [
            (0, "Valmont library extends its opening hours"),
            (1, "Kessia school builds a rooftop garden"),
        ]
    );
    let text = article_body_text(&path, &bytes("array.json"), 1).expect("the second");
    assert_eq!(
        text,
        "Pupils planted beans and tomatoes on the roof of the primary school.\n"
    );
}

/// The phrase checks read an article's body again by its position: the same paragraphs the
/// reader shows, from the line the article is on.
#[test]
fn the_body_text_of_an_article_is_read_by_its_position() {
    let path = fixture("bad-lines.jsonl");
    let bytes = bytes("bad-lines.jsonl");
    for (position, result) in articles(&path, &bytes) {
        let text = article_body_text(&path, &bytes, position);
        match result {
            Ok(article) => {
                let text = text.expect("the text");
                assert_eq!(text.lines().collect::<Vec<_>>(), texts(&article));
            }
            Err(_) => assert!(text.is_err(), "line {}", position + 1),
        }
    }
    assert!(
        article_body_text(&path, &bytes, 5).is_err(),
        "the blank line"
    );
    assert!(
        article_body_text(&path, &bytes, 40).is_err(),
        "past the end"
    );
}

#[test]
fn an_article_without_a_url_is_known_by_its_file_and_position() {
    let text =
        "{\"title\": \"First\", \"text\": \"One.\"}\n{\"title\": \"Second\", \"text\": \"Two.\"}\n";
    let path = Path::new("notes.jsonl");
    let read = articles(path, text.as_bytes());
    let ids: Vec<&str> = read
        .iter()
        .map(|(_, r)| r.as_ref().expect("an article").id.as_str())
        .collect();
    assert_eq!(ids, ["notes.jsonl", "notes.jsonl#1"]);
}

#[test]
fn an_empty_dump_is_reported_not_silently_empty() {
    let problem = parse_articles(Path::new("empty.jsonl"), b"\n\n").expect_err("no articles");
    assert_eq!(problem.severity, Severity::Skipped);
    assert!(problem.what.contains("no articles"), "{problem}");
}
