//! A query answered by the engine: the [`Backend`] half of a [`RemoteArchive`]. Its first page
//! is one `ORDER BY … LIMIT` query, its count `SHOW META`'s `total_found`, its matches per
//! day one `GROUP BY day`; with `is:` filters, which only this machine can answer, every
//! matching id is read (in pages past [`ONE_REQUEST`]) and filtered here.

use std::sync::{Arc, Mutex};

use super::archive::{ONE_REQUEST, PAGE, RemoteArchive, number};
use super::translate::{Translated, translate};
use crate::catalog::Catalog;
use crate::search::query::Query;
use crate::search::{Answer, Backend, FlagFilter, SearchError, SortBy, Totals};

impl Backend for RemoteArchive {
    fn ask<'a>(&'a self, query: &Query, flags: Option<Arc<FlagFilter>>) -> Box<dyn Answer + 'a> {
        Box::new(RemoteAnswer {
            archive: self,
            translated: translate(query).map_err(|e| e.0),
            flags: flags.filter(|f| !f.wanted.is_empty()),
            stop: Mutex::new(None),
            found: Mutex::new(None),
        })
    }
}

type Stop = Box<dyn Fn() -> bool + Send + Sync>;

struct RemoteAnswer<'a> {
    archive: &'a RemoteArchive,
    translated: Result<Translated, String>,
    flags: Option<Arc<FlagFilter>>,
    stop: Mutex<Option<Stop>>,
    /// Every match counted by the engine, once a page was asked for (`total_found`).
    found: Mutex<Option<usize>>,
}

impl RemoteAnswer<'_> {
    fn stopped(&self) -> bool {
        self.stop
            .lock()
            .ok()
            .and_then(|s| s.as_ref().map(|f| f()))
            .unwrap_or(false)
    }

    fn translated(&self) -> Result<&Translated, SearchError> {
        self.translated
            .as_ref()
            .map_err(|e| SearchError::Remote(e.clone()))
    }

    fn order(sort: SortBy) -> &'static str {
        match sort {
            SortBy::Date => "ORDER BY sort_key DESC, id ASC",
            SortBy::Relevance => "ORDER BY WEIGHT() DESC, sort_key DESC, id ASC",
        }
    }

    fn options(sort: SortBy, max: usize) -> String {
        let max = max.max(1000);
        match sort {
            SortBy::Date => format!("OPTION max_matches={max}"),
            SortBy::Relevance => format!("OPTION max_matches={max}, field_weights=(title=2)"),
        }
    }

    /// The timeline places of the first `limit` matches in `sort` order, without `is:`.
    fn page(&self, sort: SortBy, limit: usize) -> Result<(Vec<u32>, usize), SearchError> {
        let t = self.translated()?;
        let tail = format!(
            "{} LIMIT {limit} {}",
            Self::order(sort),
            Self::options(sort, limit)
        );
        let sql = self.archive.select(t, "id", "", &tail);
        let (rows, meta) = self.archive.ask_engine(&sql, &|| self.stopped())?;
        let found = meta
            .iter()
            .find(|(name, _)| name == "total_found")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(rows.len());
        if let Ok(mut slot) = self.found.lock() {
            *slot = Some(found);
        }
        Ok((self.archive.places_of(&rows), found))
    }

    /// Every match's timeline place, in timeline order, `is:` filters applied: in one
    /// request when the engine's count is known to be at most [`ONE_REQUEST`] (each request
    /// evaluates the whole query again), else in pages by document id.
    fn every_match(&self) -> Result<Vec<u32>, SearchError> {
        let t = self.translated()?;
        let known = self.found.lock().ok().and_then(|f| *f);
        let total = match known {
            Some(total) => total,
            None => self.page(SortBy::Date, 1)?.1,
        };
        let mut places = Vec::new();
        if total <= ONE_REQUEST {
            if total > 0 {
                let tail = format!("LIMIT {total} OPTION max_matches={total}");
                let sql = self.archive.select(t, "id", "", &tail);
                let (rows, _) = self.archive.ask_engine(&sql, &|| self.stopped())?;
                places = self.archive.places_of(&rows);
            }
        } else {
            let mut last = 0u64;
            loop {
                let tail = format!("ORDER BY id ASC LIMIT {PAGE} OPTION max_matches={PAGE}");
                let sql = self.archive.select(t, "id", &format!("id > {last}"), &tail);
                let (rows, _) = self.archive.ask_engine(&sql, &|| self.stopped())?;
                let got = rows.len();
                if let Some(id) = rows
                    .last()
                    .and_then(|r| number(r, 0))
                    .and_then(|n| u64::try_from(n).ok())
                {
                    last = id;
                }
                places.extend(self.archive.places_of(&rows));
                if got < PAGE {
                    break;
                }
            }
        }
        if let Some(flags) = &self.flags {
            let timeline = self.archive.timeline();
            places.retain(|&p| {
                timeline
                    .get(p as usize)
                    .is_some_and(|e| flags.accepts(e.id_hash))
            });
        }
        places.sort_unstable();
        Ok(places)
    }

    fn days(&self) -> Result<Vec<(i32, u32)>, SearchError> {
        let t = self.translated()?;
        let tail = "GROUP BY day ORDER BY day ASC LIMIT 1000000 OPTION max_matches=1000000";
        let sql = self.archive.select(t, "day, COUNT(*) AS n", "", tail);
        let (rows, _) = self.archive.ask_engine(&sql, &|| self.stopped())?;
        Ok(rows
            .iter()
            .filter_map(|row| {
                let day = i32::try_from(number(row, 0)?).ok()?;
                let n = u32::try_from(number(row, 1)?).ok()?;
                (day != i32::MIN).then_some((day, n))
            })
            .collect())
    }
}

