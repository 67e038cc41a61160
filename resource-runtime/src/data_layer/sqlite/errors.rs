//! SQLite errors as the runtime's typed errors.
//!
//! | SQLite | `Error` |
//! |---|---|
//! | `UNIQUE constraint failed: t.a, t.b` | `Invalid`: `Taken` on the identity (or primary key, or `unique_index_names` entry) with those keys |
//! | `UNIQUE constraint failed: index 'name'` | the same, found by index name |
//! | `NOT NULL constraint failed: t.a` | `Invalid`: `a: is required` |
//! | `FOREIGN KEY constraint failed` | [`FOREIGN_KEY_FAILED`]: the write that failed says which key (`foreign_keys.rs`) |
//! | `SQLITE_BUSY`, `SQLITE_LOCKED` | `Busy` |
//! | `SQLITE_READONLY` | `ReadOnly` |
//! | `no such table: t` | `MissingTable` |

use rusqlite::ffi;

use crate::data_layer::Target;
use crate::info::error::{Error, FieldError, FieldErrorKind};

use super::schema::identity_index_name;

/// Maps an error of a statement on `resource`'s table (if known).
pub fn map_error(target: Option<Target<'_>>, error: rusqlite::Error) -> Error {
    let rusqlite::Error::SqliteFailure(failure, message) = &error else {
        return Error::DataLayer(format!("sqlite: {error}"));
    };
    let message = message.clone().unwrap_or_else(|| failure.to_string());
    match failure.code {
        ffi::ErrorCode::DatabaseBusy | ffi::ErrorCode::DatabaseLocked => Error::Busy { message },
        ffi::ErrorCode::ReadOnly => Error::ReadOnly { message },
        ffi::ErrorCode::ConstraintViolation => constraint(target, failure.extended_code, message),
        _ => {
            if let Some(table) = message.strip_prefix("no such table: ") {
                let table = table.rsplit('.').next().unwrap_or(table);
                return Error::MissingTable { table: table.to_string() };
            }
            if let (Some(column), Some(target)) = (message.strip_prefix("no such column: "), target) {
                return Error::DataLayer(format!(
                    "column `{column}` is missing from table `{}`; run the migrations first",
                    target.table_name()
                ));
            }
            Error::DataLayer(format!("sqlite: {message}"))
        }
    }
}

fn constraint(target: Option<Target<'_>>, extended: i32, message: String) -> Error {
    if extended == ffi::SQLITE_CONSTRAINT_FOREIGNKEY {
        return foreign_key_failed();
    }
    let Some(target) = target else { return Error::DataLayer(format!("sqlite: {message}")) };
    match extended {
        ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => unique(target, &message),
        ffi::SQLITE_CONSTRAINT_NOTNULL => match message.strip_prefix("NOT NULL constraint failed: ") {
            Some(column) => Error::invalid(FieldError::required(unqualified(column))),
            None => Error::DataLayer(format!("sqlite: {message}")),
        },
        ffi::SQLITE_CONSTRAINT_FOREIGNKEY => foreign_key_failed(),
        _ => Error::DataLayer(format!("sqlite: {message}")),
    }
}

/// SQLite's foreign key message names no constraint, so a violation is
/// first this error, which the write (or commit) that failed replaces by the
/// field error of the key it finds broken (`foreign_keys.rs`); it stays
/// when none explains it (a constraint made outside the descriptions).
pub const FOREIGN_KEY_FAILED: &str = "sqlite: FOREIGN KEY constraint failed";

fn foreign_key_failed() -> Error {
    Error::DataLayer(FOREIGN_KEY_FAILED.to_string())
}

/// Whether `error` is a foreign key violation not yet explained.
pub(super) fn is_foreign_key(error: &Error) -> bool {
    matches!(error, Error::DataLayer(message) if message == FOREIGN_KEY_FAILED)
}

/// A unique violation as the field error of the identity, primary key or
/// declared unique index it names.
fn unique(target: Target<'_>, message: &str) -> Error {
    let resource = target.resource;
    let detail = message.strip_prefix("UNIQUE constraint failed: ").unwrap_or(message);
    let taken =
        |fields: &[&str], message: &str| Error::invalid(FieldError::on_fields(fields, FieldErrorKind::Taken, message));
    if let Some(name) = detail.strip_prefix("index '").and_then(|rest| rest.strip_suffix('\'')) {
        if let Some(identity) = resource.identities.iter().find(|i| identity_index_name(target, i) == name) {
            return taken(identity.error_fields(), identity.message());
        }
        if let Some(index) = resource.sql.unique_index_names.iter().find(|index| index.name == name) {
            return taken(index.keys, index.message());
        }
        return Error::DataLayer(format!(
            "unique index `{name}` of table `{}` was violated; name it in the resource's \
             `sqlite {{ unique_index_names }}` to report it as a field error",
            target.table_name()
        ));
    }
    let columns: Vec<&str> = detail.split(", ").map(unqualified).collect();
    let same = |keys: &[&str]| keys.len() == columns.len() && keys.iter().all(|k| columns.contains(k));
    if let Some(identity) = resource.identities.iter().find(|i| same(i.keys)) {
        return taken(identity.error_fields(), identity.message());
    }
    if let Some(index) = resource.sql.unique_index_names.iter().find(|index| same(index.keys)) {
        return taken(index.keys, index.message());
    }
    // The primary key, or an index nobody declared: taken on its columns.
    taken(&columns, "has already been taken")
}

/// `t.a` -> `a`.
fn unqualified(column: &str) -> &str {
    column.split_once('.').map_or(column, |(_, name)| name)
}
