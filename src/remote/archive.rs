//! A shared archive in the engine as a [`Catalog`] and a `Backend` (its answers are in
//! [`super::answer`]): the reader, the search worker and the headless commands use it exactly
//! as they use the local index.
//!
//! - The timeline (id, date key, id hash and source of every article: 24 bytes each) is read
//!   once when the archive is opened, in pages by document id, and kept; rows and articles
//!   are fetched when shown, rows a screenful at a time, and kept in a small cache.
//! - A query is translated ([`super::translate`]); its first page is one `ORDER BY … LIMIT`
//!   query, its count `SHOW META`'s `total_found` and its matches per day one `GROUP BY day`.
//!   When `is:` filters ask for the reading state, which only this machine has, the
//!   matching ids are read in pages and filtered here.
//! - Each request has a timeout; one that fails is tried again twice, with a pause growing
//!   from a tenth of a second, unless a newer search replaced it meanwhile.
//! - A shard that did not answer leaves its articles out and the front says so in a warning:
//!   `Answer::notice` gives "1 of 2 shards did not answer".

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use lru::LruCache;

use super::client::{Client, RemoteError, Rows};
use super::translate::{Translated, translate};
use super::url::RemoteUrl;
use crate::article::{Article, ArticleId, Meta, Paragraph, Problem, Published};
use crate::catalog::{Catalog, DocRef, Entry, Row};
use crate::sanitize::sanitize;
use crate::search::SearchError;
use crate::search::query::Query;

/// Rows per page when reading the timeline or every match.
pub(super) const PAGE: usize = 10_000;

/// Matches read in one request at most; more are read in pages.
pub(super) const ONE_REQUEST: usize = 2_000_000;

/// Rows fetched together when one row is missing: a screenful around it.
const ROWS_AROUND: usize = 64;

/// How long one request may take before it counts as failed.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

const ROW_COLUMNS: &str =
    "id, article_id, path_s, url_s, title_s, lede_s, source_s, language_s, sort_key";

pub struct RemoteArchive {
    client: Client,
    /// How many shards the front asks (1 for a plain table).
    shards: usize,
    timeline: Vec<Entry>,
    /// Document id -> place on the timeline.
    places: HashMap<u64, u32>,
    sources: Vec<(String, usize)>,
    rows: Mutex<LruCache<u64, Row>>,
    /// What the last request said about shards that did not answer.
    notice: Mutex<Option<String>>,
}

impl RemoteArchive {
    /// Connects and reads the timeline. Fails, naming the URL, when nobody answers there.
    pub fn open(url: &RemoteUrl, timeout: Duration) -> Result<RemoteArchive, RemoteError> {
        let client = Client::connect(url, timeout)?;
        let described = client.query(&format!("DESCRIBE {}", url.table))?;
        // A distributed table lists its agents (host:port:table); a plain one its columns.
        let agents = described
            .iter()
            .filter(|row| {
                row.first()
                    .and_then(Option::as_deref)
                    .is_some_and(|name| name.matches(':').count() >= 2)
            })
            .count();
        let mut archive = RemoteArchive {
            client,
            shards: agents.max(1),
            timeline: Vec::new(),
            places: HashMap::new(),
            sources: Vec::new(),
            rows: Mutex::new(LruCache::new(
                NonZeroUsize::new(4096).unwrap_or(NonZeroUsize::MIN),
            )),
            notice: Mutex::new(None),
        };
        archive.read_timeline()?;
        Ok(archive)
    }

    pub fn url(&self) -> &RemoteUrl {
        self.client.url()
    }

    pub fn shards(&self) -> usize {
        self.shards
    }

    /// What the last request said about shards that did not answer, if any did not.
    pub fn notice(&self) -> Option<String> {
        self.notice.lock().ok()?.clone()
    }

