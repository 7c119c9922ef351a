//! The parse tree: leaves with their place in the input, exclusions, groups and
//! alternatives, as the parser builds them and [`super::lower`] flattens them.

use std::ops::Range;

use super::Clause;

#[derive(Debug)]
pub(super) enum Node {
    Leaf {
        clause: Clause,
        span: Range<usize>,
        /// The leaf runs to the end of the input: a word there is still being typed.
        open_end: bool,
    },
    Not {
        inner: Box<Node>,
        span: Range<usize>,
    },
    /// Parenthesised words.
    And {
        nodes: Vec<Node>,
        span: Range<usize>,
    },
    Or {
        alternatives: Vec<Node>,
    },
}

impl Node {
    pub(super) fn end(&self) -> usize {
        match self {
            Node::Leaf { span, .. } | Node::Not { span, .. } | Node::And { span, .. } => span.end,
            Node::Or { alternatives } => alternatives.last().map_or(0, Node::end),
        }
    }
}
