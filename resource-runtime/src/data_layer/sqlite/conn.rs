//! A connection with the prepared statements of its hot texts kept beside
//! it, so a get, an insert, an update or a delete steps a statement it
//! already holds, as hand-written rusqlite code that prepares once does.
//!
//! rusqlite's own cache (`prepare_cached`) costs about 1.4k instructions a
//! statement: it trims and hashes the SQL text with SipHash to take the
//! statement out of its LRU, allocates a new `Arc<str>` key for it, then
//! clears its bindings and hashes the text again to put it back. Here a
//! statement is found by the key its text was kept under (`texts.rs`: the
//! description's address, the statement's kind and columns), three
//! integers compared, for 0.14k. Texts without such a key (reads built per
//! query, counts, upserts, bulk chunks, DDL) still go through
//! `prepare_cached`.
//!
//! A `Statement` borrows its `Connection`, so the two live in one
//! `self_cell` (the connection on the heap, the statements dropped first).

use std::cell::RefCell;
use std::ops::Deref;

use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, PrepFlags, Statement, params_from_iter};

use super::errors::map_error;
use super::texts::{Sql, TextKey};
use crate::data_layer::Target;
use crate::info::error::Result;

/// Statements kept per connection; past this the list starts over (few
/// shapes are hot, as in `texts.rs`).
const KEPT: usize = 64;

/// The kept statements, each under its text's key: a short list searched
/// from its end (a hash map's remove and insert were 0.3k instructions a
/// statement). A slot is `None` while its statement is in use.
type Kept<'conn> = RefCell<Vec<(TextKey, Option<Statement<'conn>>)>>;

self_cell::self_cell!(
    /// A connection and the statements it keeps (see the module's comment).
    pub(crate) struct Conn {
        owner: Connection,
        #[not_covariant]
        dependent: Kept,
    }
);

// SAFETY: `Conn` is not `Send` only because rusqlite's `Statement` is not
// (it holds a raw `sqlite3_stmt` pointer). Every statement here belongs to
// the connection in the same `Conn` and cannot be taken out of it, so they
// move between threads together, as rusqlite's own `Connection` moves with
// the statements of its cache (rusqlite marks that cache `Send` for this
// reason). `Conn` stays `!Sync` (`Connection` is), and every `Conn` sits
// behind a mutex (`repo.rs`, `pool.rs`), so the connection and its
// statements are used by one thread at a time, as SQLite's multi-thread
// mode (`SQLITE_OPEN_NO_MUTEX`) requires.
unsafe impl Send for Conn {}

impl Conn {
    /// `connection` with no statements kept yet.
    pub(crate) fn wrap(connection: Connection) -> Conn {
        Conn::new(connection, |_| RefCell::default())
    }

    /// `f` on the prepared statement of `sql`: the kept one when the text
    /// has a key (prepared and kept on first use), else rusqlite's cached
    /// one; an error preparing it is mapped as for `target`. A kept
    /// statement is out of its slot while `f` runs (a nested use of the
    /// same text prepares another) and back in it after, reset by the
    /// rusqlite call that ran it; if `f` panics it is finalized.
    pub(crate) fn with_statement<'s, T>(
        &self,
        target: Option<Target<'_>>,
        sql: impl Into<Sql<'s>>,
        f: impl FnOnce(&mut Statement<'_>) -> Result<T>,
    ) -> Result<T> {
        let fail = |e| map_error(target, e);
        let Sql { text: sql, key } = sql.into();
        let Some(key) = key else {
            let mut statement = self.borrow_owner().prepare_cached(sql).map_err(fail)?;
            return f(&mut statement);
        };
        self.with_dependent(|connection, kept| {
            let taken = {
                let mut kept = kept.borrow_mut();
                let slot = kept.iter_mut().rev().find(|(k, statement)| *k == key && statement.is_some());
                slot.and_then(|(_, statement)| statement.take())
            };
            let mut statement = match taken {
                Some(statement) => statement,
                // Persistent, as `prepare_cached` prepares: it will be stepped many times.
                None => connection.prepare_with_flags(sql, PrepFlags::SQLITE_PREPARE_PERSISTENT).map_err(fail)?,
            };
            let out = f(&mut statement);
            let mut kept = kept.borrow_mut();
            match kept.iter_mut().rev().find(|(k, statement)| *k == key && statement.is_none()) {
                Some((_, slot)) => *slot = Some(statement),
                None => {
                    if kept.len() >= KEPT {
                        kept.clear();
                    }
                    kept.push((key, Some(statement)));
                }
            }
            out
        })
    }

    /// Runs the write `sql` with `params` (`with_statement`), its errors
    /// mapped for `target`: the number of rows it changed.
    pub(crate) fn execute_for<'s>(
        &self,
        target: Target<'_>,
        sql: impl Into<Sql<'s>>,
        params: &[ToSqlOutput<'_>],
    ) -> Result<usize> {
        self.with_statement(Some(target), sql, |statement| {
            statement.execute(params_from_iter(params)).map_err(|e| map_error(Some(target), e))
        })
    }

    /// How many statements are kept (for tests).
    #[cfg(test)]
    pub(crate) fn kept(&self) -> usize {
        self.with_dependent(|_, kept| kept.borrow().iter().filter(|(_, statement)| statement.is_some()).count())
    }
}

impl Deref for Conn {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.borrow_owner()
    }
}
