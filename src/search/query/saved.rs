//! Saved searches: a query with a name (`[[search]]` in the config file), used in any query
//! as `@name`. `@bridge date:2023` reads as `(bridge -is:read) date:2023`: the name is
//! replaced by its query in parentheses before the query is parsed, so a saved search can be
//! excluded (`-@bridge`), ORed (`@bridge OR @tunnel`) and narrowed like any group.
//!
//! Only a word that starts with `@` is a name: `"@bridge"` in quotes, `title:@x` and
//! `me@example.org` stay text. A saved search may use others; one that comes back to itself,
//! directly or through another, is refused where it is defined.

use std::ops::Range;

use serde::Deserialize;

use super::lexer::{Kind, lex};
use super::{Query, QueryError, shorten};

/// One saved search as the config file writes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedSearch {
    pub name: String,
    pub query: String,
}

/// The saved searches a query may name, in the order they were defined; names are unique
/// ignoring case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SavedSearches {
    list: Vec<SavedSearch>,
}

/// A query with its `@names` replaced, and where each replacement came from, so an error
/// found in the expanded text can point at what the user typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expanded {
    pub text: String,
    /// Each `@name` of the input: its span there, its span in `text`, and its name.
    splices: Vec<(Range<usize>, Range<usize>, String)>,
}

/// Whether `name` can be a saved search's name: letters, digits, `-` and `_`.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

impl SavedSearches {
    /// Checks each search (a valid, unique name; a query that parses on its own and names
    /// only searches defined here, never itself) and keeps them.
    pub fn new(list: Vec<SavedSearch>) -> Result<SavedSearches, String> {
        let mut searches = SavedSearches { list: Vec::new() };
        for search in list {
            let name = search.name.trim().trim_start_matches('@');
            if searches.get(name).is_some() {
                return Err(format!(
                    "two saved searches are called @{}; rename one",
                    shorten(name)
                ));
            }
            searches = searches.insert(search)?;
        }
        searches.check_all()?;
        Ok(searches)
    }

    /// These searches and `search` (replacing one of the same name), if every search still
    /// expands and parses.
    pub fn with(&self, search: SavedSearch) -> Result<SavedSearches, String> {
        let searches = self.insert(search)?;
        searches.check_all()?;
        Ok(searches)
    }

    /// These searches with `more` over them, one at a time (each replaces one of its name);
    /// one that does not fit is left out, with why in the returned list.
    pub fn with_all(&self, more: &[SavedSearch]) -> (SavedSearches, Vec<String>) {
        let mut searches = self.clone();
        let mut refused = Vec::new();
        for search in more {
            match searches.with(search.clone()) {
                Ok(with) => searches = with,
                Err(reason) => refused.push(format!("@{}: {reason}", search.name)),
            }
        }
        (searches, refused)
    }

    fn insert(&self, search: SavedSearch) -> Result<SavedSearches, String> {
        let name = search.name.trim().trim_start_matches('@').to_string();
        if !valid_name(&name) {
            return Err(format!(
                "a saved search's name is letters, digits, - and _ (as in \"bridge\" or \
                 \"war-2022\"), not {:?}",
                shorten(&search.name)
            ));
        }
        let query = search.query.trim().to_string();
        if query.is_empty() {
            return Err(format!("the saved search @{name} has no query"));
        }
        let mut list = self.list.clone();
        list.retain(|s| !s.name.eq_ignore_ascii_case(&name));
        list.push(SavedSearch { name, query });
        Ok(SavedSearches { list })
    }

    /// Every search parses once its names are expanded, which also refuses cycles.
    fn check_all(&self) -> Result<(), String> {
        for search in &self.list {
            self.check_one(search)?;
        }
        Ok(())
    }

