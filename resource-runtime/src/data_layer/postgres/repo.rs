//! The connection pool and transactions.
//!
//! Connections come from an r2d2 pool (`r2d2_postgres`'s manager, each
//! connection with its own prepared statement cache). A statement outside
//! a transaction borrows a connection for that statement only
//! (autocommit). A transaction belongs to the thread that began it: it is
//! pinned to one connection, which that thread's calls use until it
//! commits or rolls back; nested transactions are savepoints. Inside a
//! transaction each statement runs under a savepoint of its own, so that a
//! failed statement is undone alone and the transaction goes on, as on
//! SQLite (PostgreSQL would otherwise refuse every later statement); a
//! statement's savepoint is released by the next one's `SAVEPOINT`, in the
//! same round trip, or by the transaction's end, and the first one's is set
//! in the round trip of the `BEGIN`.
//!
//! Transactions on one schema run one at a time, as on SQLite's single
//! writer: each takes a transaction-level advisory lock on the schema's
//! name first, so that an action's reads, checks and writes never
//! interleave with another's (no lost update under `READ COMMITTED`),
//! across processes too. A single statement outside a transaction does not
//! take it: row locks and unique indexes order it against the others.
//!
//! A connection the server closed (restart, network) is dropped by the
//! pool when it is given back (`has_broken`), and the next statement gets
//! a new one: the error of the statement that met it is `Unavailable`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread::{self, ThreadId};

use postgres::{Client, Config, NoTls, Statement};
use r2d2_postgres::PostgresConnectionManager;
use r2d2_postgres::r2d2::{self, ManageConnection, Pool, PooledConnection};

use super::errors::{map_error, unavailable};
use super::options::PostgresOptions;
use crate::data_layer::Target;
use crate::info::ResourceInfo;
use crate::info::error::{Error, Result};

/// A registered table: a resource, in its own table (`None`) or a polymorphic one's.
pub(crate) type Registered = (&'static ResourceInfo, Option<String>);

/// A connection and its prepared statements.
pub(crate) struct Conn {
    pub(crate) client: Client,
    statements: HashMap<String, Statement>,
    capacity: usize,
}

impl Conn {
    /// The prepared statement of `sql`, prepared once per connection.
    pub(crate) fn prepare(&mut self, sql: &str) -> std::result::Result<Statement, postgres::Error> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(sql)?;
        if self.statements.len() >= self.capacity {
            self.statements.clear();
        }
        self.statements.insert(sql.to_string(), statement.clone());
        Ok(statement)
    }
}

/// r2d2's manager for [`Conn`]s: `r2d2_postgres`'s, plus the cache.
pub(crate) struct Manager {
    inner: PostgresConnectionManager<NoTls>,
    capacity: usize,
}

impl ManageConnection for Manager {
    type Connection = Conn;
    type Error = postgres::Error;

    fn connect(&self) -> std::result::Result<Conn, postgres::Error> {
        let client = self.inner.connect()?;
        Ok(Conn { client, statements: HashMap::new(), capacity: self.capacity })
    }

    fn is_valid(&self, conn: &mut Conn) -> std::result::Result<(), postgres::Error> {
        self.inner.is_valid(&mut conn.client)
    }

    fn has_broken(&self, conn: &mut Conn) -> bool {
        conn.client.is_closed()
    }
}

type Pooled = PooledConnection<Manager>;

/// A thread's open transaction: its connection, how many savepoints deep
/// it is, and the savepoint its next statement runs under.
struct Pinned {
    conn: Pooled,
    depth: usize,
    statement_savepoint: StatementSavepoint,
}

/// Where the savepoint of a transaction's next statement stands; each costs
/// a round trip only where it must.
#[derive(Clone, Copy, PartialEq, Eq)]
enum StatementSavepoint {
    /// None is open for it: the statement sets one first.
    None,
    /// Set with the transaction's (or savepoint's) `BEGIN`, in its round
    /// trip, and not used yet: the first statement runs under it as it is.
    Fresh,
    /// The last statement's, still open: released as the next one's is
    /// set, in one round trip.
    Used,
}

