//! Files in the formats other tools write: news-please and trafilatura JSON are read into
//! articles; feeds and SQLite are named as formats folio cannot read yet; hostile
//! JSON is refused or repaired with a reason, never a panic.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use folio::article::{Article, Paragraph, Precision, Problem, Published, Severity};
use folio::parse::{article_body_text, parse_article};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn read(name: &str) -> Result<Article, Problem> {
    let path = fixture(name);
    let bytes = std::fs::read(&path).expect("the fixture reads");
    parse_article(&path, &bytes)
}

fn day(y: i32, m: u32, d: u32) -> Option<Published> {
    Some(Published::day(
        NaiveDate::from_ymd_opt(y, m, d).expect("a day"),
    ))
}

fn texts(article: &Article) -> Vec<&str> {
    article.paragraphs.iter().map(Paragraph::text).collect()
}

fn whats(article: &Article) -> Vec<&str> {
    article.problems.iter().map(|p| p.what.as_str()).collect()
}

#[test]
fn a_news_please_file_gives_every_field() {
    let article = read("news-please.json").expect("the article");
    assert_eq!(
        article.title,
        "Harbour board backs second phase of Kessia bridge"
    );
    assert!(
        article
            .lede
            .starts_with("The harbour board of Valmont approved")
    );
    assert_eq!(
        article.published,
        day(2023, 6, 12),
        "date_publish, not the download"
    );
    assert_eq!(article.source, "valmont-courier.example");
    assert_eq!(article.language, "en");
    let url = "https://www.valmont-courier.example/city/2023/06/12/bridge-phase-two.html";
    assert_eq!(article.url.as_deref(), Some(url));
    assert_eq!(article.id.as_str(), url);
    // Paragraphs as the newlines give them; the blank line between two is not a paragraph.
    assert_eq!(texts(&article).len(), 3);
    assert!(texts(&article)[1].starts_with("Work on the eastern pylons"));
    assert!(article.problems.is_empty(), "{:?}", article.problems);
}

#[test]
fn a_trafilatura_file_gives_every_field() {
    let article = read("trafilatura.json").expect("the article");
    assert_eq!(
        article.title,
        "Les pêcheurs de Kessia inquiets pour la saison d'hiver"
    );
    assert_eq!(
        article.lede,
        "La coopérative des pêcheurs demande une aide de la région."
    );
    assert_eq!(article.published, day(2023, 11, 3));
    assert_eq!(
        article.source, "L'Écho ostrien",
        "the site's name over its host"
    );
    assert_eq!(article.language, "fr");
    assert_eq!(
        article.url.as_deref(),
        Some("https://lecho-ostrien.example/2023/11/03/pecheurs-kessia-hiver")
    );
    assert_eq!(texts(&article).len(), 3, "`text`, not `raw_text`");
    assert!(article.problems.is_empty(), "{:?}", article.problems);
}

/// A phrase check reads a body through `article_body_text`: for JSON it is the reader's
/// paragraphs, one a line, as for a seed file.
#[test]
fn the_searched_text_of_a_json_body_is_its_paragraphs() {
    for name in ["news-please.json", "trafilatura.json"] {
        let path = fixture(name);
        let bytes = std::fs::read(&path).expect("the fixture reads");
        let article = parse_article(&path, &bytes).expect("the article");
        let text = article_body_text(&path, &bytes, 0).expect("the text");
        assert_eq!(text.lines().collect::<Vec<_>>(), texts(&article), "{name}");
        assert!(
            article_body_text(&path, &bytes, 1).is_err(),
            "one article a file"
        );
    }
}

#[test]
fn a_feed_is_read_and_other_xml_and_databases_are_named() {
    let article = read("ostria.rss").expect("the feed's item");
    assert_eq!(
        article.title,
        "Budget talks stall in the Ostrian parliament"
    );
    assert_eq!(article.published, day(2024, 3, 5));
    let xml = parse_article(Path::new("survey.xml"), b"<?xml version=\"1.0\"?><survey/>");
    let problem = xml.expect_err("no feed");
    assert_eq!(problem.severity, Severity::Skipped);
    assert!(problem.what.contains("an XML document"), "{problem}");
    assert!(!problem.what.contains("header"), "{problem}");
    // Bytes alone are no database: SQLite opens the file by its path, here none.
    let db = parse_article(
        Path::new("no/such/cache.db"),
        b"SQLite format 3\0\x10\0\x01\x01",
    );
    let problem = db.expect_err("no database there");
    assert!(problem.what.contains("newsboat's cache"), "{problem}");
}

#[test]
fn a_json_lines_file_gives_its_first_article_to_parse_article() {
    let article = read("dump.jsonl").expect("the first row");
    assert_eq!(article.title, "Valmont tram line opens to the public");
    assert_eq!(article.published, day(2024, 2, 1));
}

