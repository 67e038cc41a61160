//! PostgreSQL errors as the runtime's typed errors, as SQLite's are
//! (`data_layer/sqlite/errors.rs`):
//!
//! | SQLSTATE | `Error` |
//! |---|---|
//! | `23505` unique violation | `Invalid`: `Taken` on the identity (custom index, `unique_index_names` entry, primary key) whose index the error names |
//! | `23502` not null violation | `Invalid`: `a: is required` |
//! | `23503` foreign key violation | [`FOREIGN_KEY_FAILED`], which the failed write replaces by the key's field error (`foreign_keys.rs`) |
//! | `40001`, `40P01`, `55P03` (serialization, deadlock, lock) | `Busy` |
//! | `25006` read-only transaction, `57P0x` shutting down/recovery | `ReadOnly` / `Unavailable` |
//! | `57014` statement timeout, a closed or lost connection, `08xxx` | `Unavailable` |
//! | `42P01` undefined table | `MissingTable` |
//! | `P0001` raised by `expr_error` | `InvalidExpression` |
//! | anything else | `Database`, the `postgres::Error` as its `source()` |

use postgres::error::{DbError, SqlState};

use crate::data_layer::Target;
use crate::data_layer::custom_index;
use crate::data_layer::sql::ddl::{custom_index_name, declared_identity_index_name, identity_index_name};
use crate::info::error::{DriverError, Error, FieldError, FieldErrorKind};

/// The message of a foreign key violation until the write explains it.
pub const FOREIGN_KEY_FAILED: &str = "postgres: FOREIGN KEY constraint failed";

/// Whether `error` is a foreign key violation not yet explained.
pub(super) fn is_foreign_key(error: &Error) -> bool {
    matches!(error, Error::DataLayer(message) if message.starts_with(FOREIGN_KEY_FAILED))
}

/// The constraint a foreign key violation named (kept after [`FOREIGN_KEY_FAILED`]).
pub(super) fn foreign_key_constraint(error: &Error) -> Option<&str> {
    match error {
        Error::DataLayer(message) => message.strip_prefix(FOREIGN_KEY_FAILED)?.strip_prefix(": "),
        _ => None,
    }
}

/// A connection that could not be had (pool timeout, server down).
pub(super) fn unavailable(message: impl std::fmt::Display) -> Error {
    Error::Unavailable { message: format!("postgres: {message}") }
}

/// Maps an error of a statement on `target`'s table (if known).
pub fn map_error(target: Option<Target<'_>>, error: postgres::Error) -> Error {
    let known = match error.as_db_error() {
        Some(db) => by_code(target, db.code(), db.message(), Some(db)),
        None if error.is_closed() => Some(unavailable(format!("the connection was lost: {error}"))),
        None => match error.code() {
            Some(code) => by_code(target, code, &error.to_string(), None),
            // An I/O error: the server is gone.
            None if error.to_string().contains("error communicating") || error.source_is_io() => {
                Some(unavailable(&error))
            }
            None => None,
        },
    };
    known.unwrap_or_else(|| database(error))
}

/// An error the runtime has no type for, kept whole as the source.
fn database(error: postgres::Error) -> Error {
    let message = match error.as_db_error() {
        Some(db) => format!("postgres: {}", db.message()),
        None => format!("postgres: {error}"),
    };
    Error::Database { message, source: DriverError::new(error) }
}

trait SourceIsIo {
    fn source_is_io(&self) -> bool;
}

impl SourceIsIo for postgres::Error {
    fn source_is_io(&self) -> bool {
        std::error::Error::source(self).is_some_and(|source| source.is::<std::io::Error>())
    }
}

fn by_code(target: Option<Target<'_>>, code: &SqlState, message: &str, db: Option<&DbError>) -> Option<Error> {
    let message = message.to_string();
    let class = &code.code()[..2];
    Some(match *code {
        SqlState::UNIQUE_VIOLATION => match (target, db.and_then(DbError::constraint)) {
            (Some(target), Some(constraint)) => unique(target, constraint),
            _ => return None,
        },
        SqlState::NOT_NULL_VIOLATION => match db.and_then(DbError::column) {
            Some(column) => Error::invalid(FieldError::required(column)),
            None => return None,
        },
        SqlState::FOREIGN_KEY_VIOLATION => {
            Error::DataLayer(format!("{FOREIGN_KEY_FAILED}: {}", db.and_then(DbError::constraint).unwrap_or("")))
        }
        SqlState::T_R_SERIALIZATION_FAILURE | SqlState::T_R_DEADLOCK_DETECTED | SqlState::LOCK_NOT_AVAILABLE => {
            Error::Busy { message }
        }
        SqlState::READ_ONLY_SQL_TRANSACTION => Error::ReadOnly { message },
        SqlState::QUERY_CANCELED
        | SqlState::ADMIN_SHUTDOWN
        | SqlState::CRASH_SHUTDOWN
        | SqlState::CANNOT_CONNECT_NOW => unavailable(message),
        SqlState::UNDEFINED_TABLE => {
            let table = message.split('"').nth(1).unwrap_or(&message);
            Error::MissingTable { table: table.to_string() }
        }
        SqlState::UNDEFINED_COLUMN if target.is_some() => Error::DataLayer(format!(
            "{message} in table `{}`; run the migrations first",
            target.map(|t| t.table_name()).unwrap_or_default()
        )),
        _ if class == "08" => unavailable(message),
        _ => match message.strip_prefix(crate::expr::functions::ERROR_PREFIX) {
            Some(raised) => Error::InvalidExpression { message: raised.to_string() },
            None => return None,
        },
    })
}

/// A unique violation as the field error of what owns the index the
/// server names: an identity (under the schema's name for it or Ash's
/// default), a unique custom index, a `unique_index_names` entry, or the
/// primary key (`<table>_pkey`).
fn unique(target: Target<'_>, index: &str) -> Error {
    let resource = target.resource;
    let taken =
        |fields: &[&str], message: &str| Error::invalid(FieldError::on_fields(fields, FieldErrorKind::Taken, message));
    let named = |identity: &&crate::info::IdentityInfo| {
        declared_identity_index_name(target, identity) == index || identity_index_name(target, identity) == index
    };
    if let Some(identity) = resource.identities.iter().find(named) {
        return taken(identity.error_fields(), identity.message());
    }
    if let Some(custom) =
        resource.sql.custom_indexes.iter().filter(|i| i.unique).find(|i| custom_index_name(target, i) == index)
    {
        return taken(&custom_index::error_fields(resource, custom), custom_index::message(custom));
    }
    if let Some(entry) = resource.sql.unique_index_names.iter().find(|entry| entry.name == index) {
        return taken(entry.keys, entry.message());
    }
    if index == format!("{}_pkey", target.table_name()) {
        let keys: Vec<&str> = resource.primary_key().map(|i| resource.attributes[i].name).collect();
        return taken(&keys, custom_index::TAKEN);
    }
    Error::DataLayer(format!(
        "unique index `{index}` of table `{}` was violated; name it in the resource's \
         `postgres {{ unique_index_names }}` to report it as a field error",
        target.table_name()
    ))
}
