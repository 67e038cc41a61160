//! Transactions of one store, as SQLite's (`sqlite/repo.rs`): one open at a
//! time, owned by the thread that began it. The owner's calls join it (a
//! nested transaction is a savepoint); other threads' writes wait for it to
//! end, and so do their reads of a table it has written. Each write inside it
//! logs its inverse; an `Err` or a panic applies them newest first.
//!
//! The hot path (one action: begin, one write, commit) takes no mutex:
//! `owner` is taken with one compare-exchange and given back with one store,
//! and the undo log is the owning thread's own (a thread-local), so only
//! threads that must wait touch `parked`.
//!
//! Memory order: `owner` is the lock (acquire on taking, release on giving
//! back), so the next owner sees everything the last one did. A reader that
//! sees an uncommitted row sees, through the table lock, the `open` stored
//! before the row was written, and `open` is cleared only after every
//! inverse is applied. Waiting uses sequentially consistent `waiting` and
//! `owner`/`open`, so a transaction that ends either sees the waiter or the
//! waiter sees it ended.

use std::cell::{Cell, RefCell};
use std::sync::atomic::Ordering::{Acquire, Relaxed, SeqCst};
use std::sync::atomic::{AtomicU64, AtomicUsize};
use std::sync::{Arc, Condvar, Mutex, PoisonError, RwLock};

use super::undo::Undo;
use super::{Table, read_lock, write_lock};
use crate::data_layer::CommitCheck;
use crate::data_layer::foreign_key::dedup;
use crate::info::error::{Error, Result};

/// The transaction state of one store.
#[derive(Default)]
pub(super) struct Transactions {
    /// The token of the thread that owns the store (0: none): the owner of
    /// the open transaction, or a thread doing one write outside any.
    owner: AtomicU64,
    /// The open transaction's serial (0: none), for readers.
    open: AtomicU64,
    /// The latest serial; only its owner changes it.
    serial: AtomicU64,
    /// Threads waiting on `ended`, under `parked`.
    waiting: AtomicUsize,
    parked: Mutex<()>,
    ended: Condvar,
}

/// One logged write: the store it belongs to (its `Transactions`' address),
/// the table, and its inverse.
type Entry = (usize, Arc<RwLock<Table>>, Undo);

thread_local! {
    /// The inverses of this thread's open transactions, oldest first (of
    /// every store it has one open on).
    static LOG: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };

    /// The checks this thread's open transactions run before they commit
    /// (`DataLayer::check_at_commit`), oldest first, tagged by store.
    static CHECKS: RefCell<Vec<(usize, CommitCheck)>> = const { RefCell::new(Vec::new()) };
}

/// Where a transaction began in this thread's log and check list, and
/// whether it is a savepoint.
#[derive(Clone, Copy)]
struct Level {
    mark: usize,
    checks: usize,
    savepoint: bool,
}

/// Log capacity kept between transactions; a bigger log (a large bulk) is freed.
const KEPT_LOG: usize = 1024;

impl Transactions {
    /// Runs `f` in a transaction (a savepoint inside this thread's open one):
    /// kept when it returns `Ok`, undone when it returns `Err` or panics.
    pub(super) fn run(&self, f: &mut dyn FnMut() -> Result<()>) -> Result<()> {
        let level = self.begin()?;
        let mut open = Open { transactions: self, level: Some(level) };
        let mut result = f();
        if result.is_ok() && !level.savepoint {
            // Still open: the checks read what the transaction wrote, and a
            // panic in one rolls back (`Open`'s drop).
            result = self.run_checks(level.checks);
        }
        open.end(result.is_ok());
        result
    }

    /// `check` before the outermost commit of this thread's transaction on
    /// the store, or now outside one.
    pub(super) fn check_at_commit(&self, check: CommitCheck) -> Result<()> {
        if self.owner.load(Acquire) != token() {
            return check();
        }
        let id = self.id();
        CHECKS.try_with(|checks| checks.borrow_mut().push((id, check))).map_err(|_| teardown())
    }

