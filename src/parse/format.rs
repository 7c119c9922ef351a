//! Which reader a file goes to: its extension decides when it names a format, else the first
//! bytes do. The seed format stays the default, so a headerless text file is still read as
//! well as it can be rather than refused.
//!
//! Formats folio recognises but cannot read yet are named here too (a reader for one is
//! plugged in by a match arm in `parse.rs`'s `read_format`), so that `folio check`
//! says "an RSS feed, which folio cannot read yet" rather than blaming a missing header line.

use std::path::Path;

use memchr::memmem;

use crate::article::Problem;

/// How much of the start of a file the content sniff reads: roots and markers of the formats
/// below sit in the first few hundred bytes.
const SNIFF_BYTES: usize = 4 * 1024;

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    /// The seed scraper's text format, and anything else that is text.
    Seed,
    /// One JSON object: a news-please or trafilatura `--json` article.
    JsonObject,
    /// JSON Lines (NDJSON): one article object a line.
    JsonLines,
    /// JSON Lines compressed as a whole (`.jsonl.gz`, `.jsonl.zst`).
    CompressedJsonLines(Compression),
    /// A JSON array of article objects.
    JsonArray,
    /// A format folio knows by name and cannot read yet.
    Unreadable(Unreadable),
}

/// How a JSON Lines file is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Compression {
    Gzip,
    Zstd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unreadable {
    JsonFeed,
    Rss,
    Atom,
    TrafilaturaXml,
    Xml,
    Sqlite,
}

impl Unreadable {
    /// The format as `folio check` names it, after "the file is".
    fn name(self) -> &'static str {
        match self {
            Unreadable::JsonFeed => "a JSON Feed",
            Unreadable::Rss => "an RSS feed",
            Unreadable::Atom => "an Atom feed",
            Unreadable::TrafilaturaXml => "trafilatura XML",
            Unreadable::Xml => "an XML document",
            Unreadable::Sqlite => "an SQLite database (such as newsboat's cache.db)",
        }
    }

    /// The problem `folio check` reports for a file of this format.
    pub(super) fn problem(self, path: &Path) -> Problem {
        Problem::skipped(
            path,
            format!(
                "the file is {}, which folio cannot read yet (it reads seed-format text, \
                 news-please, trafilatura and cc_news JSON, and JSON Lines)",
                self.name()
            ),
        )
    }
}

/// The reader for the file at `path` holding `bytes`.
pub(super) fn sniff(path: &Path, bytes: &[u8]) -> Format {
    let head = bytes.get(..SNIFF_BYTES).unwrap_or(bytes);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    match extension {
        "txt" => return Format::Seed,
        "json" => return json(head).unwrap_or(Format::JsonObject),
        "jsonl" | "ndjson" => return Format::JsonLines,
        "gz" if name.contains(".jsonl.") || name.contains(".ndjson.") => {
            return Format::CompressedJsonLines(Compression::Gzip);
        }
        "zst" if name.contains(".jsonl.") || name.contains(".ndjson.") => {
            return Format::CompressedJsonLines(Compression::Zstd);
        }
        "rss" => return Format::Unreadable(Unreadable::Rss),
        "atom" => return Format::Unreadable(Unreadable::Atom),
        _ => {}
    }
    if head.starts_with(SQLITE_MAGIC) {
        return Format::Unreadable(Unreadable::Sqlite);
    }
    json(head)
        .or_else(|| xml(head))
        .unwrap_or(if extension == "xml" {
            Format::Unreadable(Unreadable::Xml)
        } else {
            Format::Seed
        })
}

/// The start of the file without a UTF-8 byte order mark and leading white space.
fn trimmed(head: &[u8]) -> &[u8] {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    head.get(start..).unwrap_or_default()
}

/// A JSON file's kind, when the file starts like JSON.
fn json(head: &[u8]) -> Option<Format> {
    let head = trimmed(head);
    match head.first()? {
        b'[' => Some(Format::JsonArray),
        b'{' if memmem::find(head, b"jsonfeed.org/version").is_some() => {
            Some(Format::Unreadable(Unreadable::JsonFeed))
        }
        b'{' if json_lines(head) => Some(Format::JsonLines),
        b'{' => Some(Format::JsonObject),
        _ => None,
    }
}

