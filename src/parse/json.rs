//! news-please and trafilatura `--json` articles, and plain rows such as Hugging Face
//! `cc_news`'s: one JSON object, a whole file's or (through `jsonl.rs`) a line's.
//!
//! The two tools are told apart by the keys only one of them writes; a plain row is an
//! object with a title and one of the common keys. Their text is already split
//! into paragraphs by newlines, so the seed format's glue repair is not applied: it would cut
//! sound text at every `word.Word` it meets. Fields of the wrong type are reported by name
//! and left out; only a file without a title is refused.
//!
//! Authors, categories, tags and the image go to [`Meta`] from whichever tool's keys are
//! there (news-please's `authors` list and `image_url`, trafilatura's `author`, `categories`
//! and `tags`, lists or texts holding several, and `image`), through [`meta::names`].
//! [`article`] maps one parsed value, so a file of many (JSON Lines) reads each row alike.

use serde_json::{Map, Value};

use super::{Notes, cut_title, language, meta, stamp, url};
use crate::article::{Article, ArticleId, Meta, Paragraph, Problem, Published};
use crate::sanitize::{sanitize, sanitize_url};

/// Where each field of an article is, in order of preference, in one tool's JSON.
struct Fields {
    tool: &'static str,
    /// Keys only this tool writes.
    markers: &'static [&'static str],
    text: &'static [&'static str],
    lede: &'static str,
    dates: &'static [&'static str],
    url: &'static [&'static str],
    /// A site's name, shown as the source as it is.
    site: &'static [&'static str],
    /// A host, from which a source name is made as for a seed file's URL.
    host: &'static str,
}

const NEWS_PLEASE: Fields = Fields {
    tool: "news-please",
    markers: &[
        "maintext",
        "source_domain",
        "date_publish",
        "date_download",
        "date_modify",
        "title_page",
        "title_rss",
        "localpath",
    ],
    text: &["maintext", "text"],
    lede: "description",
    dates: &["date_publish", "date_modify", "date_download"],
    url: &["url"],
    site: &[],
    host: "source_domain",
};

/// A row with the plain keys most dumps use: Hugging Face `cc_news` (`title`, `text`,
/// `domain`, `date`, `description`, `url`) and the like. Tried last, when an object has one
/// of these keys.
const PLAIN: Fields = Fields {
    tool: "JSON",
    markers: &[
        "text",
        "content",
        "description",
        "date",
        "published",
        "url",
        "domain",
    ],
    text: &["text", "maintext", "content"],
    lede: "description",
    dates: &["date", "date_publish", "published"],
    url: &["url"],
    site: &["source"],
    host: "domain",
};

const TRAFILATURA: Fields = Fields {
    tool: "trafilatura",
    markers: &[
        "hostname",
        "sitename",
        "source-hostname",
        "excerpt",
        "fingerprint",
        "raw_text",
        "pagetype",
    ],
    text: &["text", "raw_text"],
    lede: "excerpt",
    dates: &["date"],
    url: &["source", "url"],
    site: &["sitename", "source-hostname"],
    host: "hostname",
};

/// Reads the article in a JSON file's `text`.
pub(super) fn parse(text: &str, notes: Notes) -> Result<Article, Problem> {
    // serde_json refuses nesting deeper than 128 levels with an error, never a stack overflow.
    let value: Value = serde_json::from_str(text)
        .map_err(|e| Problem::skipped(notes.path, format!("the file is not valid JSON ({e})")))?;
    article(&value, notes)
}

/// The article in one owned JSON value: a line of a JSON Lines file's, or an item of a JSON
/// array's.
pub(super) fn from_value(value: Value, notes: Notes) -> Result<Article, Problem> {
    article(&value, notes)
}

