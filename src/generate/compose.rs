//! One synthetic article in the seed format, written into a reused buffer: header line, title,
//! a lede cut by the "scraper", and a body whose paragraphs and sub-headings are glued together.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};
use rand::Rng;
use rand::rngs::SmallRng;
use unicode_normalization::UnicodeNormalization;

use super::calendar::Burst;
use super::language::{Source, names};
use super::vocab::Vocabulary;

const MAX_TITLE_WORDS: usize = 10;
/// Share of ledes the scraper cut short with "...".
const TRUNCATED_LEDES: f64 = 0.85;
/// Share of articles far longer than the rest (long reads, transcripts).
const LONG_ARTICLES: f64 = 0.01;

pub struct Composer<'a> {
    vocabulary: &'static Vocabulary,
    source: &'static Source,
    story: Option<&'a [usize; 3]>,
    rng: &'a mut SmallRng,
}

impl<'a> Composer<'a> {
    pub fn new(
        vocabulary: &'static Vocabulary,
        source: &'static Source,
        burst: Option<&'a Burst>,
        rng: &'a mut SmallRng,
    ) -> Self {
        Composer {
            vocabulary,
            source,
            story: burst.map(|b| &b.story),
            rng,
        }
    }

    /// Appends the whole file to `out` (which the caller clears and reuses).
    pub fn write(&mut self, out: &mut String, date: NaiveDate) {
        let mut title = [""; MAX_TITLE_WORDS];
        let title_len = self.rng.random_range(5..=MAX_TITLE_WORDS);
        for slot in title.iter_mut().take(title_len) {
            *slot = self.word(true);
        }
        let title = title.get(..title_len).unwrap_or(&[]);

        self.header(out, date, title);
        out.push_str("\n\n");
        for (i, word) in title.iter().enumerate() {
            if i == 0 {
                push_capitalised(out, word);
            } else {
                self.push_word(out, word);
            }
        }
        out.push_str("\n\n");
        self.lede(out, date);
        out.push_str("\n\n");
        self.body(out);
        out.push('\n');
    }

    fn header(&mut self, out: &mut String, date: NaiveDate, title: &[&str]) {
        let (year, month, day) = (date.year(), date.month(), date.day());
        let _ = write!(
            out,
            " date {year:04}-{month:02} https://{}/{year:04}{month:02}{day:02}/",
            self.source.host
        );
        match self.vocabulary.language.slug.as_deref() {
            Some(slug) => out.push_str(slug),
            None => {
                for word in title {
                    // Accents are stripped (é -> e) and other letters dropped, as slug functions do.
                    let ascii = word.nfd().filter(char::is_ascii_alphanumeric);
                    if ascii.clone().next().is_none() {
                        continue;
                    }
                    if !out.ends_with('/') {
                        out.push('-');
                    }
                    out.extend(ascii.map(|c| c.to_ascii_lowercase()));
                }
            }
        }
        let number: u64 = self.rng.random_range(1_000_000_000..10_000_000_000);
        let _ = write!(out, "-{number}.html");
    }

    fn lede(&mut self, out: &mut String, date: NaiveDate) {
        let words = self.rng.random_range(18..=34);
        if self.rng.random_bool(TRUNCATED_LEDES) {
            for i in 0..words {
                let word = self.word(false);
                if i == 0 {
                    push_capitalised(out, word);
                } else {
                    self.push_word(out, word);
                }
            }
            out.push_str("...");
        } else {
            self.sentence(out, words);
        }
        let _ = write!(
            out,
            " {:02}.{:02}.{:04}, {}",
            date.day(),
            date.month(),
            date.year(),
            self.source.name
        );
    }

    fn body(&mut self, out: &mut String) {
        let target = if self.rng.random_bool(LONG_ARTICLES) {
            self.rng.random_range(12_000..40_000)
        } else {
            self.rng.random_range(1_600..4_200)
        };
        let start = out.len();
        let mut headings = self.rng.random_range(1..=3);
        let mut first = true;
        while out.len() - start < target {
            // Run-in sub-headings: a few words with no punctuation, glued to the next paragraph.
            if !first && headings > 0 && self.rng.random_bool(0.35) {
                headings -= 1;
                let words = self.rng.random_range(2..=6);
                for i in 0..words {
                    let word = self.word(true);
                    if i == 0 {
                        push_capitalised(out, word);
                    } else {
                        self.push_word(out, word);
                    }
                }
            }
            first = false;
            // Paragraphs are glued: the last full stop touches the next capital.
            for sentence in 0..self.rng.random_range(2..=6) {
                if sentence > 0 && self.vocabulary.language.spaced {
                    out.push(' ');
                }
                let words = self.rng.random_range(8..=22);
                self.sentence(out, words);
            }
        }
    }

    fn sentence(&mut self, out: &mut String, words: usize) {
        for i in 0..words {
            let word = self.word(false);
            if i == 0 {
                push_capitalised(out, word);
            } else {
                if i > 3 && i + 2 < words && self.rng.random_bool(0.06) {
                    out.push_str(&self.vocabulary.language.comma);
                }
                self.push_word(out, word);
            }
        }
        out.push_str(&self.vocabulary.language.full_stop);
    }

    fn push_word(&self, out: &mut String, word: &str) {
        if self.vocabulary.language.spaced {
            out.push(' ');
        }
        out.push_str(word);
    }

    /// A word: mostly Zipf-distributed, with the burst's story words and proper names mixed in.
    fn word(&mut self, content_only: bool) -> &'static str {
        let vocabulary = self.vocabulary;
        if let Some(story) = self.story
            && self.rng.random_bool(if content_only { 0.3 } else { 0.05 })
        {
            let rank = story.get(self.rng.random_range(0..story.len())).copied();
            return vocabulary.word(rank.unwrap_or(0));
        }
        // Names are Latin-script: only languages whose titles make URL slugs get them.
        if vocabulary.language.slug.is_none() && self.rng.random_bool(0.015) {
            let names = names();
            return names
                .get(self.rng.random_range(0..names.len()))
                .map_or("", String::as_str);
        }
        let rank = if content_only {
            vocabulary.sample_content(self.rng)
        } else {
            vocabulary.sample(self.rng)
        };
        vocabulary.word(rank)
    }
}

fn push_capitalised(out: &mut String, word: &str) {
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}
