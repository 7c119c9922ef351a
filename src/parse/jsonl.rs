//! JSON Lines (NDJSON): one article object a line, as Hugging Face dumps (`cc_news`),
//! trafilatura run over many pages and scrapers' exports write them; plain or compressed as a
//! whole (gzip, zstd); and a JSON array of the same objects.
//!
//! A JSON Lines file is read as a stream, a batch of lines at a time (the batch parsed on
//! every core), so a file of gigabytes is never held whole. An article's position is its
//! line's index (from 0): reading article N again skips N lines without parsing them (a
//! `memchr` over the bytes, gigabytes a second), though a compressed file must be decompressed
//! up to it (a gzip file runs at ~300 MB/s, so the last article of a 1 GB dump costs a few
//! seconds). Each object is mapped to an article by `json.rs`. A bad line (cut short, not an
//! object, no title) is reported with its line and the rest are read; blank lines are no
//! articles and are passed over.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use rayon::prelude::*;
use serde_json::Value;

use super::format::Compression;
use super::{MAX_FILE_BYTES, Notes, decode, json};
use crate::article::{Article, Problem};
use crate::sanitize::sanitize;

/// Lines parsed together on every core: enough to keep two cores busy, few enough (with the
/// byte cap) that the memory a stream holds stays small.
const BATCH_LINES: usize = 1024;
const BATCH_BYTES: usize = 8 * 1024 * 1024;

/// A line longer than this is no article (real rows are kilobytes); it is skipped unread.
const MAX_LINE_BYTES: u64 = MAX_FILE_BYTES;

/// The stream of a compressed file's lines, decompressed as it is read.
pub(super) fn decompress<'a>(
    path: &Path,
    stream: Box<dyn BufRead + Send + 'a>,
    how: Compression,
) -> Result<Box<dyn BufRead + Send + 'a>, Problem> {
    const BUFFER: usize = 256 * 1024;
    Ok(match how {
        // Multi-member: `cat a.gz b.gz` and parallel compressors write several members.
        Compression::Gzip => Box::new(BufReader::with_capacity(
            BUFFER,
            flate2::bufread::MultiGzDecoder::new(stream),
        )),
        Compression::Zstd => {
            let decoder = zstd::stream::read::Decoder::with_buffer(stream).map_err(|e| {
                Problem::skipped(path, format!("the zstd stream cannot be opened ({e})"))
            })?;
            Box::new(BufReader::with_capacity(BUFFER, decoder))
        }
    })
}

/// One line read from the stream.
enum Line {
    End,
    Text(Vec<u8>),
    /// Longer than [`MAX_LINE_BYTES`]; its bytes were passed over.
    TooLong,
}

fn next_line(stream: &mut dyn BufRead, capacity: usize) -> std::io::Result<Line> {
    let mut line = Vec::with_capacity(capacity);
    let read = stream
        .take(MAX_LINE_BYTES + 1)
        .read_until(b'\n', &mut line)?;
    if read == 0 {
        return Ok(Line::End);
    }
    if line.len() as u64 > MAX_LINE_BYTES && line.last() != Some(&b'\n') {
        stream.skip_until(b'\n')?;
        return Ok(Line::TooLong);
    }
    Ok(Line::Text(line))
}

/// Reads every line of the stream, handing each article (or why a line is none) to `each`
/// with the line's index, in order. An error reading the stream (a cut gzip file) is reported
/// at the line it stopped at, after the articles before it.
pub(super) fn read(
    path: &Path,
    mut stream: Box<dyn BufRead + Send + '_>,
    each: &mut dyn FnMut(usize, Result<Article, Problem>),
) {
    let mut batch: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut batch_bytes = 0;
    let mut last_len = 256;
    for index in 0.. {
        match next_line(&mut stream, last_len + last_len / 4) {
            Ok(Line::Text(bytes)) => {
                last_len = bytes.len();
                if !bytes.trim_ascii().is_empty() {
                    batch_bytes += bytes.len();
                    batch.push((index, bytes));
                }
                if batch.len() >= BATCH_LINES || batch_bytes >= BATCH_BYTES {
                    parse_batch(path, std::mem::take(&mut batch), each);
                    batch_bytes = 0;
                }
            }
            Ok(Line::TooLong) => {
                parse_batch(path, std::mem::take(&mut batch), each);
                each(index, Err(too_long(path)));
            }
            Ok(Line::End) => {
                parse_batch(path, std::mem::take(&mut batch), each);
                return;
            }
            Err(e) => {
                parse_batch(path, std::mem::take(&mut batch), each);
                let what = format!("the file cannot be read from this line on ({e})");
                each(index, Err(Problem::skipped(path, sanitize(&what))));
                return;
            }
        }
    }
}

fn parse_batch(
    path: &Path,
    batch: Vec<(usize, Vec<u8>)>,
    each: &mut dyn FnMut(usize, Result<Article, Problem>),
) {
    let parsed: Vec<(usize, Result<Article, Problem>)> = batch
        .into_par_iter()
        .map(|(index, bytes)| (index, parse_line(path, &bytes)))
        .collect();
    for (index, result) in parsed {
        each(index, result);
    }
}

