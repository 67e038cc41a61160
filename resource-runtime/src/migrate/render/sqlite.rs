//! SQLite's migrations: what its `ALTER TABLE` can do in place, and the
//! rebuild (sqlite.org/lang_altertable.html#otheralter) for the rest.
//!
//! In place: `ADD COLUMN` (unless the column is part of the primary key,
//! NOT NULL without a default, has a non-constant default, or references
//! another table with a non-NULL default: SQLite refuses those on a table
//! with rows), `DROP COLUMN` (unless the column is in the primary key, a
//! foreign key, an index that stays, or the table has custom statements
//! that may read it), `CREATE INDEX` / `DROP INDEX` (SQLite has no `ALTER
//! INDEX`: a renamed or changed index is dropped and created).
//!
//! Everything else (a column's type, nullability, default or collation, the
//! primary key, a foreign key that is not a new column's) rebuilds the
//! table, inside the one transaction the runner gives a migration, with
//! foreign keys off (the runner turns them off outside the transaction, on
//! the same connection, and runs `PRAGMA foreign_key_check` before the
//! commit; this SQL never does either):
//!
//! 1. tear down the table's custom statements (its triggers would be dropped
//!    with it, and a view naming it would break the rename),
//! 2. `CREATE TABLE "_new_t"` with the whole new definition,
//! 3. `INSERT INTO "_new_t" (..) SELECT .. FROM "t"` for the columns both
//!    have (`IFNULL(col, default)` for a column becoming NOT NULL),
//! 4. carry `sqlite_sequence` over for an AUTOINCREMENT key (else deleted
//!    ids would be reused),
//! 5. `DROP TABLE "t"` (before the rename: renaming `t` first would rewrite
//!    the other tables' references to it),
//! 6. `ALTER TABLE "_new_t" RENAME TO "t"` under `PRAGMA legacy_alter_table`
//!    (so that views and triggers naming `t` do not fail it),
//! 7. create every index of the table again (`DROP TABLE` dropped them all,
//!    not only the changed ones),
//! 8. set the custom statements up again.

use super::{
    MigrationDialect, Sql, add_column, create_index, create_table, drop_column, drop_index, drop_table, kept_column,
    set_up, statement, tear_down,
};
use crate::data_layer::sql::Dialect;
use crate::data_layer::sql::sqlite_dialect::SQLITE;
use crate::data_layer::sql::table::TableSql;
use crate::migrate::diff::{Delta, TableChange, TableDiff};
use crate::migrate::error::MigrationError;
use crate::migrate::snapshot::{ColumnSnapshot, StatementSnapshot};

/// SQLite's [`MigrationDialect`].
#[derive(Debug, Clone, Copy, Default)]
pub struct SqliteMigrations;

/// The one SQLite renderer.
pub static SQLITE_MIGRATIONS: SqliteMigrations = SqliteMigrations;

impl MigrationDialect for SqliteMigrations {
    fn dialect(&self) -> &'static dyn Dialect {
        &SQLITE
    }

    fn render(&self, change: &TableChange<'_>) -> Result<Sql, MigrationError> {
        let d = self.dialect();
        Ok(match change {
            TableChange::Create(table) => {
                // What `create_schema` runs for the table too.
                let TableSql { ddl, setup } = table.def().create_statements(d, false);
                Sql { body: ddl, setup, ..Sql::default() }
            }
            TableChange::Drop(table) => Sql {
                teardown: tear_down(&table.custom_statements),
                body: vec![drop_table(d, &table.table)],
                ..Sql::default()
            },
            TableChange::Alter(diff) => {
                let reasons = rebuild_reasons(diff);
                if reasons.is_empty() { in_place(d, diff) } else { rebuild(d, diff, &reasons) }
            }
        })
    }
}

