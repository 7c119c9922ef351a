//! Telling a camel-case name (`HealthSouth`, `WorldCom`, `First RepublicBank`) from the seam of
//! a run-in heading (`à l’OtanVisant`, `de ValmontLa municipalité`): both are a capitalised
//! word with a capital inside it.
//!
//! The article is the evidence. A name is written the same way wherever it appears, so a
//! glued word found whole a second time (in the title, the lede or the body) is a name; a
//! seam is a one-off. When the word appears once, the halves decide: a seam joins the end of
//! a heading to the first word of a paragraph, which is often a function word (`Les`, `The`,
//! `Die`), and the heading's last word is one the article uses on its own (`Otan` in
//! "Russie-Otan"). Neither holds for `South`, `Com`, `Kast` or `Bank`, so a capitalised word
//! with no such evidence is read as a name: a missed heading leaves its text in place, a false
//! one cuts a name in two. A lexicon of known names backs this up, but is not needed for it.
//!
//! Only the article's own text is read: parsing is per file and pure, so how the rest of the
//! archive writes a word cannot be consulted here.

use std::cell::OnceCell;

use rustc_hash::FxHashMap;

use crate::parse::language;

/// Camel-case names the structural checks would cut. Case-sensitive; a seam strictly inside
/// one of these (as the start of a word) is not a seam.
const LEXICON: [&str; 68] = [
    "AliExpress",
    "AmeriCorps",
    "ArcelorMittal",
    "AstraZeneca",
    "BankAmerica",
    "BankBoston",
    "BellSouth",
    "BioNTech",
    "BlaBlaCar",
    "BlackBerry",
    "BlackRock",
    "BuzzFeed",
    "CalFed",
    "ChatGPT",
    "CompuServe",
    "ConAgra",
    "ConocoPhillips",
    "CoronaVac",
    "DaimlerChrysler",
    "DeepMind",
    "DiCaprio",
    "DreamWorks",
    "DuckDuckGo",
    "EastEnders",
    "ExxonMobil",
    "FaceTime",
    "FedEx",
    "FleetBoston",
    "GameStop",
    "GitHub",
    "GitLab",
    "GlaxoSmithKline",
    "HarperCollins",
    "HealthSouth",
    "HuffPost",
    "JavaScript",
    "JetBlue",
    "LinkedIn",
    "MacBook",
    "MasterCard",
    "MySpace",
    "NationsBank",
    "OpenAI",
    "OutKast",
    "PayPal",
    "PepsiCo",
    "PlayStation",
    "PowerPoint",
    "PricewaterhouseCoopers",
    "RepublicBank",
    "RuTube",
    "SmithKline",
    "SoftBank",
    "SoundCloud",
    "SpaceX",
    "SunTrust",
    "TikTok",
    "TotalEnergies",
    "TransCanada",
    "TypeScript",
    "UniCredit",
    "VKontakte",
    "WeChat",
    "WhatsApp",
    "WikiLeaks",
    "WordPress",
    "WorldCom",
    "YouTube",
];

/// What the article says about the words in it.
pub(super) struct Names<'a> {
    texts: Vec<&'a str>,
    /// Asked only at a seam that needs it: detecting the language is a fifth of a parse,
    /// and the phrase checks' reading of a body does without it where it can.
    language: &'a dyn Fn() -> Option<&'static str>,
    /// Words holding a capital, by how often they stand whole. Counted on first use: most
    /// articles never meet a seam that needs it.
    words: OnceCell<FxHashMap<&'a str, u32>>,
}

impl<'a> Names<'a> {
    /// `texts` are the whole article (title, lede, body lines); `language` gives its language
    /// when known, so that only that language's function words open a paragraph.
    pub(super) fn new(texts: Vec<&'a str>, language: &'a dyn Fn() -> Option<&'static str>) -> Self {
        Names {
            texts,
            language,
            words: OnceCell::new(),
        }
    }

    /// How many times `word` stands whole in the article (0 for a word without a capital).
    fn count(&self, word: &str) -> u32 {
        let words = self.words.get_or_init(|| {
            let mut words = FxHashMap::default();
            for text in &self.texts {
                for w in text.split(is_separator) {
                    if w.chars().any(char::is_uppercase) {
                        *words.entry(w).or_default() += 1;
                    }
                }
            }
            words
        });
        words.get(word).copied().unwrap_or(0)
    }

