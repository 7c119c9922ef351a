//! CSL-JSON, the citation data of citeproc (pandoc, Zotero): one `article-newspaper` object
//! per article, in one JSON array.

use std::io::{self, Write};

use chrono::Datelike;
use serde_json::{Map, Value, json};

use crate::article::Precision;
use crate::sanitize::sanitize;

use super::Item;

pub fn object(key: &str, item: &Item, out: &mut dyn Write) -> io::Result<()> {
    let mut map = Map::new();
    map.insert("id".into(), json!(key));
    map.insert("type".into(), json!("article-newspaper"));
    map.insert("title".into(), json!(item.title));
    map.insert("container-title".into(), json!(item.source));
    if !item.authors.is_empty() {
        let names: Vec<Value> = item
            .authors
            .iter()
            .map(|a| json!({ "literal": a }))
            .collect();
        map.insert("author".into(), Value::Array(names));
    }
    if let Some(p) = item.published {
        let parts = match p.precision {
            Precision::Day => json!([p.date.year(), p.date.month(), p.date.day()]),
            Precision::Month => json!([p.date.year(), p.date.month()]),
        };
        map.insert("issued".into(), json!({ "date-parts": [parts] }));
    }
    if let Some(url) = &item.url {
        map.insert("URL".into(), json!(url));
    }
    if !item.language.is_empty() {
        map.insert("language".into(), json!(item.language));
    }
    if !item.lede.is_empty() {
        map.insert("abstract".into(), json!(item.lede));
    }
    if !item.labels.is_empty() {
        map.insert("keyword".into(), json!(item.labels.join(", ")));
    }
    if !item.notes.is_empty() {
        let notes: Vec<String> = item
            .notes
            .iter()
            .map(|n| sanitize(n).into_owned())
            .collect();
        map.insert("note".into(), json!(notes.join("\n")));
    }
    write!(out, "{}", Value::Object(map))
}

#[cfg(test)]
mod tests {
    use super::super::item::tests::hostile;
    use super::*;

    #[test]
    fn an_article_newspaper_with_date_parts() {
        let mut out = Vec::new();
        object("k", &hostile(), &mut out).unwrap();
        let value: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["type"], "article-newspaper");
        assert_eq!(value["issued"]["date-parts"], json!([[2022, 1, 2]]));
        assert_eq!(value["container-title"], "@Wire");
        assert!(value.get("language").is_none());
        assert!(!String::from_utf8(out).unwrap().contains('\u{1b}'));
    }
}
