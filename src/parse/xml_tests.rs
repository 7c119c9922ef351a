use super::*;
use crate::article::Severity;
use crate::parse::fixtures::{assert_no_controls, bytes, day, fixture, ok, texts, whats};

fn read_fixture(name: &str) -> Result<Vec<Result<Article, Problem>>, Problem> {
    read(&fixture(name), &bytes(name))
}

#[test]
fn a_trafilatura_doc_gives_every_field() {
    let docs = read_fixture("trafilatura.xml").expect("the doc reads");
    assert_eq!(docs.len(), 1);
    let trains = ok(&docs, 0);
    assert_eq!(trains.title, "Night trains return to the Ostra valley");
    assert_eq!(trains.published, day(2024, 9, 21));
    assert_eq!(
        trains.url.as_deref(),
        Some("https://www.ostrian-herald.example/2024/09/night-trains")
    );
    assert_eq!(
        trains.id.as_str(),
        trains.url.as_deref().unwrap_or_default()
    );
    assert_eq!(trains.source, "Ostrian Herald");
    assert_eq!(trains.language, "en");
    assert_eq!(
        trains.lede,
        "A sleeper service links Port Vell and the mountains again."
    );
    assert_eq!(trains.meta.authors, ["Mira Halvard", "Jonas Brenner"]);
    assert_eq!(trains.meta.categories, ["Transport", "Travel"]);
    assert_eq!(trains.meta.tags, ["rail", "night train", "tourism"]);
    assert_eq!(
        trains.meta.image_url.as_deref(),
        Some("https://cdn.ostrian-herald.example/img/sleeper.jpg")
    );
    assert_eq!(
        texts(trains),
        [
            "For the first time in fifteen years, a sleeper train left Port Vell on Friday \
             evening for the mountain towns of the upper Ostra.",
            "# A route revived",
            "The service runs three nights a week & stops at six stations, including Kessel.",
            "• Departure 21:10 from Port Vell",
            "• Arrival 06:45 in Alta Ostra",
            "\"We sold out the first month in two days,\" said the operator.",
            "Tickets start at 39 euros.",
            "Bicycles travel free.",
            "Class | Fare",
            "Seat | 39",
        ],
        "the reader comments are not the article"
    );
    assert!(trains.problems.is_empty(), "{:?}", trains.problems);
}

#[test]
fn older_attribute_names_and_hostile_text() {
    let docs = read_fixture("hostile-trafilatura.xml").expect("the doc reads");
    let dam = ok(&docs, 0);
    assert_no_controls(dam);
    assert!(dam.title.starts_with("Dam inspection ␛"), "{}", dam.title);
    assert_eq!(
        dam.url.as_deref(),
        Some("https://wire.ostria.example/2024/10/dam"),
        "`source` is the URL in trafilatura before 1.0"
    );
    assert_eq!(dam.source, "wire.ostria.example");
    assert_eq!(dam.published, day(2024, 10, 2));
    assert!(texts(dam)[0].starts_with("Inspectors found no cracks ␛[31m"));
    assert_eq!(texts(dam)[1], "&unknown; entities stay as written.");
    assert!(
        whats(&dam.problems)
            .iter()
            .any(|w| w.contains("undeclared entities") && w.contains("&unknown;")),
        "{:?}",
        dam.problems
    );
}

#[test]
fn entity_bombs_and_external_entities_are_refused() {
    for name in ["bomb-trafilatura.xml", "xxe-trafilatura.xml"] {
        let problem = read_fixture(name)
            .err()
            .unwrap_or_else(|| panic!("{name} was read"));
        assert_eq!(problem.severity, Severity::Skipped);
        assert!(problem.what.contains("refuses"), "{name}: {}", problem.what);
    }
}

#[test]
fn a_cut_file_keeps_the_text_before_the_cut() {
    let docs = read_fixture("truncated-trafilatura.xml").expect("the start reads");
    let trains = ok(&docs, 0);
    assert_eq!(trains.title, "Night trains return to the Ostra valley");
    assert_eq!(texts(trains)[1], "# A route revived");
    assert!(
        whats(&trains.problems)
            .iter()
            .any(|w| w.contains("cut short")),
        "{:?}",
        trains.problems
    );
}

#[test]
fn several_docs_and_docs_that_are_no_article() {
    let text = br#"<doc title="First" date="2024-01-02"><main><p>One.</p></main></doc>
<doc date="2024-01-03"><main></main></doc>
<doc date="bad"><main><p>Untitled text here.</p></main></doc>"#;
    let docs = read(Path::new("many.xml"), text).expect("three docs");
    assert_eq!(docs.len(), 3);
    assert_eq!(ok(&docs, 0).title, "First");
    assert_eq!(ok(&docs, 0).published, day(2024, 1, 2));
    match &docs[1] {
        Err(p) => assert_eq!(p.what, "item 2 has neither a title nor any text"),
        Ok(a) => panic!("{a:?}"),
    }
    let untitled = ok(&docs, 2);
    assert_eq!(untitled.title, "Untitled text here.");
    let problems = whats(&untitled.problems);
    assert!(
        problems
            .iter()
            .any(|w| w.starts_with("item 3") && w.contains("\"bad\" is not a date")),
        "{problems:?}"
    );

    for (bytes, why) in [
        (&b"<TEI><text/></TEI>"[..], "TEI"),
        (b"<rss version=\"2.0\"/>", "not trafilatura"),
        (b"just text", "no XML element"),
    ] {
        let problem = read(Path::new("x.xml"), bytes).err().map(|p| p.what);
        assert!(
            problem.as_deref().is_some_and(|w| w.contains(why)),
            "{problem:?}"
        );
    }
}

#[test]
fn the_prolog_check_lets_plain_xml_and_json_through() {
    assert!(refuse_dtd(b"<?xml version=\"1.0\"?><rss/>").is_ok());
    assert!(refuse_dtd(b"{\"version\": \"https://jsonfeed.org/version/1.1\"}").is_ok());
    assert!(refuse_dtd(b"<!DOCTYPE html><html/>").is_ok());
    assert!(refuse_dtd(b"<!DOCTYPE x [<!ENTITY a \"b\">]><x/>").is_err());
    let json = b"\xef\xbb\xbf {\"items\": [{\"content_html\": \"<!DOCTYPE x [ ]>\"}]}";
    assert!(refuse_dtd(json).is_ok(), "a JSON Feed is not XML");
}