pub(crate) struct Repo {
    pool: Pool<Manager>,
    /// The open transactions, by the thread that owns each. A connection is
    /// taken out while a statement runs on it and put back after.
    pinned: Mutex<HashMap<ThreadId, Pinned>>,
    pub(crate) options: PostgresOptions,
    statements: AtomicU64,
    registered: Mutex<Vec<Registered>>,
}

impl Repo {
    /// A pool on `config`, with the session settings the layer relies on
    /// (UTC, the schema's `search_path`, the statement timeout).
    pub(crate) fn open(mut config: Config, options: PostgresOptions) -> Result<Repo> {
        let mut settings = vec!["-c TimeZone=UTC".to_string()];
        if let Some(schema) = &options.schema {
            settings.push(format!("-c search_path={}", schema.replace(' ', "\\ ")));
        }
        if let Some(timeout) = options.statement_timeout {
            settings.push(format!("-c statement_timeout={}", timeout.as_millis()));
        }
        if let Some(existing) = config.get_options() {
            settings.insert(0, existing.to_string());
        }
        config.options(&settings.join(" "));
        config.connect_timeout(options.connect_timeout);
        let manager = Manager {
            inner: PostgresConnectionManager::new(config, NoTls),
            capacity: options.statement_cache_capacity.max(1),
        };
        let pool = Pool::builder()
            .max_size(options.pool_size.max(1))
            .min_idle(Some(0))
            .connection_timeout(options.connect_timeout)
            // A broken connection is found by the statement that meets it
            // (`has_broken`), not by a round trip before every statement.
            .test_on_check_out(false)
            .error_handler(Box::new(r2d2::NopErrorHandler))
            .build_unchecked(manager);
        Ok(Repo {
            pool,
            pinned: Mutex::default(),
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
        }
    }

    /// The registered tables.
    pub(crate) fn registered(&self) -> Vec<Registered> {
        self.registered.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    pub(crate) fn statements(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// Whether this thread has a transaction open.
    pub(crate) fn in_transaction(&self) -> bool {
        self.pinned.lock().unwrap_or_else(PoisonError::into_inner).contains_key(&thread::current().id())
    }

    fn take_pinned(&self) -> Option<Pinned> {
        self.pinned.lock().unwrap_or_else(PoisonError::into_inner).remove(&thread::current().id())
    }

    fn put_pinned(&self, pinned: Pinned) {
        self.pinned.lock().unwrap_or_else(PoisonError::into_inner).insert(thread::current().id(), pinned);
    }

    fn checkout(&self) -> Result<Pooled> {
        self.pool.get().map_err(|e| unavailable(format!("no connection: {e}")))
    }

    /// Runs `f` on this thread's transaction's connection (under a
    /// savepoint of its own), or on a connection of the pool.
    pub(crate) fn with_conn<T>(&self, f: impl FnOnce(&mut Conn) -> Result<T>) -> Result<T> {
        self.statements.fetch_add(1, Ordering::Relaxed);
        let Some(mut pinned) = self.take_pinned() else {
            let mut conn = self.checkout()?;
            return f(&mut conn);
        };
        let begin = match pinned.statement_savepoint {
            // Set in the round trip that began the transaction.
            StatementSavepoint::Fresh => None,
            // The last statement succeeded: its savepoint goes as this one's comes.
            StatementSavepoint::Used => Some("RELEASE SAVEPOINT statement; SAVEPOINT statement"),
            StatementSavepoint::None => Some("SAVEPOINT statement"),
        };
        let begun = begin.map_or(Ok(()), |sql| batch(&mut pinned.conn, sql));
        pinned.statement_savepoint = if begun.is_ok() { StatementSavepoint::Used } else { StatementSavepoint::None };
        let result = begun.and_then(|()| f(&mut pinned.conn));
        let undone = match &result {
            Err(_) if pinned.statement_savepoint == StatementSavepoint::Used => {
                batch(&mut pinned.conn, "ROLLBACK TO SAVEPOINT statement")
            }
            _ => Ok(()),
        };
        self.put_pinned(pinned);
        let value = result?;
        undone.map(|()| value)
    }

    /// `BEGIN` (a savepoint when nested), `f`, then `COMMIT` when it
    /// returned `Ok`, `ROLLBACK` when it returned `Err` or panicked.
    pub(crate) fn transaction(&self, f: &mut dyn FnMut() -> Result<()>, at_commit: CommitError) -> Result<()> {
        let level = match self.take_pinned() {
            Some(mut pinned) => {
                let level = pinned.depth;
                // The first statement's savepoint comes in the same round trip.
                let begun = batch(&mut pinned.conn, &format!("SAVEPOINT sp{level}; SAVEPOINT statement"));
                if begun.is_ok() {
                    pinned.depth += 1;
                    // An open statement savepoint outside this one is kept.
                    pinned.statement_savepoint = StatementSavepoint::Fresh;
                }
                self.put_pinned(pinned);
                begun?;
                level
            }
            None => {
                let mut conn = self.checkout()?;
                // One transaction at a time per schema, as SQLite's one
                // writer: a read-check-write body never interleaves with
                // another (an advisory lock, across processes too).
                // The first statement's savepoint is set in the same round trip.
                batch(
                    &mut conn,
                    "BEGIN; SELECT pg_advisory_xact_lock(7262517, hashtext(current_schema())); SAVEPOINT statement",
                )?;
                self.put_pinned(Pinned { conn, depth: 1, statement_savepoint: StatementSavepoint::Fresh });
                0
            }
        };
        let mut open = Open { repo: self, level, finished: false };
        let result = f();
        let ended = open.finish(result.is_ok(), at_commit);
        result.and(ended)
    }

    fn end(&self, level: usize, commit: bool, at_commit: CommitError) -> Result<()> {
        let Some(mut pinned) = self.take_pinned() else {
            return Err(Error::DataLayer("postgres: a transaction ended that was not open".into()));
        };
        if level == 0 {
            // The connection goes back to the pool; a failed COMMIT has
            // already ended the transaction on the server.
            let sql = if commit { "COMMIT" } else { "ROLLBACK" };
            return batch(&mut pinned.conn, sql).map_err(at_commit);
        }
        let sql = if commit {
            format!("RELEASE SAVEPOINT sp{level}")
        } else {
            format!("ROLLBACK TO SAVEPOINT sp{level}; RELEASE SAVEPOINT sp{level}")
        };
        let outcome = batch(&mut pinned.conn, &sql);
        pinned.depth = level;
        // Inner statement savepoints went with the savepoint; the one
        // outside it (if any) stays until the transaction ends.
        pinned.statement_savepoint = StatementSavepoint::None;
        self.put_pinned(pinned);
        outcome
    }
}

/// What a failed `COMMIT`'s error becomes (a deferred foreign key's field error).
pub(crate) type CommitError<'a> = &'a dyn Fn(Error) -> Error;

/// An open transaction; rolls back if dropped unfinished (a panic in the body).
struct Open<'a> {
    repo: &'a Repo,
    level: usize,
    finished: bool,
}

impl Open<'_> {
    fn finish(&mut self, commit: bool, at_commit: CommitError) -> Result<()> {
        self.finished = true;
        self.repo.end(self.level, commit, at_commit)
    }
}

impl Drop for Open<'_> {
    fn drop(&mut self) {
        if !self.finished {
            let _ = self.repo.end(self.level, false, &|e| e);
        }
    }
}

/// Runs SQL text (no parameters) on `conn`.
pub(crate) fn batch(conn: &mut Conn, sql: &str) -> Result<()> {
    conn.client.batch_execute(sql).map_err(|e| map_error(None, e))
}
