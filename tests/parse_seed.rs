//! The golden test: the bundled seed article, read as DESIGN.md says a careful parser reads it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use folio::article::{Paragraph, Precision};
use folio::parse::parse_article;

const SEED: &str = "seeds/000_e1ce88859cf142a7.txt";
const URL: &str = "https://fr.sputniknews.com/20220102/poutine-et-erdogan-discutent-des-propositions-russes-sur-les-garanties-de-securite-russie-otan-1054161238.html";

fn seed() -> folio::article::Article {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(SEED);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {SEED}: {e}"));
    parse_article(Path::new(SEED), &bytes).unwrap_or_else(|p| panic!("seed refused: {p}"))
}

#[test]
fn seed_metadata() {
    let a = seed();
    let published = a.published.expect("the seed has a date");
    assert_eq!(
        published.date,
        NaiveDate::from_ymd_opt(2022, 1, 2).expect("valid")
    );
    assert_eq!(published.precision, Precision::Day);
    assert_eq!(a.source, "Sputnik France");
    assert_eq!(a.language, "fr");
    assert_eq!(
        a.title,
        "Poutine et Erdogan discutent des propositions russes sur les garanties de sécurité Russie-Otan"
    );
    assert_eq!(a.url.as_deref(), Some(URL));
    assert_eq!(a.id.as_str(), URL);
    assert!(a.lede_truncated);
    assert!(
        a.lede
            .starts_with("Dans le contexte de tensions croissantes")
    );
    assert!(a.lede.ends_with("garanties de..."), "{}", a.lede);
    assert!(a.problems.is_empty(), "{:?}", a.problems);
}

#[test]
fn seed_body_is_unglued() {
    let a = seed();
    let headings: Vec<&str> = a
        .paragraphs
        .iter()
        .filter_map(|p| match p {
            Paragraph::Heading(h) => Some(h.as_str()),
            Paragraph::Text(_) => None,
        })
        .collect();
    assert_eq!(
        headings,
        [
            "Deuxième entretien des Présidents en un mois",
            "Propositions de Moscou à l’Otan"
        ]
    );
    let texts: Vec<&str> = a
        .paragraphs
        .iter()
        .filter(|p| matches!(p, Paragraph::Text(_)))
        .map(Paragraph::text)
        .collect();
    assert!(texts.len() >= 8, "only {} text paragraphs", texts.len());
    for glue in ["moisVladimir", "OtanVisant", "vœux.Deuxième", "Kremlin.Les"] {
        assert!(
            a.paragraphs.iter().all(|p| !p.text().contains(glue)),
            "{glue} survived"
        );
    }
}

#[test]
fn seed_paragraphs_snapshot() {
    let rendered: Vec<String> = seed()
        .paragraphs
        .iter()
        .map(|p| match p {
            Paragraph::Heading(h) => format!("## {h}"),
            Paragraph::Text(t) => t.clone(),
        })
        .collect();
    insta::assert_snapshot!(rendered.join("\n\n"));
}
