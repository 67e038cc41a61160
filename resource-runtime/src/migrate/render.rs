//! Migration SQL from table changes. [`MigrationDialect`] is what a SQL
//! database brings: how it writes each [`TableChange`] (SQLite's renderer,
//! `render/sqlite.rs`, decides what `ALTER TABLE` can do and rebuilds the
//! table otherwise). The pieces every database spells alike (column
//! definitions, `CREATE TABLE`, indexes, foreign key clauses) are here,
//! written through the database's [`Dialect`], for the renderers to share.

mod sqlite;
#[cfg(test)]
mod tests;

pub use sqlite::{SQLITE_MIGRATIONS, SqliteMigrations};

use super::diff::TableChange;
use super::error::MigrationError;
use super::snapshot::{ColumnSnapshot, ForeignKeySnapshot, IndexSnapshot, StatementSnapshot, TableSnapshot};
use crate::data_layer::sql::Dialect;
use crate::info::DataLayerKind;

/// One table change as SQL statements (each ending in `;`, comments on
/// their own lines), in three parts that a migration concatenates across
/// its tables: every table's `teardown` (custom statements' `down`s), then
/// every `body` (the DDL), then every `setup` (custom statements' `up`s).
/// Custom statements may read any table (views, triggers), so they go
/// before and after all the DDL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sql {
    /// Custom statements torn down before the DDL.
    pub teardown: Vec<String>,
    /// The DDL (and the data copies of a rebuild).
    pub body: Vec<String>,
    /// Custom statements set up after the DDL.
    pub setup: Vec<String>,
}

impl Sql {
    /// Whether it holds no statement (nor comment).
    pub fn is_empty(&self) -> bool {
        self.teardown.is_empty() && self.body.is_empty() && self.setup.is_empty()
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
        DataLayerKind::Ets | DataLayerKind::Embedded => None,
    }
}

/// A statement (or several, a custom statement's) ending in `;`.
pub fn statement(sql: &str) -> String {
    let sql = sql.trim();
    if sql.ends_with(';') { sql.to_string() } else { format!("{sql};") }
}

/// `"name" TYPE [COLLATE c] [NOT NULL] [DEFAULT d] [PRIMARY KEY [AUTOINCREMENT]]`:
/// `inline_primary_key` when the column alone is the primary key. NOT NULL
/// is implied (and left out) for an autoincrement key, as in `ddl::Column`.
pub fn column_definition(dialect: &dyn Dialect, column: &ColumnSnapshot, inline_primary_key: bool) -> String {
    let mut sql = format!("{} {}", dialect.quote_ident(&column.name), column.sql_type);
    if let Some(collation) = &column.collation {
        sql.push_str(" COLLATE ");
        sql.push_str(collation);
    }
    if column.not_null && !column.autoincrement {
        sql.push_str(" NOT NULL");
    }
    if let Some(default) = &column.default {
        sql.push_str(" DEFAULT ");
        sql.push_str(default);
    }
    if inline_primary_key {
        sql.push_str(" PRIMARY KEY");
        if column.autoincrement {
            sql.push_str(" AUTOINCREMENT");
        }
    }
    sql
}

/// The `ON DELETE .. ON UPDATE .. DEFERRABLE ..` tail of a reference.
fn reference_actions(foreign_key: &ForeignKeySnapshot) -> String {
    let mut sql = String::new();
    for (event, action) in [("DELETE", foreign_key.on_delete), ("UPDATE", foreign_key.on_update)] {
        if let Some(action) = action.sql() {
            sql.push_str(&format!(" ON {event} {action}"));
        }
    }
    if let Some(deferrable) = foreign_key.deferrable.sql() {
        sql.push(' ');
        sql.push_str(deferrable);
    }
    sql
}

/// `CONSTRAINT "n" FOREIGN KEY ("col") REFERENCES "t" ("id") [ON DELETE ..]`:
/// a table constraint, as `ddl::ForeignKey::clause` writes it.
pub fn foreign_key_clause(dialect: &dyn Dialect, foreign_key: &ForeignKeySnapshot) -> String {
    format!(
        "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({}){}",
        dialect.quote_ident(&foreign_key.name),
        dialect.quote_ident(&foreign_key.column),
        dialect.quote_ident(&foreign_key.references_table),
        dialect.quote_ident(&foreign_key.references_column),
        reference_actions(foreign_key)
    )
}

/// `CONSTRAINT "n" REFERENCES "t" ("id") [ON DELETE ..]`: the same
/// reference as a column constraint (for `ADD COLUMN`).
pub fn references_clause(dialect: &dyn Dialect, foreign_key: &ForeignKeySnapshot) -> String {
    format!(
        "CONSTRAINT {} REFERENCES {} ({}){}",
        dialect.quote_ident(&foreign_key.name),
        dialect.quote_ident(&foreign_key.references_table),
        dialect.quote_ident(&foreign_key.references_column),
        reference_actions(foreign_key)
    )
}

/// `CREATE TABLE "name" (..)` with `table`'s full definition: the primary
/// key's columns first, then the others by name; a composite primary key
/// and the foreign keys as table constraints. `name` is the table's own
/// name, or the temporary name of a rebuild (references to the table itself
/// keep its real name).
pub fn create_table(dialect: &dyn Dialect, table: &TableSnapshot, name: &str) -> String {
    let inline = table.primary_key.len() == 1;
    let mut parts: Vec<String> = table
        .columns_in_ddl_order()
        .into_iter()
        .map(|column| column_definition(dialect, column, inline && table.primary_key[0] == column.name))
        .collect();
    if !inline {
        let keys: Vec<String> = table.primary_key.iter().map(|key| dialect.quote_ident(key)).collect();
        parts.push(format!("PRIMARY KEY ({})", keys.join(", ")));
    }
    parts.extend(table.foreign_keys.iter().map(|foreign_key| foreign_key_clause(dialect, foreign_key)));
    format!("CREATE TABLE {} (\n  {}\n);", dialect.quote_ident(name), parts.join(",\n  "))
}

/// `CREATE [UNIQUE] INDEX "name" ON "table" (terms) [WHERE ..];`
pub fn create_index(dialect: &dyn Dialect, table: &str, index: &IndexSnapshot) -> String {
    let unique = if index.unique { "UNIQUE " } else { "" };
    let mut sql = format!(
        "CREATE {unique}INDEX {} ON {} ({})",
        dialect.quote_ident(&index.name),
        dialect.quote_ident(table),
        index.terms.join(", ")
    );
    if let Some(condition) = &index.where_sql {
        sql.push_str(" WHERE ");
        sql.push_str(condition);
    }
    sql.push(';');
    sql
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

/// The `up` of each statement, in order.
pub fn set_up<'a>(statements: impl IntoIterator<Item = &'a StatementSnapshot>) -> Vec<String> {
    statements.into_iter().filter(|s| !s.up.trim().is_empty()).map(|s| statement(&s.up)).collect()
}

/// The `down` of each statement, in reverse order (the last set up is the
/// first torn down).
pub fn tear_down<'a>(statements: impl IntoIterator<Item = &'a StatementSnapshot>) -> Vec<String> {
    let mut downs: Vec<String> =
        statements.into_iter().filter(|s| !s.down.trim().is_empty()).map(|s| statement(&s.down)).collect();
    downs.reverse();
    downs
}
