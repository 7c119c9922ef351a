//! One-permutation MinHash: each shingle hash is hashed once; its top bits pick one of
//! [`BINS`] bins and the rest is a value, of which each bin keeps the smallest. Two bodies'
//! bins agree with probability their Jaccard similarity (shared shingles over all shingles),
//! as with 128 independent hash functions, at the cost of one hash per shingle rather than
//! 128: this is what keeps the index build within its time budget.
//!
//! A bin no shingle fell into borrows from the next filled bin along (rotation
//! densification), salted by the distance, so short bodies still have a full signature.
//! Each bin is then kept to 8 bits (b-bit MinHash): two unrelated bins agree by chance
//! 1 time in 256, which [`Signature::similarity`] corrects for, and a signature is 128 bytes.

use super::shingles::{mix, shingles};

/// Bins of a signature.
pub const BINS: usize = 128;
/// u64 words a signature packs into (8 bins a word), as the index stores it.
pub const PACKED: usize = BINS / 8;
/// Bodies with fewer shingles (about 15 words) are too short to call copies of anything:
/// a line of credits or a caption would match every other one.
pub const MIN_SHINGLES: u32 = 10;

const BIN_BITS: u32 = BINS.trailing_zeros();

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    pub bins: [u8; BINS],
    /// Shingles in the body: the overlap in shingles is the similarity times the sizes.
    pub shingles: u32,
}

/// The signature of a body given as its paragraphs; `None` when it is too short to judge.
pub fn signature<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Option<Signature> {
    let mut minima = [u64::MAX; BINS];
    let mut count = 0u32;
    // Paragraphs are shingled as one text: a dropped paragraph then loses only its own
    // shingles and the few that span its edges.
    let mut joined = String::new();
    for p in paragraphs {
        joined.push_str(p);
        joined.push(' ');
    }
    count += shingles(&joined, &mut |h| {
        let h = mix(h ^ 0x9e37_79b9_7f4a_7c15);
        let bin = (h >> (64 - BIN_BITS)) as usize;
        let value = h & (u64::MAX >> BIN_BITS);
        if let Some(m) = minima.get_mut(bin) {
            *m = (*m).min(value);
        }
    });
    if count < MIN_SHINGLES {
        return None;
    }
    let mut bins = [0u8; BINS];
    for (i, bin) in bins.iter_mut().enumerate() {
        let (distance, value) = (0..BINS)
            .map(|d| (d, minima[(i + d) % BINS]))
            .find(|&(_, v)| v != u64::MAX)
            .unwrap_or((0, 0));
        *bin = mix(value.wrapping_add(distance as u64)) as u8;
    }
    Some(Signature {
        bins,
        shingles: count,
    })
}

impl Signature {
    /// Estimated Jaccard similarity of the two bodies' shingle sets, in 0..=1.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self
            .bins
            .iter()
            .zip(&other.bins)
            .filter(|(a, b)| a == b)
            .count();
        let chance = 1.0 / 256.0;
        ((same as f64 / BINS as f64 - chance) / (1.0 - chance)).clamp(0.0, 1.0)
    }

    /// The estimated share of the shorter body's shingles that the longer one also has: 1
    /// for a copy with a paragraph dropped, small when only a quoted paragraph is shared.
    pub fn containment(&self, other: &Signature) -> f64 {
        let j = self.similarity(other);
        let (a, b) = (f64::from(self.shingles), f64::from(other.shingles));
        let shared = j / (1.0 + j) * (a + b);
        (shared / a.min(b).max(1.0)).min(1.0)
    }

    /// The bins as the index stores them: eight to a word, little-endian.
    pub fn packed(&self) -> [u64; PACKED] {
        let mut out = [0u64; PACKED];
        for (word, chunk) in out.iter_mut().zip(self.bins.chunks_exact(8)) {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(chunk);
            *word = u64::from_le_bytes(bytes);
        }
        out
    }

    /// A signature read back from the index; `None` unless there are exactly [`PACKED`] words.
    pub fn unpacked(words: &[u64], shingles: u32) -> Option<Signature> {
        if words.len() != PACKED || shingles < MIN_SHINGLES {
            return None;
        }
        let mut bins = [0u8; BINS];
        for (chunk, word) in bins.chunks_exact_mut(8).zip(words) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        Some(Signature { bins, shingles })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body of `n` distinct made-up words, in sentences.
    pub(crate) fn body(seed: u64, n: usize) -> String {
        (0..n)
            .map(|i| format!("w{:x}", mix(seed * 1_000_003 + i as u64) % 5_000_000))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn sig(text: &str) -> Signature {
        signature([text]).expect("long enough")
    }

    #[test]
    fn identical_bodies_are_identical_and_unrelated_ones_are_not_similar() {
        let a = body(1, 400);
        assert_eq!(sig(&a).similarity(&sig(&a)), 1.0);
        let s = sig(&a).similarity(&sig(&body(2, 400)));
        assert!(s < 0.08, "{s}");
    }

    #[test]
    fn the_estimate_follows_the_true_overlap() {
        // 300 shared words and 100 of each body's own: Jaccard ~ 296 / 496 = 0.6.
        let shared = body(3, 300);
        let a = format!("{shared} {}", body(4, 100));
        let b = format!("{shared} {}", body(5, 100));
        let s = sig(&a).similarity(&sig(&b));
        assert!((0.45..0.75).contains(&s), "{s}");
    }

    #[test]
    fn a_dropped_paragraph_keeps_the_shorter_body_contained() {
        let paragraphs: Vec<String> = (0..6).map(|i| body(10 + i, 60)).collect();
        let full = signature(paragraphs.iter().map(String::as_str)).expect("long");
        let trimmed = signature(paragraphs.iter().take(5).map(String::as_str)).expect("long");
        assert!(
            full.containment(&trimmed) > 0.85,
            "{}",
            full.containment(&trimmed)
        );
        let quoted = format!("{} {}", paragraphs[0], body(20, 300));
        let other = sig(&quoted);
        assert!(
            full.containment(&other) < 0.4,
            "{}",
            full.containment(&other)
        );
    }

    #[test]
    fn short_bodies_have_no_signature_and_packing_round_trips() {
        assert!(signature(["a caption of a few words"]).is_none());
        let s = sig(&body(7, 50));
        assert_eq!(Signature::unpacked(&s.packed(), s.shingles), Some(s));
        assert_eq!(Signature::unpacked(&s.packed()[1..], s.shingles), None);
    }
}
