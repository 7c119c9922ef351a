//! Parsed queries in a compact text form, for tables of input and expected parse.

use chrono::NaiveDate;
use folio::search::query::{Clause, Field, Query, QueryError};

/// A compact form of a query for tables: must clauses, then OR groups `(a | b)` (an
/// alternative of several clauses in `[ ]`), then excluded clauses; `*` marks a prefix.
pub fn render(query: &Query) -> String {
    let mut parts: Vec<String> = query.must.iter().map(clause).collect();
    for group in &query.any_of {
        let alternatives: Vec<String> = group
            .iter()
            .map(|alt| {
                let text = render(alt);
                if alt.must.len() + alt.must_not.len() + alt.any_of.len() > 1 {
                    format!("[{text}]")
                } else {
                    text
                }
            })
            .collect();
        parts.push(format!("({})", alternatives.join(" | ")));
    }
    parts.extend(query.must_not.iter().map(|c| format!("-{}", clause(c))));
    parts.join(" ")
}

pub fn clause(clause: &Clause) -> String {
    let field = |field: &Field| match field {
        Field::All => "",
        Field::Title => "title:",
        Field::Source => "source:",
        Field::Author => "author:",
        Field::Tag => "tag:",
        Field::Lang => "lang:",
    };
    match clause {
        Clause::Term {
            field: f,
            text,
            prefix,
        } => format!("{}{text}{}", field(f), if *prefix { "*" } else { "" }),
        Clause::Phrase {
            field: f,
            words,
            prefix,
        } => format!(
            "{}\"{}{}\"",
            field(f),
            words.join(" "),
            if *prefix { "*" } else { "" }
        ),
        Clause::DateRange { from, to } => {
            let day = |d: &Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            format!("date:{}..{}", day(from), day(to))
        }
        Clause::Is(flag) => format!("is:{flag:?}").to_lowercase(),
    }
}

pub fn parsed(input: &str) -> String {
    match Query::parse(input) {
        Ok(query) => render(&query),
        Err(e) => panic!("{input:?} failed: {} at {:?}", e.message, e.span),
    }
}

pub fn error(input: &str) -> QueryError {
    match Query::parse(input) {
        Ok(query) => panic!("{input:?} parsed as {:?}", render(&query)),
        Err(e) => e,
    }
}
