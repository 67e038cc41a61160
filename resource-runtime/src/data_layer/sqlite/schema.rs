//! SQLite's DDL: the shared builders of `data_layer/sql/ddl.rs` in SQLite's
//! dialect (what `create_schema` runs and the migration generator writes).

use super::dialect::SQLITE;
use crate::data_layer::layer::Target;
use crate::data_layer::sql::ddl;
use crate::info::IdentityInfo;
use crate::info::error::Result;

pub use crate::data_layer::sql::ddl::{Column, UniqueIndex};

/// `"name"`, with inner quotes doubled.
pub fn quote_ident(name: &str) -> String {
    crate::data_layer::sql::Dialect::quote_ident(&SQLITE, name)
}

/// `CREATE TABLE ["IF NOT EXISTS"] "table" (..)`; see [`ddl::create_table`].
pub fn create_table<'a>(target: impl Into<Target<'a>>, if_not_exists: bool) -> Result<String> {
    ddl::create_table(&SQLITE, target.into(), if_not_exists)
}

/// The unique index of each identity, in declaration order.
pub fn unique_indexes<'a>(target: impl Into<Target<'a>>) -> Result<Vec<UniqueIndex>> {
    ddl::unique_indexes(&SQLITE, target.into())
}

/// The table, then one unique index per identity.
pub fn create_statements<'a>(target: impl Into<Target<'a>>, if_not_exists: bool) -> Result<Vec<String>> {
    ddl::create_statements(&SQLITE, target.into(), if_not_exists)
}

/// Ash's name for an identity's index: `<table>_<identity>_index`.
pub fn identity_index_name(target: Target<'_>, identity: &IdentityInfo) -> String {
    ddl::identity_index_name(target, identity)
}
