//! Custom changes and validations: the `Change` and `Validation` traits
//! (Ash's `Ash.Resource.Change` and `Ash.Resource.Validation` behaviours),
//! the context they are given, and the bridge from the description's
//! [`Custom`] back to the trait object.
//!
//! A type implements the trait with its options as its fields, and the
//! declaration names a value of it (`change Slugify { from: "title" }`),
//! which the macros turn into a `&'static dyn Change` with [`as_change`].
//! A plain function with the trait's signature is a change (a validation)
//! too, for the one-off case.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::domain::Domain;
use crate::info::error::{Error, FieldError, Result};
use crate::info::{ActionInfo, Custom, ResourceInfo};
use crate::write::changeset::DynChangeset;

/// What Ash passes a change, a validation or a hook beside the changeset.
#[derive(Clone, Copy)]
pub struct ActionContext<'a> {
    /// The domain the action runs in (to read other resources).
    pub domain: &'a Domain,
    /// The resource the action is on.
    pub resource: &'static ResourceInfo,
    /// The action being run.
    pub action: &'static ActionInfo,
    /// Whether this code runs inside the data layer's transaction: true in
    /// `before_action` and `after_action` hooks on a layer with
    /// transactions, false in changes and validations (they run when the
    /// changeset is built) and in `after_transaction` hooks.
    pub in_transaction: bool,
}

impl std::fmt::Debug for ActionContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ActionContext")
            .field("resource", &self.resource.name)
            .field("action", &self.action.name)
            .field("in_transaction", &self.in_transaction)
            .finish_non_exhaustive()
    }
}

/// A change: code that runs when the changeset is built, after the input
/// is cast and defaults are applied, in declaration order. It may set
/// attributes ([`DynChangeset::set_attribute`]), add errors
/// ([`DynChangeset::add_error`]) and register hooks
/// ([`DynChangeset::before_action`], [`DynChangeset::after_action`],
/// [`DynChangeset::after_transaction`]).
///
/// ```ignore
/// struct Slugify { from: &'static str }
/// impl Change for Slugify {
///     fn change(&self, changeset: &mut DynChangeset, _: &ActionContext<'_>) {
///         if let Some(title) = changeset.attribute::<String>(self.from) {
///             changeset.set_attribute("slug", title.to_lowercase().replace(' ', "-"));
///         }
///     }
/// }
/// ```
///
/// A function `fn(&mut DynChangeset, &ActionContext<'_>)` is a change too.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a change",
    label = "`{Self}` does not implement `resource::Change`",
    note = "implement `resource::Change` for `{Self}`, or name a `fn(&mut DynChangeset, &ActionContext<'_>)`"
)]
pub trait Change: Send + Sync + 'static {
    /// Changes the changeset.
    fn change(&self, changeset: &mut DynChangeset, context: &ActionContext<'_>);
}

impl<F> Change for F
where
    F: Fn(&mut DynChangeset, &ActionContext<'_>) + Send + Sync + 'static,
{
    fn change(&self, changeset: &mut DynChangeset, context: &ActionContext<'_>) {
        self(changeset, context)
    }
}

/// A validation: a check of the changeset once every change has run (Ash's
/// `validate/3`). It returns the field error to report; `on`, `where`,
/// `only_when_valid` and `message` apply to it as to the built-in ones.
///
/// ```ignore
/// struct Increasing { field: &'static str }
/// impl Validation for Increasing {
///     fn validate(&self, changeset: &DynChangeset, _: &ActionContext<'_>) -> Result<(), FieldError> {
///         match (changeset.old_attribute::<i64>(self.field), changeset.attribute::<i64>(self.field)) {
///             (Some(old), Some(new)) if new <= old => Err(FieldError::invalid(self.field, "must increase")),
///             _ => Ok(()),
///         }
///     }
/// }
/// ```
///
/// A function `fn(&DynChangeset, &ActionContext<'_>) -> Result<(), FieldError>` is a validation too.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a validation",
    label = "`{Self}` does not implement `resource::Validation`",
    note = "implement `resource::Validation` for `{Self}`, or name a `fn(&DynChangeset, &ActionContext<'_>) -> Result<(), FieldError>`"
)]
pub trait Validation: Send + Sync + 'static {
    /// `Ok` when the changeset passes, else the error to report.
    fn validate(&self, changeset: &DynChangeset, context: &ActionContext<'_>) -> Result<(), FieldError>;
}

impl<F> Validation for F
where
    F: Fn(&DynChangeset, &ActionContext<'_>) -> Result<(), FieldError> + Send + Sync + 'static,
{
    fn validate(&self, changeset: &DynChangeset, context: &ActionContext<'_>) -> Result<(), FieldError> {
        self(changeset, context)
    }
}

/// `&Slugify { .. }` as the trait object a [`Custom`] holds. A `const fn`,
/// so the description stays a `static` table.
pub const fn as_change<C: Change>(change: &'static C) -> &'static dyn Change {
    change
}

/// `&Increasing { .. }` as the trait object a [`Custom`] holds.
pub const fn as_validation<V: Validation>(validation: &'static V) -> &'static dyn Validation {
    validation
}

/// The change a [`Custom`] holds.
pub(crate) fn change_of(custom: &Custom) -> Result<&'static dyn Change> {
    custom.value.downcast_ref::<&'static dyn Change>().copied().ok_or_else(|| {
        Error::DataLayer(format!("`{}` in the description is no `&'static dyn Change` (use `as_change`)", custom.name))
    })
}

/// The validation a [`Custom`] holds.
pub(crate) fn validation_of(custom: &Custom) -> Result<&'static dyn Validation> {
    custom.value.downcast_ref::<&'static dyn Validation>().copied().ok_or_else(|| {
        Error::DataLayer(format!(
            "`{}` in the description is no `&'static dyn Validation` (use `as_validation`)",
            custom.name
        ))
    })
}

/// Runs user code; a panic becomes its message, for [`Error::Panicked`]
/// (nothing is left locked: the panic stops inside the caller's
/// transaction, which then rolls back as for any error).
pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_string())
    })
}
