//! JSON lines: one object per article, its keys the chosen fields in their order.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Field, Item};

pub fn line(fields: &[Field], item: &Item, out: &mut dyn Write) -> io::Result<()> {
    // Written key by key: serde_json's map would sort the keys, and the order chosen is the
    // order wanted.
    let mut text = String::from("{");
    for (i, &field) in fields.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&json!(field.name()).to_string());
        text.push(':');
        text.push_str(&value(field, item).to_string());
    }
    text.push_str("}\n");
    out.write_all(text.as_bytes())
}

fn value(field: Field, item: &Item) -> Value {
    match field {
        Field::Id => json!(item.id),
        Field::Date => json!(item.published.map(|p| p.to_string())),
        Field::Source => json!(item.source),
        Field::Title => json!(item.title),
        Field::Url => json!(item.url),
        Field::Language => json!((!item.language.is_empty()).then_some(&item.language)),
        Field::Lede => json!(item.lede),
        Field::Authors => json!(item.authors),
        Field::Labels => json!(item.labels),
        Field::Notes => json!(item.notes),
        Field::Path => json!(item.path),
        Field::Body => json!(item.body.as_ref().map(|_| item.body_text())),
    }
}

#[cfg(test)]
mod tests {
    use super::super::item::tests::hostile;
    use super::*;

    #[test]
    fn each_line_is_an_object_with_the_fields_in_order() {
        let mut out = Vec::new();
        let fields = [Field::Title, Field::Date, Field::Labels, Field::Language];
        line(&fields, &hostile(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 1);
        assert!(text.starts_with("{\"title\":\"=HYPERLINK"), "{text}");
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["date"], "2022-01-02");
        assert_eq!(value["labels"], json!(["-minus", "war, peace"]));
        assert_eq!(value["language"], Value::Null);
        assert!(!text.contains('\u{1b}'));
    }
}