    fn read_timeline(&mut self) -> Result<(), RemoteError> {
        let table = &self.client.url().table;
        let mut last = 0u64;
        let mut names: HashMap<String, u32> = HashMap::new();
        let mut counts: Vec<usize> = Vec::new();
        let mut entries: Vec<(Entry, u64)> = Vec::new();
        loop {
            let sql = format!(
                "SELECT id, sort_key, idhash, source_s FROM {table} WHERE id > {last} \
                 ORDER BY id ASC LIMIT {PAGE} OPTION max_matches={PAGE}"
            );
            let (rows, meta) = self.client.query_with_meta(&sql)?;
            self.note(&meta);
            let got = rows.len();
            for row in rows {
                let Some(id) = number(&row, 0).and_then(|n| u64::try_from(n).ok()) else {
                    continue;
                };
                last = last.max(id);
                let source = sanitize(text(&row, 3)).into_owned();
                let next = names.len() as u32;
                let index = *names.entry(source).or_insert(next);
                if index as usize == counts.len() {
                    counts.push(0);
                }
                counts[index as usize] += 1;
                let entry = Entry {
                    doc: DocRef::from_raw(id),
                    sort_key: number(&row, 1)
                        .and_then(|k| i32::try_from(k).ok())
                        .unwrap_or(i32::MIN),
                    id_hash: number(&row, 2).unwrap_or(0) as u64,
                    source: index,
                };
                entries.push((entry, id));
            }
            if got < PAGE {
                break;
            }
        }
        // Sources sorted by name, as the local catalog lists them; entries renumbered.
        let mut sorted: Vec<(String, u32)> = names.into_iter().collect();
        sorted.sort();
        let mut renumber = vec![0u32; sorted.len()];
        for (new, (_, old)) in sorted.iter().enumerate() {
            renumber[*old as usize] = new as u32;
        }
        self.sources = sorted
            .into_iter()
            .map(|(name, old)| (name, counts[old as usize]))
            .collect();
        entries.sort_by(|(a, ida), (b, idb)| b.sort_key.cmp(&a.sort_key).then(ida.cmp(idb)));
        self.timeline = entries
            .into_iter()
            .map(|(mut e, _)| {
                e.source = renumber[e.source as usize];
                e
            })
            .collect();
        self.places = self
            .timeline
            .iter()
            .enumerate()
            .map(|(i, e)| (e.doc.raw(), i as u32))
            .collect();
        Ok(())
    }

    /// Remembers a dead shard's warning from `SHOW META`, or that all answered.
    fn note(&self, meta: &[(String, String)]) {
        let warning = meta
            .iter()
            .find(|(name, _)| name == "warning")
            .map(|(_, w)| w.as_str());
        let notice = warning.and_then(|w| {
            let silent = w.matches("agent ").count().min(self.shards);
            (silent > 0).then(|| {
                format!(
                    "{silent} of {} shards did not answer; results are from the others",
                    self.shards
                )
            })
        });
        if let Ok(mut slot) = self.notice.lock() {
            *slot = notice;
        }
    }

    /// Runs `sql` with `SHOW META`, trying again after a failed connection.
    pub(super) fn ask_engine(
        &self,
        sql: &str,
        stopped: &dyn Fn() -> bool,
    ) -> Result<(Rows, Vec<(String, String)>), SearchError> {
        let mut pause = Duration::from_millis(100);
        let mut tries = 0;
        loop {
            if stopped() {
                return Err(SearchError::Cancelled);
            }
            match self.client.query_with_meta(sql) {
                Ok((rows, meta)) => {
                    self.note(&meta);
                    return Ok((rows, meta));
                }
                Err(RemoteError::Unreachable { .. }) if tries < 2 => {
                    tries += 1;
                    std::thread::sleep(pause);
                    pause *= 3;
                }
                Err(e) => return Err(SearchError::Remote(e.to_string())),
            }
        }
    }

