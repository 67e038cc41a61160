//! The connection: how it is opened (pragmas, the `decimal` collation), who
//! may use it (one thread's transaction at a time), and transactions.
//!
//! One connection sits behind a mutex: SQLite has one writer anyway, and a
//! single connection keeps the statement cache warm. A transaction belongs to
//! the thread that began it: while it is open, that thread's calls use the
//! connection freely (the mutex is held per statement, never across the
//! transaction body), and other threads wait on a condition variable until it
//! commits or rolls back. Nested transactions on the owning thread are
//! savepoints.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, ThreadId};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::codec;
use super::errors::map_error;
use crate::info::error::{Error, Result};

/// How a [`Sqlite`](super::Sqlite) opens its database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqliteOptions {
    /// How long a statement waits for another connection's lock before
    /// failing with `Error::Busy`. Default 5 s.
    pub busy_timeout: Duration,
    /// Open with `SQLITE_OPEN_READ_ONLY`: every write fails with `Error::ReadOnly`.
    pub read_only: bool,
    /// Run `CREATE TABLE IF NOT EXISTS` / `CREATE UNIQUE INDEX IF NOT EXISTS`
    /// for each resource when a domain registers it. Default: on for
    /// in-memory databases, off for files (run migrations, or call
    /// [`Sqlite::create_schema`](super::Sqlite::create_schema)).
    pub create_schema: bool,
    /// Prepared statements kept per connection (`prepare_cached`). Default 256.
    pub statement_cache_capacity: usize,
}

impl SqliteOptions {
    /// The defaults for a file database.
    pub fn file() -> Self {
        SqliteOptions {
            busy_timeout: Duration::from_secs(5),
            read_only: false,
            create_schema: false,
            statement_cache_capacity: 256,
        }
    }

    /// The defaults for an in-memory database (the schema is created on register).
    pub fn memory() -> Self {
        SqliteOptions { create_schema: true, ..SqliteOptions::file() }
    }

    /// Sets `busy_timeout`.
    pub fn busy_timeout(mut self, timeout: Duration) -> Self {
        self.busy_timeout = timeout;
        self
    }

    /// Sets `read_only`.
    pub fn read_only(mut self, read_only: bool) -> Self {
        self.read_only = read_only;
        self
    }

    /// Sets `create_schema`.
    pub fn create_schema(mut self, create: bool) -> Self {
        self.create_schema = create;
        self
    }

    /// Sets `statement_cache_capacity`.
    pub fn statement_cache_capacity(mut self, capacity: usize) -> Self {
        self.statement_cache_capacity = capacity;
        self
    }
}

impl Default for SqliteOptions {
    fn default() -> Self {
        SqliteOptions::file()
    }
}

pub(crate) struct Repo {
    state: Mutex<State>,
    /// Signalled when a transaction ends.
    turn: Condvar,
    pub(crate) path: Option<PathBuf>,
    pub(crate) options: SqliteOptions,
    /// Statements run through `with_conn` (see `Sqlite::statements_run`).
    pub(crate) statements: std::sync::atomic::AtomicU64,
}

struct State {
    conn: Connection,
    /// The thread whose transaction is open.
    owner: Option<ThreadId>,
    /// How many transactions (the outer one plus savepoints) are open.
    depth: usize,
}

