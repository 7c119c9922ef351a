//! `folio export` over small archives: every format read back by a reader that is not
//! folio's (the `csv` crate; Python's `rispy` and `citeproc-py` for RIS and CSL-JSON), the
//! columns chosen, samples drawn again, and errors in words.

use std::path::Path;
use std::process::Command;

mod support;
use support::archive::Folder;
use support::cli::{archive, json_lines, stdout};

/// The three articles of `support::cli::archive`, newest first: (title, date, url, source).
const ARTICLES: [(&str, &str, &str, &str); 3] = [
    (
        "Lisbon port strike enters second week",
        "2023-05-02",
        "https://tribune.example/20230502/lisbon-port.html",
        "Lisbon Tribune",
    ),
    (
        "Talks resume in Vienna over grain corridor",
        "2023-03-14",
        "https://wire.example/20230314/vienna-talks.html",
        "Example Wire",
    ),
    (
        "Sommet de Genève sur la sécurité alimentaire",
        "2022-11-20",
        "https://journal.example/20221120/geneve.html",
        "Journal Exemple",
    ),
];

/// Reads an export with an independent Python reader and prints what it found as JSON:
/// `rispy` for RIS, `bibtexparser` for BibTeX, `citeproc-py` (the CSL processor's own reader)
/// for CSL-JSON.
const PARSE_BACK: &str = r#"
import json, sys
kind, path = sys.argv[1], sys.argv[2]
found = []
if kind == "ris":
    import rispy
    with open(path, encoding="utf-8", newline="") as f:
        for e in rispy.load(f):
            found.append({"type": e.get("type_of_reference"), "title": e.get("title"),
                "date": e.get("date"), "url": (e.get("urls") or [None])[0],
                "container": e.get("secondary_title"), "language": e.get("language"),
                "keywords": e.get("keywords", []), "notes": e.get("notes", [])})
elif kind == "bibtex":
    import bibtexparser
    from bibtexparser.bparser import BibTexParser
    from bibtexparser.customization import convert_to_unicode
    parser = BibTexParser(common_strings=True)
    parser.customization = convert_to_unicode
    with open(path, encoding="utf-8") as f:
        for e in bibtexparser.loads(f.read(), parser=parser).entries:
            found.append({"type": e.get("ENTRYTYPE"), "title": e.get("title"),
                "date": e.get("date"), "url": e.get("url"), "container": e.get("journal"),
                "language": e.get("language"), "key": e.get("ID")})
else:
    from citeproc.source.json import CiteProcJSON
    # citeproc-py keeps text variables as its own string type.
    url = lambda u: None if u is None else str(u)
    with open(path, encoding="utf-8") as f:
        source = CiteProcJSON(json.load(f))
    for key, ref in source.items():
        issued = ref.get("issued")
        date = "%04d-%02d-%02d" % (issued["year"], issued["month"], issued["day"]) if issued else None
        found.append({"type": ref.get("type"), "title": str(ref.get("title")), "date": date,
            "url": url(ref.get("URL")), "container": str(ref.get("container_title")),
            "language": ref.get("language"), "key": key})
print(json.dumps(found))
"#;

/// The Python readers `.ci/run` installs; without them a test says so and stops, unless
/// `FOLIO_REQUIRE_READERS` is set (CI sets it), when their absence fails it.
fn readers_missing() -> bool {
    let present = Command::new("python3")
        .args(["-c", "import rispy, bibtexparser, citeproc"])
        .output()
        .is_ok_and(|o| o.status.success());
    let required =
        std::env::var_os("FOLIO_REQUIRE_READERS").is_some_and(|v| !v.is_empty() && v != "0");
    if !present && !required {
        eprintln!(
            "skipped: the independent readers are not installed \
             (python3 -m pip install rispy citeproc-py bibtexparser==1.4.3, as .ci/run does)"
        );
    }
    !present && !required
}

/// What the independent reader of `kind` finds in `path`; `None` when the readers are not
/// installed and not required (see [`readers_missing`]).
fn parse_back(kind: &str, path: &Path) -> Option<Vec<serde_json::Value>> {
    if readers_missing() {
        return None;
    }
    let output = Command::new("python3")
        .args(["-c", PARSE_BACK, kind])
        .arg(path)
        .output()
        .expect("python3 runs (the tests need it: see .ci/run)");
    assert!(
        output.status.success(),
        "the Python reader failed (pip install rispy citeproc-py bibtexparser==1.4.3):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(
        serde_json::from_slice::<Vec<serde_json::Value>>(&output.stdout).expect("JSON from Python"),
    )
}

