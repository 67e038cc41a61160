//! Expressions as data: the tree that filters, calculations and validations
//! are made of (Ash's `expr`). `expr!(price < 1 && like(name, "%an%"))`
//! builds one; so do the field handles (`product::price.lt(..)`) and the
//! constructors below.
//!
//! The same tree is evaluated in memory (`eval.rs`: the ETS layer, embedded
//! resources) and compiled to parameterised SQL (`data_layer/sql/`). Nil
//! follows SQL's three-valued logic in both. `docs/expressions.md` describes
//! the language, its nil semantics and its SQL.
//!
//! The tree is plain data (`Clone`, `Debug`, `PartialEq`) so that data layers
//! can read it: match on the variants. New kinds of expression (relationship
//! paths, aggregates) are new variants; `eval.rs` and `data_layer/sql/compile.rs`
//! each have one exhaustive `match` to extend.

pub(crate) mod embedded;
pub(crate) mod eval;
pub mod functions;
pub mod related;
pub(crate) mod resolve;
pub mod tree;

#[cfg(all(test, feature = "sqlite"))]
mod related_tests;
#[cfg(test)]
pub(crate) mod tests;

pub use functions::Function;
pub use tree::{Aggregate, AggregateKind, BinaryOp, Expr, SortOrder};