impl Repo {
    pub(crate) fn open(path: Option<&Path>, options: SqliteOptions) -> Result<Repo> {
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
        configure(&conn, path.is_some(), &options).map_err(|e| map_error(None, e))?;
        Ok(Repo {
            state: Mutex::new(State { conn, owner: None, depth: 0 }),
            turn: Condvar::new(),
            path: path.map(Path::to_path_buf),
            options,
            statements: std::sync::atomic::AtomicU64::new(0),
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The state, once no other thread's transaction is open.
    fn turn(&self) -> MutexGuard<'_, State> {
        let me = thread::current().id();
        let mut state = self.lock();
        while state.owner.is_some_and(|owner| owner != me) {
            state = self.turn.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
        state
    }

    /// Runs `f` on the connection: inside this thread's transaction if one is
    /// open, else after any other thread's transaction has finished.
    pub(crate) fn with_conn<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.statements.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let state = self.turn();
        f(&state.conn)
    }

    /// `BEGIN IMMEDIATE` (or a savepoint when nested), `f`, then `COMMIT`
    /// when it returned `Ok`, `ROLLBACK` when it returned `Err` or panicked.
    pub(crate) fn transaction(&self, f: &mut dyn FnMut() -> Result<()>) -> Result<()> {
        let level = {
            let mut state = self.turn();
            let level = state.depth;
            let begin = if level == 0 { "BEGIN IMMEDIATE".to_string() } else { format!("SAVEPOINT sp{level}") };
            execute(&state.conn, &begin)?;
            state.owner = Some(thread::current().id());
            state.depth += 1;
            level
        };
        let mut open = Open { repo: self, level, finished: false };
        let result = f();
        let ended = open.finish(result.is_ok());
        result.and(ended)
    }

    fn end(&self, level: usize, commit: bool) -> Result<()> {
        let mut state = self.lock();
        let outcome = if level == 0 {
            let committed = if commit { execute(&state.conn, "COMMIT") } else { Ok(()) };
            // Rolling back, or a COMMIT that failed and left the transaction open.
            if !state.conn.is_autocommit() {
                let _ = execute(&state.conn, "ROLLBACK");
            }
            committed
        } else if commit {
            execute(&state.conn, &format!("RELEASE sp{level}"))
        } else {
            execute(&state.conn, &format!("ROLLBACK TO sp{level}"))
                .and_then(|()| execute(&state.conn, &format!("RELEASE sp{level}")))
        };
        state.depth = level;
        if level == 0 {
            state.owner = None;
            drop(state);
            self.turn.notify_all();
        }
        outcome
    }
}

/// An open transaction; rolls back if dropped unfinished (a panic in the body).
struct Open<'a> {
    repo: &'a Repo,
    level: usize,
    finished: bool,
}

impl Open<'_> {
    fn finish(&mut self, commit: bool) -> Result<()> {
        self.finished = true;
        self.repo.end(self.level, commit)
    }
}

impl Drop for Open<'_> {
    fn drop(&mut self) {
        if !self.finished {
            let _ = self.repo.end(self.level, false);
        }
    }
}

/// Runs one statement through the statement cache.
fn execute(conn: &Connection, sql: &str) -> Result<()> {
    let mut statement = conn.prepare_cached(sql).map_err(|e| map_error(None, e))?;
    statement.execute([]).map_err(|e| map_error(None, e))?;
    Ok(())
}

fn configure(conn: &Connection, file: bool, options: &SqliteOptions) -> rusqlite::Result<()> {
    conn.busy_timeout(options.busy_timeout)?;
    conn.set_prepared_statement_cache_capacity(options.statement_cache_capacity);
    register_collations(conn)?;
    if file && !options.read_only {
        // `journal_mode` answers with the mode in force.
        let _: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    }
    conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA case_sensitive_like = ON;")
}

/// Registers what the schema relies on: the `decimal` collation, which
/// compares decimals stored as text by their numeric value, exactly. Any
/// connection that reads or writes tables made by this layer needs it;
/// [`Sqlite`](super::Sqlite) connections have it.
pub fn register_collations(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_collation(super::dialect::DECIMAL_COLLATION, compare_decimal_text)
}

/// The `decimal` collation: numeric order of the decimals the texts spell,
/// exact (no conversion to floating point). Texts that are not decimals sort
/// after all decimals, by their bytes, so the order stays total.
pub fn compare_decimal_text(a: &str, b: &str) -> Ordering {
    match (codec::parse_decimal(a), codec::parse_decimal(b)) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    }
}

fn open_error(path: &Path, error: rusqlite::Error) -> Error {
    match map_error(None, error) {
        Error::DataLayer(message) => Error::DataLayer(format!("cannot open {}: {message}", path.display())),
        other => other,
    }
}
