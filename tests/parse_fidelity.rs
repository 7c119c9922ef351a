//! The examples of issue 17, through `parse_article`: camel-case names kept whole, lists,
//! results and table rows that are not headings, Chinese paragraphs cut at datelines and
//! sentence ends, and the language of upper-case newswire.

use std::path::Path;

use folio::article::{Article, Paragraph};
use folio::parse::parse_article;

/// An article file with `body` as its body; no language in the URL, so the text decides.
fn article(title: &str, lede: &str, body: &str) -> Article {
    let file = format!(
        " date 2004-03 https://news.example/story.html\n\n{title}\n\n{lede} 02.03.2004, Wire\n\n{body}\n"
    );
    parse_article(Path::new("story.txt"), file.as_bytes()).expect("an article")
}

fn headings(a: &Article) -> Vec<&str> {
    a.paragraphs
        .iter()
        .filter(|p| matches!(p, Paragraph::Heading(_)))
        .map(Paragraph::text)
        .collect()
}

/// The paragraphs, put back together, are the body: nothing lost, nothing added.
fn assert_text_kept(a: &Article, body: &str) {
    let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let joined: String = a.paragraphs.iter().map(Paragraph::text).collect();
    assert_eq!(strip(&joined), strip(body));
}

#[test]
fn camel_case_names_are_not_cut_into_headings() {
    for (name, sentence) in [
        (
            "HealthSouth",
            "The former head of US medical services firm HealthSouth overstated earnings, a court heard.",
        ),
        (
            "WorldCom",
            "The former chief executive of telecoms group WorldCom has lost his appeal in New York.",
        ),
        (
            "DaimlerChrysler",
            "Shares in carmaker DaimlerChrysler fell sharply in Frankfurt after the results.",
        ),
        (
            "OutKast",
            "Atlanta hip-hop act OutKast have gone straight to number one in the album chart.",
        ),
        (
            "EastEnders",
            "BBC One soap EastEnders was named best continuing drama at the awards on Tuesday.",
        ),
        (
            "BankAmerica",
            "The deal follows the earlier rescue of BankAmerica by a group of investors.",
        ),
        (
            "SmithKline",
            "Drugs maker SmithKline is to close its research laboratory in the south.",
        ),
        (
            "CalFed",
            "Savings group CalFed said it was not interested in bidding for the branches.",
        ),
        (
            "RepublicBank",
            "Regulators have cleared the purchase of First RepublicBank by a California rival.",
        ),
    ] {
        let body = format!("{sentence}Analysts said the news had been expected for weeks.");
        let a = article("Business news", "The latest business news...", &body);
        assert!(headings(&a).is_empty(), "{name}: {:?}", a.paragraphs);
        assert!(
            a.paragraphs.iter().any(|p| p.text().contains(name)),
            "{name} cut: {:?}",
            a.paragraphs
        );
        assert_text_kept(&a, &body);
    }
}

#[test]
fn an_unknown_name_written_twice_is_a_name() {
    let body = "Shares in software group ZorbaTech rose after the results.\
                The chairman of ZorbaTech said the year had started well.";
    let a = article("Zorba results", "Software results...", body);
    assert!(headings(&a).is_empty(), "{:?}", a.paragraphs);
}

#[test]
fn run_in_headings_of_the_regional_press_are_kept() {
    let body = "Le chantier durera trois mois de plus.La réponse de la mairie de ValmontLa \
                municipalité promet une aide aux commerces.Le soutien de Port-JoinvilleJacques \
                Bernier a annoncé un financement pour Port-Joinville.";
    let a = article(
        "Travaux prolongés à Valmont",
        "Le chantier du carrefour...",
        body,
    );
    assert_eq!(
        headings(&a),
        [
            "La réponse de la mairie de Valmont",
            "Le soutien de Port-Joinville"
        ]
    );
    assert_text_kept(&a, body);
}

