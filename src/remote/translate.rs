//! A parsed [`Query`] to SphinxQL: a full-text expression for `MATCH()` and an attribute
//! expression for dates, built from the query's clauses (never from the typed text), with
//! every word escaped ([`super::escape`]).
//!
//! It mirrors `search::build`, the tantivy query, clause for clause, over the folded fields
//! that [`super::document`] publishes:
//! - a word searches title, lede, body and source (`@(title,lede,body,source)`), `title:` and
//!   `source:` one field (a source also by the names the catalog merged into it, `sgroup`),
//!   `lang:` the language token;
//! - a word the tokenizer splits is a phrase of its tokens; the word being typed is a word
//!   start (`word*`, also at the end of a phrase);
//! - bodies leave out their language's stop words (a `_` holds their place): a phrase is also
//!   tried in each language that drops some of its words with those places left open, and a
//!   stop word beside a word that is a stop word nowhere is satisfied by the articles of a
//!   language that drops it;
//! - dates are a condition on the `sort_key` attribute with the local index's rule for
//!   articles known only to their month;
//! - `is:` clauses are left out: reading state is the reader's own and filtered locally.
//!
//! Every group carries its own field limit, since the engine lets a limit run on past a
//! group's end in some positions.

use chrono::{Datelike, NaiveDate};

use super::document::{EVERYTHING, GAP, language_token};
use super::escape::match_word;
use crate::article::Published;
use crate::index::stopwords::dropped_in;
use crate::index::tokenizer::terms;
use crate::search::query::{Clause, Field, Query};

/// A query as the engine takes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Translated {
    /// The `MATCH()` text (not yet a string literal); `None` when nothing asks the full text.
    pub text: Option<String>,
    /// An expression over attributes that is 1 for a match; `None` when there is no date.
    pub filter: Option<String>,
}

/// A query the remote engine cannot answer the way the local index does.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Unsupported(pub String);

pub fn translate(query: &Query) -> Result<Translated, Unsupported> {
    let mut filters = Vec::new();
    let text = expression(query, Some(&mut filters))?;
    Ok(Translated {
        text,
        filter: (!filters.is_empty()).then(|| filters.join(" AND ")),
    })
}

/// The full-text expression of `query`; `None` when it matches everything. `filters`
/// collects the date conditions at the top level; below it (inside an OR) a date cannot be
/// answered, since the engine's full text and attribute conditions do not mix in one OR.
fn expression(
    query: &Query,
    mut filters: Option<&mut Vec<String>>,
) -> Result<Option<String>, Unsupported> {
    let lenient = query.must.iter().any(anchors);
    let mut positive = Vec::new();
    for clause in &query.must {
        if let Clause::DateRange { from, to } = clause {
            let filter = filters.as_deref_mut().ok_or_else(date_in_or)?;
            filter.push(date_range(*from, *to));
            continue;
        }
        positive.extend(clause_text(clause, lenient));
    }
    for group in &query.any_of {
        let mut alternatives = Vec::new();
        let mut everything = false;
        for alternative in group {
            match expression(alternative, None)? {
                Some(text) => alternatives.push(text),
                None => everything = true,
            }
        }
        // An alternative that matches everything makes the group say nothing.
        if !everything && !alternatives.is_empty() {
            positive.push(format!("({})", alternatives.join(" | ")));
        }
    }
    let mut negative = Vec::new();
    for clause in &query.must_not {
        if let Clause::DateRange { from, to } = clause {
            let filter = filters.as_deref_mut().ok_or_else(date_in_or)?;
            filter.push(format!("NOT {}", date_range(*from, *to)));
            continue;
        }
        negative.extend(clause_text(clause, false).map(|t| format!("-{t}")));
    }
    if positive.is_empty() && negative.is_empty() {
        return Ok(None);
    }
    if positive.is_empty() {
        // The engine refuses a query of exclusions only.
        positive.push(format!("(@lang {EVERYTHING})"));
    }
    positive.extend(negative);
    Ok(Some(format!("({})", positive.join(" "))))
}

