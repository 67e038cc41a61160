//! The reader connections of a file database: a stack of idle
//! connections behind a mutex, opened on demand up to a maximum.
//!
//! Our own rather than a pool crate: r2d2_sqlite 0.35 and deadpool-sqlite
//! 0.14 (the newest) require rusqlite 0.40, and `libsqlite3-sys` links
//! `sqlite3` once per build, so neither builds beside our rusqlite 0.41;
//! deadpool is also async. What a read needs is small: take a connection
//! for one statement and put it back, no health checks, reaping or
//! background threads (r2d2 starts one per pool).

use std::path::PathBuf;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use rusqlite::Connection;

use super::connect::open_reader;
use super::options::SqliteOptions;
use crate::info::error::{Error, Result};

pub(super) struct Readers {
    idle: Mutex<Idle>,
    /// Signalled when a connection is put back (or an open failed).
    freed: Condvar,
    path: PathBuf,
    options: SqliteOptions,
}

struct Idle {
    /// Last in, first out: the warmest statement cache is used next.
    conns: Vec<Connection>,
    /// Connections that exist (idle or lent) or are being opened.
    opened: usize,
}

impl Readers {
    /// A pool of at most `options.readers` connections (none opened yet).
    pub(super) fn new(path: PathBuf, options: SqliteOptions) -> Readers {
        let idle = Idle { conns: Vec::with_capacity(options.readers), opened: 0 };
        Readers { idle: Mutex::new(idle), freed: Condvar::new(), path, options }
    }

    /// Runs `f` on a reader connection, waiting for one if all are lent.
    pub(super) fn with<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let lease = Lease { readers: self, conn: Some(self.take()?) };
        match &lease.conn {
            Some(conn) => f(conn),
            // A lease holds its connection until it is dropped.
            None => Err(Error::DataLayer("the reader pool lent no connection".to_string())),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Idle> {
        self.idle.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn take(&self) -> Result<Connection> {
        let mut idle = self.lock();
        loop {
            if let Some(conn) = idle.conns.pop() {
                return Ok(conn);
            }
            if idle.opened < self.options.readers {
                idle.opened += 1;
                // Opened without the lock: other readers keep going meanwhile.
                drop(idle);
                return open_reader(&self.path, &self.options).inspect_err(|_| {
                    self.lock().opened -= 1;
                    self.freed.notify_one();
                });
            }
            idle = self.freed.wait(idle).unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// A lent connection; goes back to the pool when dropped, also when the
/// statement's code panicked (its statement is dropped first, so the
/// connection is between statements again).
struct Lease<'a> {
    readers: &'a Readers,
    conn: Option<Connection>,
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            self.readers.lock().conns.push(conn);
            self.readers.freed.notify_one();
        }
    }
}
