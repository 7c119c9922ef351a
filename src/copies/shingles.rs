//! Words folded as the index folds them, and the 5-word shingles made of them, as hashes.
//!
//! This runs on every body the index build reads, so it is written for speed: each word is
//! hashed once as its characters go by (ASCII without decoding), and each shingle's hash is
//! rolled from the previous one with two rotations and three XORs rather than re-hashed from
//! its five words. Nothing is allocated.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Words per shingle: five words rarely recur together by chance in news text, and a changed
/// word spoils only the five shingles that hold it.
pub const SHINGLE_WORDS: usize = 5;

/// How far each word's hash is rotated per place it moves back in the shingle, so that the
/// order of the words matters; coprime with 64, so no two places line up.
const TURN: u32 = 13;

/// Calls `each` with the hash of every shingle of `text`, in order, and returns how many
/// there were. Words are runs of letters and digits, lowercased and stripped of diacritics
/// (`Erdoğan` = `erdogan`), so a copy retyped without accents or in capitals still matches.
/// The hashes are not mixed: the caller mixes them once (see [`mix`]).
#[cfg(test)]
pub fn shingles(text: &str, each: &mut impl FnMut(u64)) -> u32 {
    shingles_of([text], each)
}

/// [`shingles`] of pieces of text read as one, a word break between pieces (the paragraphs
/// of a body, without copying them into one string).
pub fn shingles_of<'a>(
    pieces: impl IntoIterator<Item = &'a str>,
    each: &mut impl FnMut(u64),
) -> u32 {
    // The last SHINGLE_WORDS word hashes, as a ring, and the rolling shingle hash: the XOR
    // of the word `back` places back rotated by `back * TURN`, for back in 0..SHINGLE_WORDS.
    let mut window = [0u64; SHINGLE_WORDS];
    let mut words = 0usize;
    let mut rolling = 0u64;
    let mut count = 0u32;
    let oldest_turn = (SHINGLE_WORDS as u32 * TURN) % 64;
    let mut word = |w: u64| {
        let slot = words % SHINGLE_WORDS;
        // Every word moves one place back; the one five places back leaves.
        let leaving = if words >= SHINGLE_WORDS {
            window.get(slot).copied().unwrap_or(0)
        } else {
            0
        };
        rolling = rolling.rotate_left(TURN) ^ leaving.rotate_left(oldest_turn) ^ w;
        if let Some(s) = window.get_mut(slot) {
            *s = w;
        }
        words += 1;
        if words >= SHINGLE_WORDS {
            each(rolling);
            count = count.saturating_add(1);
        }
    };
    for piece in pieces {
        for_each_word(piece, &mut word);
    }
    count
}

/// The hash of each folded word of `text` (FNV-1a over the folded characters).
fn for_each_word(text: &str, each: &mut impl FnMut(u64)) {
    const START: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = START;
    let mut in_word = false;
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii() {
            // Most news text is mostly ASCII: no decoding, no table look-up.
            at += 1;
            if b.is_ascii_alphanumeric() {
                h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(PRIME);
                in_word = true;
            } else if in_word {
                each(h);
                h = START;
                in_word = false;
            }
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        at += c.len_utf8();
        if c.is_alphanumeric() || is_combining_mark(c) {
            // Diacritics go: the base letters of the canonical decomposition, lowercased.
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    for l in d.to_lowercase() {
                        h = (h ^ u64::from(l)).wrapping_mul(PRIME);
                    }
                }
            });
            in_word = true;
        } else if in_word {
            each(h);
            h = START;
            in_word = false;
        }
    }
    if in_word {
        each(h);
    }
}

/// A 64-bit finaliser (splitmix64's): every input bit moves every output bit, so the low
/// and high bits of a shingle hash are both fit to pick bins and values.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        shingles(text, &mut |h| out.push(h));
        out
    }

    #[test]
    fn case_diacritics_and_punctuation_do_not_matter() {
        let a = all("Le président Erdoğan a reçu, hier, la délégation de l'OTAN.");
        let b = all("le PRESIDENT erdogan a recu hier la delegation de l otan");
        assert_eq!(a, b);
        assert_eq!(a.len(), 11 - SHINGLE_WORDS + 1);
    }

    #[test]
    fn order_matters_and_short_texts_have_no_shingle() {
        assert_ne!(
            all("one two three four five"),
            all("five four three two one")
        );
        assert!(all("only four words here").is_empty());
        assert!(all("").is_empty());
        assert_eq!(shingles("a b c d e f", &mut |_| {}), 2);
    }

    #[test]
    fn a_changed_word_changes_only_the_shingles_that_hold_it() {
        let a = all("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15");
        let b = all("w1 w2 w3 w4 w5 w6 w7 XX w9 w10 w11 w12 w13 w14 w15");
        let same = a.iter().zip(&b).filter(|(x, y)| x == y).count();
        assert_eq!(a.len() - same, SHINGLE_WORDS);
    }
}