    /// Runs (and drops) this store's checks above `mark`, in order: all of
    /// them, their field errors together; another error stops at once.
    fn run_checks(&self, mark: usize) -> Result<()> {
        let id = self.id();
        let mine = CHECKS.try_with(|checks| take_above(&mut checks.borrow_mut(), id, mark)).map_err(|_| teardown())?;
        let mut errors = Vec::new();
        for check in mine {
            match check() {
                Ok(()) => {}
                Err(Error::Invalid(found)) => errors.extend(found),
                Err(other) => return Err(other),
            }
        }
        dedup(&mut errors);
        if errors.is_empty() { Ok(()) } else { Err(Error::Invalid(errors)) }
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
            self.wait_while(|| self.open.load(SeqCst) == serial);
        }
    }

    /// `f` on `table`: inside this thread's transaction, logging its inverse,
    /// or else as the store's owner for this one write.
    pub(super) fn write<T>(
        &self,
        table: Arc<RwLock<Table>>,
        f: impl FnOnce(&mut Table) -> Result<(T, Undo)>,
    ) -> Result<T> {
        let me = token();
        if self.owner.load(Acquire) != me {
            let _owned = Owned::take(self, me);
            return f(&mut write_lock(&table)).map(|(out, _)| out);
        }
        let id = self.id();
        LOG.try_with(|log| {
            let mut guard = write_lock(&table);
            let (out, undo) = f(&mut guard)?;
            guard.written_in = self.serial.load(Relaxed);
            drop(guard);
            log.borrow_mut().push((id, table, undo));
            Ok(out)
        })
        .unwrap_or_else(|_| Err(teardown()))
    }

    fn id(&self) -> usize {
        self as *const Transactions as usize
    }

    /// Makes this thread the owner, waiting for any other to give it back.
    fn take(&self, me: u64) {
        while self.owner.compare_exchange(0, me, Acquire, Relaxed).is_err() {
            self.wait_while(|| self.owner.load(SeqCst) != 0);
        }
    }

    fn give_back(&self) {
        self.owner.store(0, SeqCst);
        if self.waiting.load(SeqCst) > 0 {
            // Taking `parked` orders this after a waiter's check.
            let _parked = self.parked.lock().unwrap_or_else(PoisonError::into_inner);
            self.ended.notify_all();
        }
    }

    fn wait_while(&self, busy: impl Fn() -> bool) {
        let mut parked = self.parked.lock().unwrap_or_else(PoisonError::into_inner);
        self.waiting.fetch_add(1, SeqCst);
        while busy() {
            parked = self.ended.wait(parked).unwrap_or_else(PoisonError::into_inner);
        }
        self.waiting.fetch_sub(1, SeqCst);
    }

    fn begin(&self) -> Result<Level> {
        let me = token();
        let mark = LOG.try_with(|log| log.borrow().len()).map_err(|_| teardown())?;
        let checks = CHECKS.try_with(|checks| checks.borrow().len()).map_err(|_| teardown())?;
        if self.owner.load(Acquire) == me {
            return Ok(Level { mark, checks, savepoint: true });
        }
        self.take(me);
        let serial = self.serial.load(Relaxed) + 1;
        self.serial.store(serial, Relaxed);
        self.open.store(serial, SeqCst);
        Ok(Level { mark, checks, savepoint: false })
    }

    fn end(&self, level: Level, commit: bool) {
        let id = self.id();
        let _ = LOG.try_with(|log| {
            let mut log = log.borrow_mut();
            if !commit {
                undo_to(&mut log, id, level.mark);
            } else if !level.savepoint {
                forget(&mut log, id, level.mark);
            }
            if log.is_empty() && log.capacity() > KEPT_LOG {
                *log = Vec::new();
            }
        });
        if !commit || !level.savepoint {
            // Rolled back: its checks go too (a committed outermost
            // transaction ran and dropped them already).
            let _ = CHECKS.try_with(|checks| drop(take_above(&mut checks.borrow_mut(), id, level.checks)));
        }
        if !level.savepoint {
            self.open.store(0, SeqCst);
            self.give_back();
        }
    }
}

fn teardown() -> Error {
    Error::DataLayer("an ets transaction cannot run while its thread is exiting".into())
}

/// Applies `store`'s inverses above `mark`, newest first, and drops them;
/// other stores' entries stay, in order.
fn undo_to(log: &mut Vec<Entry>, store: usize, mark: usize) {
    let mut others = Vec::new();
    while log.len() > mark {
        let Some((owner, table, undo)) = log.pop() else { break };
        if owner == store {
            write_lock(&table).undo(undo);
        } else {
            others.push((owner, table, undo));
        }
    }
    log.extend(others.into_iter().rev());
}

/// Drops `store`'s entries above `mark` (its transaction committed).
fn forget(log: &mut Vec<Entry>, store: usize, mark: usize) {
    if log.iter().skip(mark).all(|(owner, ..)| *owner == store) {
        log.truncate(mark);
    } else {
        let mut index = 0;
        log.retain(|(owner, ..)| {
            index += 1;
            index <= mark || *owner != store
        });
    }
}

/// Removes `store`'s checks above `mark` and returns them, in order; other
/// stores' stay.
fn take_above(checks: &mut Vec<(usize, CommitCheck)>, store: usize, mark: usize) -> Vec<CommitCheck> {
    if checks.len() <= mark {
        return Vec::new();
    }
    let above = checks.split_off(mark);
    let mut mine = Vec::new();
    for (owner, check) in above {
        if owner == store {
            mine.push(check);
        } else {
            checks.push((owner, check));
        }
    }
    mine
}

/// The store owned for one write outside a transaction; given back on drop.
struct Owned<'a>(&'a Transactions);

impl<'a> Owned<'a> {
    fn take(transactions: &'a Transactions, me: u64) -> Owned<'a> {
        transactions.take(me);
        Owned(transactions)
    }
}

impl Drop for Owned<'_> {
    fn drop(&mut self) {
        self.0.give_back();
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
