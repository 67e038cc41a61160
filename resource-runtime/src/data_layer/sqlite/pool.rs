//! The reader connections of a file database: a fixed row of slots, each a
//! connection (opened when first needed) behind its own mutex.
//!
//! A thread goes back to the slot it used last, so with no more reading
//! threads than slots each thread keeps one connection, as a hand-written
//! program with a connection per thread does: its statement and page
//! caches stay on that thread's core, and no lock or counter is shared
//! between readers. A thread whose slot is busy takes any free one, and
//! waits for its own only when all are busy.
//!
//! Our own rather than a pool crate: r2d2_sqlite 0.35 and deadpool-sqlite
//! 0.14 (the newest) require rusqlite 0.40, and `libsqlite3-sys` links
//! `sqlite3` once per build, so neither builds beside our rusqlite 0.41;
//! deadpool is also async. A read needs only this: a connection for one
//! statement, no health checks, reaping or background threads (r2d2 starts
//! one per pool), and a queue of idle connections would hand each thread
//! whichever connection another core used last.

use std::cell::Cell;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError, TryLockError};

use super::conn::Conn;
use super::connect::open_reader;
use super::options::SqliteOptions;
use crate::info::error::Result;

thread_local! {
    /// The slot this thread used last (any pool: slots are numbered alike).
    static HINT: Cell<usize> = Cell::new(NEXT_HINT.fetch_add(1, Ordering::Relaxed));
}

/// First hints, spread over the slots.
static NEXT_HINT: AtomicUsize = AtomicUsize::new(0);

pub(super) struct Readers {
    slots: Box<[Slot]>,
    path: PathBuf,
    options: SqliteOptions,
}

/// A cache line (two, for the adjacent-line prefetcher) of its own, so
/// that threads on different slots do not share one.
#[repr(align(128))]
struct Slot {
    conn: Mutex<Option<Conn>>,
    /// Statements run here (summed by `Sqlite::statements_run`).
    statements: AtomicU64,
}

impl Readers {
    /// A pool of `options.readers` slots (at least one), none opened yet.
    pub(super) fn new(path: PathBuf, options: SqliteOptions) -> Readers {
        let slots = (0..options.readers.max(1))
            .map(|_| Slot { conn: Mutex::new(None), statements: AtomicU64::new(0) })
            .collect();
        Readers { slots, path, options }
    }

    /// Runs `f` on a reader connection: this thread's last one if free,
    /// else any free one, else this thread's after its current user.
    pub(super) fn with<T>(&self, f: impl FnOnce(&Conn) -> Result<T>) -> Result<T> {
        let n = self.slots.len();
        let hint = HINT.try_with(Cell::get).unwrap_or(0) % n;
        let (index, mut conn) = (0..n)
            .map(|k| (hint + k) % n)
            .find_map(|i| try_lock(&self.slots[i]).map(|conn| (i, conn)))
            .unwrap_or_else(|| (hint, lock(&self.slots[hint])));
        let _ = HINT.try_with(|h| h.set(index));
        self.slots[index].statements.fetch_add(1, Ordering::Relaxed);
        let conn = match &mut *conn {
            Some(conn) => conn,
            empty => empty.insert(Conn::wrap(open_reader(&self.path, &self.options)?)),
        };
        // The guard is held across `f` and dropped after it, also when it
        // panics (its statement is dropped first: the connection is clean).
        f(conn)
    }

    /// Statements run on the readers.
    pub(super) fn statements(&self) -> u64 {
        self.slots.iter().map(|slot| slot.statements.load(Ordering::Relaxed)).sum()
    }
}

fn lock(slot: &Slot) -> MutexGuard<'_, Option<Conn>> {
    slot.conn.lock().unwrap_or_else(PoisonError::into_inner)
}

fn try_lock(slot: &Slot) -> Option<MutexGuard<'_, Option<Conn>>> {
    match slot.conn.try_lock() {
        Ok(guard) => Some(guard),
        Err(TryLockError::Poisoned(poisoned)) => Some(poisoned.into_inner()),
        Err(TryLockError::WouldBlock) => None,
    }
}
