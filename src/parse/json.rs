//! news-please and trafilatura `--json` articles, and plain rows such as Hugging Face
//! `cc_news`'s: one JSON object, a whole file's or (through `jsonl.rs`) a line's.
//!
//! The two tools are told apart by the keys only one of them writes; a plain row is an
//! object with a title and one of the common keys. Their text is already split
//! into paragraphs by newlines, so the seed format's glue repair is not applied: it would cut
//! sound text at every `word.Word` it meets. Fields of the wrong type are reported by name
//! and left out; only a file without a title is refused.

use chrono::{DateTime, NaiveDate};
use serde_json::{Map, Value};

use super::{Notes, cut_title, language, url};
use crate::article::{Article, ArticleId, Paragraph, Problem, Published};
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
    from_value(value, notes)
}

/// The article in one JSON value: a whole file's, a line of a JSON Lines file's, or an item
/// of a JSON array's.
pub(super) fn from_value(value: Value, mut notes: Notes) -> Result<Article, Problem> {
    let path = notes.path;
    let skip = |what: String| Problem::skipped(path, what);
    let Value::Object(object) = value else {
        return Err(skip(format!(
            "the JSON is {}, not an object with an article's fields",
            kind(&value)
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
    let mut get = |key: &str| string(&object, key, &mut notes);

    let body = fields.text.iter().find_map(|k| get(k));
    let lede = get(fields.lede).map(|l| sanitize(l.trim()).into_owned());
    let url = fields.url.iter().find_map(|k| get(k)).map(str::trim);
    let site = fields.site.iter().find_map(|k| get(k));
    let host = get(fields.host)
        .map(|h| h.trim().to_lowercase())
        .or_else(|| url.and_then(url::host));
    let code = get("language");
    let published = published(&object, &fields, &mut notes);

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
        meta: Default::default(),
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

/// The first of the tool's date fields that holds a date. A later field (news-please's
/// download date) is only a guess at when the article appeared, so using it is noted.
fn published(object: &Map<String, Value>, fields: &Fields, notes: &mut Notes) -> Option<Published> {
    for (i, key) in fields.dates.iter().enumerate() {
        let found = match object.get(*key) {
            // Unix seconds, as some dumps write them.
            Some(Value::Number(n)) => Some((n.to_string(), n.as_i64().and_then(unix_day))),
            _ => string(object, key, notes).map(|t| (t.to_string(), date(t))),
        };
        let Some((text, day)) = found else {
            continue;
        };
        match day {
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
                format!("the field `{key}` (\"{}\") is not a date", sanitize(&text)),
                "ignored it",
            ),
        }
    }
    notes.repaired("no usable date", "listed it after all dated articles");
    None
}

/// The day (in UTC) of a time in Unix seconds, for times between 1970 and 2100.
fn unix_day(seconds: i64) -> Option<Published> {
    if !(0..4_102_444_800).contains(&seconds) {
        return None;
    }
    DateTime::from_timestamp(seconds, 0).map(|t| Published::day(t.date_naive()))
}

/// `2021-03-04`, `2021-03-04 10:22:01`, RFC 3339 (`2021-03-04T10:22:01+01:00`): the day as
/// written, in the zone the source wrote it in; RFC 2822 likewise; `2021-03` to the month.
fn date(text: &str) -> Option<Published> {
    let text = text.trim();
    if let Some(day) = text
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        let rest = text.get(10..).unwrap_or_default();
        let time_follows = rest
            .strip_prefix(['T', 't', ' '])
            .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()));
        return (rest.is_empty() || time_follows).then(|| Published::day(day));
    }
    if let Ok(time) = DateTime::parse_from_rfc2822(text) {
        return Some(Published::day(time.date_naive()));
    }
    if (9..=10).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
        return unix_day(text.parse().ok()?);
    }
    let (year, month) = text.split_once('-')?;
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(year, 4) && digits(month, 2)) {
        return None;
    }
    Published::month(year.parse().ok()?, month.parse().ok()?)
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

    #[test]
    fn dates_in_the_forms_the_tools_write() {
        let day = |y, m, d| {
            Some(Published::day(
                NaiveDate::from_ymd_opt(y, m, d).expect("a day"),
            ))
        };
        assert_eq!(date("2021-03-04 10:22:01"), day(2021, 3, 4));
        assert_eq!(date("2021-03-04T23:30:00-05:00"), day(2021, 3, 4));
        assert_eq!(date("2021-03-04"), day(2021, 3, 4));
        assert_eq!(date("Thu, 04 Mar 2021 10:22:01 +0000"), day(2021, 3, 4));
        assert_eq!(date("2021-03"), Published::month(2021, 3));
        assert_eq!(date("1614853321"), day(2021, 3, 4), "Unix seconds");
        for bad in [
            "2021-02-30",
            "yesterday",
            "2021-03-04xyz",
            "",
            "2021-13",
            "é2021-03-04",
        ] {
            assert_eq!(date(bad), None, "{bad}");
        }
    }
}
