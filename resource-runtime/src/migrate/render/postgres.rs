//! PostgreSQL's migrations: every change in place, with its `ALTER TABLE`
//! (no rebuild: PostgreSQL alters a column's type, nullability and default,
//! the primary key and the constraints of a table that keeps its rows).
//!
//! A new table is `create_schema`'s: the same builder
//! (`TableDef::create_statements_then_references`), so a migrated database
//! and one `Postgres::create_schema` built have the same catalog. Foreign
//! keys are added after every table's DDL and dropped before it
//! ([`Sql::link`], [`Sql::unlink`]): PostgreSQL checks a reference when it
//! is declared, and the table it names may come later in the migration.
//!
//! A table change is, in order: its indexes that go or change dropped; the
//! primary key dropped if it changes (before a column of it goes or loses
//! NOT NULL); columns dropped; columns altered (`TYPE .. USING`, `SET` /
//! `DROP DEFAULT`, NULLs filled with the new default before `SET NOT
//! NULL`, identity added or dropped); columns added; the new primary key;
//! the new indexes. A column whose type changes or that is dropped may be
//! read by a view or trigger of the table's custom statements, which
//! PostgreSQL would refuse to leave behind: they are all torn down before
//! and set up after, as SQLite's rebuild does.
//!
//! The runner gives each migration one transaction (PostgreSQL's DDL is
//! transactional): a statement that fails (a new unique index over
//! duplicate rows, a type a value does not cast to) rolls it back whole.

use super::{
    MigrationDialect, Sql, add_column, add_foreign_key, create_index, drop_column, drop_constraint, drop_index,
    drop_table, kept_column, set_up, tear_down,
};
use crate::data_layer::sql::Dialect;
use crate::data_layer::sql::postgres_dialect::POSTGRES;
use crate::data_layer::sql::table::TableSql;
use crate::migrate::diff::{Delta, TableChange, TableDiff};
use crate::migrate::error::MigrationError;
use crate::migrate::snapshot::ColumnSnapshot;

/// PostgreSQL's [`MigrationDialect`].
#[derive(Debug, Clone, Copy, Default)]
pub struct PostgresMigrations;

/// The one PostgreSQL renderer.
pub static POSTGRES_MIGRATIONS: PostgresMigrations = PostgresMigrations;

impl MigrationDialect for PostgresMigrations {
    fn dialect(&self) -> &'static dyn Dialect {
        &POSTGRES
    }

    fn render(&self, change: &TableChange<'_>) -> Result<Sql, MigrationError> {
        let d = self.dialect();
        Ok(match change {
            TableChange::Create(table) => {
                let (TableSql { ddl, setup }, references) = table.def().create_statements_then_references(d);
                Sql { body: ddl, link: references, setup, ..Sql::default() }
            }
            TableChange::Drop(table) => Sql {
                teardown: tear_down(&table.custom_statements),
                unlink: table.foreign_keys.iter().map(|key| drop_constraint(d, &table.table, &key.name)).collect(),
                body: vec![drop_table(d, &table.table)],
                ..Sql::default()
            },
            TableChange::Alter(diff) => alter(d, diff),
        })
    }
}

/// The name PostgreSQL gives a table's primary key: `<table>_pkey`, the
/// table's part cut to fit its 63-byte names.
pub fn primary_key_name(table: &str) -> String {
    let mut cut = table.len().min(63 - "_pkey".len());
    while !table.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}_pkey", &table[..cut])
}

fn retyped(from: &ColumnSnapshot, to: &ColumnSnapshot) -> bool {
    from.sql_type != to.sql_type || from.collation != to.collation
}

