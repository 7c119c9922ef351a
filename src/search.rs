//! Search over the store's index: the shared tokenizer and, for now, plain-word queries.

pub mod tokenizer;
