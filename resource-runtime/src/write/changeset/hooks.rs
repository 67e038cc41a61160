//! Action hooks (Ash's `before_action`, `after_action`, `after_transaction`),
//! registered on a changeset by its changes and run by `DynChangeset::run`:
//!
//! ```text
//! transaction {
//!     before_action hooks   (may change the changeset or fail)
//!     identity pre-checks
//!     the one data-layer write
//!     after_action hooks    (may change the returned record or fail)
//! }                         an error or panic anywhere above rolls it all back
//! after_transaction hooks   (see the outcome, committed or not; cannot undo it)
//! ```

use std::sync::Arc;

use crate::info::error::Result;
use crate::info::value::Row;
use crate::write::change::ActionContext;
use crate::write::changeset::DynChangeset;

/// A `before_action` hook: runs inside the transaction just before the
/// write; it may set attributes and add errors. An error (returned or added)
/// stops the action.
pub type BeforeAction = dyn Fn(&mut DynChangeset, &ActionContext<'_>) -> Result<()> + Send + Sync;

/// An `after_action` hook: runs inside the transaction just after the
/// write, with the written record (a destroy's: the record destroyed); it may
/// change the record returned or fail, which rolls the write back.
pub type AfterAction = dyn Fn(&DynChangeset, &mut Row, &ActionContext<'_>) -> Result<()> + Send + Sync;

/// An `after_transaction` hook: runs after the transaction committed or
/// rolled back, with its outcome. It cannot undo a commit; its error is
/// returned instead of the record (the write stays).
pub type AfterTransaction = dyn Fn(&DynChangeset, &Result<Row>, &ActionContext<'_>) -> Result<()> + Send + Sync;

/// The hooks registered on one changeset, in registration order.
#[derive(Clone, Default)]
pub(crate) struct Hooks {
    pub(crate) before_action: Vec<Arc<BeforeAction>>,
    pub(crate) after_action: Vec<Arc<AfterAction>>,
    pub(crate) after_transaction: Vec<Arc<AfterTransaction>>,
}

/// Registering hooks: what a change does to act around the write.
impl DynChangeset {
    /// Adds a `before_action` hook ([`BeforeAction`]).
    pub fn before_action(
        &mut self,
        hook: impl Fn(&mut DynChangeset, &ActionContext<'_>) -> Result<()> + Send + Sync + 'static,
    ) {
        self.hooks.before_action.push(Arc::new(hook));
    }

    /// Adds an `after_action` hook ([`AfterAction`]).
    pub fn after_action(
        &mut self,
        hook: impl Fn(&DynChangeset, &mut Row, &ActionContext<'_>) -> Result<()> + Send + Sync + 'static,
    ) {
        self.hooks.after_action.push(Arc::new(hook));
    }

    /// Adds an `after_transaction` hook ([`AfterTransaction`]).
    pub fn after_transaction(
        &mut self,
        hook: impl Fn(&DynChangeset, &Result<Row>, &ActionContext<'_>) -> Result<()> + Send + Sync + 'static,
    ) {
        self.hooks.after_transaction.push(Arc::new(hook));
    }
}
