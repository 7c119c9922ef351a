//! The search engine on the bundled demo archive (`seeds/`): what a user typing a query finds.

use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use folio::catalog::{Catalog, Row};
use folio::search::engine::{self, locate_all};
use folio::search::query::{Flag, Highlight};
use folio::search::{FlagFilter, Matcher, Query, SearchError, SearchOptions, SortBy, search};
use folio::store::{Snapshot, Store, StoreOptions};

const SEED_TITLE: &str = "Poutine et Erdogan discutent";

/// The seeds indexed once for all tests; the temp dir lives as long as the process.
fn store() -> &'static Store {
    static STORE: OnceLock<(tempfile::TempDir, Store)> = OnceLock::new();
    &STORE
        .get_or_init(|| {
            let cache = tempfile::tempdir().expect("a temp dir");
            let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
            let options = StoreOptions {
                cache_dir: cache.path().to_path_buf(),
            };
            let store = Store::open(&[seeds], &options).expect("the seeds open");
            store.sync(&mut |_| {}).expect("the seeds index");
            (cache, store)
        })
        .1
}

fn snapshot() -> Arc<Snapshot> {
    store().current()
}

fn rows(query: &str) -> Vec<Row> {
    let snapshot = snapshot();
    let options = SearchOptions {
        sort: SortBy::Date,
        limit: 100,
    };
    let hits = search(&snapshot, query, &options).unwrap_or_else(|e| panic!("{query}: {e}"));
    assert_eq!(
        hits.count,
        hits.entries.len(),
        "{query}: count and list agree"
    );
    hits.entries
        .iter()
        .filter_map(|e| snapshot.row(e))
        .collect()
}

/// Title, lede and body of each article found, lowercased.
fn texts(query: &str) -> Vec<String> {
    let snapshot = snapshot();
    let options = SearchOptions {
        sort: SortBy::Date,
        limit: 100,
    };
    let hits = search(&snapshot, query, &options).unwrap();
    hits.entries
        .iter()
        .map(|e| {
            let a = snapshot.load(e).expect("the article loads");
            let body: Vec<&str> = a.paragraphs.iter().map(|p| p.text()).collect();
            format!("{} {} {}", a.title, a.lede, body.join(" ")).to_lowercase()
        })
        .collect()
}

fn titles(query: &str) -> Vec<String> {
    rows(query).into_iter().map(|r| r.title).collect()
}

fn finds_seed(query: &str) -> bool {
    titles(query).iter().any(|t| t.starts_with(SEED_TITLE))
}

#[test]
fn the_word_being_typed_is_a_prefix() {
    assert_eq!(titles("erdo").len(), 1);
    assert!(finds_seed("erdo"));
    assert!(finds_seed("poutine erdo"));
    // A finished word (followed by a space) is no longer a prefix.
    assert!(titles("erdo ").is_empty());
}

#[test]
fn case_and_diacritics_do_not_matter() {
    let expected = titles("erdogan");
    assert_eq!(expected.len(), 1);
    for query in ["Erdoğan", "ERDOGAN", "ERDOĞAN "] {
        assert_eq!(titles(query), expected, "{query}");
    }
    assert_eq!(titles("securite otan "), titles("SÉCURITÉ OTAN "));
}

#[test]
fn phrases_need_their_words_in_order() {
    assert!(finds_seed("\"garanties de sécurité\""));
    assert!(finds_seed("\"GARANTIES DE SECURITE\""));
    assert!(!finds_seed("\"sécurité de garanties\""));
}

#[test]
fn source_and_month_narrow_the_results() {
    assert_eq!(titles("source:sputnik date:2022-01").len(), 1);
    assert!(finds_seed("source:sputnik date:2022-01"));
    assert!(titles("source:sputnik date:2021").is_empty());
    // The seed is dated to the day (2 January).
    assert!(finds_seed("date:2022-01-01..2022-01-02 erdogan"));
    assert!(!finds_seed("date:2022-01-03..2022-01-31 erdogan"));
    // An article known only to its month (June 2021) matches any range overlapping it.
    let orbec = "Les maraîchers d'Orbec";
    for query in [
        "date:2021-06-15",
        "date:2021-05-20..2021-06-03",
        "date:2021-06",
    ] {
        assert!(
            titles(query).iter().any(|t| t.starts_with(orbec)),
            "{query}"
        );
    }
    assert!(!titles("date:2021-07").iter().any(|t| t.starts_with(orbec)));
}