/// Why `diff` needs a rebuild; empty when `ALTER TABLE` can do it.
pub fn rebuild_reasons(diff: &TableDiff<'_>) -> Vec<String> {
    let mut reasons = Vec::new();
    if diff.primary_key_changed {
        reasons.push(format!(
            "the primary key changes from ({}) to ({})",
            diff.from.primary_key.join(", "),
            diff.to.primary_key.join(", ")
        ));
    }
    for (from, to) in &diff.altered_columns {
        reasons.push(format!("column \"{}\" changes ({})", to.name, column_changes(from, to)));
    }
    for change in &diff.foreign_keys {
        match change {
            // A new column's reference is written with its ADD COLUMN; if
            // that cannot be, the column's own reason rebuilds the table.
            Delta::Added(foreign_key) if diff.added_columns.iter().any(|c| c.name == foreign_key.column) => {}
            Delta::Added(foreign_key) => reasons.push(format!("foreign key \"{}\" is added", foreign_key.name)),
            Delta::Removed(foreign_key) => reasons.push(format!("foreign key \"{}\" is dropped", foreign_key.name)),
            Delta::Changed { to, .. } => reasons.push(format!("foreign key \"{}\" changes", to.name)),
        }
    }
    for column in &diff.dropped_columns {
        if let Err(why) = can_drop(diff, column) {
            reasons.push(format!("column \"{}\" is dropped and DROP COLUMN cannot drop it: {why}", column.name));
        }
    }
    for column in &diff.added_columns {
        if let Err(why) = can_add(diff, column) {
            reasons.push(format!("column \"{}\" is added and ADD COLUMN cannot add it: {why}", column.name));
        }
    }
    reasons
}

fn column_changes(from: &ColumnSnapshot, to: &ColumnSnapshot) -> String {
    let mut changes = Vec::new();
    if from.sql_type != to.sql_type {
        changes.push(format!("type {} -> {}", from.sql_type, to.sql_type));
    }
    if from.collation != to.collation {
        let name = |c: &Option<String>| c.clone().unwrap_or_else(|| "none".into());
        changes.push(format!("collation {} -> {}", name(&from.collation), name(&to.collation)));
    }
    if from.not_null != to.not_null {
        changes.push(if to.not_null { "NULL -> NOT NULL".into() } else { "NOT NULL -> NULL".into() });
    }
    if from.default != to.default {
        let name = |d: &Option<String>| d.clone().unwrap_or_else(|| "none".into());
        changes.push(format!("default {} -> {}", name(&from.default), name(&to.default)));
    }
    if from.autoincrement != to.autoincrement {
        changes.push(if to.autoincrement { "AUTOINCREMENT added".into() } else { "AUTOINCREMENT dropped".into() });
    }
    changes.join(", ")
}