/// The article on the line at `position` (from 0), the lines before it passed over unparsed.
pub(super) fn read_at(
    path: &Path,
    mut stream: Box<dyn BufRead + Send + '_>,
    position: usize,
) -> Result<Article, Problem> {
    let unreadable = |e: std::io::Error| {
        Problem::skipped(
            path,
            sanitize(&format!("the file cannot be read ({e})")).into_owned(),
        )
    };
    for _ in 0..position {
        if stream.skip_until(b'\n').map_err(unreadable)? == 0 {
            return Err(no_line(path, position));
        }
    }
    match next_line(&mut stream, 4096).map_err(unreadable)? {
        Line::End => Err(no_line(path, position)),
        Line::TooLong => Err(too_long(path)),
        Line::Text(bytes) if bytes.trim_ascii().is_empty() => Err(Problem::skipped(
            path,
            "the line is blank now (the file changed since it was indexed)",
        )),
        Line::Text(bytes) => parse_line(path, &bytes),
    }
}

fn no_line(path: &Path, position: usize) -> Problem {
    Problem::skipped(
        path,
        format!(
            "the file has fewer than {} lines now (it changed since it was indexed)",
            position + 1
        ),
    )
}

fn too_long(path: &Path) -> Problem {
    Problem::skipped(
        path,
        format!(
            "the line is over {} MB long, more than folio's limit for one article",
            MAX_LINE_BYTES >> 20
        ),
    )
}

/// The article in one line's bytes. Invalid UTF-8 is replaced and noted, as in a file.
fn parse_line(path: &Path, bytes: &[u8]) -> Result<Article, Problem> {
    // Without its line end: a line cut inside a string is cut short, not a string with a
    // control character in it.
    let bytes = bytes.trim_ascii_end();
    let mut notes = Notes::new(path);
    let text = decode::decode(bytes, &mut notes)
        .map_err(|why| Problem::skipped(path, why.replacen("the file is", "the line is", 1)))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        Problem::skipped(
            path,
            format!("the line is not valid JSON ({})", json_error(&e)),
        )
    })?;
    json::from_value(value, notes)
}

/// serde_json's message without its "at line 1 column N", which counts within the line.
fn json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Eof => "it is cut short".to_string(),
        _ => {
            let message = e.to_string();
            match message.rsplit_once(" at line ") {
                Some((what, _)) => what.to_string(),
                None => message,
            }
        }
    };
    match e.column() {
        0 => what,
        column => format!("{what}, at character {column}"),
    }
}

/// The articles of a JSON array (`[ {...}, {...} ]`), one an item.
pub(super) fn read_array(
    path: &Path,
    text: &str,
) -> Result<Vec<Result<Article, Problem>>, Problem> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| Problem::skipped(path, format!("the file is not valid JSON ({e})")))?;
    let Value::Array(items) = value else {
        return Err(Problem::skipped(path, "the JSON is not an array"));
    };
    Ok(items
        .into_iter()
        .map(|item| json::from_value(item, Notes::new(path)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, Result<Article, Problem>)> {
        let mut all = Vec::new();
        read(
            Path::new("d.jsonl"),
            Box::new(text.as_bytes()),
            &mut |i, r| all.push((i, r)),
        );
        all
    }

    #[test]
    fn every_line_is_read_and_a_bad_one_is_named() {
        let text = "{\"title\": \"One\", \"text\": \"First.\"}\n\n\
            {\"title\": \"Two\", \"text\": \"Second.\"\n\
            [1, 2]\r\n{\"title\": \"Four\", \"text\": \"Fourth.\"}";
        let read = lines(text);
        let indexes: Vec<usize> = read.iter().map(|(i, _)| *i).collect();
        assert_eq!(indexes, [0, 2, 3, 4], "the blank line is no article");
        assert_eq!(read[0].1.as_ref().expect("one").title, "One");
        let cut = read[1].1.as_ref().expect_err("cut short");
        assert!(cut.what.contains("cut short"), "{cut}");
        let list = read[2].1.as_ref().expect_err("a list");
        assert!(list.what.contains("a list"), "{list}");
        assert_eq!(read[3].1.as_ref().expect("four").title, "Four");
    }

    #[test]
    fn an_article_is_read_again_by_its_line() {
        let text =
            "{\"title\": \"One\", \"text\": \"a\"}\n\n{\"title\": \"Three\", \"text\": \"b\"}\n";
        let at = |n| read_at(Path::new("d.jsonl"), Box::new(text.as_bytes()), n);
        assert_eq!(at(2).expect("line 3").title, "Three");
        assert!(at(1).is_err(), "a blank line");
        assert!(at(3).is_err(), "past the end");
    }

    #[test]
    fn invalid_utf8_in_a_string_is_decoded_or_replaced_and_noted() {
        // A lone Latin-1 byte in an ASCII line reads as the legacy text it is.
        let mut bytes = b"{\"title\": \"Caf".to_vec();
        bytes.extend_from_slice(b"\xe9 news\", \"text\": \"Body.\"}\n");
        let article = parse_line(Path::new("d.jsonl"), &bytes).expect("the article");
        assert_eq!(article.title, "Caf\u{e9} news");
        assert!(
            article
                .problems
                .iter()
                .any(|p| p.what.contains("invalid UTF-8"))
        );
        // Broken bytes among UTF-8 text become U+FFFD.
        let mut bytes = "{\"title\": \"Z\u{fc}rich \u{e9}t\u{e9} \u{2014} Caf\u{e9}"
            .as_bytes()
            .to_vec();
        bytes.push(0xff);
        bytes.extend_from_slice(b"\", \"text\": \"Body.\"}\n");
        let article = parse_line(Path::new("d.jsonl"), &bytes).expect("the article");
        assert_eq!(
            article.title,
            "Z\u{fc}rich \u{e9}t\u{e9} \u{2014} Caf\u{e9}\u{fffd}"
        );
        assert!(
            article
                .problems
                .iter()
                .any(|p| p.what.contains("invalid UTF-8"))
        );
    }
}
