//! Transactions of one store, as SQLite's (`sqlite/repo.rs`): one open at a
//! time, owned by the thread that began it. The owner's calls join it (a
//! nested transaction is a savepoint); other threads' writes wait for it to
//! end, and so do their reads of a table it has written. Each write inside it
//! logs its inverse; an `Err` or a panic applies them newest first.
//!
//! Lock order: `state`, then a table. A reader holding a table's lock never
//! takes `state`; it reads `open` and `owner` (atomics) instead. Acquire and
//! release suffice there: a reader that sees a row sees, through the table
//! lock, the `open` stored before it was written, and `open` is cleared
//! only after every inverse is applied.

use std::cell::Cell;
use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, RwLock};

use super::undo::Undo;
use super::{Table, read_lock, write_lock};
use crate::info::error::Result;

/// The transaction state of one store.
#[derive(Default)]
pub(super) struct Transactions {
    state: Mutex<State>,
    /// Signalled when a transaction ends (only when someone waits).
    ended: Condvar,
    /// The open transaction's serial (0: none) and its owner's thread
    /// token, mirrored from `state` for readers.
    open: AtomicU64,
    owner: AtomicU64,
}

#[derive(Default)]
struct State {
    /// The owning thread's token (0: no transaction is open).
    owner: u64,
    /// The serial of the latest transaction; tables remember the last one
    /// that wrote to them.
    serial: u64,
    /// The inverses of the open transaction's writes, oldest first.
    log: Vec<(Arc<RwLock<Table>>, Undo)>,
    /// Threads waiting on `ended`.
    waiting: usize,
}

/// Where a transaction began: the outermost one, or a savepoint at this log length.
#[derive(Clone, Copy)]
enum Level {
    Outer,
    Savepoint(usize),
}

/// Log capacity kept between transactions; a bigger log (a large bulk) is freed.
const KEPT_LOG: usize = 1024;

impl Transactions {
    /// Runs `f` in a transaction (a savepoint inside this thread's open one):
    /// kept when it returns `Ok`, undone when it returns `Err` or panics.
    pub(super) fn run(&self, f: &mut dyn FnMut() -> Result<()>) -> Result<()> {
        let mut open = Open { transactions: self, level: Some(self.begin()) };
        let result = f();
        open.end(result.is_ok());
        result
    }

    /// `f` on `table` once no other thread's open transaction has written to it.
    pub(super) fn read<T>(&self, table: &RwLock<Table>, f: impl FnOnce(&Table) -> Result<T>) -> Result<T> {
        loop {
            let guard = read_lock(table);
            let serial = guard.written_in;
            if serial == 0 || self.open.load(Acquire) != serial || self.owner.load(Acquire) == token() {
                return f(&guard);
            }
            drop(guard);
            self.wait_for_end(serial);
        }
    }

    /// `f` on `table`: inside this thread's transaction, logging its inverse,
    /// or else once no transaction is open (holding `state`, so that none
    /// begins before the write is done).
    pub(super) fn write<T>(
        &self,
        table: Arc<RwLock<Table>>,
        f: impl FnOnce(&mut Table) -> Result<(T, Undo)>,
    ) -> Result<T> {
        let me = token();
        let mut state = self.turn(me);
        let mut guard = write_lock(&table);
        let (out, undo) = f(&mut guard)?;
        if state.owner == me {
            guard.written_in = state.serial;
            drop(guard);
            state.log.push((table, undo));
        }
        Ok(out)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'a>(&self, mut state: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        state.waiting += 1;
        let mut state = self.ended.wait(state).unwrap_or_else(PoisonError::into_inner);
        state.waiting -= 1;
        state
    }

    /// The state, once no other thread's transaction is open.
    fn turn(&self, me: u64) -> MutexGuard<'_, State> {
        let mut state = self.lock();
        while state.owner != 0 && state.owner != me {
            state = self.wait(state);
        }
        state
    }

    fn wait_for_end(&self, serial: u64) {
        let mut state = self.lock();
        while self.open.load(Acquire) == serial {
            state = self.wait(state);
        }
    }

    fn begin(&self) -> Level {
        let me = token();
        let mut state = self.turn(me);
        if state.owner == me {
            return Level::Savepoint(state.log.len());
        }
        state.owner = me;
        state.serial += 1;
        self.owner.store(me, Release);
        self.open.store(state.serial, Release);
        Level::Outer
    }

    fn end(&self, level: Level, commit: bool) {
        let mut state = self.lock();
        let mark = match level {
            Level::Outer => 0,
            Level::Savepoint(mark) => mark,
        };
        if !commit {
            undo_to(&mut state.log, mark);
        }
        if let Level::Outer = level {
            if state.log.capacity() > KEPT_LOG {
                state.log = Vec::new();
            } else {
                state.log.clear();
            }
            state.owner = 0;
            self.open.store(0, Release);
            self.owner.store(0, Release);
            if state.waiting > 0 {
                self.ended.notify_all();
            }
        }
    }
}

/// Applies the log's inverses above `mark`, newest first, and drops them.
fn undo_to(log: &mut Vec<(Arc<RwLock<Table>>, Undo)>, mark: usize) {
    while log.len() > mark {
        let Some((table, undo)) = log.pop() else { break };
        write_lock(&table).undo(undo);
    }
}

/// An open transaction; undone if dropped unfinished (a panic in the body).
struct Open<'a> {
    transactions: &'a Transactions,
    level: Option<Level>,
}

impl Open<'_> {
    fn end(&mut self, commit: bool) {
        if let Some(level) = self.level.take() {
            self.transactions.end(level, commit);
        }
    }
}

impl Drop for Open<'_> {
    fn drop(&mut self) {
        self.end(false);
    }
}

/// This thread's token: unique per thread, never 0.
fn token() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    thread_local! {
        // Const-initialised: no lazy-init check on the hot path.
        static TOKEN: Cell<u64> = const { Cell::new(0) };
    }
    let fresh = || NEXT.fetch_add(1, Relaxed);
    // During thread-local teardown: a fresh token, which owns nothing.
    TOKEN
        .try_with(|token| {
            if token.get() == 0 {
                token.set(fresh());
            }
            token.get()
        })
        .unwrap_or_else(|_| fresh())
}