/// Whether the file holds an object on its first line and another line that starts one: a
/// pretty-printed object's first line is a lone `{`, never a whole object.
fn json_lines(head: &[u8]) -> bool {
    let mut lines = head
        .split(|&b| b == b'\n')
        .map(|l| l.trim_ascii())
        .filter(|l| !l.is_empty());
    let first_whole = lines
        .next()
        .is_some_and(|l| l.len() > 1 && l.starts_with(b"{") && l.ends_with(b"}"));
    first_whole && lines.next().is_some_and(|l| l.starts_with(b"{"))
}

/// An XML file's kind, when the file starts like XML.
fn xml(head: &[u8]) -> Option<Format> {
    let head = trimmed(head);
    if !head.starts_with(b"<") {
        return None;
    }
    let has = |root: &[u8]| memmem::find(head, root).is_some();
    let kind = if has(b"<rss") || has(b"<rdf:RDF") {
        Unreadable::Rss
    } else if has(b"<feed") {
        Unreadable::Atom
    } else if has(b"<doc") {
        Unreadable::TrafilaturaXml
    } else if head.starts_with(b"<?xml") {
        Unreadable::Xml
    } else {
        // Text that merely starts with `<`: a headerless article, read as well as it can be.
        return None;
    };
    Some(Format::Unreadable(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sniffed(name: &str, bytes: &str) -> Format {
        sniff(Path::new(name), bytes.as_bytes())
    }

    #[test]
    fn the_extension_decides_first() {
        assert_eq!(sniffed("a.txt", "{\"title\": 1}"), Format::Seed);
        assert_eq!(sniffed("a.json", "{\"title\": 1}"), Format::JsonObject);
        let lines = Format::JsonLines;
        assert_eq!(sniffed("a.jsonl", "{}"), lines);
        assert_eq!(sniffed("A.NDJSON", ""), lines);
        let gzip = Format::CompressedJsonLines(Compression::Gzip);
        assert_eq!(sniffed("cc_news.jsonl.gz", "\x1f\u{8b}"), gzip);
        let zstd = Format::CompressedJsonLines(Compression::Zstd);
        assert_eq!(sniffed("cc_news.ndjson.zst", ""), zstd);
        assert_eq!(sniffed("list.json", "[{\"title\": 1}]"), Format::JsonArray);
    }

    #[test]
    fn the_content_decides_otherwise() {
        assert_eq!(
            sniffed("a", " date 2022-01 https://x.example/a"),
            Format::Seed
        );
        assert_eq!(
            sniffed("a", "\u{feff}\n {\n \"title\": \"T\"\n}"),
            Format::JsonObject
        );
        let lines = "{\"title\": \"A\"}\n\n{\"title\": \"B\"}\n";
        assert_eq!(sniffed("dump", lines), Format::JsonLines);
        assert_eq!(sniffed("a.json", lines), Format::JsonLines);
        let feed = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}";
        assert_eq!(
            sniffed("feed.json", feed),
            Format::Unreadable(Unreadable::JsonFeed)
        );
        let rss = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>";
        assert_eq!(sniffed("feed", rss), Format::Unreadable(Unreadable::Rss));
        let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\">";
        assert_eq!(
            sniffed("feed.xml", atom),
            Format::Unreadable(Unreadable::Atom)
        );
        let db = "SQLite format 3\0\u{10}\0";
        assert_eq!(
            sniffed("cache.db", db),
            Format::Unreadable(Unreadable::Sqlite)
        );
        assert_eq!(sniffed("a", "<b>Bold</b> title"), Format::Seed);
    }

    #[test]
    fn the_problem_names_the_format() {
        let problem = Unreadable::Rss.problem(Path::new("f.rss"));
        assert!(problem.what.contains("an RSS feed"), "{problem}");
        assert!(problem.what.contains("cannot read yet"), "{problem}");
    }
}
