//! `folio searches` (every saved search with its counts, `delete`), saved searches in
//! `folio state export/import`, and labels in `folio search/list --json`.

use std::path::{Path, PathBuf};

use folio::article::ArticleId;
use folio::state::{ReadingState, StateChange, default_path};

mod support;

use support::cli::{archive, json_lines, stdout};

const GRAIN: &str = "[[search]]\nname = \"grain\"\nquery = \"grain\"\n\n\
                     [[search]]\nname = \"may-grain\"\nquery = \"@grain date:2023-05\"\n";

const LISBON: &str = "https://tribune.example/20230502/lisbon-port.html";

/// Applies `changes` to the reading state in `data`.
fn state(data: &Path, changes: &[StateChange]) {
    let path = default_path(data);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("created");
    let mut state = ReadingState::open(&path).expect("opens");
    for change in changes {
        state.apply(change).expect("saved");
    }
}

fn saved(name: &str, query: &str) -> StateChange {
    StateChange::SavedSearch {
        name: name.into(),
        query: query.into(),
    }
}

fn config(dir: &Path) -> PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(&path, GRAIN).expect("the config is written");
    path
}

#[test]
fn folio_searches_lists_every_saved_search_with_its_counts() {
    let archive = archive();
    let data = archive.cache.path().join("data");
    state(
        &data,
        &[
            saved("sommet", "sommet"),
            StateChange::Read {
                id: ArticleId(LISBON.into()),
                read: true,
            },
        ],
    );
    let config = config(archive.cache.path());
    let mut cmd = archive.folio(&["searches", "--json"]);
    cmd.env("FOLIO_CONFIG", &config);
    let lines = json_lines(&stdout(&mut cmd));
    let got: Vec<(String, String, u64, u64)> = lines
        .iter()
        .map(|l| {
            (
                l["name"].as_str().unwrap_or("").to_string(),
                l["origin"].as_str().unwrap_or("").to_string(),
                l["count"].as_u64().unwrap_or(99),
                l["unread"].as_u64().unwrap_or(99),
            )
        })
        .collect();
    let want = [
        ("grain", "config", 2, 1),
        ("may-grain", "config", 1, 0),
        ("sommet", "saved", 1, 1),
    ]
    .map(|(n, o, c, u)| (n.to_string(), o.to_string(), c, u));
    assert_eq!(got, want);
    assert_eq!(lines[1]["query"], "@grain date:2023-05");

    let mut cmd = archive.folio(&["searches"]);
    cmd.env("FOLIO_CONFIG", &config);
    let text = stdout(&mut cmd);
    assert!(
        text.lines()
            .any(|l| l.starts_with("@grain") && l.contains("2 · 1 unread") && l.contains("config")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("@sommet") && l.contains("1 · 1 unread") && l.contains("saved")),
        "{text}"
    );
}