impl Answer for RemoteAnswer<'_> {
    fn stop_when(&self, stop: Box<dyn Fn() -> bool + Send + Sync>) {
        if let Ok(mut slot) = self.stop.lock() {
            *slot = Some(stop);
        }
    }

    fn first_page(&self, sort: SortBy, limit: usize) -> Result<Vec<u32>, SearchError> {
        match &self.flags {
            None => Ok(self.page(sort, limit)?.0),
            Some(flags) => {
                // Reading state is here, not in the engine: a larger page, filtered.
                let (places, _) = self.page(sort, limit.saturating_mul(4).max(200))?;
                let timeline = self.archive.timeline();
                Ok(places
                    .into_iter()
                    .filter(|&p| {
                        timeline
                            .get(p as usize)
                            .is_some_and(|e| flags.accepts(e.id_hash))
                    })
                    .take(limit)
                    .collect())
            }
        }
    }

    fn tally(&self, sort: SortBy, limit: usize) -> Result<Totals, SearchError> {
        if self.flags.is_none() && limit <= PAGE {
            let (positions, count) = self.page(sort, limit)?;
            let days = self.days()?;
            return Ok(Totals {
                count,
                days,
                positions,
            });
        }
        let all = self.every_match()?;
        let timeline = self.archive.timeline();
        let mut by_day: std::collections::BTreeMap<i32, u32> = Default::default();
        for &p in &all {
            if let Some(e) = timeline.get(p as usize)
                && e.sort_key != i32::MIN
            {
                *by_day.entry(e.sort_key.div_euclid(2)).or_default() += 1;
            }
        }
        let days: Vec<(i32, u32)> = by_day.into_iter().collect();
        let positions = match sort {
            _ if limit == 0 => Vec::new(),
            SortBy::Date => all.iter().take(limit).copied().collect(),
            SortBy::Relevance => self.first_page(SortBy::Relevance, limit.min(PAGE))?,
        };
        Ok(Totals {
            count: all.len(),
            days,
            positions,
        })
    }

    fn notice(&self) -> Option<String> {
        self.archive.notice()
    }
}
