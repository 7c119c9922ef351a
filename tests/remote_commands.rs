//! `folio counts`, `folio kwic` and `folio export` with `--remote`: the demo archive and
//! articles with authors and tags, published to two real `searchd` shards, answer these
//! commands as the local archive does — the same counts per period to the article, the same
//! hits in context, the same exported fields and bodies. Only the order of articles published
//! on the same day may differ (the engine breaks ties by its document id), so lists are
//! compared as sets of lines or records.
//!
//! Without `searchd` these tests say why and pass, unless `FOLIO_REQUIRE_SEARCHD` is set.

use std::path::{Path, PathBuf};

mod support;
use support::archive::Folder;
use support::cli::folio;
use support::searchd::Cluster;

/// The demo archive and the format fixtures with authors, categories and tags, published
/// with `folio publish`; the local cache indexes the same folders.
struct Published {
    cluster: Cluster,
    names: Folder,
    front: String,
}

impl Published {
    fn new() -> Option<Published> {
        let cluster = Cluster::start()?;
        let names = Folder::new();
        names.write_fixtures(
            "formats",
            &[
                "news-please-authors.json",
                "trafilatura-tags.json",
                "trafilatura.json",
                "trafilatura.jsonl",
            ],
        );
        let settings = cluster.settings().to_string_lossy().into_owned();
        let front = cluster.front().to_string();
        let published = Published {
            cluster,
            names,
            front,
        };
        let out = published.local(&["publish", "--remote", &settings]);
        assert!(out.contains("published to"), "{out}");
        Some(published)
    }

    fn folders(&self) -> Vec<PathBuf> {
        vec![
            Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"),
            self.names.root().to_path_buf(),
        ]
    }

    /// `folio ARGS FOLDERS…` on this machine's index; its standard output.
    fn local(&self, args: &[&str]) -> String {
        let output = folio(self.names.cache.path())
            .args(args)
            .args(self.folders())
            .output()
            .expect("folio runs");
        assert!(
            output.status.code().is_some_and(|c| c <= 1),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8")
    }

    /// `folio ARGS --remote URL`; its standard output.
    fn remote(&self, args: &[&str]) -> String {
        let output = folio(self.names.cache.path())
            .args(args)
            .args(["--remote", &self.front])
            .output()
            .expect("folio runs");
        assert!(
            output.status.code().is_some_and(|c| c <= 1),
            "{args:?} --remote: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let _ = &self.cluster;
        String::from_utf8(output.stdout).expect("UTF-8")
    }
}

fn sorted_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines
}

#[test]
fn counts_per_period_are_the_local_counts_to_the_article() {
    let Some(archive) = Published::new() else {
        return;
    };
    let queries = [
        "erdogan",
        "otan",
        "kessia",
        "date:2021-06",
        "author:berg",
        "tag:peche",
    ];
    for by in ["day", "week", "month", "year"] {
        for format in [&[][..], &["--json"], &["--csv"]] {
            let mut args = vec!["counts", "--by", by];
            args.extend_from_slice(format);
            let mut named = Vec::new();
            for q in queries {
                named.push("--query");
                named.push(q);
            }
            let local = archive.local(&[&args[..], &named[..]].concat());
            let remote = archive.remote(&[&args[..], &named[..]].concat());
            assert!(local.lines().count() > 1, "{by} {format:?}: {local}");
            assert_eq!(remote, local, "--by {by} {format:?}");
        }
    }
    // Words as queries, and `is:` answered with this machine's reading state.
    let args = ["counts", "--by", "month", "erdogan", "erdogan is:unread"];
    let remote = archive.remote(&args);
    let local = archive.local(&[
        "counts",
        "--by",
        "month",
        "--query",
        "erdogan",
        "--query",
        "erdogan is:unread",
    ]);
    assert_eq!(remote, local);
}

#[test]
fn kwic_shows_the_same_hits_in_context_from_the_engines_text() {
    let Some(archive) = Published::new() else {
        return;
    };
    for query in [
        "erdogan",
        "\"garanties de sécurité\"",
        "kessia",
        "author:berg brücke",
    ] {
        for format in [&["--json"][..], &["--csv"], &[]] {
            let mut args = vec!["kwic", query];
            args.extend_from_slice(format);
            let local = archive.local(&args);
            let remote = archive.remote(&args);
            assert!(!local.is_empty(), "{query} {format:?}");
            assert_eq!(
                sorted_lines(&remote),
                sorted_lines(&local),
                "{query} {format:?}"
            );
        }
    }
}

#[test]
fn export_writes_the_same_fields_and_bodies_from_the_engine() {
    let Some(archive) = Published::new() else {
        return;
    };
    let fields = "id,date,source,title,url,language,lede,authors,path,body";
    for args in [
        &[
            "export",
            "erdogan OR kessia",
            "--format",
            "csv",
            "--fields",
            fields,
        ][..],
        &["export", "", "--format", "jsonl", "--body"],
        &["export", "otan", "--format", "markdown"],
        &["export", "kessia", "--format", "bibtex"],
        &[
            "export", "", "--format", "jsonl", "--sample", "5", "--seed", "7",
        ],
    ] {
        let local = archive.local(args);
        let remote = archive.remote(args);
        assert!(local.lines().count() > 1, "{args:?}");
        assert_eq!(sorted_lines(&remote), sorted_lines(&local), "{args:?}");
    }
    // RIS: one record per article, compared whole.
    let records = |text: &str| -> Vec<String> {
        let mut records: Vec<String> = text.split("ER  -").map(|r| r.trim().to_string()).collect();
        records.sort();
        records
    };
    let args = ["export", "erdogan", "--format", "ris"];
    assert_eq!(
        records(&archive.remote(&args)),
        records(&archive.local(&args))
    );
}

#[test]
fn folders_beside_remote_are_refused_rather_than_ignored() {
    let Some(archive) = Published::new() else {
        return;
    };
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let output = folio(archive.names.cache.path())
        .args(["kwic", "erdogan"])
        .arg(&seeds)
        .args(["--remote", &archive.front])
        .output()
        .expect("folio runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("leave out the folders"), "{stderr}");
}
