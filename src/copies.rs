//! Wire copies and near-duplicates: articles whose bodies are near-copies of each other (the
//! same story from another outlet or URL, a headline rewritten, a paragraph dropped, a
//! credit line added, a few words changed, published a few days apart).
//!
//! Pure functions, in three steps:
//! - [`signature`]: the body's words, folded as the index folds them (case and diacritics
//!   do not matter), as overlapping 5-word shingles, summarised by a 128-bin one-permutation
//!   MinHash kept to 8 bits a bin ([`Signature`], 136 bytes with the shingle count);
//! - [`group`]: LSH banding of the signatures into buckets, candidate pairs verified by the
//!   estimated overlap (a large share of the shorter body must be shared, so boilerplate
//!   or one quoted paragraph never makes a pair) and a date window, then union-find;
//! - [`Groups`]: the groups, earliest article first, keyed by article identity (the id hash),
//!   so they survive re-indexing and a change of how documents are addressed;
//! - [`regroup`]: after a sync, only the articles that changed and the groups they were in
//!   are placed again, the rest kept ([`Grouping`] is what the last grouping leaves for it).
//!
//! Cost: a signature is one pass over the body (one hash per word and one per shingle,
//! no allocation); grouping is one sort per band (32 of them) over the articles and at most
//! [`group::PER_BUCKET`] comparisons per article and band, so O(n log n) in the sorts and
//! linear in everything else; it never compares all pairs.

mod diff;
mod file;
mod group;
mod groups;
mod regroup;
mod shingles;
mod signature;

pub use diff::{Change, word_diff};
pub use file::{load, load_grouping, save};
pub use group::{Item, group};
pub use groups::{Groups, Place};
pub use regroup::{Grouping, regroup};
pub use signature::{BINS, PACKED, Signature, signature};
