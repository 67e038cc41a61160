//! SQLite errors as the runtime's typed errors.
//!
//! | SQLite | `Error` |
//! |---|---|
//! | `UNIQUE constraint failed: t.a, t.b` | `Invalid`: `Taken` on the identity (or unique custom index, `unique_index_names` entry, primary key) with those keys |
//! | `UNIQUE constraint failed: index 'name'` | the same, found by index name (an index with an expression term) |
//! | `NOT NULL constraint failed: t.a` | `Invalid`: `a: is required` |
//! | `FOREIGN KEY constraint failed` | [`FOREIGN_KEY_FAILED`]: the write that failed says which key (`foreign_keys.rs`) |
//! | `SQLITE_BUSY`, `SQLITE_LOCKED` | `Busy` |
//! | `SQLITE_READONLY` | `ReadOnly` |
//! | `no such table: t` | `MissingTable` |
//! | the message of the registered `expr_error` (`error(..)` evaluated) | `InvalidExpression` |

use rusqlite::ffi;

use crate::data_layer::Target;
use crate::data_layer::custom_index;
use crate::data_layer::sql::ddl::{custom_index_name, declared_identity_index_name, identity_index_name};
use crate::info::error::{DriverError, Error, FieldError, FieldErrorKind};
use crate::info::{CustomIndex, IdentityInfo};

/// Maps an error of a statement on `resource`'s table (if known).
pub fn map_error(target: Option<Target<'_>>, error: rusqlite::Error) -> Error {
    let rusqlite::Error::SqliteFailure(failure, message) = &error else {
        return database(format!("sqlite: {error}"), error);
    };
    let message = message.clone().unwrap_or_else(|| failure.to_string());
    match failure.code {
        ffi::ErrorCode::DatabaseBusy | ffi::ErrorCode::DatabaseLocked => Error::Busy { message },
        ffi::ErrorCode::ReadOnly => Error::ReadOnly { message },
        ffi::ErrorCode::ConstraintViolation => constraint(target, failure.extended_code, message),
        _ => {
            if let Some(message) = message.strip_prefix(crate::expr::functions::ERROR_PREFIX) {
                return Error::InvalidExpression { message: message.to_string() };
            }
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
            database(format!("sqlite: {message}"), error)
        }
    }
}

/// A failure of SQLite itself, keeping rusqlite's error as the source.
fn database(message: String, error: rusqlite::Error) -> Error {
    Error::Database { message, source: DriverError::new(error) }
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

/// A unique violation as the field error of the identity, custom index,
/// primary key or declared unique index it names. SQLite names an index
/// with an expression term (`lower(email)`, a `nils_distinct: false`
/// identity's `IFNULL(..)`) by its name, `index 'posts_slug_idx'`, and any
/// other (partial or not) by its columns, `t.a, t.b`: by name, an identity
/// is found under the name the schema gives it (`identity_index_names`) or
/// Ash's default; by columns, an identity with an index comes first, then a
/// unique custom index, a `unique_index_names` entry, and an identity whose
/// index is skipped (something else enforces it).
fn unique(target: Target<'_>, message: &str) -> Error {
    let resource = target.resource;
    let detail = message.strip_prefix("UNIQUE constraint failed: ").unwrap_or(message);
    let taken =
        |fields: &[&str], message: &str| Error::invalid(FieldError::on_fields(fields, FieldErrorKind::Taken, message));
    let custom =
        |index: &CustomIndex| taken(&custom_index::error_fields(resource, index), custom_index::message(index));
    let unique_customs = || resource.sql.custom_indexes.iter().filter(|index| index.unique);
    if let Some(name) = detail.strip_prefix("index '").and_then(|rest| rest.strip_suffix('\'')) {
        let named = |identity: &&IdentityInfo| {
            declared_identity_index_name(target, identity) == name || identity_index_name(target, identity) == name
        };
        if let Some(identity) = resource.identities.iter().find(named) {
            return taken(identity.error_fields(), identity.message());
        }
        if let Some(index) = unique_customs().find(|index| custom_index_name(target, index) == name) {
            return custom(index);
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
    let indexed = |identity: &&IdentityInfo| !resource.sql.skips_unique_index(identity.name);
    if let Some(identity) = resource.identities.iter().filter(indexed).find(|i| same(i.keys)) {
        return taken(identity.error_fields(), identity.message());
    }
    if let Some(index) = unique_customs().find(|index| custom_index::columns(index).is_some_and(|c| same(&c))) {
        return custom(index);
    }
    if let Some(index) = resource.sql.unique_index_names.iter().find(|index| same(index.keys)) {
        return taken(index.keys, index.message());
    }
    if let Some(identity) = resource.identities.iter().find(|i| same(i.keys)) {
        return taken(identity.error_fields(), identity.message());
    }
    // The primary key, or an index nobody declared: taken on its columns.
    taken(&columns, custom_index::TAKEN)
}

/// `t.a` -> `a`.
fn unqualified(column: &str) -> &str {
    column.split_once('.').map_or(column, |(_, name)| name)
}
