//! The connections and who uses which: one writer, a pool of readers
//! (file databases in WAL mode), and transactions.
//!
//! The writer sits behind a mutex: SQLite has one writer anyway, and a
//! single connection keeps the statement cache warm. A transaction belongs
//! to the thread that began it: while it is open, that thread's calls use
//! the writer freely (the mutex is held per statement, never across the
//! transaction body), and other threads' writes wait on a condition
//! variable until it commits or rolls back. Nested transactions on the
//! owning thread are savepoints.
//!
//! Reads go to the writer inside this thread's transaction (they see its
//! uncommitted writes), and otherwise to a reader connection, each
//! statement its own WAL snapshot of the last commit: they neither wait
//! for the writer nor for each other.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, ThreadId};

use rusqlite::Connection;

use super::conn::Conn;
use super::connect::open_writer;
use super::errors::{is_foreign_key, map_error};
use super::foreign_keys::explain_commit;
use super::options::SqliteOptions;
use super::pool::Readers;
use crate::data_layer::Target;
use crate::info::ResourceInfo;
use crate::info::error::Result;

thread_local! {
    /// The repos (by address) in which this thread has a transaction open:
    /// its reads there go to the writer. A thread-local, so that a read
    /// outside a transaction touches nothing the writer locks.
    static OPEN: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// What a statement does: a read may run on a reader connection, a write
/// (also one with `RETURNING`) runs on the writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    Read,
    Write,
}

pub(crate) struct Repo {
    state: Mutex<State>,
    /// Signalled when a transaction ends.
    turn: Condvar,
    /// `None` in memory, with `readers: 0`, or when the file is not in WAL
    /// mode (readers there would block on the writer's locks anyway).
    readers: Option<Readers>,
    pub(crate) path: Option<PathBuf>,
    pub(crate) options: SqliteOptions,
    /// Statements run on the writer (the readers count their own).
    statements: AtomicU64,
    /// The tables registered (`DataLayer::register`), sorted: who
    /// references whom, to explain a foreign key violation.
    registered: Mutex<Vec<Registered>>,
}

/// A registered table: a resource, in its own table (`None`) or a polymorphic one's.
pub(crate) type Registered = (&'static ResourceInfo, Option<String>);

struct State {
    conn: Conn,
    /// The thread whose transaction is open.
    owner: Option<ThreadId>,
    /// How many transactions (the outer one plus savepoints) are open.
    depth: usize,
}

impl Repo {
    pub(crate) fn open(path: Option<&Path>, options: SqliteOptions) -> Result<Repo> {
        let (conn, wal) = open_writer(path, &options)?;
        let readers = match path {
            Some(path) if options.readers > 0 && (wal || options.read_only) => {
                Some(Readers::new(path.to_path_buf(), options.clone()))
            }
            _ => None,
        };
        Ok(Repo {
            state: Mutex::new(State { conn: Conn::wrap(conn), owner: None, depth: 0 }),
            turn: Condvar::new(),
            readers,
            path: path.map(Path::to_path_buf),
            options,
            statements: AtomicU64::new(0),
            registered: Mutex::default(),
        })
    }

    /// Remembers a registered table (once).
    pub(crate) fn register(&self, target: Target<'_>) {
        let mut registered = self.registered.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = (target.resource, target.table.map(str::to_string));
        let same = |(info, table): &Registered| std::ptr::eq(*info, entry.0) && *table == entry.1;
        if !registered.iter().any(same) {
            registered.push(entry);
            // Own tables first, then by name, as the domain orders them.
            registered.sort_by(|a, b| (a.1.is_some(), a.0.name, &a.1).cmp(&(b.1.is_some(), b.0.name, &b.1)));
        }
    }

    /// The registered tables.
    pub(crate) fn registered(&self) -> Vec<Registered> {
        self.registered.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Whether reads outside a transaction have reader connections.
    #[cfg(test)]
    pub(crate) fn has_readers(&self) -> bool {
        self.readers.is_some()
    }

    /// Statements run through `with_conn` and `with_reader` (see `Sqlite::statements_run`).
    pub(crate) fn statements(&self) -> u64 {
        self.statements.load(Ordering::Relaxed) + self.readers.as_ref().map_or(0, Readers::statements)
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

    /// Runs `f` on the connection `access` needs.
    pub(crate) fn with<T>(&self, access: Access, f: impl FnOnce(&Conn) -> Result<T>) -> Result<T> {
        match access {
            Access::Read => self.with_reader(f),
            Access::Write => self.with_conn(f),
        }
    }

    /// Runs `f` on the writer: inside this thread's transaction if one is
    /// open, else after any other thread's transaction has finished.
    pub(crate) fn with_conn<T>(&self, f: impl FnOnce(&Conn) -> Result<T>) -> Result<T> {
        self.statements.fetch_add(1, Ordering::Relaxed);
        let state = self.turn();
        f(&state.conn)
    }

    /// Runs a read-only `f`: on the writer inside this thread's
    /// transaction (or without a pool), else on a reader connection.
    pub(crate) fn with_reader<T>(&self, f: impl FnOnce(&Conn) -> Result<T>) -> Result<T> {
        match &self.readers {
            Some(readers) if !self.in_transaction() => readers.with(f),
            _ => self.with_conn(f),
        }
    }

    fn key(&self) -> usize {
        std::ptr::from_ref(self) as usize
    }

    /// Whether this thread has a transaction open here. While the thread
    /// is being torn down the list is gone: it has no transaction then.
    pub(crate) fn in_transaction(&self) -> bool {
        OPEN.try_with(|open| open.borrow().contains(&self.key())).unwrap_or(false)
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
            if level == 0 {
                let _ = OPEN.try_with(|open| open.borrow_mut().push(self.key()));
            }
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
            let committed = if commit { self.commit(&state.conn) } else { Ok(()) };
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
            let key = self.key();
            let _ = OPEN.try_with(|open| open.borrow_mut().retain(|&k| k != key));
            drop(state);
            self.turn.notify_all();
        }
        outcome
    }
}

impl Repo {
    /// `COMMIT`; a deferred foreign key it fails on is explained while the
    /// transaction is still open (the caller then rolls back).
    fn commit(&self, conn: &Connection) -> Result<()> {
        match execute(conn, "COMMIT") {
            Err(error) if is_foreign_key(&error) => Err(explain_commit(conn, &self.registered()).unwrap_or(error)),
            done => done,
        }
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