#[test]
fn folio_searches_with_none_says_how_to_save_one() {
    let archive = archive();
    let out = archive.folio(&["searches"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no saved searches"), "{err}");
}

#[test]
fn folio_searches_delete_deletes_one_saved_in_the_reader_only() {
    let archive = archive();
    let data = archive.cache.path().join("data");
    state(&data, &[saved("sommet", "sommet"), saved("ports", "port")]);
    let config = config(archive.cache.path());
    let run = |args: &[&str]| {
        support::cli::folio(archive.cache.path())
            .env("FOLIO_CONFIG", &config)
            .args(args)
            .output()
            .expect("runs")
    };
    let out = run(&["searches", "delete", "@Sommet"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "deleted @sommet (it found sommet)\n"
    );
    let out = run(&["searches", "delete", "grain"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config file"), "{err}");
    let out = run(&["searches", "delete", "nothing"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("@ports"), "{err}");
    let left = ReadingState::open(&default_path(&data))
        .expect("opens")
        .snapshot()
        .expect("a snapshot")
        .searches;
    let names: Vec<&str> = left.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["ports"]);
}

#[test]
fn state_export_and_import_merge_saved_searches_and_report_conflicts() {
    let archive = archive();
    let cache = archive.cache.path();
    let ours = cache.join("ours");
    let theirs = cache.join("theirs");
    state(
        &theirs,
        &[
            saved("port", "lisbon"),
            saved("same", "grain"),
            saved("new", "sommet"),
        ],
    );
    state(&ours, &[saved("port", "strike"), saved("same", "grain")]);
    let exported = stdout(
        support::cli::folio(cache)
            .env("FOLIO_DATA_DIR", &theirs)
            .args(["state", "export"]),
    );
    let lines = json_lines(&exported);
    assert_eq!(lines.len(), 3, "{exported}");
    let port = lines
        .iter()
        .find(|l| l["saved_search"]["name"] == "port")
        .expect("a line for @port");
    assert_eq!(port["saved_search"]["query"], "lisbon");
    let file = cache.join("theirs.jsonl");
    std::fs::write(&file, &exported).expect("written");

    let import = || {
        stdout(
            support::cli::folio(cache)
                .env("FOLIO_DATA_DIR", &ours)
                .args(["state", "import"])
                .arg(&file),
        )
    };
    let said = import();
    assert!(said.contains("2 saved searches added"), "{said}");
    assert!(said.contains("1 conflict (nothing was lost)"), "{said}");
    assert!(
        said.contains("@port: \"strike\" here, \"lisbon\" in the file; kept this one, the file's saved as @port-imported"),
        "{said}"
    );
    let searches = |dir: &Path| -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = ReadingState::open(&default_path(dir))
            .expect("opens")
            .snapshot()
            .expect("a snapshot")
            .searches
            .into_iter()
            .map(|s| (s.name, s.query))
            .collect();
        all.sort();
        all
    };
    let merged = [
        ("new", "sommet"),
        ("port", "strike"),
        ("port-imported", "lisbon"),
        ("same", "grain"),
    ]
    .map(|(n, q)| (n.to_string(), q.to_string()));
    assert_eq!(searches(&ours), merged);
    // A second import adds nothing and loses nothing.
    let again = import();
    assert!(!again.contains("saved searches added"), "{again}");
    assert_eq!(searches(&ours), merged);
}

#[test]
fn search_and_list_json_carry_each_articles_labels() {
    let archive = archive();
    // Before any reading state: every article has an empty list.
    let lines = json_lines(&stdout(&mut archive.folio(&["list", "--json"])));
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| l["labels"] == serde_json::json!([])));
    stdout(&mut archive.folio(&["label", "+food", "+to-check", "grain"]));
    stdout(&mut archive.folio(&["label", "-to-check", "lisbon"]));
    let labels_of = |lines: &[serde_json::Value]| -> Vec<(String, serde_json::Value)> {
        lines
            .iter()
            .map(|l| {
                (
                    l["title"].as_str().unwrap_or("").to_string(),
                    l["labels"].clone(),
                )
            })
            .collect()
    };
    let found = json_lines(&stdout(&mut archive.folio(&["search", "--json", "grain"])));
    assert_eq!(
        labels_of(&found),
        [
            (
                "Lisbon port strike enters second week".to_string(),
                serde_json::json!(["food"])
            ),
            (
                "Talks resume in Vienna over grain corridor".to_string(),
                serde_json::json!(["food", "to-check"])
            ),
        ]
    );
    let listed = json_lines(&stdout(&mut archive.folio(&["list", "--json", "--body"])));
    let sommet = listed
        .iter()
        .find(|l| l["title"].as_str().is_some_and(|t| t.starts_with("Sommet")))
        .expect("the Geneva article");
    assert_eq!(sommet["labels"], serde_json::json!([]));
    assert_eq!(
        listed
            .iter()
            .filter(|l| l["labels"] == serde_json::json!(["food"]))
            .count(),
        1
    );
}

#[test]
fn a_saved_search_line_that_is_not_valid_is_skipped_with_its_line_number() {
    let archive = archive();
    let cache = archive.cache.path();
    let file = cache.join("searches.jsonl");
    std::fs::write(
        &file,
        "{\"saved_search\": {\"name\": \"good\", \"query\": \"grain\"}}\n\
         {\"saved_search\": {\"name\": \"two words\", \"query\": \"grain\"}}\n\
         {\"saved_search\": {\"name\": \"noquery\"}}\n",
    )
    .expect("written");
    let out = support::cli::folio(cache)
        .args(["state", "import"])
        .arg(&file)
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("1 saved search added"), "{said}");
    assert!(
        said.contains("line 2: a saved search needs a name"),
        "{said}"
    );
    assert!(said.contains("line 3: not a saved search"), "{said}");
    let names: Vec<String> = ReadingState::open(&default_path(&cache.join("data")))
        .expect("opens")
        .snapshot()
        .expect("a snapshot")
        .searches
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["good"]);
}

#[test]
fn a_search_saved_in_the_reader_is_an_at_name_on_the_command_line_too() {
    let archive = archive();
    let data = archive.cache.path().join("data");
    state(&data, &[saved("sommet", "sommet")]);
    let config = config(archive.cache.path());

    let mut cmd = archive.folio(&["search", "--count", "@sommet"]);
    cmd.env("FOLIO_CONFIG", &config);
    assert_eq!(stdout(&mut cmd).trim(), "1");

    // Beside a config file's search, and inside a larger query.
    let mut cmd = archive.folio(&["search", "--count", "@sommet OR @grain"]);
    cmd.env("FOLIO_CONFIG", &config);
    assert_eq!(stdout(&mut cmd).trim(), "3");
    let mut cmd = archive.folio(&["search", "--json", "@sommet -@grain"]);
    cmd.env("FOLIO_CONFIG", &config);
    assert_eq!(json_lines(&stdout(&mut cmd)).len(), 1);

    // An unknown name lists the ones saved in the reader among those known.
    let mut cmd = archive.folio(&["search", "--count", "@nothing"]);
    cmd.env("FOLIO_CONFIG", &config);
    let output = cmd.output().expect("folio runs");
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("sommet"), "{error}");
}