/// The article one parsed JSON value holds, as news-please or trafilatura write it: a JSON
/// file's one object, or one row of a JSON Lines file. Problems are noted against
/// `notes.path`; `Err` when the value is not an article (not an object, no title, neither
/// tool's keys).
pub(super) fn article(value: &Value, mut notes: Notes) -> Result<Article, Problem> {
    let path = notes.path;
    let skip = |what: String| Problem::skipped(path, what);
    let Value::Object(object) = value else {
        return Err(skip(format!(
            "the JSON is {}, not an object with an article's fields",
            kind(value)
        )));
    };
    let Some(fields) = [NEWS_PLEASE, TRAFILATURA]
        .into_iter()
        .find(|f| f.markers.iter().any(|k| object.contains_key(*k)))
        .or_else(|| {
            let plain = PLAIN.markers.iter().any(|k| object.contains_key(*k));
            plain.then_some(PLAIN)
        })
    else {
        return Err(skip(
            "the JSON object has none of the keys news-please, trafilatura or cc_news write \
             (such as maintext, date_publish, hostname, excerpt, or text and url)"
                .into(),
        ));
    };
    let title = match object.get("title") {
        Some(Value::String(t)) if !t.trim().is_empty() => t.trim(),
        None | Some(Value::Null) | Some(Value::String(_)) => {
            return Err(skip(format!("the {} article has no title", fields.tool)));
        }
        Some(other) => {
            return Err(skip(format!(
                "the field `title` is {}, not text",
                kind(other)
            )));
        }
    };
    let title = cut_title(sanitize(title), &mut notes);
    let mut get = |key: &str| string(object, key, &mut notes);

    let body = fields.text.iter().find_map(|k| get(k));
    let lede = get(fields.lede).map(|l| sanitize(l.trim()).into_owned());
    let url = fields.url.iter().find_map(|k| get(k)).map(str::trim);
    let site = fields.site.iter().find_map(|k| get(k));
    let host = get(fields.host)
        .map(|h| h.trim().to_lowercase())
        .or_else(|| url.and_then(url::host));
    let code = get("language");
    let image_url = ["image_url", "image"]
        .iter()
        .find_map(|k| get(k))
        .map(|u| sanitize_url(u.trim()).into_owned());
    let published = published(object, &fields, &mut notes);
    let meta = Meta {
        authors: names(object, &["authors", "author"], &mut notes),
        categories: names(object, &["categories"], &mut notes),
        tags: names(object, &["tags"], &mut notes),
        image_url,
    };

    let paragraphs: Vec<Paragraph> = body
        .into_iter()
        .flat_map(super::decode::lines)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Paragraph::Text(sanitize(l).into_owned()))
        .collect();
    if paragraphs.is_empty() {
        notes.repaired("no body text", "showing the title and lede only");
    }
    let language = language_of(code, &mut notes).unwrap_or_else(|| {
        let lines: Vec<&str> = paragraphs.iter().map(Paragraph::text).collect();
        language::detect_article(&title, lede.as_deref().unwrap_or(""), &lines).to_owned()
    });
    let source = match (site, host) {
        (Some(s), _) => sanitize(s.trim()).into_owned(),
        (None, Some(h)) => sanitize(&url::source_from_host(&h)).into_owned(),
        (None, None) => String::new(),
    };
    let url = url.map(|u| sanitize_url(u).into_owned());
    Ok(Article {
        id: ArticleId::of(url.as_deref(), path),
        path: path.to_path_buf(),
        url,
        title,
        lede: lede.unwrap_or_default(),
        lede_truncated: false,
        source,
        language,
        published,
        paragraphs,
        meta,
        problems: notes.problems,
    })
}

/// The text of `key`: `None` when it is absent, null or blank, and noted when it is not text.
fn string<'v>(object: &'v Map<String, Value>, key: &str, notes: &mut Notes) -> Option<&'v str> {
    match object.get(key)? {
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(s),
        Value::Null => None,
        other => {
            notes.repaired(
                format!("the field `{key}` is {}, not text", kind(other)),
                "ignored it",
            );
            None
        }
    }
}

/// The names in the first of `keys` the object has: a list of texts (news-please's
/// `authors`), or one text holding several (trafilatura's `author`, `categories`, `tags`:
/// `Économie;Mer`). Entries that are not text are noted and left out.
fn names(object: &Map<String, Value>, keys: &[&str], notes: &mut Notes) -> Vec<String> {
    let Some((key, value)) = keys
        .iter()
        .find_map(|k| object.get_key_value(*k).filter(|(_, v)| !v.is_null()))
    else {
        return Vec::new();
    };
    let mut raw: Vec<&str> = Vec::new();
    let mut odd = None;
    match value {
        Value::String(text) => raw.extend(meta::split(text)),
        Value::Array(items) => {
            for item in items {
                match item {
                    // One entry of a list is one name: `Berg, Anna` stays whole.
                    Value::String(name) => raw.push(name),
                    Value::Null => {}
                    other => {
                        odd.get_or_insert(kind(other));
                    }
                }
            }
        }
        other => odd = Some(kind(other)),
    }
    if let Some(odd) = odd {
        let what = match value {
            Value::Array(_) => format!("the field `{key}` holds {odd}, not only text"),
            _ => format!("the field `{key}` is {odd}, not text or a list of texts"),
        };
        notes.repaired(what, "ignored what is not text");
    }
    meta::names(key, raw, notes)
}