    /// Fetches the rows of `ids` into the cache.
    fn fetch_rows(&self, ids: &[u64]) -> Result<(), RemoteError> {
        if ids.is_empty() {
            return Ok(());
        }
        let list: Vec<String> = ids.iter().map(u64::to_string).collect();
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM {} WHERE id IN ({}) LIMIT {} OPTION max_matches={}",
            self.client.url().table,
            list.join(","),
            ids.len(),
            ids.len().max(1)
        );
        let rows = self.client.query(&sql)?;
        if let Ok(mut cache) = self.rows.lock() {
            for row in rows {
                if let Some(id) = number(&row, 0).and_then(|n| u64::try_from(n).ok()) {
                    cache.put(id, row_of(&row));
                }
            }
        }
        Ok(())
    }

    /// Rows for `entries`, fetched together: for printing many.
    pub fn prefetch(&self, entries: &[Entry]) {
        for chunk in entries.chunks(500) {
            let missing: Vec<u64> = match self.rows.lock() {
                Ok(cache) => chunk
                    .iter()
                    .map(|e| e.doc.raw())
                    .filter(|id| !cache.contains(id))
                    .collect(),
                Err(_) => return,
            };
            let _ = self.fetch_rows(&missing);
        }
    }

    /// The timeline places of `ids` (ids published after the archive was opened are not on
    /// it and are left out).
    pub(super) fn places_of(&self, rows: &Rows) -> Vec<u32> {
        rows.iter()
            .filter_map(|row| number(row, 0).and_then(|n| u64::try_from(n).ok()))
            .filter_map(|id| self.places.get(&id).copied())
            .collect()
    }

    /// How many articles match `query` per date key, counted by the engine: one `GROUP BY
    /// sort_key`, whose key still says whether a date is known to the day or only to its
    /// month (as `folio counts` needs); undated articles under `i32::MIN`. `is:` clauses are
    /// not the engine's to answer and are left out here.
    pub fn count_per_key(&self, query: &Query) -> Result<Vec<(i32, u64)>, SearchError> {
        let t = translate(query).map_err(|e| SearchError::Remote(e.0))?;
        let tail = "GROUP BY sort_key ORDER BY sort_key ASC LIMIT 1000000 \
                    OPTION max_matches=1000000";
        let sql = self.select(&t, "sort_key, COUNT(*) AS n", "", tail);
        let (rows, _) = self.ask_engine(&sql, &|| false)?;
        Ok(rows
            .iter()
            .filter_map(|row| {
                let key = i32::try_from(number(row, 0)?).ok()?;
                let n = u64::try_from(number(row, 1)?).ok()?;
                Some((key, n))
            })
            .collect())
    }

    /// The `SELECT` for a translated query: `columns`, the match, the date condition and `extra`
    /// conditions, then `tail` (order, limit, options).
    pub(super) fn select(&self, t: &Translated, columns: &str, extra: &str, tail: &str) -> String {
        let mut sql = format!("SELECT {columns}");
        let mut conditions = Vec::new();
        if let Some(filter) = &t.filter {
            sql.push_str(&format!(", ({filter}) AS keep"));
            conditions.push("keep = 1".to_string());
        }
        if let Some(text) = &t.text {
            conditions.insert(0, format!("MATCH({})", super::escape::literal(text)));
        }
        if !extra.is_empty() {
            conditions.push(extra.to_string());
        }
        sql.push_str(&format!(" FROM {}", self.client.url().table));
        if !conditions.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conditions.join(" AND "));
        }
        sql.push(' ');
        sql.push_str(tail);
        sql
    }
}

/// An article's names from the engine, made safe to show; none when they are unreadable
/// (the article is still worth reading without them).
fn meta_of(json: &str) -> Meta {
    if json.is_empty() {
        return Meta::default();
    }
    let meta: Meta = serde_json::from_str(json).unwrap_or_default();
    let clean = |names: Vec<String>| -> Vec<String> {
        names
            .into_iter()
            .map(|n| sanitize(&n).into_owned())
            .filter(|n| !n.is_empty())
            .collect()
    };
    Meta {
        authors: clean(meta.authors),
        categories: clean(meta.categories),
        tags: clean(meta.tags),
        image_url: meta
            .image_url
            .map(|u| crate::sanitize::sanitize_url(&u).into_owned())
            .filter(|u| !u.is_empty()),
    }
}

