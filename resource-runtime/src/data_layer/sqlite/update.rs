//! Updates: the `UPDATE` of a changeset's changes and the row it leaves.
//!
//! The returned row is what the table holds after the write. When the
//! caller hands over the row as it last saw it (`DataLayer::update_seen`),
//! one statement does both: `UPDATE .. SET <changes> WHERE <pk> AND` every
//! other column `IS` its seen value `COLLATE BINARY`. Changing one row, it
//! proves the stored row equals the seen one column by column (same storage
//! class, same bytes: the columns hold the storage classes of their
//! declared types, as `create` relies on), so the row after it is the seen
//! row with the changes, decoded as a read decodes them. Changing none (the
//! row differs, or is gone), the plain update runs: `UPDATE` by key, then
//! the row read back by its key, in one turn of the writer.

use rusqlite::params_from_iter;
use rusqlite::types::ToSqlOutput;

use super::errors::map_error;
use super::rows::{as_stored, check_cols, decode_row, encode, encode_pk, not_found, push_pk};
use super::{Sqlite, log_statement, texts};
use crate::data_layer::Target;
use crate::info::error::Result;
use crate::info::value::{Row, Value};

impl Sqlite {
    /// The update of a row seen as `seen` (see the module's comment).
    pub(super) fn update_seen_row(
        &self,
        target: Target<'_>,
        pk: &[Value],
        seen: &[Value],
        changes: &[(usize, Value)],
    ) -> Result<Row> {
        let resource = target.resource;
        check_cols(resource, changes.iter().map(|(col, _)| col))?;
        let changed = |col: usize| changes.iter().any(|(c, _)| *c == col);
        // Each column set once (a repeated one: SQLite keeps the last, the
        // rebuilt row would take the first).
        let once = changes.iter().enumerate().all(|(i, (col, _))| !changes[..i].iter().any(|(c, _)| c == col));
        let usable = !changes.is_empty()
            && once
            && seen.len() == resource.attributes.len()
            && resource.primary_key().count() == pk.len()
            && resource
                .primary_key()
                .zip(pk)
                .all(|(key, value)| !changed(key) && seen[key] == *value && !value.is_nil());
        if !usable {
            return self.update_row(target, pk, changes);
        }
        // The changes first, then every other column's seen value, in
        // attribute order. Anything that does not encode goes the plain
        // way, which reports it (the key's errors before the changes').
        let mut params = Vec::with_capacity(resource.attributes.len());
        for (col, value) in changes {
            let attribute = &resource.attributes[*col];
            let Ok(param) = encode(resource, attribute.name, attribute.ty, value) else {
                return self.update_row(target, pk, changes);
            };
            params.push(param);
        }
        for (col, (attribute, value)) in resource.attributes.iter().zip(seen).enumerate() {
            if changed(col) {
                continue;
            }
            // A value that would not be stored as it is (a NaN is stored
            // as NULL, -0.0 as 0) cannot vouch for the stored one.
            let Ok(param) = encode(resource, attribute.name, attribute.ty, value) else {
                return self.update_row(target, pk, changes);
            };
            if matches!(value, Value::Float(f) if !f.is_finite() || (*f == 0.0 && f.is_sign_negative())) {
                return self.update_row(target, pk, changes);
            }
            params.push(param);
        }
        let sql = texts::update_seen(target, changes.iter().map(|(col, _)| *col));
        log_statement(&sql, &params);
        let changed_rows = self.repo.with_conn(|conn| conn.execute_for(target, &sql, &params))?;
        if changed_rows == 0 {
            return self.update_row(target, pk, changes);
        }
        let mut row = seen.to_vec();
        let mut unchanged = params[changes.len()..].iter();
        for (col, slot) in row.iter_mut().enumerate() {
            match changes.iter().position(|(c, _)| *c == col) {
                Some(i) => {
                    let value = &changes[i].1;
                    *slot = as_stored(resource, col, value, &params[i])?.unwrap_or_else(|| value.clone());
                }
                None => {
                    let Some(param) = unchanged.next() else { continue };
                    if let Some(stored) = as_stored(resource, col, slot, param)? {
                        *slot = stored;
                    }
                }
            }
        }
        Ok(row)
    }

    /// The `UPDATE` of an update (see `DataLayer::update`), then the row
    /// read back by its key (the new key if the update changed it), on the
    /// writer in one turn: cheaper than `RETURNING` on SQLite
    /// (`statements::update_without_returning`).
    pub(super) fn update_row(&self, target: Target<'_>, pk: &[Value], changes: &[(usize, Value)]) -> Result<Row> {
        let resource = target.resource;
        check_cols(resource, changes.iter().map(|(col, _)| col))?;
        // One parameter list: the key first (its errors come first), then
        // the changes; rotated to the statement's order (changes, key) below.
        let mut params = Vec::with_capacity(pk.len() + changes.len());
        push_pk(&mut params, resource, pk)?;
        if changes.is_empty() {
            return self
                .one(super::Access::Read, target, &texts::get_by_pk(target), &params)?
                .ok_or_else(|| not_found(resource, pk));
        }
        for (col, value) in changes {
            let attribute = &resource.attributes[*col];
            params.push(encode(resource, attribute.name, attribute.ty, value)?);
        }
        params.rotate_left(pk.len());
        let changes_key = resource.primary_key().any(|key| changes.iter().any(|(col, _)| *col == key));
        let new_pk: Vec<Value> = if changes_key {
            let new_value = |key: usize, old: &Value| match changes.iter().find(|(col, _)| *col == key) {
                Some((_, new)) => new.clone(),
                None => old.clone(),
            };
            resource.primary_key().zip(pk).map(|(key, old)| new_value(key, old)).collect()
        } else {
            Vec::new()
        };
        let moved_params = if changes_key { Some(encode_pk(resource, &new_pk)?) } else { None };
        let get_params: &[ToSqlOutput<'_>] = moved_params.as_deref().unwrap_or(&params[changes.len()..]);
        let (update, get) = (texts::update(target, changes.iter().map(|(col, _)| *col)), texts::get_by_pk(target));
        log_statement(&update, &params);
        let row = self.repo.with_conn(|conn| {
            let fail = |e| map_error(Some(target), e);
            if conn.execute_for(target, &update, &params)? == 0 {
                return Ok(None);
            }
            log_statement(&get, get_params);
            conn.with_statement(Some(target), &get, |statement| {
                let mut rows = statement.query(params_from_iter(get_params)).map_err(fail)?;
                match rows.next().map_err(fail)? {
                    Some(row) => Ok(Some(decode_row(resource, None, row)?)),
                    None => Ok(None),
                }
            })
        })?;
        row.ok_or_else(|| not_found(resource, pk))
    }
}
