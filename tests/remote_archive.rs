//! A shared archive in real `searchd` processes (two shards and the distributed table in
//! front of them, on loopback ports found free): what `folio publish` sends, and the
//! differential test — every query of the local search tests finds the same articles, with
//! the same count and the same matches per day, in the remote archive as in the local index.
//! Then the faults: a shard killed, the server gone and back, a server that never answers.
//!
//! Without `searchd` these tests say why and pass, unless `FOLIO_REQUIRE_SEARCHD` is set, as
//! CI sets it: then they fail.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use folio::catalog::Catalog;
use folio::remote::RemoteArchive;
use folio::remote::ledger::Ledger;
use folio::remote::publish::{PublishReport, publish};
use folio::search::{Backend, Query, SearchError, SearchOptions, SortBy, search_with};
use folio::store::Store;

mod support;
use support::archive::Folder;
use support::searchd::Cluster;

const TIMEOUT: Duration = Duration::from_secs(10);

/// Publishes the store's archive to the cluster's shards with the ledger in `ledger_dir`.
fn publish_to(cluster: &Cluster, store: &Store, ledger_dir: &Path) -> PublishReport {
    let names: Vec<String> = cluster.shards().iter().map(ToString::to_string).collect();
    let mut ledger =
        Ledger::open(&ledger_dir.join("ledger.sqlite"), &names).expect("the ledger opens");
    publish(
        &store.current(),
        cluster.shards(),
        &mut ledger,
        TIMEOUT,
        &mut |_| {},
    )
    .expect("the archive publishes")
}

fn open_remote(cluster: &Cluster) -> RemoteArchive {
    RemoteArchive::open(cluster.front(), TIMEOUT).expect("the remote archive opens")
}

/// What a backend finds for `query`: article ids, the count, the matches per day.
type Found = (BTreeSet<String>, usize, Vec<(i32, u32)>);

fn found(backend: &dyn Backend, query: &Query) -> Result<Found, SearchError> {
    let options = SearchOptions {
        sort: SortBy::Date,
        limit: usize::MAX,
    };
    let hits = search_with(backend, query, None, &options)?;
    let ids = hits
        .entries
        .iter()
        .map(|e| backend.row(e).expect("a found article has a row").id.0)
        .collect();
    let days = match query.is_empty() {
        true => Vec::new(),
        false => backend.ask(query, None).tally(SortBy::Date, 0)?.days,
    };
    Ok((ids, hits.count, days))
}

/// Every query finds the same in both; the differences, all of them, fail the test.
fn assert_same(local: &dyn Backend, remote: &dyn Backend, queries: &[&str]) {
    let mut differences = Vec::new();
    let mut matched = 0;
    for text in queries {
        let Ok(query) = Query::parse(text) else {
            continue;
        };
        let here = found(local, &query).unwrap_or_else(|e| panic!("{text:?} locally: {e}"));
        let there = match found(remote, &query) {
            Ok(there) => there,
            Err(e) => {
                differences.push(format!("{text:?}: the remote archive failed: {e}"));
                continue;
            }
        };
        if here.1 > 0 {
            matched += 1;
        }
        if here.0 != there.0 {
            let missing: Vec<_> = here.0.difference(&there.0).collect();
            let extra: Vec<_> = there.0.difference(&here.0).collect();
            differences.push(format!(
                "{text:?}: remote lacks {missing:?}, has more {extra:?}"
            ));
        } else if here.1 != there.1 {
            differences.push(format!(
                "{text:?}: count {} here, {} there",
                here.1, there.1
            ));
        } else if here.2 != there.2 {
            differences.push(format!("{text:?}: other matches per day"));
        }
    }
    assert!(
        differences.is_empty(),
        "{} of {} queries differ:\n{}",
        differences.len(),
        queries.len(),
        differences.join("\n")
    );
    // The queries must be about this archive, not all empty on both sides.
    assert!(
        matched * 3 >= queries.len(),
        "only {matched} queries found anything"
    );
}