fn date_in_or() -> Unsupported {
    Unsupported(
        "date: cannot be one side of OR on a remote archive; put it beside the other words, \
         as in date:2022 (putin OR poutine)"
            .into(),
    )
}

/// The local rule (see `search::build::dates`): an article known to the day matches when its
/// day is in the range; one known only to its month when the range overlaps that month.
fn date_range(from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
    let lower = from.map_or(i64::from(i32::MIN) + 1, |d| {
        i64::from(Published::day(d).sort_key()) - 1
    });
    let mut range = format!("sort_key >= {lower}");
    if let Some(to) = to {
        range.push_str(&format!(
            " AND sort_key <= {}",
            Published::day(to).sort_key()
        ));
    }
    let month = from
        .filter(|d| d.day() > 1)
        .and_then(|d| Published::month(d.year(), d.month()));
    match month {
        Some(month) => format!("(({range}) OR sort_key = {})", month.sort_key()),
        None => format!("({range})"),
    }
}

/// A word that is a stop word in no language anchors a query (as in `search::build`).
fn anchors(clause: &Clause) -> bool {
    let words: Vec<&str> = match clause {
        Clause::Term {
            field: Field::Lang, ..
        } => return false,
        Clause::Term { text, .. } => vec![text],
        Clause::Phrase { words, .. } => words.iter().map(String::as_str).collect(),
        Clause::DateRange { .. } | Clause::Is(_) => return false,
    };
    words
        .iter()
        .flat_map(|w| terms(w))
        .any(|t| dropped_in(&t).is_empty())
}

/// `None` for a clause that asks nothing of the full text.
fn clause_text(clause: &Clause, lenient: bool) -> Option<String> {
    match clause {
        Clause::Term {
            field: Field::Lang,
            text,
            ..
        } => Some(format!("(@lang {})", match_word(&language_token(text)))),
        Clause::Term {
            field,
            text,
            prefix,
        } => tokens_text(*field, &terms(text), *prefix, lenient),
        Clause::Phrase {
            field,
            words,
            prefix,
        } => {
            let tokens: Vec<String> = words.iter().flat_map(|w| terms(w)).collect();
            tokens_text(*field, &tokens, *prefix, lenient)
        }
        Clause::DateRange { .. } | Clause::Is(_) => None,
    }
}

fn fields(field: Field) -> &'static str {
    match field {
        Field::Title => "title",
        // The source as the file names it, or a name the catalog merged it under.
        Field::Source => "(source,sgroup)",
        Field::All | Field::Lang => "(title,lede,body,source)",
        Field::Author => "author",
        Field::Tag => "tag",
    }
}

fn tokens_text(field: Field, tokens: &[String], prefix: bool, lenient: bool) -> Option<String> {
    if tokens.is_empty() {
        return None;
    }
    let mut alternatives = Vec::new();
    if matches!(field, Field::All | Field::Lang) {
        alternatives.extend(without_stop_words(tokens, prefix, lenient));
    }
    let placed: Vec<Option<&str>> = tokens.iter().map(|t| Some(t.as_str())).collect();
    alternatives.push(format!("(@{} {})", fields(field), words(&placed, prefix)));
    Some(format!("({})", alternatives.join(" | ")))
}

/// One word, or a phrase with [`GAP`] where `None` stands; `prefix`: the last is a word start.
fn words(placed: &[Option<&str>], prefix: bool) -> String {
    let mut parts: Vec<String> = placed
        .iter()
        .map(|w| w.map_or_else(|| GAP.to_string(), match_word))
        .collect();
    if prefix && let Some(last) = parts.last_mut() {
        last.push('*');
    }
    match parts.len() {
        1 => parts.remove(0),
        _ => format!("\"{}\"", parts.join(" ")),
    }
}

