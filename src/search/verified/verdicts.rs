//! Verdicts kept across queries, process-wide.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use lru::LruCache;
use tantivy::DocId;
use tantivy::index::SegmentId;

use crate::search::phrase::Phrase;

/// One phrase's verdicts so far on the documents of one segment.
pub(super) type Verdicts = Arc<Mutex<HashMap<DocId, bool>>>;

/// Verdicts are kept across queries: typing on after a phrase asks about it again on every
/// keystroke. A segment never changes its documents (a changed file is indexed again in a
/// new segment), so a phrase and a segment id name the same verdicts for as long as the
/// files do not change behind the index's back, which the next sync notices.
struct VerdictCache {
    by_phrase: LruCache<(Arc<Phrase>, SegmentId), Verdicts>,
}

/// Verdicts kept in all, about 40 bytes each: beyond this many the phrases least recently
/// asked about are forgotten first, so the one being typed keeps its verdicts.
const CACHE_VERDICTS: usize = 2_000_000;

pub(super) fn cached_verdicts(phrase: &Arc<Phrase>, segment: SegmentId) -> Verdicts {
    static CACHE: OnceLock<Mutex<VerdictCache>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| {
        Mutex::new(VerdictCache {
            by_phrase: LruCache::unbounded(),
        })
    });
    let Ok(mut cache) = cache.lock() else {
        return Verdicts::default();
    };
    let key = (phrase.clone(), segment);
    let verdicts = match cache.by_phrase.get(&key) {
        Some(verdicts) => verdicts.clone(),
        None => {
            let verdicts = Verdicts::default();
            cache.by_phrase.put(key, verdicts.clone());
            verdicts
        }
    };
    // The maps grow after they are handed out, so the total is taken at each ask.
    let size = |v: &Verdicts| v.lock().map_or(0, |v| v.len());
    let mut kept: usize = cache.by_phrase.iter().map(|(_, v)| size(v)).sum();
    while kept > CACHE_VERDICTS && cache.by_phrase.len() > 1 {
        match cache.by_phrase.pop_lru() {
            Some((_, forgotten)) => kept -= size(&forgotten),
            None => break,
        }
    }
    verdicts
}
