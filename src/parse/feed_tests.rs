use super::*;
use crate::article::{ArticleId, Severity};
use crate::parse::fixtures::{assert_no_controls, bytes, day, fixture, ok, texts, whats};

fn read_fixture(name: &str) -> Result<Vec<Result<Article, Problem>>, Problem> {
    read(&fixture(name), &bytes(name))
}

fn items(name: &str) -> Vec<Result<Article, Problem>> {
    read_fixture(name).unwrap_or_else(|p| panic!("{name} is refused: {p}"))
}

#[test]
fn rss2_items_with_content_encoded() {
    let items = items("feed-rss2.xml");
    assert_eq!(items.len(), 5, "one result per item, in order");

    let barrier = ok(&items, 0);
    assert_eq!(
        barrier.title,
        "Flood barrier on the Ostra opens a year late"
    );
    assert_eq!(
        barrier.url.as_deref(),
        Some("https://www.ostrian-herald.example/2024/04/flood-barrier")
    );
    assert_eq!(
        barrier.id.as_str(),
        barrier.url.as_deref().unwrap_or_default()
    );
    assert_eq!(
        barrier.published,
        day(2024, 4, 9),
        "the day as written, not in UTC"
    );
    assert_eq!(barrier.source, "Ostrian Herald");
    assert_eq!(barrier.language, "en");
    assert_eq!(barrier.lede, "The barrier cost twice the first estimate.");
    assert_eq!(
        texts(barrier),
        [
            "The movable barrier at Kessel Bend closed for the first time on Tuesday, twelve \
             months after the date the river authority had promised.",
            "# What it protects",
            "• The old harbour",
            "• Four thousand homes in the lower town",
            "“We could not wait another winter,” said the mayor.",
            "Engineers will test it monthly.",
        ],
        "the heading repeating the title is dropped"
    );
    assert_eq!(barrier.meta.authors, ["Mira Halvard"]);
    assert_eq!(barrier.meta.categories, ["Environment", "Infrastructure"]);
    assert_eq!(
        barrier.meta.image_url.as_deref(),
        Some("https://cdn.ostrian-herald.example/img/barrier.jpg")
    );
    assert!(barrier.problems.is_empty(), "{:?}", barrier.problems);

    let ferry = ok(&items, 1);
    assert_eq!(
        ferry.url.as_deref(),
        Some("https://www.ostrian-herald.example/2024/04/ferry-summer"),
        "a permalink guid is the URL"
    );
    assert_eq!(ferry.published, None);
    assert_eq!(
        texts(ferry).len(),
        1,
        "the description is the text when there is no content"
    );
    assert!(ferry.lede.is_empty());
    let undated = whats(&ferry.problems);
    assert!(
        undated
            .iter()
            .any(|w| w.starts_with("item 2 (\"Ferry timetable")
                && w.contains("\"sometime in April\"")),
        "{undated:?}"
    );

    let notice = ok(&items, 2);
    assert_eq!(
        notice.title,
        "Short notice: the Kessel Bend footbridge is closed until Friday for repairs to its…",
        "the start of the text, cut at a word"
    );
    assert_eq!(notice.published, day(2024, 4, 10));
    assert_eq!(notice.url, None);
    assert_eq!(notice.id, ArticleId::of(None, &fixture("feed-rss2.xml")));
    assert!(
        whats(&notice.problems)
            .iter()
            .any(|w| w.ends_with("no title"))
    );

    match &items[3] {
        Err(p) => {
            assert_eq!(p.severity, Severity::Skipped);
            assert_eq!(p.what, "item 4 has neither a title nor any text");
        }
        Ok(a) => panic!("an empty item became {a:?}"),
    }

    let survey = ok(&items, 4);
    assert!(survey.paragraphs.is_empty());
    assert!(
        survey
            .problems
            .iter()
            .any(|p| p.what.ends_with("no body text") && p.action == "showing the title only"),
        "{:?}",
        survey.problems
    );
}

#[test]
fn rss1_rdf_items() {
    let items = items("feed-rss1.rdf");
    assert_eq!(items.len(), 1);
    let vote = ok(&items, 0);
    assert_eq!(vote.title, "Die Wahlbeteiligung in Ostria steigt deutlich");
    assert_eq!(vote.published, day(2024, 5, 12));
    assert_eq!(vote.source, "Ostrianer Tagblatt");
    assert_eq!(vote.language, "de");
    assert_eq!(vote.meta.authors, ["Jonas Brenner"]);
    assert!(texts(vote)[0].starts_with("Mehr als siebzig Prozent"));
    assert!(vote.problems.is_empty(), "{:?}", vote.problems);
}

#[test]
fn atom_html_content_and_updated_only() {
    let items = items("feed-atom.xml");
    assert_eq!(items.len(), 2);
    let rail = ok(&items, 0);
    assert_eq!(
        rail.title, "Rail link approved after ten-year debate",
        "HTML title flattened"
    );
    assert_eq!(rail.published, day(2024, 6, 2), "dated by <updated>");
    assert_eq!(rail.source, "Port Vell Courier");
    assert_eq!(
        rail.url.as_deref(),
        Some("https://courier.portvell.example/2024/06/rail-link")
    );
    assert_eq!(rail.meta.authors, ["Tomas Reyl", "Ines Okafor"]);
    assert_eq!(rail.meta.categories, ["Transport", "politics"]);
    assert_eq!(rail.lede, "Councillors voted 31 to 9 for the coastal line.");
    assert_eq!(
        texts(rail),
        [
            "The coastal rail link between Port Vell and Kessel will be built after councillors \
             voted 31 to 9 in favour on Sunday.",
            "# Cost and timetable",
            "The line is expected to cost 1.2 billion and open in 2031.",
        ],
        "no script, no comment"
    );
    let festival = ok(&items, 1);
    assert_eq!(
        texts(festival),
        ["Boats, music and a night market on the quay this weekend."]
    );
    assert_eq!(festival.meta.authors, ["Courier desk"], "the feed's author");
    assert_eq!(festival.published, day(2024, 6, 1));
    assert_eq!(festival.language, "en");
}

