//! The difference between two snapshots of a table, in terms every SQL
//! database shares (a column added, dropped or altered; the primary key,
//! foreign keys, indexes, statements that appear, go or change). A
//! database's renderer (`render/`) decides how to write each in SQL.
//!
//! `up` is the diff from the stored snapshot to the resources'; `down` is
//! the diff back, rendered by the same code, so it reverses `up` exactly.
//!
//! What the generator refuses to write forward (a new NOT NULL column with
//! no default, a column becoming NOT NULL with no default to fill its NULLs)
//! is [`refusals`]: neutral too, since every database rejects those
//! statements on a table with rows.

use super::error::MigrationError;
use super::snapshot::{ColumnSnapshot, Described, ForeignKeySnapshot, IndexSnapshot, StatementSnapshot, TableSnapshot};

/// Something in the `from` table, the `to` table or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delta<'a, T> {
    /// Only in `to`.
    Added(&'a T),
    /// Only in `from`.
    Removed(&'a T),
    /// In both under one name, defined differently.
    Changed {
        /// As it is.
        from: &'a T,
        /// As it becomes.
        to: &'a T,
    },
}

/// What happens to one table.
#[derive(Debug, Clone)]
pub enum TableChange<'a> {
    /// A table the database does not have yet.
    Create(&'a TableSnapshot),
    /// A table that goes away: only the reverse of a `Create` (no
    /// resource's disappearance drops a table).
    Drop(&'a TableSnapshot),
    /// A table that stays, changed.
    Alter(TableDiff<'a>),
}

impl TableChange<'_> {
    /// The table's name.
    pub fn table(&self) -> &str {
        match self {
            TableChange::Create(table) | TableChange::Drop(table) => &table.table,
            TableChange::Alter(diff) => &diff.to.table,
        }
    }
}

/// The changes between two snapshots of a table.
#[derive(Debug, Clone)]
pub struct TableDiff<'a> {
    /// The table as the database has it.
    pub from: &'a TableSnapshot,
    /// The table as it becomes.
    pub to: &'a TableSnapshot,
    /// Columns only in `to`.
    pub added_columns: Vec<&'a ColumnSnapshot>,
    /// Columns only in `from`: dropped for real.
    pub dropped_columns: Vec<&'a ColumnSnapshot>,
    /// Columns in both whose definition (type, collation, nullability,
    /// default, autoincrement) changes: `(from, to)`.
    pub altered_columns: Vec<(&'a ColumnSnapshot, &'a ColumnSnapshot)>,
    /// Columns no resource declares any more, kept (marked `removed` in
    /// `to`, not in `from`).
    pub removed_columns: Vec<&'a ColumnSnapshot>,
    /// The primary key's columns change.
    pub primary_key_changed: bool,
    /// Foreign keys, by name.
    pub foreign_keys: Vec<Delta<'a, ForeignKeySnapshot>>,
    /// Indexes, by name (a renamed index is one removed and one added).
    pub indexes: Vec<Delta<'a, IndexSnapshot>>,
    /// Custom statements, by name: removed ones in `from`'s order, then
    /// added and changed ones in `to`'s.
    pub statements: Vec<Delta<'a, StatementSnapshot>>,
}

impl TableDiff<'_> {
    /// Whether any SQL follows from it (a column that is only un-marked
    /// `removed`, because an attribute came back, needs none).
    pub fn is_empty(&self) -> bool {
        self.added_columns.is_empty()
            && self.dropped_columns.is_empty()
            && self.altered_columns.is_empty()
            && self.removed_columns.is_empty()
            && !self.primary_key_changed
            && self.foreign_keys.is_empty()
            && self.indexes.is_empty()
            && self.statements.is_empty()
    }

    /// The foreign key on `column` in `to`, if it is new.
    pub fn added_foreign_key_on(&self, column: &str) -> Option<&ForeignKeySnapshot> {
        self.foreign_keys.iter().find_map(|change| match change {
            Delta::Added(foreign_key) if foreign_key.column == column => Some(*foreign_key),
            _ => None,
        })
    }

    /// Whether an index of `from` stays as it is (neither removed nor changed).
    pub fn keeps_index(&self, index: &IndexSnapshot) -> bool {
        !self.indexes.iter().any(|change| match change {
            Delta::Removed(removed) => removed.name == index.name,
            Delta::Changed { from, .. } => from.name == index.name,
            Delta::Added(_) => false,
        })
    }
}

/// What changes from `from` (the database now; `None`: no such table) to
/// `to` (`None`: the table goes, which only a `down` asks for). `None` when
/// nothing does.
pub fn diff<'a>(from: Option<&'a TableSnapshot>, to: Option<&'a TableSnapshot>) -> Option<TableChange<'a>> {
    match (from, to) {
        (None, None) => None,
        (None, Some(to)) => Some(TableChange::Create(to)),
        (Some(from), None) => Some(TableChange::Drop(from)),
        (Some(from), Some(to)) => {
            let diff = table_diff(from, to);
            (!diff.is_empty()).then_some(TableChange::Alter(diff))
        }
    }
}

