//! The fields news-please and trafilatura give beyond a seed file's (authors, categories,
//! tags, image): read, printed by `folio list --json` and `folio show`, searched with
//! `author:` and `tag:`, and shown in the reader's header. And files in a legacy encoding,
//! decoded as it rather than lost, with `folio check` naming the encoding it assumed.

mod support;

use std::path::Path;

use crossterm::event::KeyCode;
use folio::parse::parse_article;
use support::app::{code, open};
use support::archive::Folder;
use support::articles::catalog;
use support::cli::{archive, folio, json_lines, stdout};
use support::drive::send;
use support::formats::{copy, fixture_bytes as fixture};
use support::screen::render;

/// The CLI's three seed articles and four JSON articles: two of each tool.
fn mixed() -> Folder {
    let folder = archive();
    copy(&folder, "news-please.json", "np/bridge.json");
    copy(&folder, "news-please-authors.json", "np/bruecke.json");
    copy(&folder, "trafilatura.json", "traf/pecheurs.json");
    copy(&folder, "trafilatura-tags.json", "traf/huelga.json");
    folder
}

fn row<'a>(rows: &'a [serde_json::Value], title_start: &str) -> &'a serde_json::Value {
    rows.iter()
        .find(|r| {
            r["title"]
                .as_str()
                .is_some_and(|t| t.starts_with(title_start))
        })
        .unwrap_or_else(|| panic!("no row titled {title_start}…"))
}

fn strings(value: &serde_json::Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("{value} is not a list"))
        .iter()
        .filter_map(|v| v.as_str())
        .collect()
}

#[test]
fn list_json_has_authors_categories_tags_and_image() {
    let folder = mixed();
    // From the index's stored rows, and from the files with --body: the same fields.
    for args in [&["list", "--json"][..], &["list", "--json", "--body"]] {
        let rows = json_lines(&stdout(&mut folder.folio(args)));
        assert_eq!(rows.len(), 7, "{args:?}");

        let bruecke = row(&rows, "Erste Güterzüge");
        assert_eq!(strings(&bruecke["authors"]), ["Jonas Müller", "Anna Berg"]);
        assert_eq!(
            bruecke["image_url"],
            "https://www.ostria-zeitung.example/bilder/bruecke-kessia.jpg"
        );
        assert_eq!(bruecke["date"], "2024-02-19");

        let huelga = row(&rows, "La huelga");
        assert_eq!(strings(&huelga["authors"]), ["Lucía Ortega", "Pablo Ruiz"]);
        assert_eq!(strings(&huelga["categories"]), ["Economía", "Puertos"]);
        assert_eq!(
            strings(&huelga["tags"]),
            ["huelga", "estibadores", "Valmont"]
        );

        let pecheurs = row(&rows, "Les pêcheurs");
        assert_eq!(strings(&pecheurs["authors"]), ["Claire Duval"]);
        assert_eq!(strings(&pecheurs["categories"]), ["Économie", "Mer"]);
        assert_eq!(strings(&pecheurs["tags"]), ["pêche", "Kessia"]);

        // A seed article has the keys too, empty, so a script reads every row alike.
        let vienna = row(&rows, "Talks resume");
        assert_eq!(strings(&vienna["authors"]), Vec::<&str>::new());
        assert_eq!(strings(&vienna["tags"]), Vec::<&str>::new());
        assert!(vienna["image_url"].is_null());
        assert!(bruecke["problems"].as_array().is_some_and(Vec::is_empty));
    }
}

#[test]
fn author_and_tag_search_find_articles_by_name() {
    let folder = mixed();
    let found = |query: &str| -> Vec<String> {
        // Exit status 1 when nothing is found: the empty list is the answer then.
        let out = folder
            .folio(&["search", "--json", query])
            .output()
            .expect("ran");
        let rows = json_lines(&String::from_utf8(out.stdout).expect("UTF-8"));
        rows.iter()
            .filter_map(|r| r["title"].as_str())
            .map(|t| t.split(' ').take(2).collect::<Vec<_>>().join(" "))
            .collect()
    };
    let none: Vec<String> = Vec::new();
    assert_eq!(found("author:müller"), ["Erste Güterzüge"]);
    assert_eq!(found("author:MULLER"), ["Erste Güterzüge"], "folded");
    assert_eq!(found("author:\"anna berg\""), ["Erste Güterzüge"]);
    assert_eq!(found("author:\"berg anna\""), none, "in order");
    assert_eq!(found("author:\"müller anna\""), none, "within one name");
    assert_eq!(found("author:lucia"), ["La huelga"]);
    assert_eq!(found("author:duval"), ["Les pêcheurs"]);
    assert_eq!(found("author:kessia"), none, "not the body");
    assert_eq!(found("tag:economia"), ["La huelga"], "a category");
    assert_eq!(found("tag:estibadores"), ["La huelga"], "a tag");
    assert_eq!(found("tag:kessia"), ["Les pêcheurs"]);
    assert_eq!(found("kessia -tag:kessia author:berg"), ["Erste Güterzüge"]);
    assert_eq!(
        found("author:claire OR author:pablo"),
        ["La huelga", "Les pêcheurs"]
    );
}

