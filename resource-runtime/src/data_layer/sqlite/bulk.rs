//! `create_many`: many rows per `INSERT INTO "t" (..) VALUES (..), (..)`.
//!
//! A bulk's rows go in chunks, each one statement under a savepoint of its
//! own. A chunk has a power of two of rows, at most [`MAX_ROWS`] and at
//! most [`MAX_PARAMS`] parameters (bundled SQLite allows 32766), so a
//! resource has at most ten such statements in the connection's cache
//! (`prepare_cached`; their texts are kept per thread, `texts.rs`).
//!
//! The rows handed back are those [`DataLayer::create`] hands back, found
//! the same way without reading the table (`stored_changes`: the bound
//! values, decoded where a read would decode them into something else).
//! That needs no rowid, so a row is only batched when it has none to be
//! assigned: a row whose integer primary key (a rowid alias) is nil is
//! written alone, through the one-row path and its `last_insert_rowid()`.
//! SQLite does not promise which rowids a multi-row `INSERT` assigns, nor
//! the order of its `RETURNING` rows, so neither is relied on.
//!
//! A row whose key references its own table (a self-referencing `belongs_to`)
//! is written alone too, unless that key is nil: SQLite checks an immediate
//! foreign key at the end of the statement, so within one multi-row insert
//! a row could reference a row after it, which one by one fails.
//!
//! When a chunk fails (a unique, not-null, check or foreign key violation,
//! a value that does not fit, busy, ..), its savepoint is rolled back and
//! its rows are written one by one through [`DataLayer::create`], so the
//! error (its field, its message) and the rows written before it are
//! exactly those of writing them one by one. The savepoint is what undoes
//! the rows a chunk wrote before it failed where SQLite itself would keep
//! them (a constraint declared `ON CONFLICT FAIL`, a trigger's
//! `RAISE(FAIL)`). An error after which SQLite has rolled back the whole
//! transaction (a full disk, out of memory) is returned as it is: the bulk
//! fails, with nothing written, as it would one by one.

use rusqlite::params_from_iter;
use rusqlite::types::ToSqlOutput;

use super::errors::map_error;
use super::{Sqlite, encode, log_statement, rowid_alias, stored_changes, texts};
use crate::data_layer::foreign_key::foreign_keys;
use crate::data_layer::{DataLayer, Target};
use crate::info::error::Result;
use crate::info::value::{Row, Value};

/// The most rows one statement inserts.
pub(super) const MAX_ROWS: usize = 512;

/// The most parameters one statement binds: well below bundled SQLite's
/// `SQLITE_MAX_VARIABLE_NUMBER` (32766).
pub(super) const MAX_PARAMS: usize = 8192;

/// How many rows a chunk of `target` has at most: a power of two.
pub(super) fn most_rows(width: usize) -> usize {
    let most = MAX_ROWS.min(MAX_PARAMS / width.max(1)).max(1);
    1 << most.ilog2()
}

impl Sqlite {
    /// [`DataLayer::create_many`] in multi-row statements.
    pub(super) fn insert_many(&self, target: Target<'_>, rows: Vec<Row>, created: &mut Vec<Row>) -> Result<()> {
        let resource = target.resource;
        let width = resource.attributes.len();
        let alias = rowid_alias(resource);
        let table = target.table_name();
        let self_keys: Vec<usize> = foreign_keys(target)
            .iter()
            .filter(|key| key.references_table == table)
            .filter_map(|key| resource.attributes.iter().position(|a| a.name == key.column))
            .collect();
        let batched = |row: &Row| {
            row.len() == width
                && alias.is_none_or(|col| !row[col].is_nil())
                && self_keys.iter().all(|&col| row[col].is_nil())
        };
        let most = most_rows(width);
        let mut run: Vec<Row> = Vec::with_capacity(most.min(rows.len()));
        for row in rows {
            if width > 0 && batched(&row) {
                run.push(row);
                if run.len() == most {
                    self.insert_run(target, std::mem::take(&mut run), created)?;
                }
                continue;
            }
            // The rows before it first, in order.
            self.insert_run(target, std::mem::take(&mut run), created)?;
            created.push(self.create(target, row)?);
        }
        self.insert_run(target, run, created)
    }

    /// `run` (at most [`most_rows`] rows) in chunks of a power of two of
    /// rows, largest first.
    fn insert_run(&self, target: Target<'_>, mut run: Vec<Row>, created: &mut Vec<Row>) -> Result<()> {
        while !run.is_empty() {
            let n = 1 << run.len().ilog2();
            let rest = run.split_off(n);
            self.insert_chunk(target, run, created)?;
            run = rest;
        }
        Ok(())
    }

    /// One multi-row `INSERT` of `chunk`, or, for one row or a chunk that
    /// failed (undone), its rows one by one.
    fn insert_chunk(&self, target: Target<'_>, chunk: Vec<Row>, created: &mut Vec<Row>) -> Result<()> {
        let inserted = if chunk.len() > 1 { self.try_chunk(target, &chunk)? } else { None };
        let Some(changes) = inserted else {
            for row in chunk {
                created.push(self.create(target, row)?);
            }
            return Ok(());
        };
        for (mut row, changes) in chunk.into_iter().zip(changes) {
            for (i, value) in changes {
                row[i] = value;
            }
            created.push(row);
        }
        Ok(())
    }

    /// The multi-row `INSERT` of `chunk` under a savepoint: for each row,
    /// what its stored row holds that it does not (`stored_changes`), or
    /// `None` when nothing was written because a value does not fit or the
    /// statement failed (its savepoint rolled back). An error that ended
    /// the whole transaction is returned.
    fn try_chunk(&self, target: Target<'_>, chunk: &[Row]) -> Result<Option<Vec<Vec<(usize, Value)>>>> {
        let resource = target.resource;
        let width = resource.attributes.len();
        let mut params: Vec<ToSqlOutput<'_>> = Vec::with_capacity(chunk.len() * width);
        for row in chunk {
            for (attribute, value) in resource.attributes.iter().zip(row) {
                match encode(resource, attribute.name, attribute.ty, value) {
                    Ok(param) => params.push(param),
                    // Its own create says which value, after the rows before it.
                    Err(_) => return Ok(None),
                }
            }
        }
        // Known before the write: nothing in it waits for SQLite (no rowid).
        let mut changes = Vec::with_capacity(chunk.len());
        for (row, params) in chunk.iter().zip(params.chunks_exact(width)) {
            match stored_changes(resource, row, params, None) {
                Ok(row_changes) => changes.push(row_changes),
                Err(_) => return Ok(None),
            }
        }
        let sql = texts::insert_many(target, chunk.len());
        log_statement(&sql, &params);
        // Whether the failure ended the transaction the chunk ran in.
        let mut ended = None;
        let mut inserted = || {
            self.repo.with_conn(|conn| {
                let done =
                    conn.prepare_cached(&sql).and_then(|mut statement| statement.execute(params_from_iter(&params)));
                done.map(drop).map_err(|e| {
                    let error = map_error(Some(target), e);
                    // Inside the savepoint the connection is never in
                    // autocommit, unless SQLite rolled everything back.
                    if conn.is_autocommit() {
                        ended = Some(error.clone());
                    }
                    error
                })
            })
        };
        let outcome = self.repo.transaction(&mut inserted);
        match (outcome, ended) {
            (Ok(()), _) => Ok(Some(changes)),
            (Err(_), Some(error)) => Err(error),
            (Err(_), None) => Ok(None),
        }
    }
}