pub(super) fn number(row: &[Option<String>], i: usize) -> Option<i64> {
    row.get(i)?.as_deref()?.parse().ok()
}

fn text(row: &[Option<String>], i: usize) -> &str {
    row.get(i).and_then(Option::as_deref).unwrap_or("")
}

/// A row from the engine's strings, made safe to show: they are as untrusted as a file.
fn row_of(row: &[Option<String>]) -> Row {
    let s = |i| sanitize(text(row, i)).into_owned();
    let url = crate::sanitize::sanitize_url(text(row, 3)).into_owned();
    Row {
        id: ArticleId(s(1)),
        path: PathBuf::from(s(2)),
        url: (!url.is_empty()).then_some(url),
        title: s(4),
        lede: s(5),
        source: s(6),
        language: s(7),
        published: number(row, 8)
            .and_then(|k| i32::try_from(k).ok())
            .and_then(Published::from_sort_key),
    }
}

impl Catalog for RemoteArchive {
    fn timeline(&self) -> &[Entry] {
        &self.timeline
    }

    fn sources(&self) -> &[(String, usize)] {
        &self.sources
    }

    fn row(&self, entry: &Entry) -> Option<Row> {
        let id = entry.doc.raw();
        if let Some(row) = self.rows.lock().ok()?.get(&id) {
            return Some(row.clone());
        }
        // A screenful from this row on: the next rows drawn are its neighbours.
        let place = self.places.get(&id).map_or(0, |p| *p as usize);
        let mut ids: Vec<u64> = self
            .timeline
            .iter()
            .skip(place)
            .take(ROWS_AROUND)
            .map(|e| e.doc.raw())
            .collect();
        if !ids.contains(&id) {
            ids.push(id);
        }
        self.fetch_rows(&ids).ok()?;
        self.rows.lock().ok()?.get(&id).cloned()
    }

    fn load(&self, entry: &Entry) -> Result<Article, Problem> {
        let sql = format!(
            "SELECT {ROW_COLUMNS}, paragraphs_s, problems_s, lede_cut, meta_s FROM {} WHERE id = {}",
            self.client.url().table,
            entry.doc.raw()
        );
        let unavailable = |why: String| {
            Problem::skipped(
                self.client.url().to_string(),
                format!("the article could not be fetched from the remote archive: {why}"),
            )
        };
        let rows = self
            .client
            .query(&sql)
            .map_err(|e| unavailable(e.to_string()))?;
        let row = rows
            .first()
            .ok_or_else(|| unavailable("it is no longer there (it was unpublished)".into()))?;
        let shown = row_of(row);
        let paragraphs: Vec<Paragraph> = serde_json::from_str(text(row, 9))
            .map_err(|e| unavailable(format!("its text is not readable ({e})")))?;
        let paragraphs = paragraphs
            .into_iter()
            .map(|p| match p {
                Paragraph::Heading(t) => Paragraph::Heading(sanitize(&t).into_owned()),
                Paragraph::Text(t) => Paragraph::Text(sanitize(&t).into_owned()),
            })
            .collect();
        let problems: Vec<Problem> = serde_json::from_str(text(row, 10)).unwrap_or_default();
        Ok(Article {
            id: shown.id,
            path: shown.path,
            url: shown.url,
            title: shown.title,
            lede: shown.lede,
            lede_truncated: number(row, 11) == Some(1),
            source: shown.source,
            language: shown.language,
            published: shown.published,
            paragraphs,
            meta: meta_of(text(row, 12)),
            problems,
        })
    }

    fn problems(&self) -> &[Problem] {
        &[]
    }

    /// A remote article has no file on this machine.
    fn entry_of_file(&self, _path: &std::path::Path) -> Option<Entry> {
        None
    }
}