#[test]
fn ris_reads_back_as_newspaper_articles_in_rispy() {
    let archive = archive();
    let out = archive.cache.path().join("out.ris");
    archive
        .folio(&["export", "", "-o", out.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicates::str::contains("wrote 3 articles to"));
    let Some(found) = parse_back("ris", &out) else {
        return;
    };
    assert_eq!(found.len(), 3, "{found:?}");
    for (record, (title, date, url, source)) in found.iter().zip(ARTICLES) {
        assert_eq!(record["type"], "NEWS");
        assert_eq!(record["title"], title);
        assert_eq!(record["date"], format!("{}/", date.replace('-', "/")));
        assert_eq!(record["url"], url);
        assert_eq!(record["container"], source);
    }
    assert_eq!(found[2]["language"], "fr");
}

#[test]
fn csl_json_reads_back_in_citeproc_py() {
    let archive = archive();
    let out = archive.cache.path().join("refs.json");
    archive
        .folio(&[
            "export",
            "",
            "--format",
            "csl-json",
            "-o",
            out.to_str().unwrap(),
        ])
        .assert()
        .success();
    let Some(found) = parse_back("csl", &out) else {
        return;
    };
    assert_eq!(found.len(), 3, "{found:?}");
    let mut keys = Vec::new();
    for (record, (title, date, url, source)) in found.iter().zip(ARTICLES) {
        assert_eq!(record["type"], "article-newspaper");
        assert_eq!(record["title"], title);
        assert_eq!(record["date"], date);
        assert_eq!(record["url"], url);
        assert_eq!(record["container"], source);
        keys.push(record["key"].as_str().unwrap_or_default().to_string());
    }
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 3, "every reference has its own id: {keys:?}");
}

