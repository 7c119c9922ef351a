//! The documents of recent prefixes, per segment. A segment never changes its documents (a
//! changed file is indexed again in a new segment, and deletions are filtered by the
//! collectors), so a segment id, fields and prefix name the same bits for as long as the
//! segment lives. Typing reads the same prefix twice per keystroke (first page, then count)
//! and again after a backspace.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;

use super::{Bits, Searched};

/// Bytes of bits kept, oldest dropped first: 64 prefixes of a million-document segment.
const BUDGET: usize = 8 << 20;
/// Entries kept at most, whatever their size: a lookup compares every key, and in an archive
/// of small segments the byte budget alone would let thousands of entries pile up.
const MAX_ENTRIES: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub segment: SegmentId,
    pub fields: Vec<Searched>,
    pub prefix: String,
}

static CACHE: Mutex<VecDeque<(Key, Arc<Bits>)>> = Mutex::new(VecDeque::new());

pub fn get(key: &Key) -> Option<Arc<Bits>> {
    let mut cache = CACHE.lock().ok()?;
    let at = cache.iter().position(|(k, _)| k == key)?;
    // Most recently used at the back.
    let entry = cache.remove(at)?;
    let bits = entry.1.clone();
    cache.push_back(entry);
    Some(bits)
}

pub fn put(key: Key, bits: Arc<Bits>) {
    let Ok(mut cache) = CACHE.lock() else {
        return;
    };
    cache.retain(|(k, _)| *k != key);
    cache.push_back((key, bits));
    let mut held: usize = cache.iter().map(|(_, b)| b.bytes()).sum();
    while (held > BUDGET || cache.len() > MAX_ENTRIES) && cache.len() > 1 {
        if let Some((_, dropped)) = cache.pop_front() {
            held -= dropped.bytes();
        }
    }
}

pub fn clear() {
    if let Ok(mut cache) = CACHE.lock() {
        cache.clear();
    }
}
