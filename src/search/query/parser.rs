//! Tokens to a tree with spans, by recursive descent:
//!
//! ```text
//! sequence     = alternatives (AND? alternatives)*   (AND = "AND" | "&&", or nothing)
//! alternatives = unary (OR unary)*                   (OR = "OR" | "||")
//! unary        = ("-" | "NOT") atom | atom
//! atom         = word | "quoted" | field:value | "(" sequence ")"
//! ```
//!
//! So `OR` binds tighter than `AND`, written or not: `a AND b OR c` is a AND (b OR c).
//!
//! Where an operand is missing at the very end of the input, the construct is dropped rather
//! than reported: the user is still typing it. Every function that returns `Ok(None)` has
//! consumed the rest of the input.

use std::ops::Range;

use super::lexer::{Kind, Name, Quoted, Token, Value, lex};
use super::tree::Node;
use super::{Clause, Field, Flag, MAX_DEPTH, MAX_PARTS, QueryError, dates, shorten};

pub(super) fn parse(input: &str) -> Result<Vec<Node>, QueryError> {
    let mut parser = Parser {
        input,
        tokens: lex(input),
        pos: 0,
        input_len: input.len(),
        parts: 0,
        depth: 0,
    };
    parser.sequence()
}

struct Parser<'a> {
    input: &'a str,
    tokens: Vec<Token<'a>>,
    pos: usize,
    input_len: usize,
    /// Words and filters so far, against [`MAX_PARTS`].
    parts: usize,
    /// Open parentheses around the current position.
    depth: usize,
}

fn or_needs_words(span: Range<usize>) -> QueryError {
    QueryError::new(
        span,
        "OR needs a word on each side, as in putin OR poutine (a lowercase or is a plain word)",
    )
}

