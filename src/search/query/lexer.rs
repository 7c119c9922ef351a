//! Splits the input into tokens with byte spans, in one pass.
//!
//! Words run until whitespace, a quote or a parenthesis, so `a-b`, `l'Otan`, `https://x/y`
//! and a run of Chinese are single words. A `-` is an operator only where a token starts.

use std::fmt;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Name {
    Title,
    Source,
    Author,
    Tag,
    Lang,
    Date,
    Is,
    Label,
}

impl Name {
    fn from_str(name: &str) -> Option<Name> {
        [
            ("title", Name::Title),
            ("source", Name::Source),
            ("author", Name::Author),
            ("tag", Name::Tag),
            ("lang", Name::Lang),
            ("date", Name::Date),
            ("is", Name::Is),
            ("label", Name::Label),
        ]
        .into_iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(name))
        .map(|(_, field)| field)
    }

    /// An example for error messages.
    pub(super) fn example(self) -> &'static str {
        match self {
            Name::Title => "title:erdogan or title:\"garanties de sécurité\"",
            Name::Source => "source:sputnik",
            Name::Author => "author:müller or author:\"anna berg\"",
            Name::Tag => "tag:economy or tag:\"climate change\"",
            Name::Lang => "lang:fr",
            Name::Date => "date:2022-01 or date:2022-01-10..2022-02-15",
            Name::Is => "is:unread, is:read, is:starred, is:labelled, is:noted or is:copy",
            Name::Label => "label:security or label:frame:economy",
        }
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Name::Title => "title",
            Name::Source => "source",
            Name::Author => "author",
            Name::Tag => "tag",
            Name::Lang => "lang",
            Name::Date => "date",
            Name::Is => "is",
            Name::Label => "label",
        })
    }
}

/// The text between quotes; `closed` is false when the input ended first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Quoted<'a> {
    pub text: &'a str,
    pub closed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Value<'a> {
    Word(&'a str),
    Quoted(Quoted<'a>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind<'a> {
    Word(&'a str),
    Quoted(Quoted<'a>),
    /// `name:` and the value touching the colon, with the value's span.
    Field {
        name: Name,
        value: Option<(Value<'a>, Range<usize>)>,
    },
    /// A `-` touching what follows it.
    Minus,
    /// A `-` followed by whitespace or the end of the input.
    LoneMinus,
    /// `OR` or `||`.
    Or,
    /// `AND` or `&&`: what a space already means.
    And,
    /// `NOT`: a `-` before what follows.
    Not,
    Open,
    Close,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token<'a> {
    pub kind: Kind<'a>,
    pub span: Range<usize>,
}

fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '(' | ')')
}

pub(super) fn lex(input: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut pos = 0;
    while let Some(c) = input[pos..].chars().next() {
        let start = pos;
        let (kind, end) = match c {
            c if c.is_whitespace() => {
                pos += c.len_utf8();
                continue;
            }
            '(' => (Kind::Open, pos + 1),
            ')' => (Kind::Close, pos + 1),
            '"' => {
                let (quoted, end) = quoted(input, pos);
                (Kind::Quoted(quoted), end)
            }
            '-' => match input[pos + 1..].chars().next() {
                Some(next) if !next.is_whitespace() => (Kind::Minus, pos + 1),
                _ => (Kind::LoneMinus, pos + 1),
            },
            _ => word(input, pos),
        };
        tokens.push(Token {
            kind,
            span: start..end,
        });
        pos = end;
    }
    tokens
}

/// A quoted run starting at the quote at `start`, and where it ends.
fn quoted(input: &str, start: usize) -> (Quoted<'_>, usize) {
    let inner = start + 1;
    match input[inner..].find('"') {
        Some(len) => (
            Quoted {
                text: &input[inner..inner + len],
                closed: true,
            },
            inner + len + 1,
        ),
        None => (
            Quoted {
                text: &input[inner..],
                closed: false,
            },
            input.len(),
        ),
    }
}

fn word(input: &str, start: usize) -> (Kind<'_>, usize) {
    let end = input[start..]
        .find(ends_word)
        .map_or(input.len(), |len| start + len);
    let text = &input[start..end];
    match text {
        "OR" | "||" => return (Kind::Or, end),
        "AND" | "&&" => return (Kind::And, end),
        "NOT" => return (Kind::Not, end),
        _ => {}
    }
    let Some((name, rest)) = text.split_once(':') else {
        return (Kind::Word(text), end);
    };
    let Some(name) = Name::from_str(name) else {
        return (Kind::Word(text), end);
    };
    let value_start = end - rest.len();
    if !rest.is_empty() {
        let value = Some((Value::Word(rest), value_start..end));
        return (Kind::Field { name, value }, end);
    }
    if input[end..].starts_with('"') {
        let (quoted, quoted_end) = self::quoted(input, end);
        let value = Some((Value::Quoted(quoted), end..quoted_end));
        return (Kind::Field { name, value }, quoted_end);
    }
    (Kind::Field { name, value: None }, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(input: &str) -> Vec<Kind<'_>> {
        lex(input).into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn a_dash_inside_a_word_is_part_of_it() {
        assert_eq!(kinds("covid-19"), [Kind::Word("covid-19")]);
        assert_eq!(kinds("-a"), [Kind::Minus, Kind::Word("a")]);
        assert_eq!(kinds("- a"), [Kind::LoneMinus, Kind::Word("a")]);
    }

    #[test]
    fn capitalised_and_symbolic_operators_are_operators_and_lowercase_ones_words() {
        assert_eq!(
            kinds("a AND b && c OR d || e NOT f"),
            [
                Kind::Word("a"),
                Kind::And,
                Kind::Word("b"),
                Kind::And,
                Kind::Word("c"),
                Kind::Or,
                Kind::Word("d"),
                Kind::Or,
                Kind::Word("e"),
                Kind::Not,
                Kind::Word("f"),
            ]
        );
        assert_eq!(
            kinds("and not And a&&b"),
            [
                Kind::Word("and"),
                Kind::Word("not"),
                Kind::Word("And"),
                Kind::Word("a&&b"),
            ]
        );
    }

    #[test]
    fn a_field_value_may_be_quoted_and_unknown_names_stay_words() {
        let tokens = lex("title:\"a b\" https://x.org");
        assert_eq!(tokens[0].span, 0..11);
        assert_eq!(
            tokens[0].kind,
            Kind::Field {
                name: Name::Title,
                value: Some((
                    Value::Quoted(Quoted {
                        text: "a b",
                        closed: true
                    }),
                    6..11
                )),
            }
        );
        assert_eq!(tokens[1].kind, Kind::Word("https://x.org"));
    }

    #[test]
    fn an_open_quote_runs_to_the_end() {
        let tokens = lex("x \"garanties de");
        assert_eq!(tokens[1].span, 2..15);
        assert_eq!(
            tokens[1].kind,
            Kind::Quoted(Quoted {
                text: "garanties de",
                closed: false
            })
        );
    }
}
