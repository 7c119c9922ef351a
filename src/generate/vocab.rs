//! Per-language vocabularies ranked by frequency: the hand-written words first, then invented
//! words, shorter ones at higher ranks (frequent words are short in every language).

use std::collections::HashSet;
use std::sync::OnceLock;

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

use super::language::{Language, languages};
use super::zipf::Zipf;

/// Words per language. With a Zipf exponent of 1, the rarest of 12,000 words still turns up
/// a few times in a 10,000-article archive, so rare-word queries have answers.
const WORDS_PER_LANGUAGE: usize = 12_000;
const ZIPF_EXPONENT: f64 = 1.0;

pub struct Vocabulary {
    pub language: &'static Language,
    words: Vec<Box<str>>,
    zipf: Zipf,
}

impl Vocabulary {
    pub fn word(&self, rank: usize) -> &str {
        self.words.get(rank).map_or("", |w| w)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Ranks below this are grammatical words.
    pub fn function_words(&self) -> usize {
        self.language.function.len()
    }

    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> usize {
        self.zipf.sample(rng)
    }

    /// A content word (never a grammatical one), still with Zipf frequencies.
    pub fn sample_content<R: Rng + ?Sized>(&self, rng: &mut R) -> usize {
        loop {
            let rank = self.sample(rng);
            if rank >= self.function_words() {
                return rank;
            }
        }
    }
}

/// The vocabularies, in the order of [`languages`]. Built once, from a fixed seed, so every
/// archive and every query list shares the same words whatever the generation seed.
pub fn vocabularies() -> &'static [Vocabulary] {
    static VOCABULARIES: OnceLock<Vec<Vocabulary>> = OnceLock::new();
    VOCABULARIES.get_or_init(|| {
        languages()
            .iter()
            .enumerate()
            .map(|(i, language)| build(language, 0x5eed_0000 + i as u64))
            .collect()
    })
}

fn build(language: &'static Language, seed: u64) -> Vocabulary {
    let mut rng = SmallRng::seed_from_u64(seed);
    let mut seen: HashSet<Box<str>> = HashSet::new();
    let mut words: Vec<Box<str>> = Vec::with_capacity(WORDS_PER_LANGUAGE);
    for word in language.function.iter().chain(&language.content) {
        if seen.insert(word.as_str().into()) {
            words.push(word.as_str().into());
        }
    }
    let mut attempts = 0;
    while words.len() < WORDS_PER_LANGUAGE && attempts < WORDS_PER_LANGUAGE * 20 {
        attempts += 1;
        let rank = words.len();
        let length = 2 + usize::from(rng.random_bool(0.4)) + usize::from(rank > 4_000);
        let word = invent(language, length, &mut rng);
        if seen.insert(word.as_str().into()) {
            words.push(word.into());
        }
    }
    let zipf = Zipf::new(words.len(), ZIPF_EXPONENT);
    Vocabulary {
        language,
        words,
        zipf,
    }
}

fn invent(language: &Language, syllables: usize, rng: &mut SmallRng) -> String {
    let inventory = language
        .syllables
        .get(rng.random_range(0..language.syllables.len().max(1)))
        .map_or(&[][..], Vec::as_slice);
    let mut word = String::new();
    for _ in 0..syllables {
        if let Some(syllable) = inventory.get(rng.random_range(0..inventory.len().max(1))) {
            word.push_str(syllable);
        }
    }
    if rng.random_bool(language.capitalised_share) {
        capitalise_first(&word)
    } else {
        word
    }
}

fn capitalise_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_a_full_vocabulary_of_distinct_words() {
        for vocabulary in vocabularies() {
            assert_eq!(vocabulary.len(), WORDS_PER_LANGUAGE);
            let distinct: HashSet<&str> =
                (0..vocabulary.len()).map(|r| vocabulary.word(r)).collect();
            assert_eq!(distinct.len(), vocabulary.len());
            assert!(distinct.iter().all(|w| !w.is_empty() && !w.contains(' ')));
        }
    }

    #[test]
    fn hand_written_words_hold_the_top_ranks() {
        let english = &vocabularies()[1];
        assert_eq!(english.word(0), "the");
        assert_eq!(english.word(english.function_words()), "harbour");
    }

    #[test]
    fn content_samples_skip_grammatical_words() {
        let mut rng = SmallRng::seed_from_u64(3);
        let french = &vocabularies()[0];
        assert!((0..2_000).all(|_| french.sample_content(&mut rng) >= french.function_words()));
    }
}