fn table_diff<'a>(from: &'a TableSnapshot, to: &'a TableSnapshot) -> TableDiff<'a> {
    let mut diff = TableDiff {
        from,
        to,
        added_columns: Vec::new(),
        dropped_columns: Vec::new(),
        altered_columns: Vec::new(),
        removed_columns: Vec::new(),
        primary_key_changed: from.primary_key != to.primary_key,
        foreign_keys: by_name(&from.foreign_keys, &to.foreign_keys, |fk| &fk.name),
        indexes: by_name(&from.indexes, &to.indexes, |index| &index.name),
        statements: by_name(&from.custom_statements, &to.custom_statements, |statement| &statement.name),
    };
    for column in &to.columns {
        match from.column(&column.name) {
            None => diff.added_columns.push(column),
            Some(old) => {
                if !old.same_definition(column) {
                    diff.altered_columns.push((old, column));
                }
                if column.removed && !old.removed {
                    diff.removed_columns.push(column);
                }
            }
        }
    }
    diff.dropped_columns = from.columns.iter().filter(|column| to.column(&column.name).is_none()).collect();
    diff
}

/// Items matched by name: removed (in `from`'s order), then added and
/// changed (in `to`'s).
fn by_name<'a, T: PartialEq>(from: &'a [T], to: &'a [T], name: impl Fn(&T) -> &String) -> Vec<Delta<'a, T>> {
    let find = |items: &'a [T], wanted: &String| items.iter().find(|item| name(item) == wanted);
    let mut changes: Vec<Delta<'a, T>> =
        from.iter().filter(|old| find(to, name(old)).is_none()).map(Delta::Removed).collect();
    for new in to {
        match find(from, name(new)) {
            None => changes.push(Delta::Added(new)),
            Some(old) if old != new => changes.push(Delta::Changed { from: old, to: new }),
            Some(_) => {}
        }
    }
    changes
}

/// What the generator refuses to write forward, as a
/// [`MigrationError::Generate`] saying what to change in the resources:
///
/// - a new NOT NULL column without a default on an existing table: its rows
///   would have no value (SQLite rejects the `ADD COLUMN` on a table with
///   rows; the generator refuses even when the table may be empty, since a
///   migration that passes on an empty development database and fails in
///   production is worse than none);
/// - a column becoming NOT NULL without a default: its NULLs would have
///   none either.
pub fn refusals(diff: &TableDiff<'_>, described: &Described) -> Result<(), MigrationError> {
    let table = &diff.to.table;
    let fix = |column: &ColumnSnapshot| {
        let why = if described.has_unwritten_default(table, &column.name) {
            " (its `default` is computed per record, which no migration can write into existing rows)"
        } else {
            ""
        };
        format!(
            "{why}: give the column a default the database can write (a constant `default`, or a \
             `migration_defaults` entry such as `({name}, \"'none'\")`), or allow nil",
            name = column.name
        )
    };
    for column in &diff.added_columns {
        if column.not_null && column.default.is_none() && !column.autoincrement {
            return Err(MigrationError::Generate {
                message: format!(
                    "table `{table}`: the new column `{}` ({}) is NOT NULL without a default, so the rows the \
                     table already holds would have no value for it{}",
                    column.name,
                    described.attribute(table, &column.name),
                    fix(column)
                ),
            });
        }
    }
    for (from, to) in &diff.altered_columns {
        if !from.not_null && to.not_null && to.default.is_none() && !to.autoincrement {
            return Err(MigrationError::Generate {
                message: format!(
                    "table `{table}`: the column `{}` ({}) becomes NOT NULL without a default, so the rows \
                     holding NULL in it would have no value{}",
                    to.name,
                    described.attribute(table, &to.name),
                    fix(to)
                ),
            });
        }
    }
    Ok(())
}

/// The `to` snapshot of a table whose current snapshot is `from` and whose
/// resources describe `desired`: the columns no resource declares any more
/// stay, marked `removed`, unless `drop_columns` drops them. A kept column
/// that is NOT NULL without a default becomes nullable, or the resources'
/// creates (which no longer write it) would fail.
pub fn carry_removed(from: &TableSnapshot, desired: &TableSnapshot, drop_columns: bool) -> TableSnapshot {
    let mut to = desired.clone();
    if !drop_columns {
        for column in &from.columns {
            if to.column(&column.name).is_none() {
                let mut kept = column.clone();
                kept.removed = true;
                if kept.not_null && kept.default.is_none() {
                    kept.not_null = false;
                }
                to.columns.push(kept);
            }
        }
        to.canonicalise();
    }
    to
}
