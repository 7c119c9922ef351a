//! The orders a concordance is read in: by date (the timeline's, newest first), or by the
//! words right after or right before the hit, so that the phrases a word keeps company with
//! line up ("garanties de sécurité", "garanties juridiques").

use crate::index::tokenizer::terms;

use super::Line;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Order {
    /// Newest article first; an article's hits in reading order.
    #[default]
    Date,
    /// By the words after the hit, folded as search folds them.
    After,
    /// By the words before the hit, nearest first.
    Before,
}

impl Order {
    pub const ALL: [Order; 3] = [Order::Date, Order::After, Order::Before];

    pub fn next(self) -> Order {
        match self {
            Order::Date => Order::After,
            Order::After => Order::Before,
            Order::Before => Order::Date,
        }
    }

    /// The name `--sort` takes and the view's title shows.
    pub fn name(self) -> &'static str {
        match self {
            Order::Date => "date",
            Order::After => "after",
            Order::Before => "before",
        }
    }

    /// How the status bar says it.
    pub fn describe(self) -> &'static str {
        match self {
            Order::Date => "hits by date, newest first",
            Order::After => "hits by the word after",
            Order::Before => "hits by the word before",
        }
    }
}

/// The words a line sorts by in `order`, folded (case and accents ignored, as search ignores
/// them); empty in date order, where the position in the timeline decides.
pub type SortKey = Vec<String>;

pub fn sort_key(line: &Line, order: Order) -> SortKey {
    match order {
        Order::Date => Vec::new(),
        Order::After => terms(&line.right),
        Order::Before => {
            let mut words = terms(&line.left);
            words.reverse();
            words
        }
    }
}