#[test]
fn show_prints_the_byline_categories_tags_and_image() {
    let folder = mixed();
    let show = |id: &str| {
        let mut cmd = folio(folder.cache.path());
        cmd.args(["show", id, "--in"]).arg(folder.root());
        stdout(&mut cmd)
    };
    let text = show("https://diario-ostria.example/economia/2024/03/02/huelga-puerto");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.get(..6).unwrap_or_default(),
        [
            "La huelga del puerto de Valmont entra en su tercera semana",
            "Diario de Ostria · 2024-03-02 · es",
            "By Lucía Ortega, Pablo Ruiz",
            "Categories: Economía, Puertos · Tags: huelga, estibadores, Valmont",
            "https://diario-ostria.example/economia/2024/03/02/huelga-puerto",
            "Image: https://diario-ostria.example/fotos/huelga-puerto.jpg",
        ],
        "{text}"
    );
    // A seed article shows no empty lines for fields it does not have.
    let text = show("https://wire.example/20230314/vienna-talks.html");
    assert!(!text.contains("By ") && !text.contains("Tags:"), "{text}");
}

#[test]
fn latin1_and_windows_1252_files_are_decoded_and_check_says_so() {
    let folder = archive();
    let latin1 = folder.path("latin1.txt");
    std::fs::write(
        &latin1,
        b" date 2023-04 https://journal.example/20230411/region.html\n\n\
          Le pr\xe9sident de la r\xe9gion visite Valmont\n\n\
          Il a \xe9voqu\xe9 la s\xe9curit\xe9 du port... 11.04.2023, Journal Exemple\n\n\
          Les d\xe9l\xe9gu\xe9s ont \xe9t\xe9 re\xe7us \xe0 la mairie.\n",
    )
    .expect("written");
    let cp1252 = folder.path("cp1252.json");
    std::fs::write(
        &cp1252,
        b"{\"title\": \"\x84Wir bauen weiter\x93, sagt die B\xfcrgermeisterin\", \
          \"author\": \"J\xfcrgen Wei\xdf\", \"hostname\": \"zeitung.example\", \
          \"date\": \"2023-04-12\", \"text\": \"Die Stra\xdfe kostet 12 Millionen \x80.\"}",
    )
    .expect("written");
    let rows = json_lines(&stdout(&mut folder.folio(&["list", "--json", "--body"])));
    let region = row(&rows, "Le président");
    assert_eq!(region["title"], "Le président de la région visite Valmont");
    assert_eq!(region["lede"], "Il a évoqué la sécurité du port...");
    let weiter = row(&rows, "„Wir bauen");
    assert_eq!(strings(&weiter["authors"]), ["Jürgen Weiß"]);
    assert_eq!(
        weiter["paragraphs"][0]["text"],
        "Die Straße kostet 12 Millionen €."
    );

    let out = folder.folio(&["check"]).assert().get_output().clone();
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    for (path, at) in [(&latin1, 65), (&cp1252, 11)] {
        let line = format!(
            "{}: the file is windows-1252 text, not UTF-8 (invalid UTF-8 at byte {at}); \
             decoded it as windows-1252",
            path.display()
        );
        assert!(text.lines().any(|l| l == line), "{line}\n{text}");
    }
    assert!(!text.contains('\u{FFFD}'), "{text}");
    assert_eq!(
        stdout(&mut folder.folio(&["search", "--count", "author:jurgen"])).trim(),
        "1"
    );
    assert_eq!(
        stdout(&mut folder.folio(&["search", "--count", "délégués"])).trim(),
        "1"
    );
}

#[test]
fn the_reader_shows_authors_categories_and_tags_in_its_header() {
    let bytes = fixture("trafilatura-tags.json");
    let article = parse_article(Path::new("traf/huelga.json"), &bytes).expect("an article");
    let mut app = open(catalog(vec![article], Vec::new()), 80, 24);
    send(&mut app, code(KeyCode::Enter));
    insta::assert_snapshot!("reader_fields", render(&app, false));

    // Narrow: the names wrap like any header line, none is lost.
    let bytes = fixture("news-please-authors.json");
    let article = parse_article(Path::new("np/bruecke.json"), &bytes).expect("an article");
    let mut app = open(catalog(vec![article], Vec::new()), 40, 16);
    send(&mut app, code(KeyCode::Enter));
    insta::assert_snapshot!("reader_fields_narrow", render(&app, false));
}
