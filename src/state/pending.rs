//! Changes that could not be written yet, kept so the session still sees them.
//!
//! Only the latest change of each kind per article matters, so the list stays as long as the
//! number of articles touched (plus the capped search history), however long the session.

use super::schema::HISTORY_CAP;
use super::{StateChange, StateSnapshot};
use crate::catalog::id_hash;

#[derive(Debug, Default)]
pub struct Pending {
    changes: Vec<StateChange>,
}

impl Pending {
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    pub fn changes(&self) -> &[StateChange] {
        &self.changes
    }

    pub fn clear(&mut self) {
        self.changes.clear();
    }

    pub fn push(&mut self, change: StateChange) {
        self.changes.retain(|old| !supersedes(&change, old));
        self.changes.push(change);
        let searches = self
            .changes
            .iter()
            .filter(|c| matches!(c, StateChange::Searched { .. }))
            .count();
        if searches > HISTORY_CAP
            && let Some(oldest) = self
                .changes
                .iter()
                .position(|c| matches!(c, StateChange::Searched { .. }))
        {
            self.changes.remove(oldest);
        }
    }

    /// Plays the unsaved changes over what the database holds.
    pub fn overlay(&self, snapshot: &mut StateSnapshot) {
        for change in &self.changes {
            match change {
                StateChange::Read { id, read } => toggle(&mut snapshot.read, id_hash(id), *read),
                StateChange::Starred { id, starred } => {
                    toggle(&mut snapshot.starred, id_hash(id), *starred)
                }
                StateChange::Position { .. } => {}
                StateChange::Bulk(bulk) => overlay_bulk(bulk, snapshot),
                StateChange::Note { note, add } => {
                    let notes = snapshot.notes.entry(note.id_hash()).or_default();
                    notes.retain(|n| !n.same(note));
                    if *add {
                        notes.push((**note).clone());
                    }
                }
                StateChange::Setting(setting) => snapshot.settings.apply(setting),
                StateChange::SavedSearch { name, query } => {
                    snapshot
                        .searches
                        .retain(|s| !s.name.eq_ignore_ascii_case(name));
                    snapshot.searches.push(crate::search::query::SavedSearch {
                        name: name.clone(),
                        query: query.clone(),
                    });
                }
                StateChange::SavedSearchDeleted { name } => snapshot
                    .searches
                    .retain(|s| !s.name.eq_ignore_ascii_case(name)),
                StateChange::SavedSearchRenamed { from, to } => {
                    for search in &mut snapshot.searches {
                        if search.name.eq_ignore_ascii_case(from) {
                            search.name = to.clone();
                        }
                    }
                }
                StateChange::Searched { query } => {
                    let query = query.trim();
                    if query.is_empty() {
                        continue;
                    }
                    snapshot.history.retain(|q| q != query);
                    snapshot.history.push(query.to_string());
                    let excess = snapshot.history.len().saturating_sub(HISTORY_CAP);
                    snapshot.history.drain(..excess);
                }
            }
        }
    }

    pub fn position(&self, id: &crate::article::ArticleId) -> Option<(u32, u16)> {
        self.changes.iter().rev().find_map(|change| match change {
            StateChange::Position {
                id: changed,
                line,
                width,
            } if changed == id => Some((*line, *width)),
            _ => None,
        })
    }
}

fn overlay_bulk(bulk: &super::Bulk, snapshot: &mut StateSnapshot) {
    use super::Op;
    for id in &bulk.ids {
        let hash = id_hash(id);
        for op in &bulk.ops {
            match op {
                Op::Read(on) => toggle(&mut snapshot.read, hash, *on),
                Op::Starred(on) => toggle(&mut snapshot.starred, hash, *on),
                Op::Label(label, on) => {
                    let labels = snapshot.labels.entry(hash).or_default();
                    let at = labels.binary_search_by(|l| l.as_str().cmp(label.as_str()));
                    match (at, on) {
                        (Err(at), true) => labels.insert(at, label.to_string()),
                        (Ok(at), false) => {
                            labels.remove(at);
                        }
                        _ => {}
                    }
                    if labels.is_empty() {
                        snapshot.labels.remove(&hash);
                    }
                }
            }
        }
    }
}

fn toggle(set: &mut std::collections::HashSet<u64>, hash: u64, on: bool) {
    if on {
        set.insert(hash);
    } else {
        set.remove(&hash);
    }
}

/// Whether `new` makes `old` pointless to write.
fn supersedes(new: &StateChange, old: &StateChange) -> bool {
    use StateChange::*;
    match (new, old) {
        (Read { id: a, .. }, Read { id: b, .. })
        | (Starred { id: a, .. }, Starred { id: b, .. })
        | (Position { id: a, .. }, Position { id: b, .. }) => a == b,
        (Searched { query: a }, Searched { query: b }) => a.trim() == b.trim(),
        (Setting(a), Setting(b)) => a.replaces(b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::ArticleId;

    fn id(s: &str) -> ArticleId {
        ArticleId(s.to_string())
    }

    #[test]
    fn keeps_only_the_latest_change_per_article_and_kind() {
        let mut pending = Pending::default();
        for line in 0..100 {
            pending.push(StateChange::Position {
                id: id("a"),
                line,
                width: 80,
            });
        }
        pending.push(StateChange::Read {
            id: id("a"),
            read: true,
        });
        pending.push(StateChange::Read {
            id: id("a"),
            read: false,
        });
        assert_eq!(pending.len(), 2);
        assert_eq!(pending.position(&id("a")), Some((99, 80)));

        let mut snapshot = StateSnapshot::default();
        snapshot.read.insert(id_hash(&id("a")));
        pending.overlay(&mut snapshot);
        assert!(snapshot.read.is_empty(), "the later unread wins");
    }

    #[test]
    fn unsaved_searches_are_capped_and_deduplicated() {
        let mut pending = Pending::default();
        for i in 0..HISTORY_CAP + 50 {
            pending.push(StateChange::Searched {
                query: format!("q{i}"),
            });
        }
        pending.push(StateChange::Searched {
            query: " q100 ".into(),
        });
        assert_eq!(pending.len(), HISTORY_CAP);
        let mut snapshot = StateSnapshot::default();
        pending.overlay(&mut snapshot);
        assert_eq!(snapshot.history.len(), HISTORY_CAP);
        assert_eq!(snapshot.history.last().map(String::as_str), Some("q100"));
        assert!(!snapshot.history.contains(&"q0".to_string()));
    }
}
