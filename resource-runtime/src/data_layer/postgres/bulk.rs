//! `create_many`: many rows per `INSERT .. VALUES (..), (..) RETURNING ..`.
//!
//! A bulk's rows go in chunks, each one statement under one statement
//! savepoint (one round trip for the savepoint, one for the insert, where
//! one by one costs two per row). A chunk has a power of two of rows, at
//! most [`MAX_ROWS`] and within the protocol's 65535 parameters, so a
//! resource has at most a dozen such statements in a connection's cache
//! (a bulk of 2000: 1024 + 512 + 256 + 128 + 64 + 16).
//!
//! When a chunk fails (a unique, not-null, foreign key or check violation,
//! a value that does not fit), its savepoint is rolled back and its rows are
//! written one by one through [`DataLayer::create`]'s path, so that the
//! error (its field, its message) and the rows written before it are
//! exactly those of writing them one by one.

use super::codec::Param;
use super::errors::map_error;
use super::{Postgres, decode_row, generated_key, log_statement, run_query, stored_row, texts};
use crate::data_layer::sql::foreign_keys::Written;
use crate::data_layer::{DataLayer, Target};
use crate::info::error::Result;
use crate::info::value::{Row, Value};

/// The most rows one statement inserts.
const MAX_ROWS: usize = 1024;

/// PostgreSQL's limit on a statement's parameters (the protocol's u16).
const MAX_PARAMS: usize = 65535;

impl Postgres {
    /// [`DataLayer::create_many`] in multi-row statements.
    pub(super) fn insert_many(&self, target: Target<'_>, rows: Vec<Row>, created: &mut Vec<Row>) -> Result<()> {
        let resource = target.resource;
        let width = resource.attributes.len();
        // A database-generated key is left out of every row or of none:
        // rows that differ go one by one.
        let generated = generated_key(resource);
        let omitted = generated.filter(|&col| rows.first().is_some_and(|row| row.get(col).is_some_and(Value::is_nil)));
        let alike =
            |row: &Row| row.len() == width && generated.is_none_or(|col| row[col].is_nil() == omitted.is_some());
        if width == 0 || !rows.iter().all(alike) {
            return rows.into_iter().try_for_each(|row| self.create(target, row).map(|row| created.push(row)));
        }
        let cols: Vec<usize> = (0..width).filter(|&col| Some(col) != omitted).collect();
        let most = MAX_ROWS.min(MAX_PARAMS / cols.len().max(1)).max(1);
        let most = 1 << most.ilog2();
        let mut rest = &rows[..];
        while !rest.is_empty() {
            let n = if rest.len() >= most { most } else { 1 << rest.len().ilog2() };
            let (chunk, tail) = rest.split_at(n);
            rest = tail;
            let inserted = if n > 1 { self.insert_chunk(target, &cols, omitted.is_none(), chunk)? } else { None };
            match inserted {
                Some(rows) => created.extend(rows),
                // One row, or a chunk the server refused (undone): one by one.
                None => {
                    for row in chunk {
                        let stored = self.insert(target, row);
                        created.push(self.explained(target, stored, || Written::Create(row))?);
                    }
                }
            }
        }
        Ok(())
    }

    /// One multi-row `INSERT .. RETURNING` of `chunk`'s `cols`: the stored
    /// rows in the chunk's order, or `None` when nothing was written
    /// because a value does not fit or the server refused the statement
    /// (its savepoint rolled back). A lost connection is an error.
    fn insert_chunk(&self, target: Target<'_>, cols: &[usize], keyed: bool, chunk: &[Row]) -> Result<Option<Vec<Row>>> {
        let resource = target.resource;
        let Ok(stored) = chunk.iter().map(|row| stored_row(resource, row)).collect::<Result<Vec<_>>>() else {
            return Ok(None);
        };
        let sql = texts::insert(target, cols, !keyed, chunk.len());
        let params: Vec<Param<'_>> = stored.iter().flat_map(|row| cols.iter().map(|&col| Param(&row[col]))).collect();
        log_statement(&sql, &params);
        let mut refused = false;
        let rows = self.repo.with_conn(|conn| {
            run_query(conn, &sql, &params).map_err(|e| {
                refused = e.as_db_error().is_some();
                map_error(Some(target), e)
            })
        });
        let rows = match rows {
            Err(_) if refused => return Ok(None),
            rows => rows?,
        };
        let mut rows = rows.iter().map(|row| decode_row(resource, None, row)).collect::<Result<Vec<Row>>>()?;
        // PostgreSQL returns a `VALUES` insert's rows in its order; where
        // the keys were sent, that is checked, and the rows put back in
        // order if it ever was not.
        if keyed && !same_keys(target, chunk, &rows) {
            let key = |row: &Row| -> Vec<Value> { resource.primary_key().map(|i| row[i].clone()).collect() };
            let wanted: Vec<Vec<Value>> = chunk.iter().map(key).collect();
            rows.sort_by_key(|row| wanted.iter().position(|k| *k == key(row)).unwrap_or(usize::MAX));
        }
        Ok(Some(rows))
    }
}

/// Whether `returned` has `sent`'s primary keys, in order.
fn same_keys(target: Target<'_>, sent: &[Row], returned: &[Row]) -> bool {
    let pk: Vec<usize> = target.resource.primary_key().collect();
    sent.len() == returned.len()
        && sent.iter().zip(returned).all(|(sent, returned)| pk.iter().all(|&i| sent[i] == returned[i]))
}
