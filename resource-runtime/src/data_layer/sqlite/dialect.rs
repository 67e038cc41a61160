//! SQLite's spelling of the shared SQL (`data_layer/sql/`). It is pure text
//! (no driver), so it is defined beside the shared SQL in
//! `data_layer/sql/sqlite_dialect.rs`, compiled without the `sqlite` feature
//! for the migration generator, and re-exported here as this layer's dialect.

pub use crate::data_layer::sql::sqlite_dialect::{
    CI_COLLATION, DECIMAL_COLLATION, SQLITE, SqliteDialect, decimal_function_name, text_function_name,
};