fn parse_json(text: &str) -> Result<Article, Problem> {
    parse_article(Path::new("hostile.json"), text.as_bytes())
}

#[test]
fn dates_fall_back_and_say_so() {
    let modified = r#"{"title": "T", "maintext": "Body.", "date_publish": null,
        "date_modify": "2021-03-04T10:22:01+01:00", "date_download": "2021-03-09 10:00:00"}"#;
    let article = parse_json(modified).expect("the article");
    assert_eq!(article.published, day(2021, 3, 4));
    assert!(
        whats(&article).contains(&"no `date_publish`"),
        "{:?}",
        article.problems
    );

    let undated = r#"{"title": "T", "maintext": "Body.", "date_publish": "last Tuesday"}"#;
    let article = parse_json(undated).expect("the article, undated");
    assert_eq!(article.published, None);
    let problems = whats(&article).join(" | ");
    assert!(
        problems.contains("`date_publish` (\"last Tuesday\") is not a date"),
        "{problems}"
    );
    assert!(problems.contains("no usable date"), "{problems}");

    let month = r#"{"title": "T", "text": "Body.", "hostname": "x.example", "date": "2021-03"}"#;
    let article = parse_json(month).expect("the article");
    assert_eq!(
        article.published.map(|p| p.precision),
        Some(Precision::Month)
    );
}

#[test]
fn hostile_json_is_refused_or_repaired_with_the_field_named() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_in_object = format!(
        "{{\"title\": \"T\", \"maintext\": {}1{}}}",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let skipped: [(&str, String, &str); 7] = [
        (
            "truncated",
            r#"{"title": "T", "maintext": "Bo"#.into(),
            "not valid JSON",
        ),
        ("deep", deep, "not valid JSON"),
        ("deep in an object", deep_in_object, "not valid JSON"),
        (
            "not an object",
            "\"just text\"".into(),
            "is text, not an object",
        ),
        (
            "unknown keys",
            r#"{"title": "T", "body": "B"}"#.into(),
            "none of the keys",
        ),
        (
            "title a number",
            r#"{"title": 7, "maintext": "B"}"#.into(),
            "`title` is a number",
        ),
        (
            "no title",
            r#"{"maintext": "Body.", "url": "https://x.example/a"}"#.into(),
            "no title",
        ),
    ];
    for (case, text, why) in skipped {
        let problem = parse_json(&text).expect_err(case);
        assert!(problem.what.contains(why), "{case}: {problem}");
        assert_eq!(problem.path, Path::new("hostile.json"), "{case}");
    }

    let wrong_types = r#"{"title": "T\u001b[31m red\u202e", "maintext": ["a", "b"],
        "text": "Kept\u0007 text.", "url": 12, "source_domain": {"a": 1}, "language": "??"}"#;
    let article = parse_json(wrong_types).expect("read with repairs");
    let shown = format!("{}{}", article.title, texts(&article).concat());
    assert!(
        !shown.contains(['\x1b', '\x07', '\u{202e}']),
        "no escape, bell or bidi control survives: {shown:?}"
    );
    assert!(
        texts(&article)[0].starts_with("Kept"),
        "`text` when `maintext` is no text"
    );
    assert_eq!(article.url, None);
    let problems = whats(&article).join(" | ");
    for field in [
        "`maintext` is a list",
        "`url` is a number",
        "`source_domain` is an object",
    ] {
        assert!(problems.contains(field), "{field}: {problems}");
    }
    assert!(
        problems.contains("`language` (\"??\") is not a language code"),
        "{problems}"
    );
}

#[test]
fn a_huge_json_article_is_read_in_time() {
    let paragraph = "The committee met again and the minutes ran long. ".repeat(40);
    let body = vec![paragraph; 4000].join("\\n");
    let text =
        format!(r#"{{"title": "Long", "maintext": "{body}", "date_publish": "2022-01-02"}}"#);
    let start = std::time::Instant::now();
    let article = parse_json(&text).expect("the article");
    assert_eq!(article.paragraphs.len(), 4000);
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
}

/// Windows tools write UTF-16 with a byte order mark: decoded, and the encoding reported.
#[test]
fn a_utf16_json_file_is_decoded_and_says_so() {
    let path = fixture("news-please.json");
    let text = std::fs::read_to_string(&path).expect("the fixture reads");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let article = parse_article(&path, &utf16).expect("the article");
    let plain = read("news-please.json").expect("the article");
    assert_eq!(article.title, plain.title);
    assert_eq!(article.paragraphs, plain.paragraphs);
    assert_eq!(article.published, plain.published);
    let problem = &article.problems[0];
    assert_eq!(
        problem.message(),
        "the file is UTF-16LE text, not UTF-8; decoded it as UTF-16LE"
    );
}
