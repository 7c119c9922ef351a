//! The `folio` binary as scripts and people use it.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use predicates::prelude::*;

mod support;

use support::cli::{archive, folio, json_lines, stdout};

const SEED_TITLE: &str = "Poutine et Erdogan discutent des propositions russes sur les garanties de sécurité Russie-Otan";

#[test]
fn list_prints_the_timeline_newest_first() {
    let archive = archive();
    let out = stdout(&mut archive.folio(&["list"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("2023-05-02  Lisbon Tribune"), "{out}");
    assert!(lines[0].ends_with("Lisbon port strike enters second week"));
    assert!(lines[1].starts_with("2023-03-14  Example Wire"), "{out}");
    assert!(lines[2].starts_with("2022-11-20  Journal Exemple"), "{out}");
}

#[test]
fn list_json_has_the_documented_fields() {
    let archive = archive();
    let objects = json_lines(&stdout(&mut archive.folio(&["list", "--json"])));
    let first = &objects[0];
    assert_eq!(
        first["id"],
        "https://tribune.example/20230502/lisbon-port.html"
    );
    assert_eq!(first["url"], first["id"]);
    assert_eq!(first["title"], "Lisbon port strike enters second week");
    assert_eq!(first["source"], "Lisbon Tribune");
    assert_eq!(first["date"], "2023-05-02");
    assert_eq!(first["precision"], "day");
    assert!(first["lede"].as_str().unwrap().starts_with("Dockworkers"));
    assert!(first["language"].is_string());
    assert!(first["problems"].is_array());
    assert!(
        first["path"]
            .as_str()
            .unwrap()
            .ends_with("nested/lisbon.txt")
    );
    assert!(
        first.get("paragraphs").is_none(),
        "paragraphs only with --body"
    );

    let with_body = json_lines(&stdout(&mut archive.folio(&["list", "--json", "--body"])));
    let paragraphs = with_body[0]["paragraphs"].as_array().unwrap();
    assert!(!paragraphs.is_empty());
    assert_eq!(paragraphs[0]["kind"], "text");
    assert!(paragraphs[0]["text"].as_str().unwrap().contains("strike"));
}

#[test]
fn search_matches_every_word_ignoring_case_and_accents() {
    let archive = archive();
    let titles = |query: &str| -> Vec<String> {
        json_lines(&stdout(&mut archive.folio(&["search", query, "--json"])))
            .iter()
            .map(|o| o["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        titles("GRAIN"),
        [
            "Lisbon port strike enters second week",
            "Talks resume in Vienna over grain corridor"
        ]
    );
    assert_eq!(
        titles("grain vienna"),
        ["Talks resume in Vienna over grain corridor"]
    );
    assert_eq!(
        titles("securite GENEVE"),
        ["Sommet de Genève sur la sécurité alimentaire"]
    );
    // The last word is a prefix, as when typing.
    assert_eq!(
        titles("corri"),
        ["Talks resume in Vienna over grain corridor"]
    );
}

#[test]
fn search_count_limit_sort_and_no_match() {
    let archive = archive();
    archive
        .folio(&["search", "grain", "--count"])
        .assert()
        .success()
        .stdout("2\n");
    let limited = stdout(&mut archive.folio(&["search", "grain", "--limit", "1"]));
    assert_eq!(limited.lines().count(), 1);
    let relevant = stdout(&mut archive.folio(&["search", "grain", "--sort", "relevance"]));
    assert_eq!(relevant.lines().count(), 2);
    archive
        .folio(&["search", "zeppelin", "--count"])
        .assert()
        .code(1)
        .stdout("0\n");
    archive
        .folio(&["search", "zeppelin"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn show_a_file_wraps_to_80_columns_when_not_a_terminal() {
    let archive = archive();
    let body = "word ".repeat(100);
    archive.write_seed(
        "long.txt",
        "2023-06",
        "https://wire.example/20230601/long.html",
        "A long one",
        "Lede... 01.06.2023, Example Wire",
        &body,
    );
    let mut cmd = folio(archive.cache.path());
    cmd.arg("show").arg(archive.path("long.txt"));
    let out = stdout(&mut cmd);
    assert!(
        out.starts_with("A long one\nExample Wire · 2023-06-01"),
        "{out}"
    );
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    assert!(out.lines().filter(|l| l.starts_with("word")).count() >= 6);
}

#[test]
fn show_an_id_looks_it_up_in_the_archive() {
    let archive = archive();
    let mut cmd = folio(archive.cache.path());
    cmd.args([
        "show",
        "https://wire.example/20230314/vienna-talks.html",
        "--json",
        "--in",
    ])
    .arg(archive.dir.path());
    let objects = json_lines(&stdout(&mut cmd));
    assert_eq!(objects.len(), 1);
    assert_eq!(
        objects[0]["title"],
        "Talks resume in Vienna over grain corridor"
    );
    assert!(
        objects[0]["paragraphs"].is_array(),
        "show always has paragraphs"
    );

    let mut missing = folio(archive.cache.path());
    missing
        .args(["show", "https://nowhere.example/x", "--in"])
        .arg(archive.dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("neither a file nor the id"));
}

#[test]
fn check_lists_problems_and_fails_when_a_file_was_skipped() {
    let archive = archive();
    archive
        .folio(&["check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 articles read; 0 files skipped"));

    std::fs::write(archive.path("empty.txt"), "").unwrap();
    std::fs::write(archive.path("bad\x1b[31mname.txt"), "").unwrap();
    let out = archive
        .folio(&["check"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    let empty = archive.path("empty.txt");
    assert!(
        text.lines()
            .any(|l| l.starts_with(&format!("{}: ", empty.display())) && l.ends_with("skipped")),
        "{text}"
    );
    assert!(
        !text.contains('\x1b'),
        "control characters in file names are neutralised"
    );
    assert!(
        text.ends_with("3 articles read; 2 files skipped; 0 problems repaired\n"),
        "{text}"
    );
}

#[test]
fn a_missing_folder_is_a_sentence_and_exit_status_2() {
    let cache = tempfile::tempdir().unwrap();
    folio(cache.path())
        .args(["list", "/no/such/archive"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "cannot open /no/such/archive: there is no such folder",
        ));
}

#[test]
fn usage_errors_exit_2_and_help_documents_exit_codes() {
    let cache = tempfile::tempdir().unwrap();
    folio(cache.path()).args(["search"]).assert().code(2);
    folio(cache.path())
        .args(["--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit status:"));
}

#[test]
fn no_sync_answers_from_the_index_as_it_is() {
    let archive = archive();
    archive.folio(&["list"]).assert().success();
    archive.write_seed(
        "new.txt",
        "2024-01",
        "https://wire.example/20240101/new.html",
        "Brand new article",
        "New... 01.01.2024, Example Wire",
        "Body.",
    );
    let cached = stdout(&mut archive.folio(&["list", "--no-sync"]));
    assert!(!cached.contains("Brand new article"));
    let synced = stdout(&mut archive.folio(&["list"]));
    assert!(
        synced
            .lines()
            .next()
            .unwrap()
            .ends_with("Brand new article")
    );
}

#[test]
fn no_sync_without_an_index_says_so_and_exits_2() {
    let archive = archive();
    let says_no_index = || {
        predicate::str::contains("there is no index of")
            .and(predicate::str::contains("without --no-sync"))
    };
    for args in [
        &["search", "--no-sync", "grain"][..],
        &["search", "--no-sync", "--count", "grain"],
        &["list", "--no-sync"],
        &["check", "--no-sync"],
    ] {
        archive
            .folio(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(says_no_index());
    }
    folio(archive.cache.path())
        .args([
            "show",
            "--no-sync",
            "https://wire.example/20230314/vienna-talks.html",
        ])
        .arg("--in")
        .arg(archive.dir.path())
        .assert()
        .code(2)
        .stderr(says_no_index());
    archive.folio(&["list"]).assert().success();
    archive
        .folio(&["search", "--no-sync", "--count", "grain"])
        .assert()
        .success()
        .stdout("2\n");
}

#[test]
fn search_counts_every_word_a_start_begins_and_open_phrases() {
    let archive = archive();
    for i in 0..60 {
        archive.write_seed(
            &format!("p{i:02}.txt"),
            "2024-02",
            &format!("https://wire.example/2024020{}/p{i}.html", i % 9 + 1),
            &format!("Opec ministers meet, part {i}"),
            "Short... 01.02.2024, Example Wire",
            &format!("The word prix{i} stands here."),
        );
    }
    let count = |query: &str| stdout(&mut archive.folio(&["search", "--count", query]));
    assert_eq!(count("pr"), "61\n", "and Progress in Vienna");
    assert_eq!(count("prix1"), "11\n", "prix1 and prix10 to prix19");
    assert_eq!(count("\"opec minist"), "60\n");
    assert_eq!(count("opec AND prix7"), "1\n");
    assert_eq!(count("grain NOT lisbon"), "1\n");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let archive = archive();
    let body = "Filler sentence for a long body. ".repeat(200);
    for i in 0..40 {
        archive.write_seed(
            &format!("bulk{i}.txt"),
            "2021-01",
            &format!("https://wire.example/bulk/{i}.html"),
            &format!("Bulk article {i}"),
            "Bulk... 01.01.2021, Example Wire",
            &body,
        );
    }
    archive.folio(&["list"]).assert().success();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("folio"))
        .env("FOLIO_CACHE_DIR", archive.cache.path())
        .args(["list", "--body", "--no-sync"])
        .arg(archive.dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(!first.is_empty());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn without_a_path_the_bundled_seeds_are_used() {
    let cache = tempfile::tempdir().unwrap();
    folio(cache.path())
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains(SEED_TITLE));
    let count = stdout(folio(cache.path()).args(["search", "erdogan", "--count"]));
    assert!(count.trim().parse::<u64>().unwrap() >= 1, "{count}");
    folio(cache.path())
        .args(["search", "Erdoğan sécurité"])
        .assert()
        .success()
        .stdout(predicate::str::contains(SEED_TITLE));
}

#[test]
fn generate_writes_an_archive_that_lists() {
    let cache = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("demo");
    folio(cache.path())
        .arg("generate")
        .arg(&target)
        .args(["--count", "12", "--seed", "7"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("wrote 12 articles"));
    let listed = stdout(folio(cache.path()).arg("list").arg(&target));
    assert_eq!(listed.lines().count(), 12, "{listed}");
}
