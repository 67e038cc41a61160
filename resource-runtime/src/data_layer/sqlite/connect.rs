//! Opening a connection: flags, pragmas, the collations and functions. The
//! writer and every reader are configured here, so they agree.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::errors::map_error;
use super::options::SqliteOptions;
use crate::info::error::{Error, Result};

/// The writer connection (the only one in memory). Also says whether the
/// file is in WAL mode: readers are only useful beside a WAL writer.
pub(super) fn open_writer(path: Option<&Path>, options: &SqliteOptions) -> Result<(Connection, bool)> {
    let conn = match path {
        Some(path) => {
            let mut flags = OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            flags |= if options.read_only {
                OpenFlags::SQLITE_OPEN_READ_ONLY
            } else {
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
            };
            Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?
        }
        None => Connection::open_in_memory().map_err(|e| map_error(None, e))?,
    };
    configure(&conn, options).map_err(|e| map_error(None, e))?;
    let wal = match path {
        // `journal_mode` answers with the mode in force.
        Some(_) if !options.read_only => {
            let mode: String =
                conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0)).map_err(|e| map_error(None, e))?;
            mode.eq_ignore_ascii_case("wal")
        }
        _ => false,
    };
    Ok((conn, wal))
}

/// A reader connection on the writer's file: the same pragmas and
/// collation, and `query_only`, so a write sent to it by mistake fails
/// (`Error::ReadOnly`) instead of bypassing the writer's transactions.
/// Not `SQLITE_OPEN_CREATE`: the writer made the file.
pub(super) fn open_reader(path: &Path, options: &SqliteOptions) -> Result<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    flags |= if options.read_only { OpenFlags::SQLITE_OPEN_READ_ONLY } else { OpenFlags::SQLITE_OPEN_READ_WRITE };
    let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
    configure(&conn, options)
        .and_then(|()| conn.execute_batch("PRAGMA query_only = ON;"))
        .map_err(|e| map_error(None, e))?;
    Ok(conn)
}

fn configure(conn: &Connection, options: &SqliteOptions) -> rusqlite::Result<()> {
    conn.busy_timeout(options.busy_timeout)?;
    conn.set_prepared_statement_cache_capacity(options.statement_cache_capacity);
    register_functions(conn)?;
    conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA case_sensitive_like = ON;")
}

/// Registers what the schema and the compiled SQL rely on: the `decimal`
/// and `ci` collations (decimals stored as text by numeric value, ci strings
/// by their Unicode lowercase) and the functions that compute decimals and
/// text as memory does (`data_layer/sqlite/functions.rs`). Any connection
/// that reads or writes tables made by this layer needs them;
/// [`Sqlite`](super::Sqlite) connections have them.
pub fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    super::functions::register(conn)
}

fn open_error(path: &Path, error: rusqlite::Error) -> Error {
    match map_error(None, error) {
        Error::DataLayer(message) => Error::DataLayer(format!("cannot open {}: {message}", path.display())),
        Error::Database { message, source } => {
            Error::Database { message: format!("cannot open {}: {message}", path.display()), source }
        }
        other => other,
    }
}