fn and_needs_words(span: Range<usize>) -> QueryError {
    QueryError::new(
        span,
        "AND needs a word on each side, as in gilets AND jaunes (a lowercase and is a plain \
         word; \"AND\" in quotes searches the word)",
    )
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&Token<'a>> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token<'a>> {
        let token = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        token
    }

    fn input_text(&self, span: Range<usize>) -> String {
        self.input.get(span).unwrap_or_default().to_string()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    fn sequence(&mut self) -> Result<Vec<Node>, QueryError> {
        let mut nodes = Vec::new();
        while let Some(token) = self.peek() {
            match token.kind {
                Kind::Close if self.depth > 0 => break,
                Kind::Close => {
                    return Err(QueryError::new(
                        token.span.clone(),
                        "this ) closes nothing; remove it or add a ( before it",
                    ));
                }
                Kind::Or | Kind::And if self.pos + 1 == self.tokens.len() => self.pos += 1,
                Kind::Or => return Err(or_needs_words(token.span.clone())),
                Kind::And => {
                    let span = token.span.clone();
                    let follows = self.tokens.get(self.pos + 1).map(|t| &t.kind);
                    if nodes.is_empty()
                        || matches!(follows, Some(Kind::Or | Kind::And | Kind::Close))
                    {
                        return Err(and_needs_words(span));
                    }
                    self.pos += 1;
                }
                _ => nodes.extend(self.alternatives()?),
            }
        }
        Ok(nodes)
    }

    fn alternatives(&mut self) -> Result<Option<Node>, QueryError> {
        let Some(first) = self.unary()? else {
            return Ok(None);
        };
        let mut alternatives = vec![first];
        while let Some(or) = self.peek().filter(|t| t.kind == Kind::Or) {
            let or_span = or.span.clone();
            self.pos += 1;
            match self.peek().map(|t| &t.kind) {
                None => break,
                Some(Kind::Or | Kind::And | Kind::Close) => return Err(or_needs_words(or_span)),
                Some(_) => match self.unary()? {
                    Some(node) => alternatives.push(node),
                    None => break,
                },
            }
        }
        if alternatives.len() == 1 {
            return Ok(alternatives.pop());
        }
        Ok(Some(Node::Or { alternatives }))
    }

    fn unary(&mut self) -> Result<Option<Node>, QueryError> {
        let Some(token) = self.peek().cloned() else {
            return Ok(None);
        };
        match token.kind {
            Kind::LoneMinus => {
                self.pos += 1;
                if self.at_end() {
                    return Ok(None);
                }
                Err(QueryError::new(
                    token.span,
                    "a - on its own excludes nothing; write it against the word to exclude, \
                     as in -sport",
                ))
            }
            Kind::Minus | Kind::Not => {
                self.pos += 1;
                let not = token.kind == Kind::Not;
                let inner = match self.peek().map(|t| (&t.kind, t.span.clone())) {
                    None => return Ok(None),
                    Some((Kind::Minus | Kind::LoneMinus | Kind::Not, span)) => {
                        return Err(QueryError::new(
                            token.span.start..span.end,
                            "one - or NOT is enough to exclude a word",
                        ));
                    }
                    Some((Kind::Close | Kind::Or | Kind::And, _)) if not => {
                        return Err(QueryError::new(
                            token.span,
                            "NOT needs a word after it, as in NOT sport (a lowercase not is a \
                             plain word)",
                        ));
                    }
                    Some((Kind::Close, _)) => {
                        return Err(QueryError::new(
                            token.span,
                            "- needs a word right after it, as in -sport",
                        ));
                    }
                    // `-OR`, `-AND` can only mean the word.
                    Some((Kind::Or | Kind::And, span)) => {
                        self.pos += 1;
                        let text = self.input_text(span.clone());
                        let term = Clause::Term {
                            field: Field::All,
                            text,
                            prefix: false,
                        };
                        Some(self.leaf(term, span, false)?)
                    }
                    _ => self.atom()?,
                };
                Ok(inner.map(|inner| Node::Not {
                    span: token.span.start..inner.end(),
                    inner: Box::new(inner),
                }))
            }
            _ => self.atom(),
        }
    }

    fn atom(&mut self) -> Result<Option<Node>, QueryError> {
        let Some(token) = self.next() else {
            return Ok(None);
        };
        let open_end = token.span.end == self.input_len;
        match token.kind {
            Kind::Word(text) => {
                let term = Clause::Term {
                    field: Field::All,
                    text: text.into(),
                    prefix: false,
                };
                self.leaf(term, token.span, open_end).map(Some)
            }
            Kind::Quoted(quoted) => self.quoted(Field::All, quoted, token.span),
            Kind::Field { name, value } => self.field(name, value, token.span),
            Kind::Open => self.group(token.span),
            Kind::Close => Err(QueryError::new(
                token.span,
                "this ) closes nothing; remove it or add a ( before it",
            )),
            Kind::Or => Err(or_needs_words(token.span)),
            Kind::And => Err(and_needs_words(token.span)),
            Kind::Minus | Kind::LoneMinus | Kind::Not => Err(QueryError::new(
                token.span,
                "one - or NOT is enough to exclude a word",
            )),
        }
    }

    fn quoted(
        &mut self,
        field: Field,
        quoted: Quoted<'_>,
        span: Range<usize>,
    ) -> Result<Option<Node>, QueryError> {
        let mut words: Vec<String> = quoted.text.split_whitespace().map(String::from).collect();
        // An open quote runs to the end of the input: its last word is still being typed,
        // unless a space follows it.
        let typing = !quoted.closed && !quoted.text.ends_with(char::is_whitespace);
        let clause = match words.len() {
            0 if quoted.closed => {
                return Err(QueryError::new(
                    span,
                    "these quotes are empty; put the exact words to find between them",
                ));
            }
            // An open quote at the end: the phrase has not started yet.
            0 => return Ok(None),
            1 => Clause::Term {
                field,
                text: words.remove(0),
                prefix: false,
            },
            _ => Clause::Phrase {
                field,
                words,
                prefix: false,
            },
        };
        self.leaf(clause, span, typing).map(Some)
    }

    fn field(
        &mut self,
        name: Name,
        value: Option<(Value<'_>, Range<usize>)>,
        span: Range<usize>,
    ) -> Result<Option<Node>, QueryError> {
        let Some((value, value_span)) = value else {
            if self.at_end() {
                return Ok(None);
            }
            return Err(QueryError::new(
                span,
                format!(
                    "{name}: needs a value right after the colon, as in {}",
                    name.example()
                ),
            ));
        };
        let open_end = span.end == self.input_len;
        let field = match name {
            Name::Title => Field::Title,
            Name::Source => Field::Source,
            Name::Author => Field::Author,
            Name::Tag => Field::Tag,
            Name::Lang => Field::Lang,
            Name::Date | Name::Is | Name::Label => Field::All,
        };
        let text = match (name, value) {
            (Name::Title | Name::Source | Name::Author | Name::Tag, Value::Quoted(quoted)) => {
                return self.quoted(field, quoted, span);
            }
            (_, Value::Quoted(_)) => {
                return Err(QueryError::new(
                    span,
                    format!(
                        "{name}: takes a value without quotes, as in {}",
                        name.example()
                    ),
                ));
            }
            (_, Value::Word(text)) => text,
        };
        let clause = match name {
            Name::Title | Name::Source | Name::Author | Name::Tag | Name::Lang => Clause::Term {
                field,
                text: text.into(),
                prefix: false,
            },
            Name::Date => {
                let (from, to) = dates::range(text, value_span.start)?;
                Clause::DateRange { from, to }
            }
            Name::Label => match crate::state::Label::parse(text) {
                Ok(label) => Clause::Is(Flag::Label(label.to_string())),
                Err(e) => return Err(QueryError::new(span, e.to_string())),
            },
            Name::Is => Clause::Is(flag(text).ok_or_else(|| {
                QueryError::new(
                    span.clone(),
                    format!(
                        "is:{} is not a filter; use {}",
                        shorten(text),
                        name.example()
                    ),
                )
            })?),
        };
        self.leaf(clause, span, open_end).map(Some)
    }

    fn group(&mut self, open: Range<usize>) -> Result<Option<Node>, QueryError> {
        if self.depth >= MAX_DEPTH {
            return Err(QueryError::new(
                open,
                format!("parentheses nest more than {MAX_DEPTH} deep here; remove some"),
            ));
        }
        self.depth += 1;
        let mut nodes = self.sequence()?;
        self.depth -= 1;
        // The loop in `sequence` stops at a `)` or at the end; an unclosed group at the end
        // is still being typed.
        let close = match self.peek() {
            Some(token) if token.kind == Kind::Close => {
                let span = token.span.clone();
                self.pos += 1;
                Some(span)
            }
            _ => None,
        };
        match (nodes.len(), close) {
            (0, Some(close)) => Err(QueryError::new(
                open.start..close.end,
                "these parentheses are empty; put words between them or remove them",
            )),
            (0, None) => Ok(None),
            (1, _) => Ok(nodes.pop()),
            (_, close) => {
                let end = close.map_or_else(|| nodes.last().map_or(open.end, Node::end), |c| c.end);
                Ok(Some(Node::And {
                    span: open.start..end,
                    nodes,
                }))
            }
        }
    }

    fn leaf(
        &mut self,
        clause: Clause,
        span: Range<usize>,
        open_end: bool,
    ) -> Result<Node, QueryError> {
        self.parts += match &clause {
            Clause::Phrase { words, .. } => words.len(),
            _ => 1,
        };
        if self.parts > MAX_PARTS {
            return Err(QueryError::new(
                span,
                format!(
                    "the query is too long: at most {MAX_PARTS} words and filters are \
                     searched at once; remove some"
                ),
            ));
        }
        Ok(Node::Leaf {
            clause,
            span,
            open_end,
        })
    }
}

fn flag(text: &str) -> Option<Flag> {
    [
        ("unread", Flag::Unread),
        ("read", Flag::Read),
        ("starred", Flag::Starred),
        ("labelled", Flag::Labelled),
        ("labeled", Flag::Labelled),
        ("noted", Flag::Noted),
        ("copy", Flag::Copy),
    ]
    .into_iter()
    .find(|(name, _)| name.eq_ignore_ascii_case(text))
    .map(|(_, flag)| flag)
}