/// Whether SQLite's `ADD COLUMN` can add `column` to a table with rows.
fn can_add(diff: &TableDiff<'_>, column: &ColumnSnapshot) -> Result<(), &'static str> {
    if diff.to.primary_key.contains(&column.name) || column.autoincrement {
        return Err("it is part of the primary key");
    }
    if column.not_null && column.default.is_none() {
        return Err("it is NOT NULL without a default");
    }
    if column.default.as_deref().is_some_and(|default| !is_constant(default)) {
        return Err("its default is not a constant");
    }
    if column.default.is_some() && diff.added_foreign_key_on(&column.name).is_some() {
        return Err("it references another table and has a default");
    }
    Ok(())
}

/// Whether SQLite's `DROP COLUMN` can drop `column`.
fn can_drop(diff: &TableDiff<'_>, column: &ColumnSnapshot) -> Result<(), &'static str> {
    if diff.from.primary_key.contains(&column.name) {
        return Err("it is part of the primary key");
    }
    if diff.from.foreign_keys.iter().any(|foreign_key| foreign_key.column == column.name) {
        return Err("a foreign key uses it");
    }
    if diff.from.indexes.iter().any(|index| diff.keeps_index(index) && index.mentions(&column.name)) {
        return Err("an index that stays uses it");
    }
    if !diff.from.custom_statements.is_empty() {
        return Err("the table has custom statements, which may use it");
    }
    Ok(())
}

/// A default `ADD COLUMN` accepts on a table with rows: not
/// `CURRENT_TIME`/`CURRENT_DATE`/`CURRENT_TIMESTAMP`, not an expression in
/// parentheses.
fn is_constant(default: &str) -> bool {
    let default = default.trim();
    !default.starts_with('(')
        && !["CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP"].iter().any(|f| default.eq_ignore_ascii_case(f))
}

/// The statements that differ, torn down (those of `from` removed or
/// changed) and set up (those of `to` added or changed).
fn changed_statements<'a>(diff: &TableDiff<'a>) -> (Vec<&'a StatementSnapshot>, Vec<&'a StatementSnapshot>) {
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
    (
        diff.from.custom_statements.iter().filter(|s| goes(&s.name)).collect(),
        diff.to.custom_statements.iter().filter(|s| comes(&s.name)).collect(),
    )
}

fn in_place(d: &dyn Dialect, diff: &TableDiff<'_>) -> Sql {
    let table = &diff.to.table;
    let mut body = Vec::new();
    for change in &diff.indexes {
        if let Delta::Removed(index) | Delta::Changed { from: index, .. } = change {
            body.push(drop_index(d, index));
        }
    }
    for column in &diff.dropped_columns {
        body.push(drop_column(d, table, &column.name));
    }
    for column in &diff.removed_columns {
        body.extend(kept_column(d, table, &column.name));
    }
    for column in &diff.added_columns {
        body.push(add_column(d, table, column, diff.added_foreign_key_on(&column.name)));
    }
    for change in &diff.indexes {
        if let Delta::Added(index) | Delta::Changed { to: index, .. } = change {
            body.push(create_index(d, table, index));
        }
    }
    let (goes, comes) = changed_statements(diff);
    Sql { teardown: tear_down(goes), body, setup: set_up(comes), ..Sql::default() }
}

fn rebuild(d: &dyn Dialect, diff: &TableDiff<'_>, reasons: &[String]) -> Sql {
    let (from, to) = (diff.from, diff.to);
    let table = &to.table;
    let temporary = format!("_new_{table}");
    let mut body = vec![format!(
        "-- Rebuild {} (SQLite's ALTER TABLE cannot do it in place): {}.",
        d.quote_ident(table),
        reasons.join("; ")
    )];
    body.push(create_table(d, to, &temporary));
    let (mut columns, mut values) = (Vec::new(), Vec::new());
    for column in to.columns_in_ddl_order() {
        let Some(old) = from.column(&column.name) else { continue };
        let quoted = d.quote_ident(&column.name);
        let value = match &column.default {
            Some(default) if column.not_null && !old.not_null => {
                format!("{}({quoted}, {default})", d.if_null_function())
            }
            _ => quoted.clone(),
        };
        columns.push(quoted);
        values.push(value);
    }
    if !columns.is_empty() {
        body.push(format!(
            "INSERT INTO {} ({}) SELECT {} FROM {};",
            d.quote_ident(&temporary),
            columns.join(", "),
            values.join(", "),
            d.quote_ident(table)
        ));
    }
    let autoincrement =
        |snapshot: &crate::migrate::snapshot::TableSnapshot| snapshot.columns.iter().any(|c| c.autoincrement);
    if autoincrement(from) && autoincrement(to) {
        let (new_name, old_name) = (d.text_literal(&temporary), d.text_literal(table));
        body.push("-- Keep the AUTOINCREMENT sequence (ids of deleted rows are not given again).".to_string());
        body.push(format!("DELETE FROM sqlite_sequence WHERE name = {new_name};"));
        body.push(format!(
            "INSERT INTO sqlite_sequence (name, seq) SELECT {new_name}, seq FROM sqlite_sequence WHERE name = {old_name};"
        ));
    }
    body.push(drop_table(d, table));
    body.push("PRAGMA legacy_alter_table = ON;".to_string());
    body.push(statement(&format!("ALTER TABLE {} RENAME TO {}", d.quote_ident(&temporary), d.quote_ident(table))));
    body.push("PRAGMA legacy_alter_table = OFF;".to_string());
    body.extend(to.indexes.iter().map(|index| create_index(d, table, index)));
    for column in &diff.removed_columns {
        body.extend(kept_column(d, table, &column.name));
    }
    Sql { teardown: tear_down(&from.custom_statements), body, setup: set_up(&to.custom_statements), ..Sql::default() }
}
