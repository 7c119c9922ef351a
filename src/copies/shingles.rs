//! Words folded as the index folds them, and the 5-word shingles made of them, as hashes.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Words per shingle: five words rarely recur together by chance in news text, and a changed
/// word spoils only the five shingles that hold it.
pub const SHINGLE_WORDS: usize = 5;

/// Calls `each` with the hash of every shingle of `text`, in order, and returns how many
/// there were. Words are runs of letters and digits, lowercased and stripped of diacritics
/// (`Erdoğan` = `erdogan`), so a copy retyped without accents or in capitals still matches.
pub fn shingles(text: &str, each: &mut impl FnMut(u64)) -> u32 {
    let mut window = [0u64; SHINGLE_WORDS];
    let mut words = 0usize;
    let mut count = 0u32;
    for_each_word(text, &mut |word| {
        window[words % SHINGLE_WORDS] = word;
        words += 1;
        if words >= SHINGLE_WORDS {
            // Each word rotated by its place in the shingle, so that order matters.
            let mut h = 0u64;
            for back in 0..SHINGLE_WORDS {
                let w = window[(words - 1 - back) % SHINGLE_WORDS];
                h ^= w.rotate_left((back * 13) as u32);
            }
            each(mix(h));
            count = count.saturating_add(1);
        }
    });
    count
}

/// The hash of each folded word of `text` (FNV-1a over the folded characters).
fn for_each_word(text: &str, each: &mut impl FnMut(u64)) {
    const START: u64 = 0xcbf2_9ce4_8422_2325;
    let mut h = START;
    let mut in_word = false;
    let push = |h: &mut u64, c: char| {
        *h = (*h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3);
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            push(&mut h, c.to_ascii_lowercase());
            in_word = true;
        } else if !c.is_ascii() && (c.is_alphanumeric() || is_combining_mark(c)) {
            // Diacritics go: the base letters of the canonical decomposition, lowercased.
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    for l in d.to_lowercase() {
                        push(&mut h, l);
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