#[test]
fn date_ranges_follow_the_days_known() {
    let all_2023 = rows("date:2023");
    assert!(!all_2023.is_empty());
    for row in &all_2023 {
        let date = row.published.expect("dated").date;
        assert_eq!(chrono::Datelike::year(&date), 2023, "{}", row.title);
    }
    let open_end = rows("date:2024-03..");
    assert!(open_end.iter().all(|r| {
        r.published
            .is_some_and(|p| p.date >= chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap())
    }));
    assert!(titles("date:..2021-03").len() < titles("date:..2021-12").len());
}

#[test]
fn excluded_words_remove_articles() {
    let kessel = titles("kessel ");
    let without = titles("kessel -pont");
    assert!(!without.is_empty() && without.len() < kessel.len());
    assert!(without.iter().all(|t| !t.to_lowercase().contains("pont ")));
    // Exclusions alone: everything else.
    let total = snapshot().timeline().len();
    assert_eq!(titles("-erdogan").len(), total - 1);
}

#[test]
fn or_takes_either_word() {
    let either = titles("erdogan OR Güneş");
    let (a, b) = (titles("erdogan "), titles("gunes "));
    assert_eq!(either.len(), a.len() + b.len());
    assert!(either.iter().any(|t| t.starts_with(SEED_TITLE)));
    assert!(either.iter().any(|t| t.contains("Güneş")));
}

#[test]
fn lang_selects_a_language() {
    let french = rows("lang:fr");
    assert!(french.len() > 5);
    assert!(french.iter().all(|r| r.language == "fr"));
    let expected = snapshot()
        .timeline()
        .iter()
        .filter_map(|e| snapshot().row(e))
        .filter(|r| r.language == "fr")
        .count();
    assert_eq!(french.len(), expected);
    assert_eq!(rows("lang:FR").len(), expected);
}

#[test]
fn title_searches_only_titles() {
    // "Recep" is in the seed's body, not its title.
    assert!(finds_seed("recep "));
    assert!(!finds_seed("title:recep "));
    assert!(finds_seed("title:erdogan"));
    assert!(finds_seed("title:erd"));
}

#[test]
fn any_chinese_substring_is_found() {
    let found = titles("海峡大桥");
    assert_eq!(found.iter().filter(|t| t.contains("海峡大桥")).count(), 2);
    assert!(texts("海峡大桥").iter().all(|t| t.contains("海峡大桥")));
    // The Japanese titles write 橋, not 桥.
    assert!(!found.iter().any(|t| t.contains("海峡大橋")));
    assert_eq!(titles("东港"), titles("东港 "));
    assert!(titles("港东").is_empty());
}

#[test]
fn cyrillic_in_another_case_and_greek_without_accents() {
    let bridge = texts("МОСТ ");
    assert!(bridge.len() >= 3, "{bridge:?}");
    assert!(bridge.iter().all(|t| t.contains("мост")));
    assert_eq!(titles("МОСТ "), titles("мост "));
    let kessia = titles("Κεσσια ");
    assert!(
        kessia.iter().filter(|t| t.contains("Κέσσια")).count() >= 2,
        "{kessia:?}"
    );
    assert!(texts("Κεσσια ").iter().all(|t| t.contains("κέσσια")));
}

#[test]
fn relevance_puts_title_hits_first() {
    let snapshot = snapshot();
    let options = SearchOptions {
        sort: SortBy::Relevance,
        limit: 3,
    };
    let hits = search(&snapshot, "kessel ", &options).unwrap();
    assert!(hits.count > 3);
    assert_eq!(hits.entries.len(), 3);
    let best = snapshot.row(&hits.entries[0]).unwrap();
    assert!(best.title.contains("Kessel"), "{}", best.title);
    let by_date = search(
        &snapshot,
        "kessel ",
        &SearchOptions {
            sort: SortBy::Date,
            limit: 3,
        },
    )
    .unwrap();
    assert_eq!(by_date.count, hits.count);
    assert_ne!(by_date.entries, hits.entries);
}

