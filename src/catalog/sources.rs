//! One name per outlet. An article's source is the name its lede's trailer gives ("Ostrianer
//! Tagblatt"), else one made from its URL's host ("tagblatt-ostria.example"): the same outlet
//! appears under two names when some of its ledes name it and others do not. The catalog
//! counts its articles per (source, host) pair and merges here: an article named after its
//! host takes the name that the other articles of that host give in their ledes (the most
//! common one, if they differ), or, when that host has none, the one name that the hosts of
//! the same outlet (`www.`, language editions) agree on. Lede names are never changed.

use std::collections::{BTreeMap, HashMap};

use crate::parse::source_from_host;

/// The sources of an archive as the picker lists them, and which articles each holds.
#[derive(Debug, Clone, Default)]
pub struct SourceNames {
    /// Display names with article counts, sorted by name; every one holds an article.
    names: Vec<(String, usize)>,
    index: HashMap<(String, Option<String>), u32>,
    /// Per name: the host-made names merged into it, each with its host.
    merged_in: Vec<Vec<(String, String)>>,
}

impl SourceNames {
    /// `pairs`: each (source as parsed, URL host) with its number of articles. A pair may
    /// come more than once (once per index segment): counts add up.
    pub fn merge<'a>(pairs: impl IntoIterator<Item = (&'a str, Option<&'a str>, usize)>) -> Self {
        let mut tally: BTreeMap<(&str, Option<&str>), usize> = BTreeMap::new();
        for (source, host, count) in pairs {
            if count > 0 {
                *tally.entry((source, host)).or_default() += count;
            }
        }
        // Lede names per host, and per host-made name (the outlet's hosts together).
        let mut by_host: HashMap<&str, BTreeMap<&str, usize>> = HashMap::new();
        let mut by_outlet: HashMap<String, BTreeMap<&str, usize>> = HashMap::new();
        for (&(source, host), &count) in &tally {
            if let Some(host) = host.filter(|h| !host_made(source, h) && !source.is_empty()) {
                *by_host.entry(host).or_default().entry(source).or_default() += count;
                let outlet = source_from_host(host);
                *by_outlet
                    .entry(outlet)
                    .or_default()
                    .entry(source)
                    .or_default() += count;
            }
        }
        let most_common = |names: &BTreeMap<&str, usize>| {
            // Ties go to the first name in order, so the choice never depends on the index.
            names
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(name, _)| name.to_string())
        };
        let mut named: BTreeMap<String, usize> = BTreeMap::new();
        let mut assigned: Vec<((String, Option<String>), String)> = Vec::new();
        let mut merged: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for (&(source, host), &count) in &tally {
            let name = match host.filter(|h| host_made(source, h)) {
                Some(h) => {
                    let lede_name = by_host.get(h).and_then(most_common).or_else(|| {
                        by_outlet
                            .get(source)
                            .filter(|names| names.len() == 1)
                            .and_then(most_common)
                    });
                    match lede_name {
                        Some(lede_name) => {
                            merged
                                .entry(lede_name.clone())
                                .or_default()
                                .push((source.to_string(), h.to_string()));
                            lede_name
                        }
                        None => source.to_string(),
                    }
                }
                None => source.to_string(),
            };
            *named.entry(name.clone()).or_default() += count;
            assigned.push(((source.to_string(), host.map(str::to_string)), name));
        }
        let names: Vec<(String, usize)> = named.into_iter().collect();
        let position = |name: &str| {
            names
                .binary_search_by(|(n, _)| n.as_str().cmp(name))
                .map_or(0, |i| i as u32)
        };
        let index = assigned
            .into_iter()
            .map(|(pair, name)| (pair, position(&name)))
            .collect();
        let merged_in = names
            .iter()
            .map(|(name, _)| merged.remove(name).unwrap_or_default())
            .collect();
        SourceNames {
            names,
            index,
            merged_in,
        }
    }

    /// What `Catalog::sources` returns.
    pub fn names(&self) -> &[(String, usize)] {
        &self.names
    }

    /// The index in [`names`](Self::names) of an article with this source and host.
    pub fn index_of(&self, source: &str, host: Option<&str>) -> Option<u32> {
        self.index
            .get(&(source.to_string(), host.map(str::to_string)))
            .copied()
    }

    /// The name shown for index `index` of [`names`](Self::names).
    pub fn name(&self, index: u32) -> Option<&str> {
        self.names.get(index as usize).map(|(n, _)| n.as_str())
    }

    /// The host-made names merged into the source at `index`, each with its host: the
    /// articles a `source:` search for that source must find beside those its name finds.
    pub fn merged_in(&self, index: usize) -> &[(String, String)] {
        self.merged_in.get(index).map_or(&[], Vec::as_slice)
    }
}

/// Whether `source` is the name made from `host` (the lede named no source).
fn host_made(source: &str, host: &str) -> bool {
    source == source_from_host(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(merged: &SourceNames) -> Vec<(&str, usize)> {
        merged
            .names()
            .iter()
            .map(|(n, c)| (n.as_str(), *c))
            .collect()
    }

    #[test]
    fn a_host_named_article_takes_the_name_its_hosts_ledes_give() {
        let tagblatt = Some("tagblatt-ostria.example");
        let merged = SourceNames::merge([
            ("Ostrianer Tagblatt", tagblatt, 3),
            ("tagblatt-ostria.example", tagblatt, 2),
            ("rt.com", Some("rt.com"), 1),
            ("", None, 0),
        ]);
        assert_eq!(
            names(&merged),
            [("Ostrianer Tagblatt", 5), ("rt.com", 1)],
            "merged, the empty bucket left out"
        );
        let index = merged.index_of("tagblatt-ostria.example", tagblatt);
        assert_eq!(index, Some(0));
        assert_eq!(
            merged.merged_in(0),
            [(
                "tagblatt-ostria.example".to_string(),
                "tagblatt-ostria.example".to_string()
            )]
        );
        assert!(merged.merged_in(1).is_empty());
    }

    /// Two editions of one outlet under one host-made name keep their own lede names; a host
    /// of the outlet with no lede name of its own joins the outlet only when it has one name.
    #[test]
    fn editions_keep_their_names_and_bare_hosts_join_an_unambiguous_outlet() {
        let merged = SourceNames::merge([
            ("Sputnik France", Some("fr.sputniknews.com"), 4),
            ("sputniknews.com", Some("fr.sputniknews.com"), 1),
            ("Sputnik Deutschland", Some("de.sputniknews.com"), 2),
            ("sputniknews.com", Some("de.sputniknews.com"), 1),
            ("sputniknews.com", Some("www.sputniknews.com"), 1),
            ("Le Monde", Some("www.lemonde.fr"), 2),
            ("lemonde.fr", Some("lemonde.fr"), 1),
            ("Reuters", None, 1),
            ("", None, 1),
        ]);
        assert_eq!(
            names(&merged),
            [
                ("", 1),
                ("Le Monde", 3),
                ("Reuters", 1),
                ("Sputnik Deutschland", 3),
                ("Sputnik France", 5),
                ("sputniknews.com", 1),
            ]
        );
    }

    #[test]
    fn the_most_common_lede_name_wins_and_ties_go_to_the_first() {
        let host = Some("x.example");
        let merged = SourceNames::merge([("B", host, 2), ("A", host, 2), ("x.example", host, 1)]);
        assert_eq!(merged.index_of("x.example", host), Some(0));
        assert_eq!(merged.name(0), Some("A"));
    }
}
