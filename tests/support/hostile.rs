//! Text a scraped page could use to attack a terminal, in every field of an article: parsed
//! from a file (sanitised where it is loaded) and raw (never sanitised), and in a config.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use folio::article::{Article, ArticleId, Meta, Paragraph, Problem, Published};
use folio::config::Config;

/// Every trick a scraped page could play on a terminal, by name.
pub fn payloads() -> Vec<(&'static str, String)> {
    vec![
        (
            "OSC 52 clipboard",
            "\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}".into(),
        ),
        (
            "OSC 8 link",
            "\u{1b}]8;;https://evil.example\u{1b}\\click\u{1b}]8;;\u{1b}\\".into(),
        ),
        ("OSC 0 title", "\u{1b}]0;owned\u{7}".into()),
        (
            "CSI",
            "\u{1b}[2J\u{1b}[31;1mred\u{1b}[0m\u{1b}[?1049l".into(),
        ),
        ("DCS", "\u{1b}P1$r0m\u{1b}\\".into()),
        (
            "SOS PM APC",
            "\u{1b}Xs\u{1b}\\\u{1b}^p\u{1b}\\\u{1b}_a\u{1b}\\".into(),
        ),
        ("unterminated OSC", "\u{1b}]0;never ends".into()),
        ("8-bit CSI and OSC", "\u{9b}2J\u{9d}0;t\u{9c}".into()),
        ("C0", "n\0b\u{7}s\u{8}d\u{7f}v\u{b}f\u{c}".into()),
        (
            "bidi",
            "evil\u{202E}txt.exe\u{2066}x\u{2069}\u{200F}".into(),
        ),
        ("zero width", "pa\u{200B}y\u{2060}pal\u{FEFF}\u{AD}".into()),
        ("combining", format!("Z{}", "\u{301}".repeat(5000))),
        ("CJK", "東京都の天気予報と週末のイベント情報".into()),
        ("emoji", "👩\u{200D}👩\u{200D}👧 🇫🇷🇯🇵 👍🏽 ❤\u{FE0F}".into()),
    ]
}

/// All payloads in one string, separated by words so they also land mid-line.
pub fn hostile(sep: &str) -> String {
    payloads()
        .into_iter()
        .map(|(_, p)| p)
        .collect::<Vec<_>>()
        .join(sep)
}

pub fn hostile_path() -> PathBuf {
    PathBuf::from("archive/\u{1b}]0;pwned\u{7}\u{202E}txt.exe\u{9b}2J\u{0}.txt")
}

/// An article file in the seed format with hostile text in every field.
pub fn parsed() -> Article {
    let text = format!(
        " date 2022-01 https://evil.example/20220105/a\u{1b}]52;c;eA==\u{7}\u{202E}b.html\n\n\
         Title {title}\n\n\
         Lede {lede}... 05.01.2022, Evil\u{1b}[5mSource\u{9d}0;x\u{7}\n\n\
         {body}\n",
        title = hostile(" "),
        lede = hostile(" word "),
        body = hostile(". Next sentence "),
    );
    // A NUL makes the whole file binary (skipped, with a problem): it is tested raw below.
    let text = text.replace('\0', "");
    folio::parse::parse_article(&hostile_path(), text.as_bytes())
        .unwrap_or_else(|p| panic!("the hostile file still parses: {p}"))
}

/// The same kind of text, never sanitised: the drawing layer alone must make it safe.
pub fn raw(n: usize) -> Article {
    Article {
        id: ArticleId(format!("raw-{n}")),
        path: hostile_path(),
        url: Some(format!("https://evil.example/{}", hostile(""))),
        // Payloads in both orders, so each one is somewhere a narrow pane still shows.
        title: if n.is_multiple_of(2) {
            format!("Raw {n} {}", hostile(" "))
        } else {
            let mut p: Vec<String> = payloads().into_iter().map(|(_, p)| p).collect();
            p.reverse();
            format!("Raw {n} {}", p.join(" "))
        },
        lede: hostile(" lede "),
        lede_truncated: false,
        source: format!("Src\u{1b}]0;x\u{7}\u{202E}{}", "\u{301}".repeat(300)),
        language: "\u{1b}[31m".into(),
        // Newer than the parsed article, so the reader opens a raw one first.
        published: NaiveDate::from_ymd_opt(2022, 1, 9).map(Published::day),
        paragraphs: vec![
            Paragraph::Heading(hostile(" ")),
            Paragraph::Text(hostile(" and ")),
            Paragraph::Text(format!("tab\there\r\nnew line\rcarriage {}", hostile("\n"))),
        ],
        meta: raw_meta(),
        problems: vec![Problem::repaired(
            hostile_path(),
            hostile(" "),
            "\u{1b}]52;c;eA==\u{7}",
        )],
    }
}

/// Authors, categories and tags as a scraper could copy them from a hostile page: every
/// payload as a name, and ten thousand tags. Never sanitised or bounded.
pub fn raw_meta() -> Meta {
    let names: Vec<String> = payloads().into_iter().map(|(_, p)| p).collect();
    Meta {
        authors: names.clone(),
        categories: names,
        tags: (0..10_000).map(|i| format!("tag{i}\u{1b}[2J")).collect(),
        image_url: Some(format!("https://evil.example/{}.jpg", hostile(" "))),
    }
}

/// A news-please JSON file with hostile authors, ten thousand tags and a hostile image URL,
/// newer than [`parsed`] so the reader opens it first.
pub fn parsed_json() -> Article {
    let names: Vec<String> = payloads().into_iter().map(|(_, p)| p).collect();
    let tags: Vec<String> = (0..10_000).map(|i| format!("tag{i}\u{9b}2J")).collect();
    let json = serde_json::json!({
        "title": format!("JSON {}", hostile(" ")),
        "maintext": hostile(". Next sentence "),
        "date_publish": "2022-01-07 10:00:00",
        "source_domain": "evil.example",
        "url": "https://evil.example/json",
        "authors": names,
        "categories": hostile(";"),
        "tags": tags,
        "image_url": format!("https://evil.example/{}.jpg", hostile("")),
    });
    let path = PathBuf::from("archive/\u{1b}]0;pwned\u{7}\u{202E}evil.json");
    folio::parse::parse_article(&path, json.to_string().as_bytes())
        .unwrap_or_else(|p| panic!("the hostile JSON still parses: {p}"))
}

pub fn parsed_catalog() -> Vec<Article> {
    vec![parsed(), parsed_json()]
}

pub fn raw_catalog() -> Vec<Article> {
    vec![raw(1), raw(2), parsed()]
}

/// A keymap from a user's config file whose labels and descriptions are hostile too.
pub fn hostile_config(dir: &Path) -> Config {
    let file = dir.join("config.toml");
    let toml = r#"
[[keys]]
keys = ["?", "\u202E"]
action = "help"
desc = "help \u001B]52;c;eA==\u0007 \u009B2J \u202Eevil \u0301\u0301\u0301"
context = "global"
"#;
    std::fs::write(&file, toml).expect("the temp dir is writable");
    Config::load(Some(&file)).unwrap_or_else(|e| panic!("the hostile config loads: {e}"))
}

/// Bidi controls and invisible format characters: they would reorder or hide text.
pub fn hides_or_reorders(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{061C}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{E0000}'..='\u{E007F}'
    )
}