/// The queries of `tests/search_engine.rs`, `tests/store_search.rs`, `tests/word_starts.rs`,
/// `tests/query.rs` and `tests/sources.rs` that run on the demo archive, and more of the
/// same kinds, and injection attempts typed as queries.
const SEED_QUERIES: &[&str] = &[
    "erdo",
    "poutine erdo",
    "erdo ",
    "erdogan",
    "Erdoğan",
    "ERDOGAN",
    "ERDOĞAN ",
    "securite otan ",
    "SÉCURITÉ OTAN ",
    "\"garanties de sécurité\"",
    "\"GARANTIES DE SECURITE\"",
    "\"sécurité de garanties\"",
    "\"garanties de sécu",
    "source:sputnik date:2022-01",
    "source:sputnik date:2021",
    "date:2022-01-01..2022-01-02 erdogan",
    "date:2022-01-03..2022-01-31 erdogan",
    "date:2021-06-15",
    "date:2021-05-20..2021-06-03",
    "date:2021-06",
    "date:2021-07",
    "date:2023",
    "date:2024-03..",
    "date:..2021-03",
    "date:..2021-12",
    "-date:2022",
    "kessel ",
    "kessel -pont",
    "pont ",
    "pont",
    "p",
    "pr",
    "pra",
    "river pont",
    "-erdogan",
    "erdogan OR Güneş",
    "erdogan ",
    "gunes ",
    "Güneş",
    "lang:fr",
    "lang:FR",
    "lang:en -lang:fr",
    "Recep",
    "recep ",
    "title:recep ",
    "title:erdogan",
    "title:erd",
    "title:p",
    "title:c",
    "海峡大桥",
    "海峡大橋",
    "东港",
    "东港 ",
    "港东",
    "МОСТ ",
    "мост",
    "мост ",
    "Κεσσια ",
    "Κέσσια",
    "κέσσια",
    "Kessel",
    "kessel",
    "avec",
    "la",
    "en",
    "the",
    "the bridge",
    "\"the bridge\"",
    "\"entretien téléphonique avec Recep\"",
    "\"la situation en Transcaucasie\"",
    "\"entretien avec Recep\"",
    "avec Transcaucasie",
    "Transcaucasie avec",
    "lang:fr avec",
    "source:kesselpost",
    "-source:ostrianer",
    "source:harb",
    "bridge OR pont OR puente",
    "(bridge OR pont) -kessel",
    "-(bridge OR pont)",
    "election date:2024",
    "covid-19",
    "covid-1",
    "l'otan",
    "strike",
    "talks th",
    "gilets jaunes NOT police",
    "jaunes OR vests NOT police",
    "ukraine",
    // Typed injection attempts and the engine's operators as text: words, nothing more.
    "'); DROP TABLE folio; --",
    "'; DROP TABLE folio; --",
    "pont'; SELECT 1",
    "\\",
    "pont \\'",
    "bridge; SHOW TABLES",
    "@title bridge",
    "bridge | pont",
    "!bridge",
    "bridge ~ 3",
    "\"bridge\"/2",
    "^bridge$",
    "bridge NEAR/3 pont",
    "MAYBE bridge",
    "=bridge",
    "bridge << pont",
    "pont\0",
];

#[test]
fn every_local_query_finds_the_same_articles_in_the_demo_archive_published_to_two_shards() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    let cache = tempfile::tempdir().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let store = Store::open(
        &[seeds],
        &folio::store::StoreOptions {
            cache_dir: cache.path().to_path_buf(),
        },
    )
    .unwrap();
    store.sync(&mut |_| {}).unwrap();
    let report = publish_to(&cluster, &store, cache.path());
    let local = store.current();
    assert_eq!(report.sent, local.timeline().len());
    assert!(
        report.per_shard.iter().all(|&n| n > 0),
        "both shards hold articles: {:?}",
        report.per_shard
    );
    let remote = open_remote(&cluster);
    assert_eq!(remote.timeline().len(), local.timeline().len());
    assert_eq!(remote.sources(), local.sources());
    assert_same(local.as_ref(), &remote, SEED_QUERIES);
}