#[test]
fn csv_reads_back_with_a_header_in_result_order() {
    let archive = archive();
    let text = stdout(&mut archive.folio(&["export", "", "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "id", "date", "source", "title", "url", "language", "lede", "labels", "notes"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    for (row, (title, date, url, source)) in rows.iter().zip(ARTICLES) {
        assert_eq!(&row[1], date);
        assert_eq!(&row[2], source);
        assert_eq!(&row[3], title);
        assert_eq!(&row[4], url);
    }
    assert!(text.ends_with("\r\n"), "RFC 4180 line ends");
}

#[test]
fn fields_choose_the_columns_and_body_adds_the_text() {
    let archive = archive();
    let text = stdout(&mut archive.folio(&[
        "export",
        "grain",
        "--format",
        "jsonl",
        "--fields",
        "title,date",
        "--body",
    ]));
    let lines = json_lines(&text);
    assert_eq!(lines.len(), 2, "{text}");
    let keys: Vec<&String> = lines[0].as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 3);
    assert!(
        text.starts_with("{\"title\":\"Lisbon port strike"),
        "{text}"
    );
    assert_eq!(lines[0]["date"], "2023-05-02");
    let body = lines[0]["body"].as_str().unwrap();
    assert!(
        body.contains("Ships are waiting offshore with grain."),
        "{body}"
    );

    let md = stdout(&mut archive.folio(&["export", "vienna", "--format", "md"]));
    assert_eq!(
        md,
        "| Date | Source | Title | Labels |\n| --- | --- | --- | --- |\n\
         | 2023-03-14 | Example Wire | [Talks resume in Vienna over grain corridor]\
         (<https://wire.example/20230314/vienna-talks.html>) |  |\n"
    );
}

#[test]
fn bibtex_reads_back_in_bibtexparser() {
    let archive = archive();
    let out = archive.cache.path().join("refs.bib");
    archive
        .folio(&["export", "", "-o", out.to_str().unwrap()])
        .assert()
        .success();
    let Some(found) = parse_back("bibtex", &out) else {
        return;
    };
    assert_eq!(found.len(), 3, "{found:?}");
    for (record, (title, date, url, source)) in found.iter().zip(ARTICLES) {
        assert_eq!(record["type"], "article");
        assert_eq!(record["title"], title);
        assert_eq!(record["date"], date);
        assert_eq!(record["url"], url);
        assert_eq!(record["container"], source);
    }
}

#[test]
fn bibtex_entries_have_stable_keys() {
    let archive = archive();
    let first = stdout(&mut archive.folio(&["export", "", "--format", "bibtex"]));
    let again = stdout(&mut archive.folio(&["export", "vienna", "--format", "bib"]));
    assert_eq!(first.matches("@article{").count(), 3, "{first}");
    let key_line = again.lines().next().unwrap();
    assert!(
        key_line.starts_with("@article{examplewire2023talks-"),
        "{again}"
    );
    assert!(first.contains(key_line), "the same key in either export");
    assert!(again.contains("  journal = {Example Wire},\n"), "{again}");
    assert!(again.contains("  date = {2023-03-14},\n"), "{again}");
}

#[test]
fn a_sample_with_the_same_seed_is_the_same_sample() {
    let archive = Folder::new();
    for n in 0..40 {
        archive.article(
            &format!("a{n:02}.txt"),
            1 + n % 28,
            &format!("Grain report {n}"),
        );
    }
    let cache = archive.cache.path().to_path_buf();
    let run = |seed: &str| {
        let mut cmd = support::cli::folio(&cache);
        cmd.args(["export", "grain", "--format", "jsonl", "--fields", "id"])
            .args(["--sample", "5", "--seed", seed])
            .arg(archive.root());
        let text = stdout(&mut cmd);
        json_lines(&text)
            .iter()
            .map(|v| v["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let first = run("42");
    assert_eq!(first.len(), 5);
    assert_eq!(run("42"), first);
    assert_ne!(run("43"), first);
    // A sample keeps the date order of the results.
    let all =
        stdout(&mut archive.folio(&["export", "grain", "--format", "jsonl", "--fields", "id"]));
    let order: Vec<String> = json_lines(&all)
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    let positions: Vec<usize> = first
        .iter()
        .map(|id| order.iter().position(|o| o == id).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[test]
fn hostile_titles_reach_no_file_as_formulas_or_escapes() {
    let archive = Folder::new();
    archive.article_at(
        "evil.txt",
        "https://evil.example/20220105/evil.html",
        5,
        "=HYPERLINK(\"http://x\",\"click\") \u{1b}]0;pwned\u{7} {50%}",
    );
    for format in ["csv", "jsonl", "markdown", "ris", "bibtex", "csl-json"] {
        let out = archive
            .folio(&["export", "", "--format", format])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{format}: {text:?}"
        );
        if format == "csv" {
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let row = reader.records().next().unwrap().unwrap();
            assert!(row[3].starts_with("'=HYPERLINK("), "{text}");
        }
    }
}

#[test]
fn mistakes_are_said_in_words() {
    let archive = archive();
    let cases: [(&[&str], &str); 5] = [
        (&["export", "x"], "which format?"),
        (
            &["export", "x", "-o", "out.txt"],
            "cannot tell the format from the name",
        ),
        (
            &["export", "x", "-f", "csv", "--fields", "date,colour"],
            "no field \"colour\"",
        ),
        (
            &["export", "x", "-f", "ris", "--body"],
            "ris always writes the fields",
        ),
        (
            &["export", "date:2022-13", "-f", "csv"],
            "cannot understand the query",
        ),
    ];
    for (args, said) in cases {
        archive
            .folio(args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(said));
    }
    let unwritable = archive.cache.path().join("no/such/folder/out.csv");
    archive
        .folio(&["export", "", "-o", unwritable.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("the folder does not exist"));
    // No result: the header alone, and the exit status says nothing was found.
    let none = archive
        .folio(&["export", "nothingmatches", "-f", "csv"])
        .assert()
        .code(1);
    let text = String::from_utf8(none.get_output().stdout.clone()).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
}

#[test]
fn labels_given_with_folio_label_are_exported() {
    let archive = archive();
    archive
        .folio(&["label", "+frame:economy", "+to-check", "vienna"])
        .assert()
        .success();
    let text = stdout(&mut archive.folio(&["export", "", "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let labels: Vec<&str> = rows.iter().map(|row| &row[7]).collect();
    assert_eq!(labels, ["", "frame:economy; to-check", ""], "{text}");
    let ris = stdout(&mut archive.folio(&["export", "vienna", "--format", "ris"]));
    assert!(
        ris.contains("KW  - frame:economy\r\n") || ris.contains("KW  - frame:economy\n"),
        "{ris}"
    );
}

#[test]
fn notes_are_exported_and_ris_n1_reads_back_in_rispy() {
    let archive = archive();
    let record = serde_json::json!({
        "id": "https://wire.example/20230314/vienna-talks.html",
        "notes": [
            {"quote": "Both sides agreed", "note": "who verifies?", "start": 60, "end": 77},
            {"quote": "Delegations arrived early.", "start": 0, "end": 26}
        ]
    });
    let file = archive.cache.path().join("notes.jsonl");
    std::fs::write(&file, format!("{record}\n")).unwrap();
    support::cli::folio(archive.cache.path())
        .args(["state", "import"])
        .arg(&file)
        .assert()
        .success();
    let text = stdout(&mut archive.folio(&["export", "vienna", "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(
        &rows[0][8], "“Delegations arrived early.”\n\n“Both sides agreed” — who verifies?",
        "{text}"
    );
    let out = archive.cache.path().join("notes.ris");
    archive
        .folio(&["export", "vienna", "-o", out.to_str().unwrap()])
        .assert()
        .success();
    let Some(found) = parse_back("ris", &out) else {
        return;
    };
    assert_eq!(
        found[0]["notes"],
        serde_json::json!([
            "“Delegations arrived early.”",
            "“Both sides agreed” — who verifies?"
        ]),
        "{found:?}"
    );
}