#[test]
fn json_feed_items() {
    let items = items("feed.json");
    assert_eq!(items.len(), 2);
    let bridge = ok(&items, 0);
    assert_eq!(bridge.title, "Le nouveau pont de Kessel ouvre aux piétons");
    assert_eq!(bridge.published, day(2024, 7, 13));
    assert_eq!(bridge.source, "Kessel Evening News");
    assert_eq!(bridge.language, "fr");
    assert_eq!(bridge.meta.authors, ["Claire Vasseur", "Paul Ndiaye"]);
    assert_eq!(bridge.meta.categories, ["Urbanisme", "Transports"]);
    assert_eq!(
        bridge.lede,
        "Le pont relie enfin les deux rives du quartier historique."
    );
    assert_eq!(texts(bridge)[1], "# Une ouverture attendue");
    assert_eq!(texts(bridge).len(), 3);
    assert_eq!(
        bridge.meta.image_url.as_deref(),
        Some("https://kessel-evening.example/img/pont.jpg")
    );

    let water = ok(&items, 1);
    assert!(water.title.starts_with("Coupure d'eau prévue mardi matin"));
    assert_eq!(
        water.published,
        day(2024, 7, 15),
        "Unix seconds in date_modified"
    );
    assert_eq!(texts(water).len(), 2, "content_text is split at its lines");
}

#[test]
fn hostile_html_and_escapes_never_reach_the_terminal() {
    let items = items("hostile-feed.rss");
    let storm = ok(&items, 0);
    assert_no_controls(storm);
    assert!(
        storm.title.contains('␛'),
        "escapes are shown, not hidden: {}",
        storm.title
    );
    assert!(storm.source.starts_with("Ostria Wire"));
    let body = texts(storm).join("\n");
    for gone in [
        "gotcha",
        "background",
        "hidden editor",
        "tracking",
        "steal",
        "javascript",
        "alert",
    ] {
        assert!(
            !body.contains(gone) && !storm.lede.contains(gone),
            "{gone} in {body}"
        );
    }
    assert!(body.contains("Winds of up to 120 km/h"));
    assert!(body.contains("Schools in the harbour district will close at noon."));
}

#[test]
fn entity_bombs_and_external_entities_are_refused() {
    for name in ["bomb-feed.rss", "xxe-feed.rss"] {
        let problem = read_fixture(name)
            .err()
            .unwrap_or_else(|| panic!("{name} was read"));
        assert_eq!(problem.severity, Severity::Skipped);
        assert!(problem.what.contains("refuses"), "{name}: {}", problem.what);
        assert_eq!(problem.path, fixture(name));
    }
}

#[test]
fn a_bare_external_doctype_is_not_a_reason_to_refuse() {
    let rss091 = br#"<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old Wire</title><link>https://old.example/</link>
<item><title>Harbour reopens</title><link>https://old.example/a</link><description>Ships are back.</description></item>
</channel></rss>"#;
    let items = read(Path::new("old.rss"), rss091).expect("RSS 0.91 reads");
    assert_eq!(ok(&items, 0).title, "Harbour reopens");
    assert_eq!(ok(&items, 0).source, "Old Wire");
}

#[test]
fn a_truncated_feed_keeps_its_complete_items_and_says_where_it_breaks() {
    let items = items("truncated-feed.rss");
    assert_eq!(items.len(), 2);
    let barrier = ok(&items, 0);
    assert_eq!(
        barrier.title,
        "Flood barrier on the Ostra opens a year late"
    );
    assert_eq!(texts(barrier).len(), 6);
    match &items[1] {
        Err(p) => {
            assert_eq!(p.severity, Severity::Skipped);
            assert!(
                p.what.starts_with("the feed breaks off after item 1 ("),
                "{}",
                p.what
            );
        }
        Ok(a) => panic!("{a:?}"),
    }
}

#[test]
fn a_bad_character_reference_loses_only_what_follows_it() {
    let feed = b"<rss version=\"2.0\"><channel><title>T</title>\
        <item><title>Kept</title><description>Fine.</description></item>\
        <item><title>Broken &#0; here</title></item>\
        <item><title>After</title></item></channel></rss>";
    let items = read(Path::new("bad.rss"), feed).expect("the first item reads");
    assert_eq!(items.len(), 2);
    assert_eq!(ok(&items, 0).title, "Kept");
    assert!(
        items[1]
            .as_ref()
            .is_err_and(|p| p.what.contains("breaks off after item 1"))
    );
}

#[test]
fn rss_authors_written_as_address_and_name() {
    let items = items("hostile-feed.rss");
    assert_eq!(ok(&items, 0).meta.authors, ["Wire desk␛[5m"]);
    assert_eq!(ok(&items, 0).meta.categories, ["Weather␛[0m"]);
}

#[test]
fn what_is_no_feed_is_refused_with_a_reason() {
    let not_a_feed = read(Path::new("a.xml"), b"<html><body>hi</body></html>");
    assert!(not_a_feed.is_err());
    let empty = read(
        Path::new("e.rss"),
        b"<rss version=\"2.0\"><channel><title>T</title></channel></rss>",
    );
    assert_eq!(
        empty.err().map(|p| p.what),
        Some("the feed holds no items".to_owned())
    );
    assert!(read(Path::new("b.json"), b"{\"version\": 3}").is_err());
    assert!(read(Path::new("c.rss"), &[0xff, 0xfe, 0x00, 0x3c]).is_err());
}