/// For each language whose bodies drop some of `tokens`: its articles whose body has the
/// other tokens at their places (or, `lenient`, all its articles when none is left).
fn without_stop_words(tokens: &[String], prefix: bool, lenient: bool) -> Vec<String> {
    let dropped: Vec<Vec<&str>> = tokens.iter().map(|t| dropped_in(t)).collect();
    let mut languages: Vec<&str> = dropped.iter().flatten().copied().collect();
    languages.sort_unstable();
    languages.dedup();
    let mut out = Vec::new();
    for language in languages {
        let kept: Vec<Option<&str>> = tokens
            .iter()
            .zip(&dropped)
            .map(|(t, d)| (!d.contains(&language)).then_some(t.as_str()))
            .collect();
        let first = kept.iter().position(Option::is_some);
        let last = kept.iter().rposition(Option::is_some);
        let articles_in = format!("(@lang {})", match_word(&language_token(language)));
        match (first, last) {
            (Some(first), Some(last)) => {
                let typing = prefix && last + 1 == tokens.len();
                let body = words(&kept[first..=last], typing);
                out.push(format!("({articles_in} (@body {body}))"));
            }
            _ if lenient => out.push(articles_in),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(input: &str) -> String {
        translate(&Query::parse(input).unwrap())
            .unwrap()
            .text
            .unwrap_or_default()
    }

    #[test]
    fn words_phrases_and_word_starts_search_their_fields() {
        assert_eq!(text("ukraine "), "(((@(title,lede,body,source) ukraine)))");
        assert_eq!(text("title:kiev"), "(((@title kiev*)))");
        assert_eq!(
            text("\"gas prices\" "),
            "(((@(title,lede,body,source) \"gas prices\")))"
        );
        assert_eq!(text("Erdoğ"), "(((@(title,lede,body,source) erdog*)))");
    }

    #[test]
    fn exclusions_alone_subtract_from_everything() {
        assert_eq!(
            text("-war"),
            "((@lang _all) -((@(title,lede,body,source) war)))"
        );
    }

    #[test]
    fn a_stop_word_in_a_phrase_leaves_its_place_open_in_the_languages_that_drop_it() {
        let t = text("\"war in ukraine\" ");
        assert!(t.contains("((@lang en) (@body \"war _ ukraine\"))"), "{t}");
        assert!(
            t.contains("(@(title,lede,body,source) \"war in ukraine\")"),
            "{t}"
        );
    }

    #[test]
    fn dates_become_a_condition_on_the_sort_key() {
        let t = translate(&Query::parse("war date:2022-01-10..2022-01-31").unwrap()).unwrap();
        let from = Published::day(NaiveDate::from_ymd_opt(2022, 1, 10).unwrap()).sort_key();
        let month = Published::month(2022, 1).unwrap().sort_key();
        let filter = t.filter.unwrap();
        assert!(
            filter.contains(&format!("sort_key >= {}", from - 1)),
            "{filter}"
        );
        assert!(
            filter.contains(&format!("OR sort_key = {month}")),
            "{filter}"
        );
        let not = translate(&Query::parse("-date:2022").unwrap()).unwrap();
        assert!(not.filter.unwrap().starts_with("NOT ("));
        assert_eq!(not.text, None);
    }

    #[test]
    fn a_date_inside_or_is_refused_with_a_reason() {
        let error = translate(&Query::parse("war OR date:2022").unwrap()).unwrap_err();
        assert!(error.0.contains("OR"));
    }

    #[test]
    fn typed_operators_and_quotes_stay_words() {
        for input in [
            r#"'; DROP TABLE folio; #"#,
            r"\\ \' @title | ! ~ / ^ $ = <",
            "a\0b",
            "MAYBE SENTENCE PARAGRAPH NEAR/3",
        ] {
            let query = Query::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            let t = translate(&query).unwrap();
            let text = t.text.unwrap_or_default();
            assert!(!text.contains('\''), "{text}");
            assert!(!text.contains(';'), "{text}");
            assert!(!text.contains('\0'), "{text}");
        }
    }
}
