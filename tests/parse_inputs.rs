//! Input that is not a clean article: every case is handled, none is fatal, each is reported
//! with the file's path, what is wrong and what folio did.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use folio::article::{Article, Paragraph, Precision, Problem, Published, Severity};
use folio::parse::{MAX_FILE_BYTES, MAX_TITLE_CHARS, parse_article};

const HEADER: &str = " date 2022-01 https://fr.example-news.org/20220102/sommet-1.html";
const TITLE: &str = "Les ministres se retrouvent à Norvik";
const LEDE: &str =
    "Les ministres des Affaires étrangères se sont retrouvés... 02.01.2022, Norvik Herald";
const BODY: &str = "La réunion a commencé à midi.Les délégations ont discuté du port.Un accord est attenduLe texte sera publié lundi.";

fn article_bytes(header: &str, title: &str, lede: &str, body: &str) -> Vec<u8> {
    format!("{header}\n\n{title}\n\n{lede}\n\n{body}\n").into_bytes()
}

fn clean() -> Vec<u8> {
    article_bytes(HEADER, TITLE, LEDE, BODY)
}

fn parse(bytes: &[u8]) -> Result<Article, Problem> {
    parse_article(Path::new("archive/some file é.txt"), bytes)
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

enum Expect {
    /// Refused; the reason contains this.
    Skipped(&'static str),
    /// Read, with a repaired problem containing each of these.
    Repaired(&'static [&'static str]),
}

fn cases() -> Vec<(&'static str, Vec<u8>, Expect)> {
    use Expect::*;
    let with = |h: &str, t: &str, l: &str, b: &str| article_bytes(h, t, l, b);
    vec![
        ("clean", clean(), Repaired(&[])),
        ("empty", Vec::new(), Skipped("the file is empty")),
        (
            "blank",
            b" \n\t\n \r\n".to_vec(),
            Skipped("only blank space"),
        ),
        (
            "binary",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            Skipped("binary (a NUL byte at offset 8)"),
        ),
        (
            "mostly control bytes",
            [b"date ".as_slice(), &[1, 2, 3, 4, 5, 6, 7, 8, 0x0e, 0x0f]].concat(),
            Skipped("binary"),
        ),
        (
            "utf-16",
            [0xFF, 0xFE]
                .into_iter()
                .chain(
                    String::from_utf8_lossy(&clean())
                        .encode_utf16()
                        .flat_map(u16::to_le_bytes),
                )
                .collect(),
            Repaired(&["UTF-16LE text"]),
        ),
        (
            "header only",
            format!("{HEADER}\n\n").into_bytes(),
            Skipped("no title"),
        ),
        (
            "bom",
            [b"\xef\xbb\xbf".as_slice(), &clean()].concat(),
            Repaired(&["byte order mark"]),
        ),
        (
            "crlf",
            String::from_utf8_lossy(&clean())
                .replace('\n', "\r\n")
                .into_bytes(),
            Repaired(&["CRLF"]),
        ),
        (
            "lone cr",
            String::from_utf8_lossy(&clean())
                .replace('\n', "\r")
                .into_bytes(),
            Repaired(&["lone CR"]),
        ),
        (
            "tabs in header",
            with(
                "date\t2022-01 \t https://fr.example-news.org/20220102/x.html",
                TITLE,
                LEDE,
                BODY,
            ),
            Repaired(&["tabs or extra spaces"]),
        ),
        (
            "invalid utf-8",
            [
                b" date 2022-01 https://x.org/a\n\nCaf\xe9\n\n".as_slice(),
                LEDE.as_bytes(),
                b"\n\nTexte.\n",
            ]
            .concat(),
            Repaired(&["invalid UTF-8 at byte 34"]),
        ),
        (
            "no header",
            format!("{TITLE}\n\n{LEDE}\n\n{BODY}\n").into_bytes(),
            Repaired(&["no header line with the date and URL"]),
        ),
        (
            "no lede",
            format!("{HEADER}\n\n{TITLE}\n\n{BODY}\n").into_bytes(),
            Repaired(&["no lede"]),
        ),
        (
            "no body",
            format!("{HEADER}\n\n{TITLE}\n\n{LEDE}\n").into_bytes(),
            Repaired(&["no body"]),
        ),
        (
            "impossible month",
            with(" date 2022-13 https://x.org/a", TITLE, LEDE, BODY),
            Repaired(&["\"2022-13\" is not a real month"]),
        ),
        (
            "impossible day",
            with(
                " date 2022-02 https://x.org/a",
                TITLE,
                "Résumé. 31.02.2022, Norvik Herald",
                BODY,
            ),
            Repaired(&["31.02.2022 is not a real day"]),
        ),
        (
            "trailer contradicts header",
            with(
                " date 2022-01 https://x.org/a",
                TITLE,
                "Résumé. 02.03.2022, Norvik Herald",
                BODY,
            ),
            Repaired(&["02.03.2022 contradicts the header's month 2022-01"]),
        ),
        (
            "no date anywhere",
            with(" date https://x.org/a", TITLE, "Résumé sans date.", BODY),
            Repaired(&["the header has no date", "no usable date"]),
        ),
        (
            "huge title",
            with(HEADER, &"Titre interminable ".repeat(6000), LEDE, BODY),
            Repaired(&["the title is 111 KB long"]),
        ),
    ]
}

#[test]
fn every_input_is_handled_and_reported() {
    for (name, bytes, expect) in cases() {
        let got = parse(&bytes);
        match (expect, got) {
            (Expect::Skipped(why), Err(p)) => {
                assert_eq!(p.severity, Severity::Skipped, "{name}");
                assert!(p.what.contains(why), "{name}: {p}");
                assert_eq!(p.path, PathBuf::from("archive/some file é.txt"), "{name}");
            }
            (Expect::Repaired(whats), Ok(a)) => {
                assert!(!a.title.is_empty(), "{name}: no title");
                for what in whats {
                    assert!(
                        a.problems.iter().any(|p| p.what.contains(what)),
                        "{name}: no problem mentioning {what:?} in {:?}",
                        a.problems
                    );
                }
                if whats.is_empty() {
                    assert_eq!(a.problems, [], "{name}");
                }
                for p in &a.problems {
                    assert_eq!(p.severity, Severity::Repaired, "{name}");
                    assert!(
                        !p.action.is_empty(),
                        "{name}: {p} says nothing of what was done"
                    );
                }
            }
            (Expect::Skipped(why), Ok(a)) => panic!("{name}: expected skipped ({why}), read {a:?}"),
            (Expect::Repaired(_), Err(p)) => panic!("{name}: expected an article, got {p}"),
        }
    }
}

#[test]
fn line_endings_do_not_change_what_is_read() {
    let lf = parse(&clean()).expect("clean article");
    for ending in ["\r\n", "\r"] {
        let bytes = String::from_utf8_lossy(&clean()).replace('\n', ending);
        let a = parse(bytes.as_bytes()).expect("still an article");
        assert_eq!(
            (&a.title, &a.lede, &a.paragraphs),
            (&lf.title, &lf.lede, &lf.paragraphs)
        );
    }
}

#[test]
fn crlf_fixture_reads_fully() {
    let bytes = std::fs::read(fixture("crlf.txt")).expect("fixture");
    let a = parse(&bytes).expect("article");
    assert_eq!(a.title, "Dockers end the harbour strike after nine days");
    assert_eq!(a.source, "Norvik Herald");
    assert_eq!(a.published, Some(Published::day(ymd(2021, 11, 5))));
    assert_eq!(a.language, "en");
    assert_eq!(
        a.paragraphs,
        [
            Paragraph::Text("The agreement was signed shortly after midnight.".into()),
            Paragraph::Text(
                "Cranes were moving again by dawn, and the first ships left at noon.".into()
            ),
            Paragraph::Heading("What the deal says".into()),
            Paragraph::Text("Wages rise by four percent over two years.".into()),
        ]
    );
}

#[test]
fn latin1_fixture_is_decoded_as_windows_1252_and_flagged_with_the_offset() {
    let bytes = std::fs::read(fixture("latin1.txt")).expect("fixture");
    let a = parse(&bytes).expect("article");
    assert_eq!(a.title, "Le président de la région");
    assert_eq!(a.lede, "Un résumé.");
    assert_eq!(
        a.problems[0].message(),
        "the file is windows-1252 text, not UTF-8 (invalid UTF-8 at byte 56); \
         decoded it as windows-1252"
    );
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/parse")
        .join(name)
}

#[test]
fn date_precision_follows_the_evidence() {
    let day = parse(&clean()).expect("article");
    assert_eq!(day.published, Some(Published::day(ymd(2022, 1, 2))));

    // The URL alone gives the day when it agrees with the header.
    let url_only = article_bytes(HEADER, TITLE, "Résumé.", BODY);
    let a = parse(&url_only).expect("article");
    assert_eq!(a.published, Some(Published::day(ymd(2022, 1, 2))));

    // Neither trailer nor URL: the month only.
    let month = article_bytes(" date 2022-01 https://x.org/a", TITLE, "Résumé.", BODY);
    let a = parse(&month).expect("article");
    assert_eq!(a.published.map(|p| p.precision), Some(Precision::Month));
    assert_eq!(
        a.published.map(|p| p.to_string()).as_deref(),
        Some("2022-01")
    );

    // The header month wins over a contradicting trailer.
    let contra = article_bytes(
        " date 2022-01 https://x.org/a",
        TITLE,
        "R. 15.06.2022, X",
        BODY,
    );
    let a = parse(&contra).expect("article");
    assert_eq!(a.published, Published::month(2022, 1));

    // An impossible header month falls back to the trailer's day.
    let bad = article_bytes(" date 2022-13 https://x.org/a", TITLE, LEDE, BODY);
    let a = parse(&bad).expect("article");
    assert_eq!(a.published, Some(Published::day(ymd(2022, 1, 2))));
}

#[test]
fn source_id_and_language_fall_back_sensibly() {
    let a = parse(&clean()).expect("article");
    assert_eq!(a.source, "Norvik Herald");
    assert_eq!(a.language, "fr");
    assert_eq!(
        a.id.as_str(),
        "https://fr.example-news.org/20220102/sommet-1.html"
    );

    let no_trailer = article_bytes(HEADER, TITLE, "Un résumé sans signature.", BODY);
    assert_eq!(
        parse(&no_trailer).expect("article").source,
        "example-news.org"
    );

    let no_header = format!("{TITLE}\n\n{LEDE}\n\n{BODY}\n");
    let a = parse(no_header.as_bytes()).expect("article");
    assert_eq!(a.id.as_str(), "archive/some file é.txt");
    assert_eq!(a.url, None);
    assert_eq!(a.language, "fr", "detected from the text");
}

#[test]
fn missing_parts_leave_the_rest_intact() {
    let no_lede = format!("{HEADER}\n\n{TITLE}\n\n{BODY}\n");
    let a = parse(no_lede.as_bytes()).expect("article");
    assert_eq!(a.lede, "");
    assert_eq!(
        a.paragraphs.first().map(Paragraph::text),
        Some("La réunion a commencé à midi.")
    );

    let no_body = format!("{HEADER}\n\n{TITLE}\n\n{LEDE}\n");
    let a = parse(no_body.as_bytes()).expect("article");
    assert!(a.lede_truncated);
    assert_eq!(a.paragraphs, []);
}

#[test]
fn huge_title_is_cut() {
    let bytes = article_bytes(HEADER, &"Titre interminable ".repeat(6000), LEDE, BODY);
    let a = parse(&bytes).expect("article");
    assert!(a.title.chars().count() <= MAX_TITLE_CHARS + 1);
    assert!(a.title.ends_with("interminable…"), "{}", a.title);
}

#[test]
fn thirty_megabyte_body_on_one_line_parses_quickly() {
    let sentence = "Le port a rouvert vendredi après neuf jours de grève.Les grues tournent. ";
    let body = sentence.repeat(30 * 1024 * 1024 / sentence.len());
    let bytes = article_bytes(HEADER, TITLE, LEDE, &body);
    let start = Instant::now();
    let a = parse(&bytes).expect("article");
    // Generous: this runs unoptimised on a shared 2-core machine; release takes well under 1 s.
    assert!(start.elapsed().as_secs() < 60, "took {:?}", start.elapsed());
    assert!(a.paragraphs.len() > 400_000);
}

#[test]
fn files_over_the_cap_are_skipped_without_parsing() {
    let bytes = vec![b'a'; usize::try_from(MAX_FILE_BYTES).expect("fits") + 1];
    let p = parse(&bytes).expect_err("too large");
    assert!(p.what.contains("more than folio's limit of 64 MB"), "{p}");
}

#[test]
fn control_sequences_in_any_field_are_neutralised() {
    let bytes = article_bytes(
        " date 2022-01 https://x.org/a\u{1b}]8;;https://evil\u{7}",
        "Titre\u{1b}[2J\u{9b}31m",
        "Résumé\u{202E}txt. 02.01.2022, Source\u{1b}]0;pwned\u{7}",
        "Corps\u{8}du\u{7f}texte.\u{1b}P1;2|x\u{1b}\\Suite du texte.",
    );
    let a = parse(&bytes).expect("article");
    let mut strings: Vec<&str> = vec![&a.title, &a.lede, &a.source, a.id.as_str()];
    strings.extend(a.url.as_deref());
    strings.extend(a.paragraphs.iter().map(Paragraph::text));
    for s in strings {
        assert!(
            !s.chars().any(|c| c.is_control() || c == '\u{202E}'),
            "{s:?}"
        );
    }
    assert_eq!(a.title, "Titre␛[2J␛[31m");
}

#[test]
fn a_hostile_file_name_does_not_reach_the_id_raw() {
    let bytes = format!("{TITLE}\n\n{LEDE}\n\n{BODY}\n");
    let a = parse_article(Path::new("evil\u{1b}]0;x\u{7}.txt"), bytes.as_bytes()).expect("article");
    assert_eq!(a.id.as_str(), "evil␛]0;x␇.txt");
}