#[test]
fn every_query_finds_the_same_articles_in_a_generated_archive() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    let folder = Folder::new();
    let options = folio::generate::GenerateOptions {
        count: 1500,
        seed: 7,
        ..Default::default()
    };
    folio::generate::generate(folder.root(), &options, &mut |_| {}).unwrap();
    let store = folder.synced();
    publish_to(&cluster, &store, folder.cache.path());
    let local = store.current();
    let remote = open_remote(&cluster);
    assert_eq!(remote.timeline().len(), local.timeline().len());
    assert_same(
        local.as_ref(),
        &remote,
        &[
            "budget",
            "budg",
            "b",
            "the budget",
            "\"the budget\"",
            "budget -ostria",
            "ostria OR valmont",
            "title:ostria",
            "title:o",
            "halvorsen",
            "brannock marlowe",
            "\"de la\"",
            "de",
            "the",
            "der",
            "avec",
            "из",
            "με",
            "lang:de",
            "lang:ja",
            "lang:ru budget",
            "lang:el",
            "date:2023",
            "date:2023-10",
            "date:2023-10-05..2023-11-20",
            "date:..2022",
            "湖畔",
            "湖畔新聞",
            "大橋",
            "海峡を大橋",
            "source:湖畔",
            "source:valmont",
            "-source:valmont",
            "Orbec -lang:fr",
            "ferrer OR ostria -date:2023",
            "\"plus de",
            "ne",
        ],
    );
}

#[test]
fn phrases_stop_words_cjk_and_word_starts_match_as_the_local_index_does() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    let folder = Folder::new();
    folder.article("zh.txt", 3, "北京大学举行开学典礼");
    folder.article("ja.txt", 4, "東京で会議が開かれた");
    let words: Vec<String> = (0..60).map(|i| format!("zeta{i:02}")).collect();
    folder.article("many.txt", 1, &words.join(" "));
    folder.article("last.txt", 2, "zeta59 alone");
    let root = folder.root().to_path_buf();
    support::archive::article(
        &root,
        "war-en",
        5,
        "The war in the east",
        "The war in Ukraine goes on. Talks on the grain corridor stalled again this week, \
         and the ministers of the region said they would meet in the spring.",
    );
    support::archive::article(
        &root,
        "war-fr",
        6,
        "La guerre à l'est",
        "La guerre en Ukraine continue. Les discussions sur le corridor céréalier sont de \
         nouveau bloquées, et les ministres de la région se retrouveront au printemps.",
    );
    support::archive::article(
        &root,
        "war-de",
        7,
        "Der Krieg im Osten",
        "Der Krieg in der Ukraine geht weiter. Die Gespräche über den Getreidekorridor sind \
         wieder ins Stocken geraten, und die Minister der Region wollen sich im Frühjahr treffen.",
    );
    let store = folder.synced();
    publish_to(&cluster, &store, folder.cache.path());
    let local = store.current();
    let remote = open_remote(&cluster);
    assert_same(
        local.as_ref(),
        &remote,
        &[
            "北京",
            "京大",
            "大学举行",
            "开学典礼",
            "会議",
            "京东",
            "zeta59",
            "zeta",
            "zeta59 al",
            "war",
            "the war",
            "\"the war\"",
            "\"war in ukraine\"",
            "\"war in the\"",
            "\"war in\"",
            "in",
            "the",
            "in ukraine",
            "\"guerre en ukraine\"",
            "la guerre",
            "\"la guerre\"",
            "\"krieg in der ukraine\"",
            "der krieg",
            "\"in der\"",
            "ukraine -\"the war\"",
            "ukr",
            "\"war in ukr",
            "title:\"the war\"",
            "corridor OR korridor",
            "minist",
        ],
    );
}

