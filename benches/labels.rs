//! Bulk labelling: every result of a search labelled as one action, as `A l +label y` in the
//! reader and `folio label` do it, over generated archives (default 100000 articles).
//!
//! `cargo bench --bench labels` (`-- 10000 100000` picks sizes). Shares the archive and the
//! index with the search and frames benches (`target/folio-bench/`). The state database is a
//! fresh one on disk (WAL, synchronous=FULL, as the reader keeps it). Each step is timed
//! alone, median of 5 runs; each run labels every article with a label of its own and is
//! undone after, so every run changes every article of a table of the same size:
//! - search: `date:1900..2100`, every match (every article), as entries of the timeline, as
//!   `folio label` asks the engine;
//! - ids: the article ids of the matches, read from the index's stored rows;
//! - write: the labels and their undo step, in one transaction;
//! - undo: the step reverted, in one transaction;
//! - reader: the whole action in the app, from `y` to the change handed to the runtime
//!   (ids, the marks in memory), then its write;
//! - the peer, in the same run: the same labels saved one transaction per article, the way a
//!   single action is saved, timed on 1000 articles and scaled to the count.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use folio::app::{App, Effect, Msg};
use folio::article::ArticleId;
use folio::catalog::Catalog;
use folio::config::Config;
use folio::search::{self, Query, SearchOptions, SortBy};
use folio::state::{Bulk, Label, Op, ReadingState, StateChange, StateSnapshot, default_path};

#[path = "support/archive.rs"]
mod archive;
#[path = "support/index.rs"]
mod index;

const RUNS: usize = 5;
const PEER_ARTICLES: usize = 1000;

struct Row {
    articles: usize,
    search: Duration,
    ids: Duration,
    write: Duration,
    undo: Duration,
    reader: Duration,
    reader_write: Duration,
    peer: Duration,
}

fn main() {
    let mut rows = Vec::new();
    for n in archive::sizes(&[100_000]) {
        match measure(n) {
            Ok(row) => rows.push(row),
            Err(e) => {
                eprintln!("benchmark of {n} articles failed: {e}");
                std::process::exit(1);
            }
        }
    }
    println!(
        "| articles labelled | search | ids | write (one transaction) | label a search's results (search + ids + write) | undo | reader: `y` to change | reader: its write | peer: one transaction per article (scaled from {PEER_ARTICLES}) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        println!(
            "| {} | {} | {} | {} | **{}** | {} | {} | {} | {} |",
            r.articles,
            ms(r.search),
            ms(r.ids),
            ms(r.write),
            ms(r.search + r.ids + r.write),
            ms(r.undo),
            ms(r.reader),
            ms(r.reader_write),
            ms(r.peer),
        );
    }
}

fn measure(n: usize) -> Result<Row, String> {
    let store = index::synced_store(n)?;
    let snapshot = store.current();
    let catalog: Arc<dyn Catalog> = snapshot.clone();
    let err = |e: &dyn std::fmt::Display| e.to_string();
    // Every article, answered by the engine (a range over the date column), not the
    // timeline handed back for an empty query.
    let query = Query::parse("date:1900..2100").map_err(|e| err(&e))?;
    let options = SearchOptions {
        sort: SortBy::Date,
        limit: usize::MAX,
    };
    let dir = tempfile::tempdir().map_err(|e| err(&e))?;
    let mut state = ReadingState::open(&default_path(dir.path())).map_err(|e| err(&e))?;

    let (mut search_t, mut ids_t, mut write_t, mut undo_t) = (vec![], vec![], vec![], vec![]);
    let mut count = 0;
    for run in 0..RUNS {
        let start = Instant::now();
        let hits =
            search::search_with(snapshot.as_ref(), &query, None, &options).map_err(|e| err(&e))?;
        search_t.push(start.elapsed());
        let start = Instant::now();
        let ids: Vec<ArticleId> = catalog.ids(&hits.entries).into_iter().flatten().collect();
        ids_t.push(start.elapsed());
        count = ids.len();
        let label = Label::parse(&format!("run{run}")).map_err(|e| err(&e))?;
        let bulk = Bulk::new(ids, vec![Op::Label(label, true)], "bench");
        let start = Instant::now();
        let changed = state.apply_bulk(&bulk).map_err(|e| err(&e))?;
        write_t.push(start.elapsed());
        if changed != count {
            return Err(format!("labelled {changed} of {count}"));
        }
        let start = Instant::now();
        let undone = state.undo().map_err(|e| err(&e))?;
        undo_t.push(start.elapsed());
        if undone.map(|u| u.articles) != Some(count) {
            return Err("the undo did not revert every article".into());
        }
    }
    eprintln!("labelled {count} articles {RUNS} times");

    // The reader: every row shown, `A l +label` then `y`.
    let (mut reader_t, mut reader_write_t) = (vec![], vec![]);
    for run in 0..RUNS {
        let mut app = App::new(
            catalog.clone(),
            StateSnapshot::default(),
            Config::defaults(true),
            "bench".into(),
        );
        app.update(Msg::Resize {
            width: 160,
            height: 48,
        });
        for c in format!("Al+reader{run}\r").chars() {
            let code = match c {
                '\r' => KeyCode::Enter,
                c => KeyCode::Char(c),
            };
            app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        }
        let start = Instant::now();
        let fx = app.update(Msg::Key(KeyEvent::new(
            KeyCode::Char('y'),
            KeyModifiers::NONE,
        )));
        reader_t.push(start.elapsed());
        let change = fx.into_iter().find_map(|e| match e {
            Effect::Persist(change @ StateChange::Bulk(_)) => Some(change),
            _ => None,
        });
        let Some(change) = change else {
            return Err("the reader sent no bulk change".into());
        };
        let start = Instant::now();
        state.apply(&change).map_err(|e| err(&e))?;
        reader_write_t.push(start.elapsed());
        state.undo().map_err(|e| err(&e))?;
    }

    // The peer: one transaction per article.
    let hits =
        search::search_with(snapshot.as_ref(), &query, None, &options).map_err(|e| err(&e))?;
    let few: Vec<ArticleId> = hits
        .entries
        .iter()
        .take(PEER_ARTICLES)
        .filter_map(|e| catalog.row(e))
        .map(|r| r.id)
        .collect();
    let label = Label::parse("peer").map_err(|e| err(&e))?;
    let start = Instant::now();
    for id in &few {
        let bulk = Bulk::new(
            vec![id.clone()],
            vec![Op::Label(label.clone(), true)],
            "peer",
        );
        state.apply_bulk(&bulk).map_err(|e| err(&e))?;
    }
    let per_article = start.elapsed() / few.len().max(1) as u32;

    Ok(Row {
        articles: count,
        search: median(search_t),
        ids: median(ids_t),
        write: median(write_t),
        undo: median(undo_t),
        reader: median(reader_t),
        reader_write: median(reader_write_t),
        peer: per_article * count as u32,
    })
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}