fn alter(d: &dyn Dialect, diff: &TableDiff<'_>) -> Sql {
    let table = &diff.to.table;
    let mut sql = Sql::default();
    for change in &diff.foreign_keys {
        if let Delta::Removed(key) | Delta::Changed { from: key, .. } = change {
            sql.unlink.push(drop_constraint(d, table, &key.name));
        }
        if let Delta::Added(key) | Delta::Changed { to: key, .. } = change {
            sql.link.push(add_foreign_key(d, table, key));
        }
    }
    let body = &mut sql.body;
    for change in &diff.indexes {
        if let Delta::Removed(index) | Delta::Changed { from: index, .. } = change {
            body.push(drop_index(d, index));
        }
    }
    if diff.primary_key_changed && !diff.from.primary_key.is_empty() {
        body.push(drop_constraint(d, table, &primary_key_name(table)));
    }
    for column in &diff.dropped_columns {
        body.push(drop_column(d, table, &column.name));
    }
    for column in &diff.removed_columns {
        body.extend(kept_column(d, table, &column.name));
    }
    for (from, to) in &diff.altered_columns {
        body.extend(alter_column(d, table, from, to));
    }
    for column in &diff.added_columns {
        let mut added = add_column(d, table, column, None);
        if column.autoincrement {
            // `GENERATED .. AS IDENTITY` numbers the rows the table holds.
            added.pop();
            added.push_str(d.autoincrement());
            added.push(';');
        }
        body.push(added);
    }
    if diff.primary_key_changed && !diff.to.primary_key.is_empty() {
        let keys: Vec<String> = diff.to.primary_key.iter().map(|key| d.quote_ident(key)).collect();
        body.push(format!(
            "ALTER TABLE {} ADD CONSTRAINT {} PRIMARY KEY ({});",
            d.quote_ident(table),
            d.quote_ident(&primary_key_name(table)),
            keys.join(", ")
        ));
    }
    for change in &diff.indexes {
        if let Delta::Added(index) | Delta::Changed { to: index, .. } = change {
            body.push(create_index(d, table, index));
        }
    }

    // Views and triggers may read a column that changes type or goes.
    let reaches_statements =
        !diff.dropped_columns.is_empty() || diff.altered_columns.iter().any(|(from, to)| retyped(from, to));
    if reaches_statements {
        sql.teardown = tear_down(&diff.from.custom_statements);
        sql.setup = set_up(&diff.to.custom_statements);
    } else {
        let goes = |name: &str| {
            diff.statements.iter().any(|change| match change {
                Delta::Removed(s) | Delta::Changed { from: s, .. } => s.name == name,
                Delta::Added(_) => false,
            })
        };
        let comes = |name: &str| {
            diff.statements.iter().any(|change| match change {
                Delta::Added(s) | Delta::Changed { to: s, .. } => s.name == name,
                Delta::Removed(_) => false,
            })
        };
        sql.teardown = tear_down(diff.from.custom_statements.iter().filter(|s| goes(&s.name)));
        sql.setup = set_up(diff.to.custom_statements.iter().filter(|s| comes(&s.name)));
    }
    sql
}

/// The `ALTER COLUMN`s that turn `from` into `to`.
fn alter_column(d: &dyn Dialect, table: &str, from: &ColumnSnapshot, to: &ColumnSnapshot) -> Vec<String> {
    let column = d.quote_ident(&to.name);
    let alter = format!("ALTER TABLE {} ALTER COLUMN {column}", d.quote_ident(table));
    let mut sql = Vec::new();
    let retyped = retyped(from, to);
    if from.autoincrement && !to.autoincrement {
        sql.push(format!("{alter} DROP IDENTITY;"));
    }
    // The old default may not cast to the new type: it goes first.
    let default_changes = from.default != to.default || retyped;
    if default_changes && from.default.is_some() {
        sql.push(format!("{alter} DROP DEFAULT;"));
    }
    if retyped {
        let collation = to.collation.as_ref().map(|c| format!(" COLLATE {c}")).unwrap_or_default();
        sql.push(format!("{alter} TYPE {}{collation} USING {column}::{};", to.sql_type, to.sql_type));
    }
    if let Some(default) = to.default.as_ref().filter(|_| default_changes) {
        sql.push(format!("{alter} SET DEFAULT {default};"));
    }
    if to.not_null && !from.not_null {
        if let Some(default) = &to.default {
            sql.push(format!("UPDATE {} SET {column} = {default} WHERE {column} IS NULL;", d.quote_ident(table)));
        }
        sql.push(format!("{alter} SET NOT NULL;"));
    } else if from.not_null && !to.not_null {
        sql.push(format!("{alter} DROP NOT NULL;"));
    }
    if to.autoincrement && !from.autoincrement {
        sql.push(format!("{alter} ADD{};", d.autoincrement()));
        // Numbering continues after the ids the table already holds.
        sql.push(format!(
            "SELECT setval(pg_get_serial_sequence({}, {}), COALESCE(MAX({column}), 0) + 1, false) FROM {};",
            d.text_literal(&d.quote_ident(table)),
            d.text_literal(&to.name),
            d.quote_ident(table)
        ));
    }
    sql
}