/// JSON Lines rows with authors, categories and tags, some names shared, some with
/// diacritics, some several words long.
fn named_rows() -> String {
    let authors = [
        "Anna Berg; Jonas Müller",
        "Lucía Ortega",
        "Claire Duval, Marc Oyelaran",
        "",
        "Anna Lindqvist",
        "Pablo Ruiz; Lucía Ortega; Tomás Berg",
    ];
    let tags = [
        r#""tags": "rail;night trains", "categories": "transport""#,
        r#""tags": ["pêche", "Kessia"], "categories": "Économie;Mer""#,
        r#""tags": "huelga;estibadores;Valmont""#,
        r#""categories": "Politik""#,
        "",
    ];
    let mut out = String::new();
    for i in 0..30 {
        let author = authors[i % authors.len()];
        let tag = tags[i % tags.len()];
        let mut fields = vec![
            format!(r#""title": "Bericht {i} über die Häfen""#),
            format!(r#""text": "Report {i} on the harbour and the bridge at Kessia.""#),
            format!(r#""date": "2024-03-{:02}""#, 1 + i % 28),
            format!(r#""url": "https://names.example/{i}""#),
            r#""language": "en""#.to_string(),
        ];
        if !author.is_empty() {
            fields.push(format!(r#""author": "{author}""#));
        }
        if !tag.is_empty() {
            fields.push(tag.to_string());
        }
        out.push_str(&format!("{{{}}}\n", fields.join(", ")));
    }
    out
}

#[test]
fn author_and_tag_find_the_same_articles_and_the_reader_shows_the_names() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    let folder = Folder::new();
    folder.write_fixtures(
        "fixtures",
        &[
            "news-please-authors.json",
            "trafilatura-tags.json",
            "trafilatura.json",
            "trafilatura.jsonl",
        ],
    );
    folder.write("names.jsonl", &named_rows());
    let store = folder.synced();
    publish_to(&cluster, &store, folder.cache.path());
    let local = store.current();
    let remote = open_remote(&cluster);
    assert_eq!(remote.timeline().len(), local.timeline().len());
    assert_same(
        local.as_ref(),
        &remote,
        &[
            "author:müller",
            "author:MULLER",
            "author:\"anna berg\"",
            "author:\"berg anna\"",
            "author:\"müller anna\"",
            "author:\"berg jonas\"",
            "author:berg",
            "author:lucia",
            "author:luc",
            "author:\"anna be",
            "author:duval",
            "author:oyelaran",
            "author:anna -author:berg",
            "author:ortega OR author:duval",
            "author:kessia",
            "kessia -author:berg",
            "tag:huelga",
            "tag:peche",
            "tag:PÊCHE",
            "tag:economie",
            "tag:économie",
            "tag:\"night trains\"",
            "tag:\"trains night\"",
            "tag:\"rail night\"",
            "tag:night",
            "tag:n",
            "tag:transport author:berg",
            "tag:valmont",
            "valmont -tag:valmont",
            "tag:politik date:2024-03-01..2024-03-10",
            "-tag:kessia",
            "tag:kessia OR author:lindqvist",
            "berg",
        ],
    );
    // The reader's header shows the same names from the engine as from the files.
    for entry in local.timeline() {
        let here = local.load(entry).expect("a local article loads");
        let place = remote
            .timeline()
            .iter()
            .find(|e| remote.row(e).is_some_and(|r| r.id == here.id))
            .expect("the article is in the remote archive");
        let there = remote.load(place).expect("a remote article loads");
        assert_eq!(there.meta, here.meta, "{}", here.id);
    }
}

/// A large publish ends with `FLUSH RAMCHUNK` on each shard (see `remote::publish`), sent
/// best effort: the engine must know the statement, and the articles must still be found
/// from the disk chunk it makes.
#[test]
fn a_shard_saves_its_memory_chunk_and_still_finds_every_article() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    let folder = Folder::new();
    folder.article("a.txt", 2, "Harbour strike in Lisbon");
    folder.article("b.txt", 9, "Strike ends after a week");
    let store = folder.synced();
    publish_to(&cluster, &store, folder.cache.path());
    for shard in cluster.shards() {
        let client = folio::remote::client::Client::connect(shard, TIMEOUT).expect("it answers");
        client
            .query(&format!("FLUSH RAMCHUNK {}", shard.table))
            .expect("the shard saves its memory chunk");
    }
    let remote = open_remote(&cluster);
    let query = Query::parse("strike").unwrap();
    let (ids, count, _) = found(&remote, &query).expect("the remote archive answers");
    assert_eq!((ids.len(), count), (2, 2));
    let query = Query::parse("s").unwrap();
    assert_eq!(found(&remote, &query).expect("a prefix").1, 2);
}

#[test]
fn publishing_again_sends_only_what_changed_and_deletes_what_disappeared() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    let folder = Folder::new();
    folder.article("a.txt", 2, "Harbour strike in Lisbon");
    folder.article("b.txt", 9, "Strike ends after a week");
    folder.article("c.txt", 5, "Weather report");
    let (store, _) = folder.sync();
    let first = publish_to(&cluster, &store, folder.cache.path());
    assert_eq!((first.sent, first.unchanged, first.deleted), (3, 0, 0));
    let again = publish_to(&cluster, &store, folder.cache.path());
    assert_eq!((again.sent, again.unchanged, again.deleted), (0, 3, 0));

    folder.article("b.txt", 9, "Strike ends after ten days");
    std::fs::remove_file(folder.path("c.txt")).unwrap();
    store.sync_full(&mut |_| {}).unwrap();
    let changed = publish_to(&cluster, &store, folder.cache.path());
    assert_eq!(
        (changed.sent, changed.unchanged, changed.deleted),
        (1, 1, 1)
    );

    let remote = open_remote(&cluster);
    let titles: Vec<String> = remote
        .timeline()
        .iter()
        .map(|e| remote.row(e).unwrap().title)
        .collect();
    assert_eq!(
        titles,
        ["Strike ends after ten days", "Harbour strike in Lisbon"]
    );
}

#[test]
fn a_publish_killed_midway_resumes_and_counts_nothing_twice() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    let folder = Folder::new();
    let options = folio::generate::GenerateOptions {
        count: 4000,
        seed: 3,
        ..Default::default()
    };
    folio::generate::generate(folder.root(), &options, &mut |_| {}).unwrap();
    let ledger = folder.cache.path().join("ledger.sqlite");
    // Index first, so that the publish starts sending at once.
    folder.synced();
    let settings = cluster.settings().to_str().unwrap().to_string();
    let ledger_arg = ledger.to_str().unwrap().to_string();
    let args = ["publish", "--remote", &settings, "--ledger", &ledger_arg];
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .arg(folder.root())
        .env("FOLIO_CACHE_DIR", folder.cache.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let recorded = || -> usize {
        rusqlite::Connection::open(&ledger)
            .and_then(|db| db.query_row("SELECT COUNT(*) FROM sent", [], |r| r.get(0)))
            .unwrap_or(0)
    };
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while recorded() == 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL: no chance to tidy up
    child.wait().unwrap();
    let before = recorded();
    assert!(
        before > 0 && before < 4000,
        "killed midway: {before} recorded"
    );

    let output = support::cli::folio(folder.cache.path())
        .args(args)
        .arg(folder.root())
        .output()
        .unwrap();
    assert!(output.status.success());
    let said = String::from_utf8_lossy(&output.stdout);
    let sent: usize = said
        .split(": ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count of sent articles in {said:?}"));
    assert!(
        sent <= 4000 - before,
        "only what was not recorded is sent: {said}"
    );
    assert_eq!(recorded(), 4000);
    let remote = open_remote(&cluster);
    assert_eq!(remote.timeline().len(), 4000, "each article once");
}

#[test]
fn a_dead_shard_leaves_the_others_answering_and_says_so() {
    let Some(mut cluster) = Cluster::start() else {
        return;
    };
    let archive = support::cli::archive();
    let store = archive.synced();
    publish_to(&cluster, &store, archive.cache.path());
    let remote = open_remote(&cluster);
    let all = found(&remote, &Query::parse("-zzzz").unwrap()).unwrap().1;
    assert_eq!(all, 3);
    cluster.kill_shard(1);
    let query = Query::parse("-zzzz").unwrap();
    let (_, count, _) = found(&remote, &query).expect("the other shard answers");
    assert!(count > 0 && count < all, "{count} of {all}");
    let notice = remote.ask(&query, None).notice().expect("a notice");
    assert!(
        notice.starts_with("1 of 2 shards did not answer"),
        "{notice}"
    );

    // The reader's search worker passes it on after the results.
    let request = folio::app::SearchRequest {
        generation: 1,
        query,
        sort: SortBy::Date,
        first_page: 10,
        flags: None,
    };
    let mut parts = Vec::new();
    folio::tui::search_worker::answer(
        Arc::new(remote) as Arc<dyn Backend>,
        &request,
        || false,
        |results| {
            parts.push(results.part);
            true
        },
    );
    assert!(matches!(parts.first(), Some(folio::app::ResultPart::First(p)) if !p.is_empty()));
    assert!(
        matches!(parts.last(), Some(folio::app::ResultPart::Notice(n)) if n.contains("1 of 2 shards"))
    );

    // And the command line on stderr.
    let output = support::cli::folio(archive.cache.path())
        .args([
            "search",
            "--remote",
            &cluster.front().to_string(),
            "--",
            "-zzzz",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("1 of 2 shards did not answer"), "{stderr}");
}

#[test]
fn the_reader_keeps_what_it_has_when_the_server_goes_away_and_answers_again_when_it_is_back() {
    let Some(mut cluster) = Cluster::start() else {
        return;
    };
    let archive = support::cli::archive();
    let store = archive.synced();
    publish_to(&cluster, &store, archive.cache.path());
    let remote = open_remote(&cluster);
    let first = remote.timeline()[0];
    let title = remote.row(&first).unwrap().title;
    let query = Query::parse("grain").unwrap();
    assert_eq!(found(&remote, &query).unwrap().1, 2);

    cluster.kill_front();
    let error = found(&remote, &query).expect_err("nobody answers");
    let text = error.to_string();
    assert!(
        text.contains(&cluster.front().to_string()) && text.contains("cannot reach"),
        "{text}"
    );
    // What was fetched is still there to show.
    assert_eq!(remote.row(&first).unwrap().title, title);

    cluster.restart_front();
    assert_eq!(found(&remote, &query).unwrap().1, 2, "answers again");
}

#[test]
fn a_stopped_server_times_out_instead_of_holding_the_reader() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    let archive = support::cli::archive();
    let store = archive.synced();
    publish_to(&cluster, &store, archive.cache.path());
    let remote = RemoteArchive::open(cluster.front(), Duration::from_millis(500)).unwrap();
    let pid = cluster.front_pid().unwrap() as i32;
    // SIGSTOP: the connection stays open, nothing answers.
    unsafe { libc::kill(pid, libc::SIGSTOP) };
    let result = found(&remote, &Query::parse("grain").unwrap());
    unsafe { libc::kill(pid, libc::SIGCONT) };
    let error = result.expect_err("a timeout");
    assert!(matches!(error, SearchError::Remote(_)), "{error}");
}

#[test]
fn text_from_the_engine_is_made_safe_like_text_from_a_file() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    let archive = support::cli::archive();
    let store = archive.synced();
    publish_to(&cluster, &store, archive.cache.path());
    // Someone else wrote to the shard: escapes, bidi controls and a NUL-free backslash soup.
    let client = folio::remote::client::Client::connect(&cluster.shards()[0], TIMEOUT).unwrap();
    let hostile =
        folio::remote::escape::literal("Evil \u{1b}[2J\u{1b}]0;owned\u{7} \u{202e}txt.exe\\'");
    client
        .query(&format!(
            "REPLACE INTO folio_shard (id, title, lang, title_s, source_s, sort_key, paragraphs_s) \
             VALUES (42, 'evil', 'en _all', {hostile}, {hostile}, 1, '[{{\"kind\":\"text\",\"text\":\"a\\u001b[31mred\"}}]')"
        ))
        .unwrap();
    let remote = open_remote(&cluster);
    let entry = remote
        .timeline()
        .iter()
        .find(|e| e.doc.raw() == 42)
        .copied()
        .expect("the foreign article is listed");
    let row = remote.row(&entry).unwrap();
    let article = remote.load(&entry).unwrap();
    for text in [
        &row.title,
        &row.source,
        &article.paragraphs[0].text().to_string(),
    ] {
        assert!(
            !text.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{text:?}"
        );
    }
    assert!(row.title.starts_with("Evil"));
}

#[test]
fn an_unreachable_archive_is_an_error_naming_its_address() {
    // Nobody listens on a port just freed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("sphinxql://127.0.0.1:{port}/folio");
    let cache = tempfile::tempdir().unwrap();
    let output = support::cli::folio(cache.path())
        .args(["list", "--remote", &url])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&url) && stderr.contains("cannot reach"),
        "{stderr}"
    );
}

