//! Migration SQL from table changes. [`MigrationDialect`] is what a SQL
//! database brings: how it writes each [`TableChange`] (SQLite's renderer,
//! `render/sqlite.rs`, decides what `ALTER TABLE` can do and rebuilds the
//! table otherwise). The pieces every database spells alike (column
//! definitions, `CREATE TABLE`, indexes, foreign key clauses) are here,
//! written through the database's [`Dialect`], for the renderers to share.

mod postgres;
#[cfg(test)]
mod postgres_tests;
mod sqlite;
#[cfg(test)]
mod tests;

pub use postgres::{POSTGRES_MIGRATIONS, PostgresMigrations};
pub use sqlite::{SQLITE_MIGRATIONS, SqliteMigrations};

use super::diff::TableChange;
use super::error::MigrationError;
use super::snapshot::{ColumnSnapshot, ForeignKeySnapshot, IndexSnapshot, TableSnapshot};
use crate::data_layer::sql::Dialect;
use crate::info::DataLayerKind;

/// One table change as SQL statements (each ending in `;`, comments on
/// their own lines), in parts that a migration concatenates across its
/// tables: every table's `teardown` (custom statements' `down`s), every
/// `unlink` (foreign keys dropped), then every `body` (the DDL), every
/// `link` (foreign keys added), then every `setup` (custom statements'
/// `up`s). Custom statements may read any table (views, triggers), so they
/// go before and after all the DDL; a database that checks a reference
/// when it is declared (PostgreSQL) needs the table it names to exist, so
/// its renderer adds foreign keys after every table's DDL and drops them
/// before (SQLite's leaves both empty: its references are in its DDL).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sql {
    /// Custom statements torn down before the DDL.
    pub teardown: Vec<String>,
    /// Foreign keys dropped before the DDL.
    pub unlink: Vec<String>,
    /// The DDL (and the data copies of a rebuild).
    pub body: Vec<String>,
    /// Foreign keys added after the DDL.
    pub link: Vec<String>,
    /// Custom statements set up after the DDL.
    pub setup: Vec<String>,
}

impl Sql {
    /// Whether it holds no statement (nor comment).
    pub fn is_empty(&self) -> bool {
        self.teardown.is_empty()
            && self.unlink.is_empty()
            && self.body.is_empty()
            && self.link.is_empty()
            && self.setup.is_empty()
    }
}

/// How one SQL database writes migrations.
pub trait MigrationDialect: Send + Sync + 'static {
    /// The database's spelling.
    fn dialect(&self) -> &'static dyn Dialect;

    /// `change` as SQL. The generator has already refused what it does not
    /// write forward (`diff::refusals`); the reverse of an `up` (its `down`)
    /// is rendered by the same call on the reversed change.
    fn render(&self, change: &TableChange<'_>) -> Result<Sql, MigrationError>;
}

/// How migrations for resources declaring `kind` are written; `None` for
/// the kinds that are no SQL database.
pub fn migration_dialect_of(kind: DataLayerKind) -> Option<&'static dyn MigrationDialect> {
    match kind {
        DataLayerKind::Sqlite => Some(&SQLITE_MIGRATIONS),
        DataLayerKind::Postgres => Some(&POSTGRES_MIGRATIONS),
        DataLayerKind::Ets | DataLayerKind::Embedded => None,
    }
}

/// The pieces every database spells alike, shared with `create_schema`
/// (`data_layer/sql/table.rs`), so that a new table is written the same way
/// by both.
pub use crate::data_layer::sql::table::{
    add_foreign_key, column_definition, drop_constraint, foreign_key_clause, references_clause, set_up, statement,
    tear_down,
};

/// `CREATE TABLE "name" (..)` with `table`'s full definition: the primary
/// key's columns first, then the others by name; a composite primary key
/// and the foreign keys as table constraints. `name` is the table's own
/// name, or the temporary name of a rebuild (references to the table itself
/// keep its real name).
pub fn create_table(dialect: &dyn Dialect, table: &TableSnapshot, name: &str) -> String {
    let columns = table.columns_in_ddl_order();
    crate::data_layer::sql::table::create_table(dialect, name, &table.primary_key, &columns, &table.foreign_keys, false)
}

/// `CREATE [UNIQUE] INDEX "name" ON "table" (terms) [WHERE ..];`
pub fn create_index(dialect: &dyn Dialect, table: &str, index: &IndexSnapshot) -> String {
    crate::data_layer::sql::table::create_index(dialect, table, index, false)
}

/// `DROP INDEX "name";`
pub fn drop_index(dialect: &dyn Dialect, index: &IndexSnapshot) -> String {
    format!("DROP INDEX {};", dialect.quote_ident(&index.name))
}

/// `DROP TABLE "name";`
pub fn drop_table(dialect: &dyn Dialect, name: &str) -> String {
    format!("DROP TABLE {};", dialect.quote_ident(name))
}

/// `ALTER TABLE "t" ADD COLUMN <definition> [<reference>];`
pub fn add_column(
    dialect: &dyn Dialect,
    table: &str,
    column: &ColumnSnapshot,
    foreign_key: Option<&ForeignKeySnapshot>,
) -> String {
    let mut sql =
        format!("ALTER TABLE {} ADD COLUMN {}", dialect.quote_ident(table), column_definition(dialect, column, false));
    if let Some(foreign_key) = foreign_key {
        sql.push(' ');
        sql.push_str(&references_clause(dialect, foreign_key));
    }
    sql.push(';');
    sql
}

/// `ALTER TABLE "t" DROP COLUMN "c";`
pub fn drop_column(dialect: &dyn Dialect, table: &str, column: &str) -> String {
    format!("ALTER TABLE {} DROP COLUMN {};", dialect.quote_ident(table), dialect.quote_ident(column))
}

/// The comment a column no resource declares any more gets: the drop,
/// commented out.
pub fn kept_column(dialect: &dyn Dialect, table: &str, column: &str) -> Vec<String> {
    vec![
        format!(
            "-- {} is no longer an attribute: the column and its data stay until a generation with \
             drop_columns drops it.",
            dialect.quote_ident(column)
        ),
        format!("-- {}", drop_column(dialect, table, column)),
    ]
}
