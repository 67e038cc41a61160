//! SQL shared by SQL databases, written against a [`Dialect`]: expressions
//! (`compile.rs`), relationship paths and aggregates as correlated
//! subqueries (`related.rs`), the statements of each operation
//! (`statements.rs`), DDL from the description (`ddl.rs`) and the whole
//! table a resource declares (`table.rs`), which `create_schema` and the
//! migration generator both build from. A database
//! folder (`data_layer/sqlite/`) brings its driver and its error mapping;
//! its dialect is pure text and lives here (`sqlite_dialect.rs`), so that
//! the migration generator can write it in a build without the driver.

pub mod compile;
pub mod ddl;
pub mod dialect;
mod embedded;
#[cfg(any(feature = "sqlite", feature = "postgres"))]
pub(crate) mod foreign_keys;
mod functions;
pub mod postgres_dialect;
mod related;
pub mod sqlite_dialect;
pub mod table;
// Only a database's driver runs statements.
#[cfg(any(feature = "sqlite", feature = "postgres"))]
pub(crate) mod statements;

pub use compile::{SqlFragment, compile, compile_filter};
pub use dialect::{DecimalFunction, Dialect, TextFunction, dialect_of};
