//! Which reader a file goes to: its extension decides when it names a format, else the first
//! bytes do. The seed format stays the default, so a headerless text file is still read as
//! well as it can be rather than refused.
//!
//! An XML document that is neither a feed nor trafilatura's is named here too, so that
//! `folio check` says what the file is rather than blaming a missing header line. SQLite's
//! side files (a database's `-wal`, `-shm` and `-journal`) are named so that the walk passes
//! them over: they are part of the database beside them, not files of their own.

use std::path::Path;

use memchr::memmem;

use crate::article::Problem;

/// How much of the start of a file the content sniff reads: roots and markers of the formats
/// below sit in the first few hundred bytes.
const SNIFF_BYTES: usize = 4 * 1024;

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

/// The suffixes SQLite gives the files it keeps beside a database while writing it.
const SQLITE_SIDE_FILES: [&str; 3] = ["-wal", "-shm", "-journal"];

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
    /// RSS 0.9x/1.0 (RDF)/2.0, Atom or JSON Feed: an article an item.
    Feed,
    /// trafilatura's `--xml` output: an article a `<doc>`.
    TrafilaturaXml,
    /// An SQLite database, read as newsboat's `cache.db` (the reader says when it is not).
    Sqlite,
    /// An XML document of another kind, which folio cannot read.
    OtherXml,
}

/// How a JSON Lines file is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Compression {
    Gzip,
    Zstd,
}

/// The problem `folio check` reports for an XML document of a kind folio does not read.
pub(super) fn other_xml_problem(path: &Path) -> Problem {
    Problem::skipped(
        path,
        "the file is an XML document but neither a feed (RSS, RDF, Atom) nor trafilatura \
         XML, the XML formats folio reads",
    )
}

/// Whether the file at `path` is one SQLite keeps beside a database (`cache.db-wal`...)
/// while that database is there: never an article file, and never to be reported as one.
pub fn is_database_side_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    SQLITE_SIDE_FILES.iter().any(|suffix| {
        name.strip_suffix(suffix)
            .is_some_and(|database| !database.is_empty() && path.with_file_name(database).is_file())
    })
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
        "rss" | "atom" | "rdf" => return Format::Feed,
        _ => {}
    }
    if head.starts_with(SQLITE_MAGIC) {
        return Format::Sqlite;
    }
    json(head)
        .or_else(|| xml(head))
        .unwrap_or(if extension == "xml" {
            Format::OtherXml
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
        b'{' if memmem::find(head, b"jsonfeed.org/version").is_some() => Some(Format::Feed),
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

/// An XML file's kind, when the file starts like XML: the first of the roots folio reads
/// decides (a DOCTYPE or comment may come before it).
fn xml(head: &[u8]) -> Option<Format> {
    let head = trimmed(head);
    if !head.starts_with(b"<") {
        return None;
    }
    let roots: [(&[u8], Format); 4] = [
        (b"<rss", Format::Feed),
        (b"<rdf:RDF", Format::Feed),
        (b"<feed", Format::Feed),
        (b"<doc", Format::TrafilaturaXml),
    ];
    let first = roots
        .iter()
        .filter_map(|&(root, format)| element(head, root).map(|at| (at, format)))
        .min_by_key(|&(at, _)| at);
    match first {
        Some((_, format)) => Some(format),
        None if head.starts_with(b"<?xml") => Some(Format::OtherXml),
        // Text that merely starts with `<`: a headerless article, read as well as it can be.
        None => None,
    }
}

/// Where the element `open` (`<rss`) starts in `head`: `<rss` followed by the end of its
/// name, so `<feedback>` is not a `<feed>`.
fn element(head: &[u8], open: &[u8]) -> Option<usize> {
    memmem::find_iter(head, open).find(|&at| {
        matches!(
            head.get(at + open.len()),
            None | Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')
        )
    })
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
        assert_eq!(sniffed("feed.json", feed), Format::Feed);
        let rss = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>";
        assert_eq!(sniffed("feed", rss), Format::Feed);
        let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\">";
        assert_eq!(sniffed("feed.xml", atom), Format::Feed);
        let rdf = "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"x\"><channel>";
        assert_eq!(sniffed("news.xml", rdf), Format::Feed);
        let doc = "<doc sitename=\"Courier\" title=\"T\"><main><p>A</p></main></doc>";
        assert_eq!(sniffed("a.xml", doc), Format::TrafilaturaXml);
        let db = "SQLite format 3\0\u{10}\0";
        assert_eq!(sniffed("cache.db", db), Format::Sqlite);
        assert_eq!(sniffed("a", "<b>Bold</b> title"), Format::Seed);
    }

    /// The root decides, not a name that merely starts like one, nor one further on.
    #[test]
    fn the_first_root_decides_the_xml_kind() {
        let doc = "<?xml version=\"1.0\"?><doc title=\"Feeds\"><main><p>&lt;rss&gt;</p>";
        assert_eq!(sniffed("a.xml", doc), Format::TrafilaturaXml);
        let other = "<?xml version=\"1.0\"?><feedback><doc2/></feedback>";
        assert_eq!(sniffed("survey.xml", other), Format::OtherXml);
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"a\">]><rss>";
        assert_eq!(
            sniffed("x", bomb),
            Format::Feed,
            "to be refused by the feed reader"
        );
    }

    #[test]
    fn the_problem_names_the_formats_folio_reads() {
        let problem = other_xml_problem(Path::new("f.xml"));
        assert!(problem.what.contains("an XML document"), "{problem}");
        assert!(problem.what.contains("trafilatura"), "{problem}");
    }

    #[test]
    fn a_databases_side_files_are_known_while_it_is_there() {
        let folder = tempfile::tempdir().expect("a folder");
        let wal = folder.path().join("cache.db-wal");
        assert!(!is_database_side_file(&wal), "no database beside it");
        std::fs::write(folder.path().join("cache.db"), SQLITE_MAGIC).expect("written");
        assert!(is_database_side_file(&wal));
        assert!(is_database_side_file(
            &folder.path().join("cache.db-journal")
        ));
        assert!(!is_database_side_file(&folder.path().join("cache.db")));
        assert!(!is_database_side_file(&folder.path().join("-wal")));
    }
}
