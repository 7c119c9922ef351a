//! Text that is not valid UTF-8: told apart as a legacy 8-bit encoding (Latin-1,
//! Windows-1252, Cyrillic, ...) decoded as such, or as UTF-8 with a few broken bytes,
//! decoded lossily. Either way the repair is noted with where the first bad byte is.

use crate::parse::Notes;

/// The encoding of a file that is not UTF-8 but text in a legacy encoding, and its text;
/// `None` when it reads as UTF-8 with a few broken bytes instead.
///
/// The two are told apart by what the bytes hold. UTF-8's multi-byte sequences are so
/// regular that legacy text almost never forms one by chance (`Ã©` in Latin-1), so a file
/// with more valid sequences than broken ones is UTF-8 damaged here and there. A file with
/// (almost) none is legacy text when `chardetng` is sure of an encoding and every character
/// that encoding gives for the bytes beyond ASCII is one a text holds: no control character,
/// no undefined byte, and no `ÿ`, which is what a stray 0xFF (the commonest broken byte: a
/// `-1` written as a byte, half a UTF-16 mark) becomes in Latin-1 and hardly ever a letter.
pub(super) fn legacy(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, String)> {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if multibyte * LEGACY_INVALID_PER_VALID >= invalid {
        return None;
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let (encoding, sure) = detector.guess_assess(None, false);
    if !sure {
        return None;
    }
    let (text, malformed) = encoding.decode_without_bom_handling(bytes);
    let textlike = |c: char| c.is_ascii() || !(c.is_control() || c == '\u{FFFD}' || c == 'ÿ');
    (!malformed && text.chars().all(textlike)).then(|| (encoding, text.into_owned()))
}

/// In a file with more broken UTF-8 sequences than this for every valid one beyond ASCII,
/// the valid ones are taken for legacy text that happens to look like UTF-8 (German `ß”` is
/// 0xDF 0x94, a valid two-byte sequence), not the file's real encoding.
const LEGACY_INVALID_PER_VALID: usize = 8;

/// "invalid UTF-8 at byte 120", where the first byte that is not UTF-8 is.
pub(super) fn first_invalid(bytes: &[u8]) -> String {
    let at = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    format!("invalid UTF-8 at byte {at}")
}

pub(super) fn lossy(bytes: &[u8], notes: &mut Notes) -> String {
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut first = None;
    let mut count = 0usize;
    let mut offset = 0;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            first.get_or_insert(offset);
            count += 1;
            out.push(char::REPLACEMENT_CHARACTER);
            offset += chunk.invalid().len();
        }
    }
    let at = first.unwrap_or(0);
    let what = match count {
        1 => format!("invalid UTF-8 at byte {at}"),
        n => format!("invalid UTF-8 at byte {at} and {} more places", n - 1),
    };
    notes.repaired(what, "replaced the bad bytes with \u{FFFD}");
    out
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::path::Path;

    use super::super::decode;
    use crate::parse::Notes;

    fn notes() -> Notes<'static> {
        Notes::new(Path::new("a.txt"))
    }

    #[test]
    fn invalid_utf8_names_the_first_offset_and_the_count() {
        let mut n = notes();
        let text = decode(b"caf\xe9 ok \xff", &mut n).unwrap_or_default();
        assert_eq!(text, "caf\u{FFFD} ok \u{FFFD}");
        assert_eq!(
            n.problems[0].what,
            "invalid UTF-8 at byte 3 and 1 more places"
        );
    }

    /// The text and the one problem noted for `bytes`.
    fn decoded(bytes: &[u8]) -> (String, Vec<String>) {
        let mut n = notes();
        let text = decode(bytes, &mut n).map(Cow::into_owned);
        let problems = n.problems.iter().map(|p| p.message()).collect();
        (text.unwrap_or_else(|why| why), problems)
    }

    #[test]
    fn latin1_french_is_decoded_as_windows_1252() {
        let (text, problems) = decoded(
            b"Le pr\xe9sident de la r\xe9gion a \xe9voqu\xe9 la s\xe9curit\xe9 \xe0 l'\xe9cole, \
              pr\xe8s de la for\xeat o\xf9 No\xebl a \xe9t\xe9 fr\xe9quent\xe9.",
        );
        assert_eq!(
            text,
            "Le président de la région a évoqué la sécurité à l'école, \
             près de la forêt où Noël a été fréquenté."
        );
        assert_eq!(
            problems,
            [
                "the file is windows-1252 text, not UTF-8 (invalid UTF-8 at byte 5); \
              decoded it as windows-1252"
            ]
        );
    }

    #[test]
    fn windows_1252_quotes_and_the_euro_sign_are_read() {
        let (text, problems) = decoded(
            b"\x84Wir m\xfcssen sparen\x93, sagte die B\xfcrgermeisterin in M\xfcnchen. \
              Die Stra\xdfe kostet 12 Millionen \x80 \x96 mehr als geplant.",
        );
        assert_eq!(
            text,
            "„Wir müssen sparen“, sagte die Bürgermeisterin in München. \
             Die Straße kostet 12 Millionen € – mehr als geplant."
        );
        assert!(
            problems[0].ends_with("decoded it as windows-1252"),
            "{problems:?}"
        );
        let (text, _) =
            decoded(b"\x93We will rebuild,\x94 the mayor said. The bridge\x92s cost: \x80 4m\x85");
        assert_eq!(
            text,
            "“We will rebuild,” the mayor said. The bridge’s cost: € 4m…"
        );
    }

    #[test]
    fn latin1_spanish_is_decoded() {
        let (text, _) = decoded(
            b"El ni\xf1o se qued\xf3 en Espa\xf1a. \xbfQu\xe9 pas\xf3 en la regi\xf3n? \
              \xa1Incre\xedble! La se\xf1ora Mu\xf1oz lleg\xf3 a Ja\xe9n.",
        );
        assert_eq!(
            text,
            "El niño se quedó en España. ¿Qué pasó en la región? \
             ¡Increíble! La señora Muñoz llegó a Jaén."
        );
    }

    #[test]
    fn other_legacy_encodings_are_detected() {
        let (text, problems) = decoded(
            b"\xcf\xf0\xe5\xe7\xe8\xe4\xe5\xed\xf2 \xce\xf1\xf2\xf0\xe8\xe8 \xef\xee\xf1\xe5\xf2\xe8\xeb \
              \xef\xee\xf0\xf2 \xc2\xe0\xeb\xfc\xec\xee\xed\xe0 \xe2 \xef\xee\xed\xe5\xe4\xe5\xeb\xfc\xed\xe8\xea \
              \xe8 \xef\xee\xee\xe1\xe5\xf9\xe0\xeb \xed\xee\xe2\xfb\xe5 \xf0\xe0\xe1\xee\xf7\xe8\xe5 \xec\xe5\xf1\xf2\xe0.",
        );
        assert_eq!(
            text,
            "Президент Острии посетил порт Вальмона в понедельник и пообещал новые рабочие места."
        );
        assert!(
            problems[0].ends_with("decoded it as windows-1251"),
            "{problems:?}"
        );
        let (text, problems) = decoded(
            b"Prezydent Ostrii odwiedzi\xb3 port w Valmont. \xaf\xb9da\xb3 szybkiej budowy \
              mostu, za\x9c \xb3\xf3d\x9f czeka\xb3a.",
        );
        assert_eq!(
            text,
            "Prezydent Ostrii odwiedził port w Valmont. Żądał szybkiej budowy mostu, zaś łódź czekała."
        );
        assert!(
            problems[0].ends_with("decoded it as windows-1250"),
            "{problems:?}"
        );
    }

    #[test]
    fn utf8_with_a_few_broken_bytes_stays_utf8() {
        let mut bytes = "Der Bürgermeister von München sagte: „Die Straße bleibt zu.“ "
            .as_bytes()
            .to_vec();
        bytes.extend_from_slice(b"Gr\xfc\xdfe ");
        bytes.extend_from_slice("aus Köln.".as_bytes());
        let (text, problems) = decoded(&bytes);
        assert_eq!(
            text,
            "Der Bürgermeister von München sagte: „Die Straße bleibt zu.“ \
             Gr\u{FFFD}\u{FFFD}e aus Köln."
        );
        assert_eq!(
            problems,
            ["invalid UTF-8 at byte 70 and 1 more places; replaced the bad bytes with \u{FFFD}"]
        );
    }

    #[test]
    fn a_stray_ff_byte_is_not_taken_for_latin1() {
        let (text, problems) = decoded(b"The open\xffmarket drew farmers.");
        assert_eq!(text, "The open\u{FFFD}market drew farmers.");
        assert_eq!(
            problems,
            ["invalid UTF-8 at byte 8; replaced the bad bytes with \u{FFFD}"]
        );
    }

    #[test]
    fn latin1_text_is_not_binary() {
        let latin1 = b"Le pr\xe9sident a \xe9voqu\xe9 la s\xe9curit\xe9 en Europe.";
        assert!(decode(latin1, &mut notes()).is_ok());
    }
}