    fn check_one(&self, search: &SavedSearch) -> Result<(), String> {
        let fault = |message: String| {
            format!(
                "the saved search @{} ({:?}) cannot be used: {message}",
                search.name,
                shorten(&search.query)
            )
        };
        if !balanced(&search.query) {
            return Err(fault(
                "its quotes or parentheses are not closed; close them".into(),
            ));
        }
        let expanded = self
            .expand(&search.query)
            .map_err(|e| fault(e.message.clone()))?;
        // Followed by a word, so an operator or `field:` left unfinished at its end is an
        // error here rather than swallowing what follows it in a user's query.
        super::parser::parse(&format!("({}) x", expanded.text)).map_err(|e| fault(e.message))?;
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &SavedSearch> {
        self.list.iter()
    }

    /// The search called `name` (ignoring case).
    pub fn get(&self, name: &str) -> Option<&SavedSearch> {
        self.list.iter().find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// `input` with each `@name` replaced by `(its query)`, its own names expanded in turn.
    pub fn expand(&self, input: &str) -> Result<Expanded, QueryError> {
        let mut within = Vec::new();
        self.expand_within(input, &mut within)
    }

    fn expand_within(&self, input: &str, within: &mut Vec<String>) -> Result<Expanded, QueryError> {
        let mut text = String::with_capacity(input.len());
        let mut splices = Vec::new();
        let mut copied = 0;
        for token in lex(input) {
            let Kind::Word(word) = token.kind else {
                continue;
            };
            let Some(name) = word.strip_prefix('@').filter(|n| !n.is_empty()) else {
                continue;
            };
            let span = token.span;
            let Some(search) = self.get(name) else {
                return Err(QueryError::new(span, self.unknown(name)));
            };
            if within.iter().any(|n| n.eq_ignore_ascii_case(&search.name)) {
                let mut path: Vec<String> = within.iter().map(|n| format!("@{n}")).collect();
                path.push(format!("@{}", search.name));
                return Err(QueryError::new(
                    span,
                    format!(
                        "the saved search @{} uses itself ({}); a saved search may use \
                         others but never come back to itself",
                        search.name,
                        path.join(" → ")
                    ),
                ));
            }
            within.push(search.name.clone());
            let inner = self.expand_within(&search.query, within);
            within.pop();
            // An error inside the saved query is about the name that brought it in.
            let inner = inner.map_err(|e| QueryError::new(span.clone(), e.message))?;
            text.push_str(&input[copied..span.start]);
            let start = text.len();
            // The space before `)` keeps the query's last word whole: a word at the very end
            // of what is typed would be read as the start of a word.
            text.push('(');
            text.push_str(&inner.text);
            text.push_str(" )");
            splices.push((span.clone(), start..text.len(), search.name.clone()));
            copied = span.end;
        }
        text.push_str(&input[copied..]);
        Ok(Expanded { text, splices })
    }

    fn unknown(&self, name: &str) -> String {
        let name = shorten(name);
        if self.list.is_empty() {
            return format!(
                "there is no saved search @{name}: none is saved yet (name one with \
                 [[search]] name = \"...\" query = \"...\" in config.toml)"
            );
        }
        let known: Vec<String> = self.list.iter().map(|s| format!("@{}", s.name)).collect();
        format!(
            "there is no saved search @{name}; the saved searches are {}",
            known.join(", ")
        )
    }
}

impl Expanded {
    /// An error about the expanded text, moved onto what the user typed: inside a saved
    /// search, onto its `@name`, with the name in the message. Both ends land on character
    /// boundaries of the input: the text between names is the input's, copied as it was.
    pub fn locate(&self, error: QueryError) -> QueryError {
        let inside = self
            .splices
            .iter()
            .find(|(_, out, _)| out.contains(&error.span.start));
        if let Some((typed, _, name)) = inside {
            return QueryError::new(
                typed.clone(),
                format!("in the saved search @{name}: {}", error.message),
            );
        }
        let start = self.typed_at(error.span.start, false);
        let end = self.typed_at(error.span.end, true).max(start);
        QueryError::new(start..end, error.message)
    }

    /// Where offset `at` of the expanded text falls in the input; inside a replacement, the
    /// start or `end` of its `@name`.
    fn typed_at(&self, at: usize, end: bool) -> usize {
        let mut shift = 0isize;
        for (typed, out, _) in &self.splices {
            if at < out.start {
                break;
            }
            if at < out.end {
                return if end { typed.end } else { typed.start };
            }
            shift += out.len() as isize - typed.len() as isize;
        }
        at.saturating_add_signed(-shift)
    }
}

/// Whether every quote is closed and every parenthesis outside quotes has its pair.
fn balanced(text: &str) -> bool {
    let mut depth = 0usize;
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {}
        }
    }
    depth == 0 && !quoted
}