#[test]
fn lists_results_and_table_rows_are_not_headings() {
    let body = "The main measures are these:\n\
                Income tax thresholds frozen until 2028\n\
                Fuel duty cut by 5p a litre for another year\n\
                Free childcare extended to children aged two\n\
                Hartsfield 2 Dunmore 1\n\
                Hartsfield v Ashgate United\n\
                Shr 1.12 dlrs vs 98 cts\n\
                Net 45.6 mln vs 40.2 mlnThe company said sales rose.\n\
                - Closure of the harbour road\n\
                Linfield Town 0 Hartsfield 3Linfield had the better of the opening minutes.";
    let a = article("Budget and results", "The main points...", body);
    assert!(headings(&a).is_empty(), "{:?}", headings(&a));
    assert!(
        a.paragraphs
            .iter()
            .any(|p| p.text() == "Linfield Town 0 Hartsfield 3")
    );
    assert_text_kept(&a, body);
}

#[test]
fn a_sentence_cut_at_a_bracket_is_not_a_heading() {
    let body = "He met officials from the agency (United Nations)The talks went on all day.";
    let a = article("Talks", "Talks went on...", body);
    assert!(headings(&a).is_empty(), "{:?}", a.paragraphs);
}

#[test]
fn chinese_bodies_are_cut_at_datelines_and_sentence_ends() {
    let body = "新华社东港4月5日电（记者王立新）东港港务集团5日宣布，连接东港与瓦尔蒙港的直达集装箱航线正式开通。\
                首航船舶当天上午装载一千二百个标准箱驶离港口，预计二十六天后抵达瓦尔蒙。\
                据介绍，新航线每两周一个航次，初期投入两艘中型集装箱船，主要运输机械设备、电子产品和农产品。\
                与以往经第三国港口中转相比，运输时间缩短约十天，每个标准箱的物流成本可降低一成以上。\
                “这条航线对双方企业来说都是实实在在的好处。”东港港务集团董事长陈海燕在开航仪式上说。\
                新华社瓦尔蒙4月5日电 瓦尔蒙港当天也举行了仪式。";
    let a = article(
        "东港至瓦尔蒙直达航线开通",
        "东港港务集团5日宣布航线开通。",
        body,
    );
    assert_eq!(a.language, "zh");
    let texts: Vec<&str> = a.paragraphs.iter().map(Paragraph::text).collect();
    assert!(texts.len() >= 3, "{texts:?}");
    assert_eq!(
        texts.last(),
        Some(&"新华社瓦尔蒙4月5日电 瓦尔蒙港当天也举行了仪式。")
    );
    for t in &texts {
        assert!(t.chars().count() <= 300, "{t}");
        assert!(t.ends_with(['。', '”']), "cut inside a sentence: {t}");
    }
    assert_text_kept(&a, body);
}

#[test]
fn upper_case_newswire_is_english() {
    for (title, lede, body) in [
        (
            "DELTA MARINE CORP 4TH QTR LOSS",
            "DELTA MARINE CORP 4TH QTR LOSS...",
            "Shr loss 22 cts vs profit 14 cts\nNet loss 3,410,000 vs profit 2,150,000\nRevs 88.2 mln vs 91.6 mln",
        ),
        (
            "FIRST HARBOUR SAVINGS <FHS> SETS QUARTERLY DIVIDEND",
            "FIRST HARBOUR SAVINGS AND LOAN SAID ITS BOARD DECLARED A REGULAR DIVIDEND...",
            "Qtly div 15 cts vs 15 cts prior\nPay Dec 15\nRecord Nov 30\nReuter",
        ),
        (
            "TREASURY BALANCES AT FEDERAL RESERVE ROSE",
            "TREASURY BALANCES AT THE FEDERAL RESERVE ROSE ON OCTOBER 20, THE TREASURY SAID...",
            "Balances at commercial banks 14.10 billion dlrs vs 13.88 billion dlrs",
        ),
    ] {
        let a = article(title, lede, body);
        assert_eq!(a.language, "en", "{title}");
        assert!(headings(&a).is_empty(), "{title}: {:?}", headings(&a));
    }
}
