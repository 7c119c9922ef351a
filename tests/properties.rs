//! Properties of the parser and the sanitiser over generated input.

use std::path::Path;
use std::time::{Duration, Instant};

use folio::article::{Article, Paragraph};
use folio::parse::parse_article;
use folio::sanitize::{sanitize, sanitize_block, sanitize_url};
use proptest::prelude::*;

/// Text built from the pieces the parser reacts to, so generated input reaches the glue,
/// header, trailer and heading logic rather than dying as binary noise.
fn seedish() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        " date ",
        "2022-01",
        "2022-13",
        " https://fr.x.org/20220102/a.html",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "02.01.2022",
        "31.02.2022",
        ", Sputnik France",
        "...",
        "…",
        ".",
        "!",
        "?",
        "»",
        "«",
        "\"",
        "“",
        "”",
        "(",
        ")",
        "Les",
        "Vladimir",
        "mois",
        "iPhone",
        "YouTube",
        "U.S.",
        "St.",
        " ",
        "\t",
        "é",
        "Ж",
        "Ω",
        "北京。",
        "\u{1b}]0;x\u{7}",
        "\u{202E}",
        "\u{301}",
        "\u{FEFF}",
        "\u{9b}",
        "www.",
        "@",
        "3.5",
        "aB",
        "Ab",
    ]);
    prop::collection::vec(atoms, 0..200).prop_map(|v| v.concat())
}

/// Body text made of what the paragraph recovery cuts at: sentence ends, quotes, capitals
/// inside words, line breaks, Chinese sentence ends and datelines, list and table lines.
fn glued_prose() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "Les",
        "deux",
        "mois",
        "Vladimir",
        "HealthSouth",
        "WorldCom",
        "Otan",
        "the",
        "firm",
        ". ",
        ".",
        "!",
        "?",
        "»",
        "« ",
        "\"",
        "“",
        "„",
        "”",
        "(",
        ")",
        "\n",
        " ",
        "2",
        "v",
        "vs",
        "-",
        "3.5",
        "ZorbaTech",
        "Zorba",
        "北京举行会谈",
        "。",
        "！",
        "？",
        "”",
        "新华社东港4月5日电",
        "　　",
        "据介绍，",
        "湖畔の工場",
        "។",
        "U.S.",
        "St.",
    ]);
    prop::collection::vec(atoms, 0..300).prop_map(|v| v.concat())
}

fn strings(a: &Article) -> Vec<&str> {
    let mut s: Vec<&str> = vec![a.id.as_str(), &a.title, &a.lede, &a.source, &a.language];
    s.extend(a.url.as_deref());
    s.extend(a.paragraphs.iter().map(Paragraph::text));
    s
}

fn assert_article_is_clean(a: &Article) {
    for s in strings(a) {
        assert!(
            !s.chars().any(char::is_control),
            "control character in {s:?}"
        );
        assert_eq!(sanitize(s), s, "not sanitised: {s:?}");
    }
    for p in &a.paragraphs {
        assert!(
            !p.text().trim().is_empty(),
            "empty paragraph in {:?}",
            a.paragraphs
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(a) = parse_article(Path::new("fuzz.txt"), &bytes) {
            assert_article_is_clean(&a);
        }
    }

    #[test]
    fn parsing_seedlike_text_yields_clean_articles(text in seedish()) {
        match parse_article(Path::new("gen.txt"), text.as_bytes()) {
            Ok(a) => assert_article_is_clean(&a),
            Err(p) => prop_assert!(!p.what.is_empty()),
        }
    }

    #[test]
    fn paragraphs_put_back_together_are_the_body(body in glued_prose()) {
        let text = format!(" date 2022-01 https://x.org/a\n\nTitre\n\nRésumé. 02.01.2022, X\n\n{body}\n");
        let a = parse_article(Path::new("gen.txt"), text.as_bytes()).expect("an article");
        let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let joined: String = a.paragraphs.iter().map(Paragraph::text).collect();
        prop_assert_eq!(visible(&joined), visible(&body));
    }

    #[test]
    fn sanitising_is_idempotent_and_leaves_no_controls(s in any::<String>()) {
        for out in [sanitize(&s), sanitize_url(&s)] {
            prop_assert!(!out.chars().any(char::is_control), "{:?}", out);
        }
        let once = sanitize(&s);
        prop_assert_eq!(sanitize(&once), once.clone());
        let block = sanitize_block(&s);
        prop_assert!(!block.chars().any(|c| c.is_control() && c != '\n'));
        prop_assert_eq!(sanitize_block(&block), block.clone());
        let url = sanitize_url(&s);
        prop_assert_eq!(sanitize_url(&url), url.clone());
    }

    #[test]
    fn sanitising_seedlike_text_is_idempotent(s in seedish()) {
        let once = sanitize(&s);
        prop_assert_eq!(sanitize(&once), once.clone());
    }
}

/// Inputs built to trip anything quadratic: a split candidate at every few bytes, seams in
/// every word, endless quotes, marks, lines, all on one 4 MB line or in 4 MB of lines.
fn adversarial() -> Vec<(&'static str, String)> {
    const SIZE: usize = 4 * 1024 * 1024;
    let fill = |unit: &str| unit.repeat(SIZE / unit.len());
    vec![
        ("sentence glue", fill("ab cd.Ef ")),
        ("glue without spaces", fill("ab.Cd")),
        ("seams", fill("moisVladimir ")),
        ("camel words", fill("aBcDeF")),
        ("quotes", fill("\"a.\"B «c»D ")),
        ("ellipses", fill("x ...Y ")),
        ("capitals", fill("A")),
        ("marks", format!("a{}", "\u{301}".repeat(SIZE / 2))),
        ("lines", fill("Titre court\n")),
        ("cr", fill("x\r")),
        ("trailer-like", fill("02.01.2022, ")),
        ("controls", fill("\u{1b}[2J\u{202E}")),
    ]
}

#[test]
fn four_megabyte_adversarial_inputs_parse_in_bounded_time() {
    for (name, body) in adversarial() {
        let text =
            format!(" date 2022-01 https://x.org/a\n\nTitre\n\nRésumé. 02.01.2022, X\n\n{body}\n");
        let start = Instant::now();
        let parsed = parse_article(Path::new("big.txt"), text.as_bytes());
        let took = start.elapsed();
        // Unoptimised build on a shared machine: the bound only catches quadratic blow-ups,
        // which on 4 MB would take hours.
        assert!(took < Duration::from_secs(60), "{name}: {took:?}");
        if let Ok(a) = parsed {
            assert!(!a.title.is_empty(), "{name}");
        }
    }
}