/// The first of the tool's date fields that holds a date. A later field (news-please's
/// download date) is only a guess at when the article appeared, so using it is noted.
fn published(object: &Map<String, Value>, fields: &Fields, notes: &mut Notes) -> Option<Published> {
    for (i, key) in fields.dates.iter().enumerate() {
        let text = match object.get(*key) {
            // Unix seconds, as a number; `date` reads them as text too.
            Some(Value::Number(n)) => n.to_string(),
            _ => match string(object, key, notes) {
                Some(text) => text.to_owned(),
                None => continue,
            },
        };
        let text = text.as_str();
        match stamp::published(text) {
            Some(day) => {
                if i > 0 {
                    notes.repaired(
                        format!("no `{}`", fields.dates[0]),
                        format!("dated it by `{key}`"),
                    );
                }
                return Some(day);
            }
            None => notes.repaired(
                format!("the field `{key}` (\"{}\") is not a date", sanitize(text)),
                "ignored it",
            ),
        }
    }
    notes.repaired("no usable date", "listed it after all dated articles");
    None
}

/// The language code in a `language` field (`en`, `en-US`, `pt_BR`, `fra`), as ISO 639-1
/// where folio knows the language; noted when the field holds no code.
fn language_of(code: Option<&str>, notes: &mut Notes) -> Option<String> {
    let code = code?;
    let primary = code.trim().split(['-', '_']).next().unwrap_or_default();
    let primary = primary.to_ascii_lowercase();
    let found = match language::known_code(&primary) {
        Some(known) => Some(known.to_owned()),
        None if (2..=3).contains(&primary.len())
            && primary.bytes().all(|b| b.is_ascii_lowercase()) =>
        {
            Some(primary)
        }
        None => None,
    };
    if found.is_none() {
        notes.repaired(
            format!(
                "the field `language` (\"{}\") is not a language code",
                sanitize(code)
            ),
            "detected the language from the text",
        );
    }
    found
}

/// A JSON value's kind, as a problem names it.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn read(json: &str) -> Article {
        match parse(json, Notes::new(Path::new("a.json"))) {
            Ok(article) => article,
            Err(problem) => panic!("{problem}"),
        }
    }

    #[test]
    fn news_please_authors_and_image_are_read() {
        let a = read(
            r#"{"title": "Bridge", "maintext": "Text.", "date_publish": 1686554100,
                "authors": ["Mara Lindqvist", "Berg, Anna", null, "mara lindqvist"],
                "image_url": " https://x.example/a b.jpg "}"#,
        );
        assert_eq!(a.meta.authors, ["Mara Lindqvist", "Berg, Anna"]);
        assert_eq!(
            a.meta.image_url.as_deref(),
            Some("https://x.example/a%20b.jpg")
        );
        assert_eq!(
            a.published.map(|p| p.to_string()).as_deref(),
            Some("2023-06-12")
        );
        assert!(a.problems.is_empty(), "{:?}", a.problems);
    }

    #[test]
    fn trafilatura_texts_holding_several_names_are_split() {
        let a = read(
            r#"{"title": "Pêche", "text": "Texte.", "hostname": "x.example", "date": "2023-11-03",
                "author": "Claire Duval; Marc Oyelaran", "categories": "Économie;Mer",
                "tags": ["pêche", "Kessia", 7], "image": "https://x.example/p.jpg"}"#,
        );
        assert_eq!(a.meta.authors, ["Claire Duval", "Marc Oyelaran"]);
        assert_eq!(a.meta.categories, ["Économie", "Mer"]);
        assert_eq!(a.meta.tags, ["pêche", "Kessia"]);
        assert_eq!(a.meta.image_url.as_deref(), Some("https://x.example/p.jpg"));
        let problems: Vec<String> = a.problems.iter().map(|p| p.message()).collect();
        assert_eq!(
            problems,
            ["the field `tags` holds a number, not only text; ignored what is not text"]
        );
        let a = read(r#"{"title": "T", "text": "x", "excerpt": "e", "author": "A, B", "tags": 3}"#);
        assert_eq!(a.meta.authors, ["A", "B"]);
        assert!(a.meta.tags.is_empty());
        assert!(
            a.problems
                .iter()
                .any(|p| p.what == "the field `tags` is a number, not text or a list of texts")
        );
    }

    /// The forms themselves are `stamp`'s, tested there; here, that a JSON number is read.
    #[test]
    fn a_date_may_be_a_json_number() {
        let json = r#"{"title": "T", "maintext": "Body.", "date_publish": 1614902400}"#;
        let article = read(json);
        let day = chrono::NaiveDate::from_ymd_opt(2021, 3, 5).expect("a day");
        assert_eq!(article.published, Some(Published::day(day)));
    }
}