    /// Whether the capital at byte `i` of `word` (the whole alphanumeric run holding it) is
    /// inside a name rather than the seam between a heading and its paragraph.
    pub(super) fn is_name(&self, word: &str, i: usize) -> bool {
        let (Some(left), Some(right)) = (word.get(..i), word.get(i..)) else {
            return true;
        };
        // Of several seams in one run, the paragraph starts at the last: `YouTubeLes`.
        let right_word = right
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c.is_uppercase())
            .map_or(right, |(j, _)| right.get(..j).unwrap_or(right));
        let whole = word.get(..i + right_word.len()).unwrap_or(word);
        if in_lexicon(word, i) {
            return true;
        }
        let capitalised = left.chars().next().is_some_and(char::is_uppercase);
        if !capitalised {
            return false; // `moisVladimir`: no name starts in lower case past one letter
        }
        if self.count(whole) >= 2 {
            return true;
        }
        let opens_paragraph = language::is_function_word(right_word, (self.language)());
        !(opens_paragraph || self.count(left) >= 1)
    }
}

/// Where words end, for counting them: ASCII other than letters and digits, and the
/// punctuation and spaces of the other blocks news text uses (quotes, dashes, `。`, `「`).
/// Range tests, where `char::is_alphanumeric` searches Unicode tables for every CJK character.
fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_alphanumeric();
    }
    matches!(c,
        '\u{a0}'..='\u{bf}' // no-break space, «, », ·, ¿, ¡
        | '\u{2000}'..='\u{206f}' // general punctuation: ’ “ ” „ – — …
        | '\u{3000}'..='\u{303f}' // CJK punctuation: 。「」
        | '\u{ff01}'..='\u{ff0f}' // full-width ！ （ ）， and the like
        | '\u{ff1a}'..='\u{ff20}'
    )
}

/// The capital at byte `i` of `word` is strictly inside a known name that `word` starts with.
fn in_lexicon(word: &str, i: usize) -> bool {
    LEXICON
        .iter()
        .any(|name| word.starts_with(name) && name.len() > i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(texts: &[&'static str]) -> Names<'static> {
        Names::new(texts.to_vec(), &|| Some("en"))
    }

    #[test]
    fn a_word_seen_whole_elsewhere_is_a_name() {
        // `Zorba` stands alone, so `ZorbaTech` once reads as a heading ending in `Zorba`...
        let n = names(&["Zorba shares fell", "analysts at ZorbaTech said"]);
        assert!(!n.is_name("ZorbaTech", 5));
        // ...but written whole a second time, it is a name.
        let n = names(&[
            "Zorba shares fell",
            "ZorbaTech rose",
            "analysts at ZorbaTech said",
        ]);
        assert!(n.is_name("ZorbaTech", 5));
    }

    #[test]
    fn a_seam_joins_a_known_word_or_opens_with_a_function_word() {
        let n = Names::new(vec!["Russie-Otan", "à l’OtanVisant"], &|| Some("fr"));
        assert!(
            !n.is_name("OtanVisant", 4),
            "Otan stands alone in the title"
        );
        let n = Names::new(vec!["la mairie de ValmontLa municipalité"], &|| Some("fr"));
        assert!(!n.is_name("ValmontLa", 7), "La opens a paragraph");
        let n = names(&["the firm GrundleSoft said"]);
        assert!(
            n.is_name("GrundleSoft", 7),
            "no evidence either way: a name"
        );
    }

    #[test]
    fn the_lexicon_and_lower_case_starts() {
        let n = names(&[]);
        for (word, i) in [("WorldCom", 5), ("CalFed", 3), ("SmithKline", 5)] {
            assert!(n.is_name(word, i), "{word}");
        }
        assert!(!n.is_name("moisVladimir", 4));
        // Known names still end where the paragraph starts.
        assert!(!Names::new(vec![], &|| Some("fr")).is_name("YouTubeLes", 7));
    }
}
