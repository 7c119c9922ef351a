//! Bytes -> text: refuses binary files, decodes UTF-16 marked by its byte order mark, text
//! in a legacy encoding (Latin-1, Windows-1252, ...) as that encoding, and UTF-8 with a few
//! broken bytes lossily; drops a BOM, and splits lines on LF, CRLF and lone CR alike.
//! Telling legacy text from damaged UTF-8, and decoding either, is `legacy`'s job.

use std::borrow::Cow;

use memchr::{memchr, memchr2};

use super::Notes;
use legacy::{first_invalid, legacy, lossy};

mod legacy;

/// How much of the start of a file is inspected to decide whether it is text at all.
const SNIFF_BYTES: usize = 8 * 1024;

/// Above this share of control bytes and invalid UTF-8 in the sniffed prefix, a file is
/// binary. Text in a legacy 8-bit encoding (Latin-1 French, say) stays far below it: one
/// accented letter in ten or twenty.
const MAX_NON_TEXT_PERCENT: usize = 30;

/// Decodes `bytes`, noting what had to be repaired. `Err` says why the file is not text.
/// Line ends are the caller's to note (see [`line_ending_notes`]): they matter to the seed
/// format, whose lines are its fields, and not to JSON, where they are white space.
pub(super) fn decode<'a>(bytes: &'a [u8], notes: &mut Notes) -> Result<Cow<'a, str>, String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    if let Some(text) = utf16(bytes, notes)? {
        return Ok(Cow::Owned(text));
    }
    // Validated once: valid UTF-8 has nothing invalid for the binary sniff to count, and
    // neither has legacy text, which is invalid UTF-8 throughout (Cyrillic in windows-1251
    // is nearly all bytes beyond ASCII): only control bytes count against either.
    let utf8 = std::str::from_utf8(bytes).ok();
    let legacy = match utf8 {
        None if binary(bytes, true).is_none() => legacy(bytes),
        _ => None,
    };
    if let Some(why) = binary(bytes, utf8.is_some() || legacy.is_some()) {
        return Err(why);
    }
    let mut text = match utf8 {
        Some(s) => Cow::Borrowed(s),
        None => match legacy {
            Some((encoding, text)) => {
                notes.repaired(
                    format!(
                        "the file is {} text, not UTF-8 ({})",
                        encoding.name(),
                        first_invalid(bytes)
                    ),
                    format!("decoded it as {}", encoding.name()),
                );
                Cow::Owned(text)
            }
            None => Cow::Owned(lossy(bytes, notes)),
        },
    };
    if text.starts_with('\u{FEFF}') {
        notes.repaired("the file starts with a byte order mark", "ignored it");
        text = match text {
            Cow::Borrowed(s) => Cow::Borrowed(s.strip_prefix('\u{FEFF}').unwrap_or(s)),
            Cow::Owned(mut s) => {
                s.drain(..'\u{FEFF}'.len_utf8());
                Cow::Owned(s)
            }
        };
    }
    Ok(text)
}

/// The text of a file that starts with a UTF-16 byte order mark (Windows tools write it),
/// `None` for any other file. Its NUL bytes are half of every ASCII letter, so the binary
/// sniff runs on the decoded text instead.
fn utf16(bytes: &[u8], notes: &mut Notes) -> Result<Option<String>, String> {
    let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) else {
        return Ok(None);
    };
    if encoding == encoding_rs::UTF_8 {
        return Ok(None);
    }
    let (text, malformed) =
        encoding.decode_without_bom_handling(bytes.get(bom..).unwrap_or_default());
    if let Some(why) = binary(text.as_bytes(), true) {
        return Err(format!("{why}, once decoded as {}", encoding.name()));
    }
    notes.repaired(
        format!("the file is {} text, not UTF-8", encoding.name()),
        format!("decoded it as {}", encoding.name()),
    );
    if malformed {
        notes.repaired(
            format!(
                "invalid {} (an odd byte or an unpaired surrogate)",
                encoding.name()
            ),
            "replaced the bad bytes with \u{FFFD}",
        );
    }
    Ok(Some(text.into_owned()))
}

