//! A write's foreign key violation as the field error of the key it broke,
//! for the SQL layers (SQLite names no constraint; PostgreSQL's name alone
//! does not say which value was wrong): after the failed statement is
//! undone, the write looks at its own keys and at the rows referencing its
//! record, with the checks the write path uses on ETS
//! (`data_layer/foreign_key.rs`), so every layer reports the same errors:
//!
//! - a key of the written row referencing nothing: `author_id: does not exist`;
//! - else rows left referencing the destroyed (or re-keyed) record, following
//!   cascades: `id: would leave records behind`.
//!
//! A deferred key failing at `COMMIT` is each layer's own (`explain_commit`,
//! `explain_constraint`).

use crate::data_layer::foreign_key::{destroy_blocker, foreign_keys, incoming, missing, update_blocker};
use crate::data_layer::{DataLayer, Target};
use crate::info::ResourceInfo;
use crate::info::error::{Error, Result};
use crate::info::value::{Row, Value};

/// A registered table: a resource, in its own table (`None`) or a polymorphic one's.
pub(crate) type Registered = (&'static ResourceInfo, Option<String>);

/// The write whose statement broke a foreign key.
pub(crate) enum Written<'a> {
    Create(&'a [Value]),
    Upsert { row: &'a [Value], conflict_keys: &'a [usize], update_fields: &'a [usize] },
    Update { pk: &'a [Value], changes: &'a [(usize, Value)] },
    Destroy { pk: &'a [Value] },
}

/// `result` of a write to `target` on `layer`, with a foreign key violation
/// (`is_foreign_key`) replaced by the field error of the key `written`
/// broke; `registered` are the layer's tables.
pub(crate) fn explained<'a, T>(
    layer: &dyn DataLayer,
    registered: &dyn Fn() -> Vec<Registered>,
    is_foreign_key: fn(&Error) -> bool,
    target: Target<'_>,
    result: Result<T>,
    written: impl FnOnce() -> Written<'a>,
) -> Result<T> {
    match result {
        Err(error) if is_foreign_key(&error) => match explain(layer, registered, target, written()) {
            Ok(Some(explained)) => Err(explained),
            Ok(None) => Err(error),
            Err(failed) => Err(failed),
        },
        done => done,
    }
}

/// Which key the write broke, as the database holds the data now (the
/// statement undone): `None` when no declared key explains it.
fn explain(
    layer: &dyn DataLayer,
    registered: &dyn Fn() -> Vec<Registered>,
    target: Target<'_>,
    written: Written<'_>,
) -> Result<Option<Error>> {
    let resource = target.resource;
    let pk_columns: Vec<usize> = resource.primary_key().collect();
    // Who references a table, among the registered tables.
    let incoming_of = |target: Target<'_>| {
        let registered = registered();
        incoming(registered.iter().map(|(info, table)| Target::new(info, table.as_deref())), target)
    };
    let all: Vec<usize> = (0..resource.attributes.len()).collect();
    let (new, old, columns): (Row, Option<Row>, Vec<usize>) = match written {
        Written::Create(row) => (row.to_vec(), None, all),
        Written::Upsert { row, conflict_keys, update_fields } => {
            let values: Vec<Value> = conflict_keys.iter().map(|&k| row[k].clone()).collect();
            match layer.get(target, conflict_keys, &values)? {
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
            let Some(old) = layer.get(target, &pk_columns, pk)? else { return Ok(None) };
            let mut new = old.clone();
            for (column, value) in changes {
                new[*column] = value.clone();
            }
            (new, Some(old), changes.iter().map(|(column, _)| *column).collect())
        }
        Written::Destroy { pk } => {
            let Some(old) = layer.get(target, &pk_columns, pk)? else { return Ok(None) };
            return Ok(destroy_blocker(layer, &incoming_of, target, &old)?.map(Error::invalid));
        }
    };
    let errors = missing(layer, target, &foreign_keys(target), &new, |i| columns.contains(&i))?;
    if !errors.is_empty() {
        return Ok(Some(Error::Invalid(errors)));
    }
    let Some(old) = old else { return Ok(None) };
    Ok(update_blocker(layer, &incoming_of, target, &old, &new)?.map(Error::invalid))
}
