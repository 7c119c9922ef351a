//! The parse tree to the engine's [`Query`]: ANDed groups flattened, prefixes decided, and
//! the combinations the engine cannot answer refused with their place in the input.

use std::ops::Range;

use super::tree::Node;
use super::{Clause, Field, Query, QueryError};

pub(super) fn lower(nodes: Vec<Node>) -> Result<Query, QueryError> {
    let mut query = Query::default();
    for node in nodes {
        add(&mut query, node, false)?;
    }
    Ok(query)
}

/// Adds `node` to the clauses that `query` ANDs; `in_or` when `query` is an alternative.
fn add(query: &mut Query, node: Node, in_or: bool) -> Result<(), QueryError> {
    match node {
        Node::Leaf {
            clause,
            span,
            open_end,
        } => {
            check_flag(&clause, span, in_or)?;
            query.must.push(with_prefix(clause, open_end));
        }
        Node::Not { inner, span } => exclude(query, *inner, span, in_or)?,
        Node::And { nodes, .. } => {
            for node in nodes {
                add(query, node, in_or)?;
            }
        }
        Node::Or { alternatives } => {
            let mut group = Vec::with_capacity(alternatives.len());
            for alternative in alternatives {
                let mut sub = Query::default();
                add(&mut sub, alternative, true)?;
                group.push(sub);
            }
            query.any_of.push(group);
        }
    }
    Ok(())
}

/// `-x`. An excluded word is never a prefix; `-(a OR b)` is `-a -b`.
fn exclude(
    query: &mut Query,
    node: Node,
    span: Range<usize>,
    in_or: bool,
) -> Result<(), QueryError> {
    let leaves = match node {
        Node::Leaf { .. } => vec![node],
        Node::Or { alternatives }
            if alternatives.iter().all(|a| matches!(a, Node::Leaf { .. })) =>
        {
            alternatives
        }
        _ => {
            return Err(QueryError::new(
                span,
                "- can exclude a word, a phrase, a filter or alternatives like -(war OR guerre), \
                 not several words together; put a - before each word to exclude",
            ));
        }
    };
    for leaf in leaves {
        if let Node::Leaf { clause, span, .. } = leaf {
            check_flag(&clause, span, in_or)?;
            query.must_not.push(clause);
        }
    }
    Ok(())
}

/// Reading-state flags are filtered outside the index, on the whole result: they cannot be
/// one side of an OR.
fn check_flag(clause: &Clause, span: Range<usize>, in_or: bool) -> Result<(), QueryError> {
    match clause {
        Clause::Is(_) if in_or => Err(QueryError::new(
            span,
            "is: filters cannot be one side of OR; use them beside the other words, as in \
             is:unread (putin OR poutine)",
        )),
        _ => Ok(()),
    }
}

fn with_prefix(clause: Clause, open_end: bool) -> Clause {
    match clause {
        Clause::Term {
            field: field @ (Field::All | Field::Title | Field::Source | Field::Author | Field::Tag),
            text,
            prefix: _,
        } => Clause::Term {
            field,
            text,
            prefix: open_end,
        },
        Clause::Phrase { field, words, .. } => Clause::Phrase {
            field,
            words,
            prefix: open_end,
        },
        other => other,
    }
}