fn binary(bytes: &[u8], valid_utf8: bool) -> Option<String> {
    if let Some(at) = memchr(0, bytes) {
        return Some(format!("the file is binary (a NUL byte at offset {at})"));
    }
    let sniff = bytes.get(..SNIFF_BYTES).unwrap_or(bytes);
    // Controls other than TAB, line ends, form feed and ESC: 0x01..=0x1F, less 0x09..=0x0D
    // and 0x1B, plus DEL. Counted as byte-wide sums of range tests over chunks too short to
    // overflow a byte, which compile to vector compares sixteen bytes at a time (a `matches!`
    // over the four ranges, summed as `usize`, ran at a few bytes per cycle).
    let controls: usize = sniff
        .chunks(u8::MAX as usize)
        .map(|chunk| {
            let count = chunk.iter().fold(0u8, |n, &b| {
                n + u8::from(b.wrapping_sub(0x01) < 0x1F) + u8::from(b == 0x7F)
                    - u8::from(b.wrapping_sub(0x09) < 5)
                    - u8::from(b == 0x1B)
            });
            usize::from(count)
        })
        .sum();
    let invalid: usize = if valid_utf8 {
        0
    } else {
        sniff.utf8_chunks().map(|c| c.invalid().len()).sum()
    };
    let percent = (controls + invalid) * 100 / sniff.len().max(1);
    (percent > MAX_NON_TEXT_PERCENT)
        .then(|| format!("the file is binary ({percent}% of its first bytes are not text)"))
}

pub(super) fn line_ending_notes(text: &str, notes: &mut Notes) {
    let bytes = text.as_bytes();
    let Some(first_cr) = memchr(b'\r', bytes) else {
        return;
    };
    if bytes.get(first_cr + 1) == Some(&b'\n') {
        notes.repaired("Windows (CRLF) line endings", "read them as line breaks");
    } else {
        notes.repaired("old Mac (lone CR) line endings", "read them as line breaks");
    }
}

/// Lines split on LF, CRLF or a lone CR, without their line ends.
pub(super) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest?;
        match memchr2(b'\n', b'\r', r.as_bytes()) {
            Some(at) => {
                let skip = if r.as_bytes().get(at..at + 2) == Some(b"\r\n") {
                    2
                } else {
                    1
                };
                rest = r.get(at + skip..);
                r.get(..at)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn notes() -> Notes<'static> {
        Notes::new(Path::new("a.txt"))
    }

    #[test]
    fn all_line_ends_split_lines() {
        let got: Vec<_> = lines("a\r\nb\rc\nd").collect();
        assert_eq!(got, ["a", "b", "c", "d"]);
        let got: Vec<_> = lines("a\n\nb\n").collect();
        assert_eq!(got, ["a", "", "b", ""]);
    }

    #[test]
    fn bom_is_dropped_and_noted() {
        let mut n = notes();
        let text = decode("\u{FEFF}date".as_bytes(), &mut n).unwrap_or_default();
        assert_eq!(text, "date");
        assert!(n.problems[0].what.contains("byte order mark"));
    }

    #[test]
    fn binary_files_are_refused() {
        assert!(decode(b"PK\x03\x04\0\0", &mut notes()).is_err());
        assert!(decode(&[0x01, 0x02, 0x03, b'a'], &mut notes()).is_err());
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded_and_noted() {
        let mut n = notes();
        let le = decode(b"\xff\xfed\0a\0t\0\xe9\0", &mut n).unwrap_or_default();
        assert_eq!(le, "daté");
        assert_eq!(n.problems[0].action, "decoded it as UTF-16LE");
        let be = decode(b"\xfe\xff\0d\0a", &mut notes()).unwrap_or_default();
        assert_eq!(be, "da");
        let mut n = notes();
        assert_eq!(
            decode(b"\xff\xfeo\0k\0!", &mut n).unwrap_or_default(),
            "ok\u{FFFD}"
        );
        assert!(
            n.problems[1].what.contains("invalid UTF-16LE"),
            "{:?}",
            n.problems
        );
        let binary = decode(b"\xff\xfe\x01\0\x02\0\x03\0", &mut notes());
        assert!(binary.is_err_and(|why| why.contains("once decoded as UTF-16LE")));
    }

    #[test]
    fn control_bytes_are_counted_as_before() {
        for b in 1..=u8::MAX {
            let control = matches!(b, 0x01..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F);
            let text = [b'a', b];
            assert_eq!(binary(&text, true).is_some(), control, "byte {b:#04x}");
        }
    }
}
