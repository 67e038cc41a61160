//! SQL shared by SQL databases, written against a [`Dialect`]: expressions
//! (`compile.rs`), relationship paths and aggregates as correlated
//! subqueries (`related.rs`), the statements of each operation
//! (`statements.rs`) and DDL from the description (`ddl.rs`). A database
//! folder (`data_layer/sqlite/`) brings its dialect, its driver and its
//! error mapping.

pub mod compile;
pub mod ddl;
pub mod dialect;
mod related;
pub(crate) mod statements;

pub use compile::{SqlFragment, compile, compile_filter};
pub use dialect::Dialect;
