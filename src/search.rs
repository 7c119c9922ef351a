//! (to be written)

pub mod query;
