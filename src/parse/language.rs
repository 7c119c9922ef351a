//! An article's language: the URL's language subdomain when it has one (`fr.sputniknews.com`),
//! else guessed from its function words when one language clearly dominates them, else
//! detected from the text with whatlang. ISO 639-1 codes; "und" when unsure.

mod function_words;

use whatlang::Lang;

pub const UNDETERMINED: &str = "und";

/// Detection reads this much text first: whatlang's cost is linear in the sample (at 4 KB for
/// every article it was a sixth of the index build's CPU time, for archives whose URLs name
/// no language), and a kilobyte settles nearly every article. Even so, whatlang costs about
/// 130 µs an article of Latin script, three times all the rest of parsing, which is why the
/// function words are counted first (parsing went from 47 to 70 MB/s on one thread, and the
/// 100k-article benchmark archive had 24 articles more with a language, none changed).
const SAMPLE_BYTES: usize = 1024;
/// ...and this much when the first sample left it unsure (about one article in a hundred).
const LONG_SAMPLE_BYTES: usize = 4096;

/// Subdomains that look like language codes but name countries on news sites (`uk.` is the
/// United Kingdom edition far more often than Ukrainian, `ca.` Canada, `br.` Brazil,
/// `se.` Sweden): for these the text decides.
const COUNTRY_LIKE: [&str; 4] = ["uk", "ca", "br", "se"];

pub use function_words::is_function_word;

/// The language named by the first label of `host`, if it is a language code.
pub fn from_host(host: &str) -> Option<&'static str> {
    let mut labels = host.split('.');
    let first = labels.next()?;
    // `fr.example.com`, not `fr.com`: the label must be a subdomain.
    if labels.count() < 2 || COUNTRY_LIKE.contains(&first) {
        return None;
    }
    CODES.iter().map(|&(_, iso1)| iso1).find(|&c| c == first)
}

/// The ISO 639-1 code for an ISO 639-1 or 639-3 code (`"fra"` -> `"fr"`), when folio knows it.
pub(super) fn known_code(code: &str) -> Option<&'static str> {
    CODES
        .iter()
        .find(|&&(iso3, iso1)| iso1 == code || iso3 == code)
        .map(|&(_, iso1)| iso1)
}

/// Detects an article's language from its prose. Newswire titles and ledes are often upper
/// case and bodies tables of figures (`Shr 1.12 dlrs vs 98 cts`), which on their own read
/// as anything from Catalan to Italian; so the body's lines of running text come first,
/// then the lede and title, then the rest. Function words are counted lower-cased, and
/// whatlang's answer is taken only when it is reliable.
pub fn detect_article(title: &str, lede: &str, body: &[&str]) -> &'static str {
    let (prose, rest): (Vec<&str>, Vec<&str>) = body.iter().partition(|l| is_prose(l));
    let mut parts = prose;
    parts.extend([lede, title]);
    parts.extend(rest);
    detect(&parts)
}

/// A line of running text: several words, most of their letters lower case.
fn is_prose(line: &str) -> bool {
    let words = line.split_whitespace().take(8).count();
    let (lower, letters) = line
        .chars()
        .take(400)
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(l, n), c| {
            (l + usize::from(c.is_lowercase()), n + 1)
        });
    words >= 6 && 2 * lower > letters
}

/// Detects the language of some text given in parts (title, lede, body); only the first
/// kilobyte or, when that is not enough to be sure, four are read.
pub fn detect(parts: &[&str]) -> &'static str {
    let total: usize = parts.iter().map(|p| p.len() + 1).sum();
    let mut detected = detect_in(parts, SAMPLE_BYTES);
    if detected.is_none() && total > SAMPLE_BYTES {
        detected = detect_in(parts, LONG_SAMPLE_BYTES);
    }
    detected.unwrap_or(UNDETERMINED)
}

fn detect_in(parts: &[&str], max: usize) -> Option<&'static str> {
    let mut sample = String::with_capacity(max + 8);
    for part in parts {
        let room = max.saturating_sub(sample.len());
        sample.push_str(prefix(part, room));
        sample.push('\n');
    }
    if let Some(code) = function_words::guess(&sample) {
        return Some(code);
    }
    whatlang::detect(&sample)
        .filter(whatlang::Info::is_reliable)
        .and_then(|info| iso639_1(info.lang()))
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

fn iso639_1(lang: Lang) -> Option<&'static str> {
    let code = lang.code();
    CODES
        .iter()
        .find(|&&(iso3, _)| iso3 == code)
        .map(|&(_, iso1)| iso1)
}

/// whatlang's ISO 639-3 codes and their ISO 639-1 equivalents (Mandarin is reported as
/// Chinese, Iranian Persian as Persian, Bokmål as `nb`).
const CODES: [(&str, &str); 69] = [
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("cym", "cy"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_subdomains() {
        assert_eq!(from_host("fr.sputniknews.com"), Some("fr"));
        assert_eq!(from_host("de.rt.com"), Some("de"));
        assert_eq!(from_host("www.lemonde.fr"), None);
        assert_eq!(from_host("fr.com"), None);
        assert_eq!(from_host("uk.reuters.com"), None);
    }

    #[test]
    fn upper_case_newswire_is_read_from_its_prose() {
        let title = "NORTHERN MINING TO BUY STAKE IN COPPER PROJECT";
        let lede = "NORTHERN MINING LTD SAID IT AGREED TO BUY A 30 PCT STAKE...";
        let body = [
            "Shr 1.12 dlrs vs 98 cts",
            "Net 45.6 mln vs 40.2 mln",
            "The company said the purchase would be paid for from existing cash and would not \
             need new borrowing.",
        ];
        assert_eq!(detect_article(title, lede, &body), "en");
        // Nothing but figures and the wire's abbreviations: still the wire's English.
        let table = [
            "Qtly div 15 cts vs 15 cts prior",
            "Pay Dec 15",
            "Record Nov 30",
        ];
        assert_eq!(
            detect_article(
                "FIRST HARBOUR SAVINGS <FHS> SETS QUARTERLY DIVIDEND",
                "",
                &table
            ),
            "en"
        );
        let loss = [
            "Shr loss 22 cts vs profit 14 cts",
            "Net loss 3,410,000 vs profit 2,150,000",
        ];
        assert_eq!(
            detect_article("DELTA MARINE CORP 4TH QTR LOSS", "", &loss),
            "en"
        );
    }

    #[test]
    fn detection_from_text() {
        let fr = "Les deux dirigeants se sont aussi penchés sur la crise entre la Russie et \
                  l’Ukraine, cette dernière poursuivant sa politique destructrice.";
        assert_eq!(detect(&[fr]), "fr");
        let ru = "Президенты обсудили ситуацию в Сирии и Ливии, а также вопросы безопасности \
                  в Европе и перспективы сотрудничества.";
        assert_eq!(detect(&["", ru]), "ru");
        assert_eq!(detect(&["ok"]), UNDETERMINED);
        // The first kilobyte says nothing (a table of figures): the text after it decides.
        let figures = "12,5 % 3 400 – 2021/22 ; ".repeat(50);
        assert_eq!(detect(&[&figures, fr]), "fr");
        assert_eq!(detect(&[]), UNDETERMINED);
    }
}
