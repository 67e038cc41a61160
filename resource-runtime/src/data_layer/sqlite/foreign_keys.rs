//! Foreign key violations as field errors. SQLite says only "FOREIGN KEY
//! constraint failed", naming no constraint, and undoes the failing
//! statement; the write that failed then looks at its own keys and at the
//! rows referencing its record, with the checks the write path uses on ETS
//! (`data_layer/foreign_key.rs`), so both layers report the same errors:
//!
//! - a key of the written row referencing nothing: `author_id: does not exist`;
//! - else rows left referencing the destroyed (or re-keyed) record, following
//!   cascades: `id: would leave records behind`.
//!
//! A deferred key fails at `COMMIT`, while the transaction is still open:
//! `PRAGMA foreign_key_check` lists the dangling rows, each reported on its
//! key (`author_id: does not exist`), before the rollback.

use rusqlite::Connection;

use super::Sqlite;
use super::errors::{is_foreign_key, map_error};
use super::repo::Registered;
use crate::data_layer::Target;
use crate::data_layer::foreign_key::{DOES_NOT_EXIST, dedup, does_not_exist, foreign_keys};
use crate::data_layer::sql::foreign_keys::{Written, explained};
use crate::info::error::{Error, FieldError, Result};

impl Sqlite {
    /// `result`, with a foreign key violation replaced by the field error
    /// of the key `written` broke (`sql/foreign_keys.rs`).
    pub(super) fn explained<'a, T>(
        &self,
        target: Target<'_>,
        result: Result<T>,
        written: impl FnOnce() -> Written<'a>,
    ) -> Result<T> {
        explained(self, &|| self.repo.registered(), is_foreign_key, target, result, written)
    }
}

/// The dangling keys a failed `COMMIT` left (the transaction still open),
/// each as `key: does not exist`; `None` when there are none to name.
pub(super) fn explain_commit(conn: &Connection, registered: &[Registered]) -> Option<Error> {
    let fail = |e| map_error(None, e);
    let dangling = || -> Result<Vec<(String, String, String)>> {
        let mut statement = conn
            .prepare(
                "SELECT DISTINCT c.\"table\", l.\"from\", l.\"table\" FROM pragma_foreign_key_check AS c \
                 JOIN pragma_foreign_key_list(c.\"table\") AS l ON l.id = c.fkid",
            )
            .map_err(fail)?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?))).map_err(fail)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(fail)
    };
    let mut errors: Vec<FieldError> = Vec::new();
    for (table, column, parent) in dangling().ok()? {
        let described = registered.iter().map(|(info, own)| Target::new(info, own.as_deref())).find_map(|target| {
            if target.table_name() != table {
                return None;
            }
            let keys = foreign_keys(target);
            let key = keys.into_iter().find(|key| key.column == column && key.references_table == parent)?;
            Some(does_not_exist(target.resource, &key))
        });
        errors.push(described.unwrap_or_else(|| FieldError::invalid(column, DOES_NOT_EXIST)));
    }
    dedup(&mut errors);
    (!errors.is_empty()).then_some(Error::Invalid(errors))
}
