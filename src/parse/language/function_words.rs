//! A cheap first guess at the language of Latin-script text: function words ("the", "und",
//! "les", "del") are a third of any running text, and each language has its own. Counting
//! them over the sample costs a few microseconds where whatlang's trigram model costs ~130;
//! the guess is taken only when one language clearly wins, and whatlang decides the rest
//! (short texts, close languages such as Spanish and Portuguese in a small sample).

use std::collections::HashMap;
use std::sync::OnceLock;

/// Languages that vote, by their ISO 639-1 code (the NLTK lists in `stop-words` use the same
/// codes for these). Norwegian is left out: whatlang calls it `nb`, and it shares most of its
/// function words with Danish anyway.
const VOTERS: [&str; 12] = [
    "en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "fi", "hu", "ro",
];
/// The winner needs at least this many function words...
const MIN_VOTES: u32 = 8;
/// ...or this many, when no other language has any...
const MIN_UNANIMOUS_VOTES: u32 = 4;
/// ...and this many times the votes of the runner-up.
const MIN_LEAD: u32 = 2;

/// The newswire's own English: the abbreviations its tables of results are written in
/// (`Shr 1.12 dlrs vs 98 cts`), which no other voter's text uses. They vote for English.
const WIRE_ENGLISH: [&str; 16] = [
    "shr", "shrs", "cts", "dlrs", "mln", "bln", "pct", "qtr", "qtly", "div", "revs", "vs", "mths",
    "oper", "avg", "reuter",
];

/// Lowercased function word -> the voters (bits of `VOTERS`) that list it.
fn words() -> &'static HashMap<String, u16> {
    static WORDS: OnceLock<HashMap<String, u16>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: HashMap<String, u16> = HashMap::new();
        for word in WIRE_ENGLISH {
            words.insert(word.to_owned(), 1); // bit 0: "en"
        }
        for (bit, code) in VOTERS.iter().enumerate() {
            for word in stop_words::lookup(code).unwrap_or_default() {
                *words.entry(word.to_lowercase()).or_default() |= 1 << bit;
            }
        }
        words
    })
}

/// Whether `word` (any case) is a function word of `language`, or of any voter when the
/// language is unknown or not one of them.
pub fn is_function_word(word: &str, language: Option<&str>) -> bool {
    if word.len() > 12 {
        return false;
    }
    let bits = words()
        .get(word.to_lowercase().as_str())
        .copied()
        .unwrap_or(0);
    match language.and_then(|l| VOTERS.iter().position(|&v| v == l)) {
        Some(bit) => bits >> bit & 1 == 1,
        None => bits != 0,
    }
}

/// The language whose function words clearly dominate `sample`, if one does.
pub fn guess(sample: &str) -> Option<&'static str> {
    let words = words();
    let mut votes = [0u32; VOTERS.len()];
    let mut word = String::new();
    for raw in sample.split(|c: char| !c.is_alphanumeric()) {
        if raw.is_empty() || raw.len() > 12 {
            continue; // function words are short
        }
        word.clear();
        if raw.is_ascii() {
            word.push_str(raw);
            word.make_ascii_lowercase();
        } else {
            word.extend(raw.chars().flat_map(char::to_lowercase));
        }
        if let Some(&voters) = words.get(word.as_str()) {
            for (bit, count) in votes.iter_mut().enumerate() {
                *count += u32::from(voters >> bit & 1);
            }
        }
    }
    let mut ranked: Vec<(u32, usize)> = votes.iter().copied().zip(0..).collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    let (first, winner) = ranked.first().copied()?;
    let second = ranked.get(1).map_or(0, |r| r.0);
    let clear = first >= MIN_VOTES && first >= MIN_LEAD * second;
    // A short text (a table of results under a title) whose few function words all belong
    // to one language is as clear.
    let unanimous = first >= MIN_UNANIMOUS_VOTES && second == 0;
    (clear || unanimous)
        .then(|| VOTERS.get(winner).copied())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_text_is_recognised_by_its_function_words() {
        let fr = "Les deux dirigeants se sont aussi penchés sur la crise entre la Russie et \
                  l’Ukraine, et ils ont évoqué la situation dans le Caucase avec les ministres.";
        assert_eq!(guess(fr), Some("fr"));
        let en = "The two leaders also discussed the crisis between the ports, and they said \
                  that the talks would go on in the spring with all of their ministers.";
        assert_eq!(guess(en), Some("en"));
        let de = "Die beiden Minister haben sich auch mit der Krise zwischen den Häfen befasst, \
                  und sie sagten, dass die Gespräche im Frühjahr mit allen weitergehen.";
        assert_eq!(guess(de), Some("de"));
    }

    #[test]
    fn too_few_words_or_no_clear_winner_leave_it_to_whatlang() {
        assert_eq!(guess("Erdogan"), None);
        assert_eq!(guess("the port"), None);
        assert_eq!(guess("Президенты обсудили ситуацию в Сирии и Ливии"), None);
        assert_eq!(guess(""), None);
    }
}