#[test]
fn a_query_that_cannot_be_parsed_says_why() {
    let options = SearchOptions {
        sort: SortBy::Date,
        limit: 10,
    };
    match search(&snapshot(), "date:2022-13 x", &options) {
        Err(SearchError::Query(e)) => assert!(e.span.start < e.span.end),
        other => panic!("expected a query error, got {other:?}"),
    }
}

#[test]
fn the_first_page_and_the_tally_agree_with_the_timeline() {
    let snapshot = snapshot();
    let query = Query::parse("kessel").unwrap();
    let prepared = engine::prepare(&snapshot, &query, None);
    let page = prepared.first_page(SortBy::Date, 4).unwrap();
    let tally = prepared.tally().unwrap();
    let all = engine::all_positions(&snapshot, &tally);
    assert_eq!(all.len(), tally.count);
    assert!(all.windows(2).all(|w| w[0] < w[1]), "timeline order");
    let mut first = locate_all(snapshot.timeline(), &page);
    first.sort_unstable();
    assert_eq!(
        first,
        all[..4],
        "the first page is the head of the full list"
    );
    let per_day: u32 = tally.days.iter().map(|&(_, n)| n).sum();
    assert_eq!(per_day as usize, tally.count, "every match is dated");
}

#[test]
fn is_filters_use_the_reading_state() {
    let snapshot = snapshot();
    let kessel = Query::parse("kessel is:starred").unwrap();
    let first = snapshot.timeline()[0];
    let flags = FlagFilter {
        wanted: kessel.flags(),
        read: HashSet::new(),
        starred: HashSet::from([first.id_hash]),
        ..FlagFilter::default()
    };
    let everything = Query::parse("is:starred").unwrap();
    let tally = engine::prepare(&snapshot, &everything, Some(Arc::new(flags.clone())))
        .tally()
        .unwrap();
    assert_eq!(tally.count, 1);
    let unread = FlagFilter {
        wanted: vec![(Flag::Unread, true)],
        read: HashSet::from([first.id_hash]),
        starred: HashSet::new(),
        ..FlagFilter::default()
    };
    let tally = engine::prepare(
        &snapshot,
        &Query::parse("is:unread").unwrap(),
        Some(Arc::new(unread)),
    )
    .tally()
    .unwrap();
    assert_eq!(tally.count, snapshot.timeline().len() - 1);
}

#[test]
fn highlights_mark_the_matched_title_words() {
    let query = Query::parse("erdo").unwrap();
    assert_eq!(
        query.highlights(),
        [Highlight {
            text: "erdo".into(),
            prefix: true
        }]
    );
    let matcher = Matcher::new(&query.highlights());
    let title = &titles("erdo")[0];
    let spans = matcher.char_spans(title);
    assert_eq!(spans.len(), 1);
    let [start, end] = spans[0];
    let word: String = title.chars().skip(start).take(end - start).collect();
    assert_eq!(word, "Erdogan");
}

#[test]
fn stop_words_in_a_phrase_keep_their_place() {
    // "avec", "la" and "en" are French stop words: the seed's body does not index them.
    assert!(finds_seed("\"entretien téléphonique avec Recep\""));
    assert!(finds_seed("\"la situation en Transcaucasie\""));
    // Their places are kept: a phrase with a word missing does not match.
    assert!(!finds_seed("\"entretien avec Recep\""));
}

#[test]
fn a_stop_word_beside_another_word_is_satisfied_by_the_language() {
    assert!(finds_seed("avec Transcaucasie"));
    // The same while "avec" is still being typed (the last word is a prefix).
    assert!(finds_seed("Transcaucasie avec"));
}

#[test]
fn a_stop_word_alone_finds_only_where_it_is_indexed() {
    // Alone, "avec" is not taken as "any French article": only titles and ledes have it.
    let french = rows("lang:fr").len();
    let with_avec = rows("lang:fr avec").len();
    assert!(french > 0 && with_avec < french, "{with_avec} of {french}");
    for text in texts("lang:fr avec") {
        assert!(text.contains("avec"), "{text}");
    }
}