#[test]
fn a_server_that_never_answers_times_out_at_open() {
    // Accepts connections and says nothing: the handshake never comes.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let url: folio::remote::RemoteUrl = format!("sphinxql://127.0.0.1:{port}/folio")
        .parse()
        .unwrap();
    let error = match RemoteArchive::open(&url, Duration::from_millis(300)) {
        Ok(_) => panic!("a silent server cannot open"),
        Err(e) => e,
    };
    assert!(error.to_string().contains(&url.to_string()), "{error}");
    drop(listener);
}

#[test]
fn remote_config_writes_what_searchd_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let output = support::cli::folio(cache.path())
        .args([
            "remote", "config", "--shards", "3", "--port", "9500", "--dir",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("searchd --config"), "{stdout}");
    for name in ["front.conf", "shard-1.conf", "shard-3.conf", "remote.toml"] {
        assert!(dir.path().join(name).exists(), "{name}");
    }
    let settings =
        folio::remote::settings::resolve(dir.path().join("remote.toml").to_str().unwrap()).unwrap();
    assert_eq!(settings.url.port, 9500);
    assert_eq!(
        settings.shards.iter().map(|s| s.port).collect::<Vec<_>>(),
        [9501, 9502, 9503]
    );
    // searchd itself reads the configs, where it is installed.
    if std::process::Command::new("searchd")
        .arg("--help")
        .output()
        .is_ok()
    {
        for name in ["front.conf", "shard-2.conf"] {
            let check = std::process::Command::new("indextool")
                .arg("--checkconfig")
                .arg("--config")
                .arg(dir.path().join(name))
                .output();
            if let Ok(check) = check {
                let said = String::from_utf8_lossy(&check.stdout);
                assert!(said.contains("config valid"), "{name}: {said}");
            }
        }
    }
}

