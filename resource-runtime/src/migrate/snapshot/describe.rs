//! From resources to snapshots: the tables the resources declare
//! (`data_layer::sql::table::declare`, the builder `create_schema` uses
//! too: each resource's table or a polymorphic resource's context tables,
//! with the shared DDL's rules and the resource's SQL section, resources
//! sharing a table merged into one), each as a snapshot of the repo.

use std::collections::BTreeMap;

use super::TableSnapshot;
use crate::data_layer::sql::Dialect;
use crate::data_layer::sql::table::{Declared, declare};
use crate::info::ResourceInfo;
use crate::info::error::Error;
use crate::migrate::error::MigrationError;

/// The tables of one repo as its resources describe them.
#[derive(Debug, Default)]
pub struct Described {
    /// Table name -> its snapshot (canonical).
    pub tables: BTreeMap<String, TableSnapshot>,
    /// Where each column comes from, for messages.
    declared: Declared,
}

impl Described {
    /// "attribute `priority` of Ticket" (or "of Ticket and TicketV2").
    pub fn attribute(&self, table: &str, column: &str) -> String {
        self.declared.attribute(table, column)
    }

    /// Whether the column's attribute has a default that no SQL literal
    /// writes (computed per record).
    pub fn has_unwritten_default(&self, table: &str, column: &str) -> bool {
        self.declared.has_unwritten_default(table, column)
    }
}

/// Whether `table` can name a snapshot folder; an error otherwise.
pub fn table_dir_name(table: &str) -> Result<(), MigrationError> {
    let bad = table.is_empty()
        || table == "."
        || table == ".."
        || table.chars().any(|c| matches!(c, '/' | '\\' | '\0' | ':'));
    if bad {
        return Err(MigrationError::Generate {
            message: format!(
                "table `{table}` cannot name a snapshot folder: a table the generator manages has a name \
                 without `/`, `\\`, `:` or NUL"
            ),
        });
    }
    Ok(())
}

/// Describes the tables of `resources` (one repo's, included in
/// migrations) in `dialect`. `all` is every resource the generator was
/// given: their relationships name a polymorphic resource's tables.
pub fn describe(
    dialect: &'static dyn Dialect,
    repo: &str,
    resources: &[&'static ResourceInfo],
    all: &[&'static ResourceInfo],
) -> Result<Described, MigrationError> {
    let mut declared = declare(dialect, resources, all).map_err(|error| match error {
        Error::DataLayer(message) => MigrationError::Generate { message },
        other => MigrationError::Generate { message: other.to_string() },
    })?;
    let mut tables = BTreeMap::new();
    for (table, def) in std::mem::take(&mut declared.tables) {
        table_dir_name(&table)?;
        tables.insert(table, TableSnapshot::from_def(repo, def));
    }
    Ok(Described { tables, declared })
}
