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
use crate::data_layer::foreign_key::{
    DOES_NOT_EXIST, Incoming, destroy_blocker, does_not_exist, foreign_keys, incoming, missing, update_blocker,
};
use crate::data_layer::{DataLayer, Target};
use crate::info::error::{Error, FieldError, Result};
use crate::info::value::{Row, Value};

/// The write whose statement broke a foreign key.
pub(super) enum Written<'a> {
    Create(&'a [Value]),
    Upsert { row: &'a [Value], conflict_keys: &'a [usize], update_fields: &'a [usize] },
    Update { pk: &'a [Value], changes: &'a [(usize, Value)] },
    Destroy { pk: &'a [Value] },
}

impl Postgres {
    /// `result`, with a foreign key violation replaced by the field error
    /// of the key `written` broke.
    pub(super) fn explained<'a, T>(
        &self,
        target: Target<'_>,
        result: Result<T>,
        written: impl FnOnce() -> Written<'a>,
    ) -> Result<T> {
        match result {
            Err(error) if is_foreign_key(&error) => match self.explain(target, written()) {
                Ok(Some(explained)) => Err(explained),
                Ok(None) => Err(error),
                Err(failed) => Err(failed),
            },
            done => done,
        }
    }

    fn incoming_to(&self, target: Target<'_>) -> Vec<Incoming> {
        let registered = self.repo.registered();
        incoming(registered.iter().map(|(info, table)| Target::new(info, table.as_deref())), target)
    }

    /// Which key the write broke, as the database holds the data now (the
    /// statement undone): `None` when no declared key explains it.
    fn explain(&self, target: Target<'_>, written: Written<'_>) -> Result<Option<Error>> {
        let resource = target.resource;
        let pk_columns: Vec<usize> = resource.primary_key().collect();
        let incoming_of = |target: Target<'_>| self.incoming_to(target);
        let all: Vec<usize> = (0..resource.attributes.len()).collect();
        let (new, old, columns): (Row, Option<Row>, Vec<usize>) = match written {
            Written::Create(row) => (row.to_vec(), None, all),
            Written::Upsert { row, conflict_keys, update_fields } => {
                let values: Vec<Value> = conflict_keys.iter().map(|&k| row[k].clone()).collect();
                match self.get(target, conflict_keys, &values)? {
                    Some(old) => {
                        let mut new = old.clone();
                        for &field in update_fields {
                            new[field] = row[field].clone();
                        }
                        (new, Some(old), update_fields.to_vec())
                    }
                    None => (row.to_vec(), None, all),
                }
            }
            Written::Update { pk, changes } => {
                let Some(old) = self.get(target, &pk_columns, pk)? else { return Ok(None) };
                let mut new = old.clone();
                for (column, value) in changes {
                    new[*column] = value.clone();
                }
                (new, Some(old), changes.iter().map(|(column, _)| *column).collect())
            }
            Written::Destroy { pk } => {
                let Some(old) = self.get(target, &pk_columns, pk)? else { return Ok(None) };
                return Ok(destroy_blocker(self, &incoming_of, target, &old)?.map(Error::invalid));
            }
        };
        let errors = missing(self, target, &foreign_keys(target), &new, |i| columns.contains(&i))?;
        if !errors.is_empty() {
            return Ok(Some(Error::Invalid(errors)));
        }
        let Some(old) = old else { return Ok(None) };
        Ok(update_blocker(self, &incoming_of, target, &old, &new)?.map(Error::invalid))
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
