//! Foreign key violations as the field errors SQLite's layer gives
//! (`data_layer/sqlite/foreign_keys.rs`): the write that failed looks at
//! its own keys and at the rows referencing its record, with the checks
//! the write path uses on ETS (`data_layer/foreign_key.rs`):
//!
//! - a key of the written row referencing nothing: `author_id: does not exist`;
//! - else rows left referencing the destroyed (or re-keyed) record, following
//!   cascades: `id: would leave records behind`.
//!
//! A deferred key fails at `COMMIT`, which has ended the transaction: the
//! constraint the server names is found among the registered tables' keys.

use super::Postgres;
use super::errors::{foreign_key_constraint, is_foreign_key};
use super::repo::Registered;
use crate::data_layer::Target;
use crate::data_layer::foreign_key::{DOES_NOT_EXIST, does_not_exist, foreign_keys};
use crate::data_layer::sql::foreign_keys::{Written, explained};
use crate::info::error::{Error, FieldError, Result};

impl Postgres {
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

/// A foreign key violation at `COMMIT` (a deferred key) as the field
/// error of the registered key with the constraint's name.
pub(super) fn explain_constraint(registered: &[Registered], error: &Error) -> Option<Error> {
    let constraint = foreign_key_constraint(error)?;
    let described = registered.iter().find_map(|(info, own)| {
        let target = Target::new(info, own.as_deref());
        let key = foreign_keys(target).into_iter().find(|key| key.name == constraint)?;
        Some(does_not_exist(target.resource, &key))
    });
    Some(Error::invalid(described.unwrap_or_else(|| FieldError::invalid(constraint.to_string(), DOES_NOT_EXIST))))
}
