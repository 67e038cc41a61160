//! SQLite's DDL: the shared builders of `data_layer/sql/` in SQLite's
//! dialect (what `create_schema` runs and the migration generator writes:
//! both build from [`table_def`]).

use super::dialect::SQLITE;
use crate::data_layer::layer::Target;
use crate::data_layer::sql::ddl;
use crate::info::IdentityInfo;
use crate::info::error::Result;

pub use crate::data_layer::sql::ddl::Column;
pub use crate::data_layer::sql::table::{TableDef, TableSql};

/// `"name"`, with inner quotes doubled.
pub fn quote_ident(name: &str) -> String {
    crate::data_layer::sql::Dialect::quote_ident(&SQLITE, name)
}

/// The table a resource (or one of a polymorphic resource's tables)
/// declares, with its `sqlite { .. }` section; see [`ddl::table_def`].
pub fn table_def<'a>(target: impl Into<Target<'a>>) -> Result<TableDef> {
    ddl::table_def(&SQLITE, target.into())
}

/// `CREATE TABLE ["IF NOT EXISTS"] "table" (..);`; see [`ddl::create_table`].
pub fn create_table<'a>(target: impl Into<Target<'a>>, if_not_exists: bool) -> Result<String> {
    ddl::create_table(&SQLITE, target.into(), if_not_exists)
}

/// The table, its indexes, then its custom statements' `up`s; see
/// [`ddl::create_statements`].
pub fn create_statements<'a>(target: impl Into<Target<'a>>, if_not_exists: bool) -> Result<Vec<String>> {
    ddl::create_statements(&SQLITE, target.into(), if_not_exists)
}

/// Ash's name for an identity's index: `<table>_<identity>_index` (see
/// [`ddl::declared_identity_index_name`] for the name it is given).
pub fn identity_index_name(target: Target<'_>, identity: &IdentityInfo) -> String {
    ddl::identity_index_name(target, identity)
}