#[test]
fn the_reader_opens_a_shared_archive_and_searches_it_as_you_type() {
    let Some(mut cluster) = Cluster::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let store = Store::open(
        std::slice::from_ref(&seeds),
        &folio::store::StoreOptions {
            cache_dir: dir.path().join("publisher"),
        },
    )
    .unwrap();
    store.sync(&mut |_| {}).unwrap();
    publish_to(&cluster, &store, dir.path());
    let url = cluster.front().to_string();
    // The reader's own cache is empty: everything it shows comes from the engine.
    let mut folio = support::pty::folio::Folio::start_with(
        &seeds,
        dir.path(),
        &[("FOLIO_REMOTE", url.as_str())],
    );
    folio.wait_for("Le pont de Kessel rouvert");
    assert!(
        !dir.path().join("cache").exists()
            || std::fs::read_dir(dir.path().join("cache"))
                .unwrap()
                .next()
                .is_none(),
        "no local index is built"
    );
    folio.keys("/erdo");
    folio.wait_for("Poutine et Erdogan");
    cluster.kill_shard(0);
    folio.keys("g");
    folio.wait_for("1 of 2 shards did not answer");
    // Esc alone (a key right after it would read as Alt+key), then quit from the timeline.
    folio.keys("\x1b");
    folio.wait_for("Le pont de Kessel rouvert");
    folio.keys("q");
    folio.wait_exit();
}
