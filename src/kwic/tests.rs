use super::*;
use crate::article::{Article, ArticleId, Paragraph};

fn article(title: &str, paragraphs: &[&str]) -> Article {
    Article {
        id: ArticleId("https://example.org/a".into()),
        path: "a.txt".into(),
        url: None,
        title: title.into(),
        lede: String::new(),
        lede_truncated: false,
        source: "Example".into(),
        language: "en".into(),
        published: None,
        paragraphs: paragraphs
            .iter()
            .map(|p| Paragraph::Text((*p).into()))
            .collect(),
        meta: Default::default(),
        problems: Vec::new(),
    }
}

fn lines_for(query: &str, article: &Article, window: usize) -> Vec<Line> {
    let query = Query::parse(query).expect("a query");
    lines(article, &matcher(&query), window)
}

fn shown(lines: &[Line]) -> Vec<String> {
    lines
        .iter()
        .map(|l| format!("{}[{}]{}", l.left, l.hit, l.right))
        .collect()
}

#[test]
fn every_hit_is_a_line_with_words_either_side() {
    let a = article(
        "Erdoğan meets Putin",
        &["On Monday, President Erdogan spoke with the Russian leader. Later ERDOGAN said more."],
    );
    let lines = lines_for("erdogan ", &a, 3);
    assert_eq!(
        shown(&lines),
        [
            "[Erdoğan] meets Putin",
            "On Monday, President [Erdogan] spoke with the…",
            "…Russian leader. Later [ERDOGAN] said more.",
        ]
    );
    assert_eq!(lines[0].part, Part::Title);
    assert_eq!(lines[1].part, Part::Paragraph(0));
    assert_eq!((lines[1].nth, lines[2].nth), (0, 1));
    assert_eq!(lines[1].offset, "On Monday, President ".chars().count());
}

#[test]
fn a_prefix_marks_each_word_it_starts() {
    let a = article("", &["Otan, l’Otan et les otages de l'OTAN."]);
    let lines = lines_for("ota", &a, 2);
    assert_eq!(
        shown(&lines),
        [
            "[Otan], l’Otan et…",
            "Otan, l’[Otan] et les…",
            "…et les [otages] de l'OTAN.",
            "…de l'[OTAN].",
        ]
    );
}

#[test]
fn a_phrase_is_one_hit_and_its_words_alone_are_none() {
    let a = article(
        "",
        &[
            "Les garanties de sécurité, puis des garanties, puis de la sécurité. Garanties   de\nSécurité encore.",
        ],
    );
    let lines = lines_for("\"garanties de securite\"", &a, 2);
    assert_eq!(
        shown(&lines),
        [
            "Les [garanties de sécurité], puis des…",
            "…la sécurité. [Garanties de Sécurité] encore.",
        ]
    );
}

#[test]
fn chinese_and_japanese_take_characters_as_words() {
    let a = article(
        "",
        &[
            "湖畔市の水原製鋼が製造した斜張ケーブルが、ケッセル海峡大橋を支えている。",
            "新款 iPhone 手机发布",
        ],
    );
    let lines = lines_for("海峡大橋", &a, 4);
    assert_eq!(shown(&lines), ["…、ケッセル[海峡大橋]を支えて…"]);
    let lines = lines_for("\"iphone 手机\"", &a, 1);
    assert_eq!(shown(&lines), ["…款 [iPhone 手机]发…"]);
    let lines = lines_for("\"製造した\"", &a, 3);
    assert_eq!(shown(&lines), ["…製鋼が[製造した]斜張ケ…"]);
}

#[test]
fn or_alternatives_and_function_words() {
    let a = article("", &["The bridge and the harbour: the pont."]);
    assert_eq!(
        shown(&lines_for("the harbour", &a, 1)),
        ["…the [harbour]: the…"],
        "a function word beside others is no hit"
    );
    assert_eq!(lines_for("the", &a, 1).len(), 3, "alone it is the hit");
    assert_eq!(
        shown(&lines_for("pont OR bridge", &a, 1)),
        ["The [bridge] and…", "…the [pont]."]
    );
    assert!(
        lines_for("-bridge harbour", &a, 1)
            .iter()
            .all(|l| l.hit == "harbour")
    );
}

#[test]
fn hostile_text_is_shown_not_obeyed() {
    let a = article(
        "",
        &["evil \u{1b}]52;c;aGk=\u{7}\u{1b}[2J word \u{202e}bridge\u{9b}31m and\tmore"],
    );
    let lines = lines_for("bridge", &a, 3);
    assert_eq!(lines.len(), 1);
    let line = &lines[0];
    for text in [&line.left, &line.hit, &line.right] {
        assert!(
            !text.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{text:?}"
        );
    }
    assert_eq!(line.hit, "bridge");
}

#[test]
fn windows_are_bounded_in_words_and_characters() {
    let long = "x".repeat(5000);
    let text = format!("{long} bridge {long}");
    let a = article("", &[&text]);
    let line = &lines_for("bridge", &a, 3)[0];
    assert!(line.left.chars().count() < 100, "{}", line.left.len());
    assert!(line.left.starts_with('…') && line.right.ends_with('…'));
    let a = article("", &["bridge"]);
    assert_eq!(shown(&lines_for("bridge", &a, 0)), ["[bridge]"]);
}

#[test]
fn sort_keys_fold_the_neighbouring_words() {
    let a = article(
        "",
        &["les garanties Juridiques, des garanties de sécurité, nos Garanties économiques"],
    );
    let lines = lines_for("garanties", &a, 2);
    let after: Vec<_> = lines.iter().map(|l| sort_key(l, Order::After)).collect();
    assert_eq!(after[0][0], "juridiques");
    assert_eq!(after[2][0], "economiques");
    let before: Vec<_> = lines.iter().map(|l| sort_key(l, Order::Before)).collect();
    assert_eq!(before[1][0], "des");
    assert_eq!(before[2][0], "nos");
    assert!(sort_key(&lines[0], Order::Date).is_empty());
    assert_eq!(Order::Date.next().next().next(), Order::Date);
}