impl Query {
    /// [`Query::parse`] with `@name` standing for a saved search's query.
    pub fn parse_with(input: &str, searches: &SavedSearches) -> Result<Query, QueryError> {
        if !input.contains('@') {
            return Query::parse(input);
        }
        let expanded = searches.expand(input)?;
        Query::parse(&expanded.text).map_err(|e| expanded.locate(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn searches(pairs: &[(&str, &str)]) -> Result<SavedSearches, String> {
        SavedSearches::new(
            pairs
                .iter()
                .map(|(name, query)| SavedSearch {
                    name: name.to_string(),
                    query: query.to_string(),
                })
                .collect(),
        )
    }

    #[test]
    fn a_name_becomes_its_query_in_parentheses() {
        let saved =
            searches(&[("bridge", "bridge -is:read"), ("both", "@bridge OR tunnel")]).unwrap();
        let typed = "@bridge date:2023";
        assert_eq!(
            saved.expand(typed).unwrap().text,
            "(bridge -is:read ) date:2023"
        );
        assert_eq!(
            Query::parse_with(typed, &saved).unwrap(),
            Query::parse("(bridge -is:read) date:2023").unwrap()
        );
        assert_eq!(
            saved.expand("-@BOTH x").unwrap().text,
            "-((bridge -is:read ) OR tunnel ) x"
        );
    }

    #[test]
    fn the_last_word_of_a_saved_query_is_whole_not_a_prefix() {
        let saved = searches(&[("e", "erdo")]).unwrap();
        assert_eq!(
            Query::parse_with("@e", &saved).unwrap(),
            Query::parse("erdo ").unwrap()
        );
    }

    #[test]
    fn quoted_field_and_inner_at_signs_are_text() {
        let saved = searches(&[("x", "y")]).unwrap();
        for text in ["\"@x\"", "title:@x", "me@x.org", "@"] {
            assert_eq!(saved.expand(text).unwrap().text, text);
        }
    }

    #[test]
    fn an_unknown_name_lists_the_known_ones_and_points_at_itself() {
        let saved = searches(&[("bridge", "b"), ("tunnel", "t")]).unwrap();
        let error = Query::parse_with("war @brige", &saved).unwrap_err();
        assert_eq!(error.span, 4..10);
        assert!(error.message.contains("@brige"), "{}", error.message);
        assert!(
            error.message.contains("@bridge, @tunnel"),
            "{}",
            error.message
        );
        let none = Query::parse_with("@x", &SavedSearches::default()).unwrap_err();
        assert!(none.message.contains("[[search]]"), "{}", none.message);
    }

    #[test]
    fn searches_that_come_back_to_themselves_are_refused() {
        let direct = searches(&[("a", "x @a")]).unwrap_err();
        assert!(direct.contains("@a → @a"), "{direct}");
        let through = searches(&[("a", "@b"), ("b", "y OR @a")]).unwrap_err();
        assert!(through.contains("uses itself"), "{through}");
    }

    #[test]
    fn bad_definitions_say_what_is_wrong() {
        for (name, query, needle) in [
            ("two words", "x", "letters, digits"),
            ("", "x", "letters, digits"),
            ("a", "  ", "no query"),
            ("a", "\"open", "not closed"),
            ("a", "(x", "not closed"),
            ("a", "x OR", "OR needs"),
            ("a", "@nowhere", "no saved search @nowhere"),
        ] {
            let error = searches(&[(name, query)]).unwrap_err();
            assert!(error.contains(needle), "{name:?} {query:?}: {error}");
        }
        let twice = searches(&[("a", "x"), ("A", "y")]).unwrap_err();
        assert!(twice.contains("two saved searches"), "{twice}");
    }

    #[test]
    fn errors_after_a_name_point_at_what_was_typed() {
        let saved = searches(&[("bridge", "bridge -is:read")]).unwrap();
        let typed = "@bridge date:20x";
        let error = Query::parse_with(typed, &saved).unwrap_err();
        assert!(
            error.span.start >= 8 && error.span.end <= typed.len(),
            "{error:?}"
        );
        assert!(typed[error.span.clone()].contains("20x"), "{error:?}");
    }

    #[test]
    fn an_error_that_runs_into_a_name_stays_on_the_input() {
        let saved = searches(&[("é", "ünïcode wörds")]).unwrap();
        for typed in [
            "x OR @é",
            "@é OR",
            "-@é é date:",
            "(@é",
            "a\"@é\" @é OR OR b",
        ] {
            if let Err(error) = Query::parse_with(typed, &saved) {
                assert!(
                    typed.get(error.span.clone()).is_some(),
                    "{typed:?}: {error:?}"
                );
            }
        }
    }

    #[test]
    fn a_later_definition_replaces_one_of_the_same_name() {
        let saved = searches(&[("a", "x")]).unwrap();
        let saved = saved
            .with(SavedSearch {
                name: "@A".into(),
                query: "y".into(),
            })
            .unwrap();
        assert_eq!(saved.iter().count(), 1);
        assert_eq!(saved.expand("@a").unwrap().text, "(y )");
    }
}
