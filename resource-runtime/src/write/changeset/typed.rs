//! The typed face of a changeset: `Changeset<R>`, what generated builders
//! end with (`ActionInput::changeset` / `run`), and JSON input for `R`.

use std::marker::PhantomData;

use super::DynChangeset;
use crate::domain::Domain;
use crate::info::ActionKind;
use crate::info::cast::Input;
use crate::info::error::{Error, FieldError, FieldErrorKind, Result};
use crate::info::value::{Row, Value};
use crate::typed::resource::Resource;
use crate::write::input::ActionInput;

/// What ends a generated builder: build the changeset, or build and run it.
impl<R: Resource> ActionInput<R> {
    /// Builds the changeset: casts input, applies defaults and changes, runs
    /// validations and eager identity checks. Errors are kept on the changeset.
    pub fn changeset(self, domain: &Domain) -> Changeset<R> {
        Changeset::from_input(domain, self)
    }

    /// Builds the changeset and runs it. Creates and updates return the stored record.
    pub fn run(self, domain: &Domain) -> Result<R> {
        self.changeset(domain).run()
    }

    /// Runs a destroy action.
    pub fn run_destroy(self, domain: &Domain) -> Result<()> {
        self.changeset(domain).run_destroy()
    }
}

/// A changeset over resource `R`, returning typed records.
///
/// A changeset that could not be built at all (no such action, resource not
/// registered) keeps that error and returns it from `run`.
#[derive(Clone)]
#[must_use]
pub struct Changeset<R> {
    inner: std::result::Result<DynChangeset, Error>,
    _marker: PhantomData<fn() -> R>,
}

impl<R> std::fmt::Debug for Changeset<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.fmt(f)
    }
}

impl<R: Resource> Changeset<R> {
    pub(crate) fn from_input(domain: &Domain, input: ActionInput<R>) -> Self {
        // Handed on as they are, not collected again: cast one by one.
        let inputs = input.inputs.into_iter().map(|(name, value)| (name, Input::Value(value)));
        let table = input.table.as_deref();
        let (action, kind, data) = (input.action, input.kind, input.record);
        let mut inner = DynChangeset::build_from(domain, R::info(), table, action, kind, data, inputs, None);
        if let Ok(changeset) = &mut inner {
            changeset.upsert = input.upsert;
        }
        Changeset { inner, _marker: PhantomData }
    }

    /// A create changeset from outside input: a JSON object of attribute and
    /// argument values. Unknown inputs and bad values become field errors.
    pub fn for_create(domain: &Domain, action: &str, input: &serde_json::Value) -> Self {
        Self::from_json(domain, action, ActionKind::Create, None, input)
    }

    /// An update changeset of `record` from outside input.
    pub fn for_update(domain: &Domain, record: &R, action: &str, input: &serde_json::Value) -> Self {
        Self::from_json(domain, action, ActionKind::Update, Some(record.to_row()), input)
    }

    /// A destroy changeset of `record` (arguments, if any, from `input`).
    pub fn for_destroy(domain: &Domain, record: &R, action: &str, input: &serde_json::Value) -> Self {
        Self::from_json(domain, action, ActionKind::Destroy, Some(record.to_row()), input)
    }

    fn from_json(
        domain: &Domain,
        action: &str,
        kind: ActionKind,
        data: Option<Row>,
        input: &serde_json::Value,
    ) -> Self {
        let inputs = match input {
            serde_json::Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), Input::Json(v.clone()))).collect(),
            serde_json::Value::Null => Vec::new(),
            _ => {
                let error = Error::invalid(FieldError::new(
                    "input",
                    FieldErrorKind::InvalidType,
                    "must be a JSON object of attribute and argument values",
                ));
                return Changeset { inner: Err(error), _marker: PhantomData };
            }
        };
        let inner = DynChangeset::build(domain, R::info(), action, kind, data, inputs);
        Changeset { inner, _marker: PhantomData }
    }

    /// This call's upsert identity (see [`DynChangeset::set_upsert_identity`]).
    pub fn upsert_identity(mut self, name: impl Into<String>) -> Self {
        if let Ok(changeset) = &mut self.inner {
            changeset.set_upsert_identity(name);
        }
        self
    }

    /// This call's upsert fields (see [`DynChangeset::set_upsert_fields`]).
    pub fn upsert_fields<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        if let Ok(changeset) = &mut self.inner {
            changeset.set_upsert_fields(names);
        }
        self
    }

    /// This call's `touch_update_defaults?` (see [`DynChangeset::set_touch_update_defaults`]).
    pub fn touch_update_defaults(mut self, touch: bool) -> Self {
        if let Ok(changeset) = &mut self.inner {
            changeset.set_touch_update_defaults(touch);
        }
        self
    }

    /// The field errors found while building; empty when valid.
    pub fn errors(&self) -> &[FieldError] {
        match &self.inner {
            Ok(changeset) => changeset.errors(),
            Err(error) => error.field_errors(),
        }
    }

    /// Whether the changeset was built and found no field error.
    pub fn is_valid(&self) -> bool {
        self.inner.as_ref().is_ok_and(DynChangeset::is_valid)
    }

    /// The value an attribute will have once the changeset runs.
    pub fn get_attribute(&self, name: &str) -> Value {
        self.inner.as_ref().map_or(Value::Nil, |c| c.get_attribute(name))
    }

    /// An argument's value (nil if not given or unknown).
    pub fn get_argument(&self, name: &str) -> Value {
        self.inner.as_ref().map_or(Value::Nil, |c| c.get_argument(name))
    }

    /// The untyped changeset underneath, or the error that prevented building it.
    pub fn as_dyn(&self) -> std::result::Result<&DynChangeset, &Error> {
        self.inner.as_ref()
    }

    /// The untyped changeset underneath, or the error that prevented building it.
    pub fn into_dyn(self) -> Result<DynChangeset> {
        self.inner
    }

    /// Runs a create or update and returns the stored record.
    pub fn run(self) -> Result<R> {
        R::from_row(self.inner?.run()?)
    }

    /// Runs a destroy.
    pub fn run_destroy(self) -> Result<()> {
        self.inner?.run_destroy()
    }
}
