//! `create_many`: many rows per `INSERT INTO "t" (..) VALUES (..), (..)`.
//!
//! A bulk's rows go in chunks, each one statement. A chunk has a power of two of rows, at most [`MAX_ROWS`] and at
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
//! A chunk is `INSERT OR FAIL`, under no savepoint of its own. When a
//! constraint refuses a row (unique, not-null, check, a trigger's
//! `RAISE(FAIL)`), SQLite stops there and keeps the rows before it, which
//! are exactly those one-by-one creates would have written, and
//! `changes()` says how many; the refused row and those after it are then
//! written one by one through [`DataLayer::create`], so the error (its
//! field, its message) is the one a lone create gives. An immediate foreign
//! key is checked at the end of the statement and undoes it whole (SQLite
//! opens a statement journal for it): `changes()` is then 0 and every row
//! of the chunk goes one by one. A value that does not fit, or a statement
//! that does not prepare, writes nothing: the chunk goes one by one. Any
//! other failure (busy, a full disk, ..) is the bulk's error as it is: the
//! bulk fails and its transaction rolls back, as it would one by one.
//! `OR FAIL` also overrides a table's own `ON CONFLICT` clause (none of our
//! DDL declares one): the row it refuses then goes alone, through the
//! plain `INSERT`, which applies the clause.
//!
//! Why not a savepoint per chunk, rolled back on failure (PostgreSQL's
//! way): while a savepoint is open, or a statement journal is (a
//! multi-row `INSERT` that may abort), SQLite copies every page the
//! chunk touches to a sub-journal, which spills to a temporary file past
//! 64 KiB: 74k more `pwrite`s for the bench's 60k rows (strace), and the
//! bulk 1.55x raw instead of 1.25x one by one. `OR FAIL` needs neither.

use rusqlite::params_from_iter;
use rusqlite::types::ToSqlOutput;

use super::errors::map_error;
use super::{Sqlite, encode, log_statement, rowid_alias, stored_changes, texts};
use crate::data_layer::foreign_key::foreign_keys;
use crate::data_layer::{DataLayer, Target};
use crate::info::error::{Error, Result};
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

/// What a stored row holds that the row given for it does not (`stored_changes`).
type Changes = Vec<(usize, Value)>;

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

    /// One multi-row `INSERT` of `chunk`; the rows it did not write (all
    /// of a single row, the failing row and those after it) one by one.
    fn insert_chunk(&self, target: Target<'_>, chunk: Vec<Row>, created: &mut Vec<Row>) -> Result<()> {
        let (written, mut changes) = if chunk.len() > 1 { self.try_chunk(target, &chunk)? } else { (0, Vec::new()) };
        changes.truncate(written);
        let mut rows = chunk.into_iter();
        // `changes` first: `zip` then takes no row past the written ones.
        for (changes, mut row) in changes.into_iter().zip(rows.by_ref()) {
            for (i, value) in changes {
                row[i] = value;
            }
            created.push(row);
        }
        for row in rows {
            created.push(self.create(target, row)?);
        }
        Ok(())
    }

    /// The multi-row `INSERT OR FAIL` of `chunk`: how many of its rows, from
    /// the first, it wrote, and for each row what its stored row holds that
    /// it does not (`stored_changes`). None when a value does not fit (its
    /// own create says which) or the statement does not prepare; up to the
    /// row a constraint refused (SQLite keeps the rows before it, as one by
    /// one would have written them, and says how many: `changes()`), or none
    /// when the statement was undone (an immediate foreign key, checked at
    /// its end). Any other failure is the bulk's error, as it is.
    fn try_chunk(&self, target: Target<'_>, chunk: &[Row]) -> Result<(usize, Vec<Changes>)> {
        let resource = target.resource;
        let width = resource.attributes.len();
        let mut params: Vec<ToSqlOutput<'_>> = Vec::with_capacity(chunk.len() * width);
        for row in chunk {
            for (attribute, value) in resource.attributes.iter().zip(row) {
                match encode(resource, attribute.name, attribute.ty, value) {
                    Ok(param) => params.push(param),
                    Err(_) => return Ok((0, Vec::new())),
                }
            }
        }
        // Known before the write: nothing in it waits for SQLite (no rowid).
        let mut changes = Vec::with_capacity(chunk.len());
        for (row, params) in chunk.iter().zip(params.chunks_exact(width)) {
            match stored_changes(resource, row, params, None) {
                Ok(row_changes) => changes.push(row_changes),
                Err(_) => return Ok((0, Vec::new())),
            }
        }
        let sql = texts::insert_many(target, chunk.len());
        log_statement(&sql, &params);
        let written = self.repo.with_conn(|conn| {
            let Ok(mut statement) = conn.prepare_cached(&sql) else { return Ok(0) };
            let open = !conn.is_autocommit();
            match statement.execute(params_from_iter(&params)) {
                Ok(_) => Ok(chunk.len()),
                // A trigger's `RAISE(ROLLBACK)` ended the transaction: the
                // rows after it must not be written outside it.
                Err(error) if open && conn.is_autocommit() => Err(map_error(Some(target), error)),
                // Outside a transaction too: SQLite then commits the rows
                // before the failing one, as one by one would have.
                Err(rusqlite::Error::SqliteFailure(failure, _))
                    if failure.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    let kept = usize::try_from(conn.changes()).unwrap_or(usize::MAX);
                    if kept >= chunk.len() {
                        let message = format!("a refused insert into {} kept {kept} rows", target.table_name());
                        return Err(Error::DataLayer(message));
                    }
                    Ok(kept)
                }
                Err(error) => Err(map_error(Some(target), error)),
            }
        })?;
        Ok((written, changes))
    }
}
