//! The columns of a CSV, JSON lines or Markdown export, chosen with `--fields`.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Date,
    Source,
    Title,
    Url,
    Language,
    Lede,
    Authors,
    Labels,
    Notes,
    Path,
    Body,
}

impl Field {
    pub const ALL: [Field; 12] = [
        Field::Id,
        Field::Date,
        Field::Source,
        Field::Title,
        Field::Url,
        Field::Language,
        Field::Lede,
        Field::Authors,
        Field::Labels,
        Field::Notes,
        Field::Path,
        Field::Body,
    ];

    /// The column's name: the CSV header, the JSON key, `--fields`' word.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Date => "date",
            Field::Source => "source",
            Field::Title => "title",
            Field::Url => "url",
            Field::Language => "language",
            Field::Lede => "lede",
            Field::Authors => "authors",
            Field::Labels => "labels",
            Field::Notes => "notes",
            Field::Path => "path",
            Field::Body => "body",
        }
    }

    /// Whether the field needs the article's file read, not only the index's row.
    pub fn needs_file(self) -> bool {
        matches!(self, Field::Authors | Field::Body)
    }
}

/// The columns written when `--fields` is not given: Markdown links the title to the URL, so
/// it needs no URL column.
pub fn default_fields(markdown: bool) -> Vec<Field> {
    if markdown {
        vec![Field::Date, Field::Source, Field::Title, Field::Labels]
    } else {
        vec![
            Field::Id,
            Field::Date,
            Field::Source,
            Field::Title,
            Field::Url,
            Field::Language,
            Field::Lede,
            Field::Labels,
            Field::Notes,
        ]
    }
}

/// `date,title,url` (spaces and case ignored, repeats dropped). The error names the word and
/// the fields there are.
pub fn parse(words: &[String]) -> Result<Vec<Field>, String> {
    let mut fields = Vec::new();
    for word in words.iter().flat_map(|w| w.split(',')) {
        let word = word.trim();
        if word.is_empty() {
            continue;
        }
        let field = Field::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(word))
            .ok_or_else(|| format!("there is no field \"{word}\"; the fields are {}", names()))?;
        if !fields.contains(&field) {
            fields.push(field);
        }
    }
    if fields.is_empty() {
        return Err(format!("no field named; the fields are {}", names()));
    }
    Ok(fields)
}

/// Every field's name, for messages and help.
pub fn names() -> String {
    Field::ALL.map(Field::name).join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_from_lists_and_unknown_ones_named() {
        let words = vec!["date, Title".to_string(), "url,date".to_string()];
        assert_eq!(
            parse(&words),
            Ok(vec![Field::Date, Field::Title, Field::Url])
        );
        let err = parse(&["date,colour".to_string()]).unwrap_err();
        assert!(err.contains("\"colour\"") && err.contains("lede"), "{err}");
        assert!(parse(&[" , ".to_string()]).is_err());
    }
}
