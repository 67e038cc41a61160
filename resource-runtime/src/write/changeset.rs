//! Changesets: the lifecycle of one create, update or destroy.
//!
//! Building a changeset casts the accepted input, applies defaults, runs the
//! action's changes (built-in and custom, in order), checks required values,
//! runs validations and eager identity checks, collecting every field error.
//! Running it refuses an invalid changeset, then inside one transaction runs
//! the `before_action` hooks, the pre-checks, the data-layer write and the
//! `after_action` hooks; the `after_transaction` hooks run after it
//! (`write/hooks.rs`).

pub mod change;
pub mod hooks;

use std::marker::PhantomData;

use self::change::{ActionContext, change_of, guarded, validation_of};
use self::hooks::Hooks;
use crate::data_layer::{DataLayer, Target};
use crate::domain::Domain;
use crate::info::cast::{Input, cast_and_constrain, cast_value};
use crate::info::error::{Error, FieldError, FieldErrorKind, Result};
use crate::info::value::{Row, Value};
use crate::info::{ActionInfo, ActionKind, ChangeInfo, ResourceInfo, Validation, ValidationInfo};
use crate::typed::field::Field;
use crate::typed::resource::{AttributeValue, Resource};
use crate::write::identity;
use crate::write::input::ActionInput;
use crate::write::validation;

/// A changeset over any resource, driven by its `ResourceInfo`.
#[derive(Clone)]
pub struct DynChangeset {
    pub(crate) domain: Domain,
    /// The resource the action is on.
    pub resource: &'static ResourceInfo,
    /// A polymorphic resource's table, when the action names one.
    pub(crate) table: Option<String>,
    /// The action being run.
    pub action: &'static ActionInfo,
    /// The record being updated or destroyed.
    pub data: Option<Row>,
    /// New values per attribute index; `None` when the attribute is not changing.
    pub(crate) changes: Vec<Option<Value>>,
    /// Which changes came from input or changes, as opposed to defaults.
    pub(crate) explicit: Vec<bool>,
    /// Argument values per argument index.
    pub(crate) arguments: Vec<Option<Value>>,
    pub(crate) errors: Vec<FieldError>,
    /// Hooks registered by changes, run by `run`.
    pub(crate) hooks: Hooks,
}

impl std::fmt::Debug for DynChangeset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DynChangeset")
            .field("resource", &self.resource.name)
            .field("action", &self.action.name)
            .field("changes", &self.changes)
            .field("errors", &self.errors)
            .finish_non_exhaustive()
    }
}

impl DynChangeset {
    /// Builds a changeset for `action` of `resource`. `data` is the existing
    /// row for updates and destroys. Fails if the action does not exist or
    /// is of another kind, or if a change or validation panicked
    /// ([`Error::Panicked`]); bad input becomes field errors on the changeset.
    pub fn build(
        domain: &Domain,
        resource: &'static ResourceInfo,
        action_name: &str,
        kind: ActionKind,
        data: Option<Row>,
        inputs: Vec<(String, Input)>,
    ) -> Result<DynChangeset> {
        Self::build_in(domain, resource, None, action_name, kind, data, inputs)
    }

    /// [`DynChangeset::build`] writing to `table`, one of a polymorphic
    /// resource's tables (`None`: the resource's own).
    pub fn build_in(
        domain: &Domain,
        resource: &'static ResourceInfo,
        table: Option<&str>,
        action_name: &str,
        kind: ActionKind,
        data: Option<Row>,
        inputs: Vec<(String, Input)>,
    ) -> Result<DynChangeset> {
        let table = domain.target(resource, table)?.table.map(str::to_string);
        let action = resource.action(action_name).filter(|a| a.kind == kind).ok_or_else(|| Error::NoSuchAction {
            resource: resource.name,
            action: action_name.to_string(),
            kind: kind.as_str(),
        })?;
        domain.registered(resource)?;
        let mut changeset = DynChangeset {
            domain: domain.clone(),
            resource,
            table,
            action,
            data,
            changes: vec![None; resource.attributes.len()],
            explicit: vec![false; resource.attributes.len()],
            arguments: vec![None; action.arguments.len()],
            errors: Vec::new(),
            hooks: Hooks::default(),
        };
        if kind == ActionKind::Destroy {
            changeset.cast_inputs(inputs);
            changeset.apply_argument_defaults();
            changeset.run_changes()?;
            changeset.run_validations()?;
            return Ok(changeset);
        }
        let given: Vec<String> = inputs.iter().map(|(name, _)| name.clone()).collect();
        changeset.cast_inputs(inputs);
        changeset.apply_defaults();
        changeset.apply_argument_defaults();
        changeset.run_changes()?;
        changeset.check_required(&given);
        changeset.run_validations()?;
        if identity::any(changeset.resource, |i| i.eager_check) {
            let errors = identity::eager_check(&changeset.identity_write())?;
            changeset.errors.extend(errors);
        }
        Ok(changeset)
    }

    /// All field errors found so far.
    pub fn errors(&self) -> &[FieldError] {
        &self.errors
    }

    /// Whether no field error was found: `run` would reach the data layer.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The value an attribute will have: its change, else its current value.
    pub fn get_attribute(&self, name: &str) -> Value {
        let Some(index) = self.resource.attribute_index(name) else { return Value::Nil };
        self.attribute_at(index)
    }

    pub(crate) fn attribute_at(&self, index: usize) -> Value {
        match (&self.changes[index], &self.data) {
            (Some(value), _) => value.clone(),
            (None, Some(row)) => row[index].clone(),
            (None, None) => Value::Nil,
        }
    }

    /// The value an attribute will have, as its Rust type: `None` when it
    /// is nil (for a non-`Option` type), of another type, or no attribute.
    /// Typed and JSON input alike are cast before changes see them.
    pub fn attribute<T: AttributeValue>(&self, name: &str) -> Option<T> {
        T::from_value(self.get_attribute(name))
    }

    /// The value the record had before this action (updates and destroys;
    /// `None` on a create), as its Rust type.
    pub fn old_attribute<T: AttributeValue>(&self, name: &str) -> Option<T> {
        let index = self.resource.attribute_index(name)?;
        T::from_value(self.data.as_ref()?[index].clone())
    }

    /// An argument's value as its Rust type (`None` when not given, nil or
    /// of another type).
    pub fn argument<T: AttributeValue>(&self, name: &str) -> Option<T> {
        T::from_value(self.get_argument(name))
    }

    /// The value a typed field handle's attribute will have
    /// (`changeset.get(Post::fields().title)`).
    pub fn get<R, T: AttributeValue>(&self, field: Field<R, T>) -> Option<T> {
        self.attribute(field.name)
    }

    /// Whether the action changes the attribute (input, a change or a default).
    pub fn is_changing(&self, name: &str) -> bool {
        self.resource.attribute_index(name).is_some_and(|i| self.changes[i].is_some())
    }

    /// Sets an attribute, as Ash's `force_change_attribute`: the value is
    /// cast and constrained as input is (a bad one becomes a field error),
    /// whether or not the action accepts the attribute.
    pub fn set_attribute(&mut self, name: &str, value: impl AttributeValue) {
        self.set_value(name, value.into_value());
    }

    /// Sets the attribute of a typed field handle (`changeset.set(Post::fields().slug, s)`).
    pub fn set<R, T: AttributeValue>(&mut self, field: Field<R, T>, value: T) {
        self.set_attribute(field.name, value);
    }

    /// [`DynChangeset::set_attribute`] with a runtime value.
    pub fn set_value(&mut self, name: &str, value: Value) {
        let Some(index) = self.resource.attribute_index(name) else {
            let message = format!("no such attribute on {}", self.resource.name);
            self.errors.push(FieldError::new(name, FieldErrorKind::NoSuchInput, message));
            return;
        };
        let info = &self.resource.attributes[index];
        match cast_and_constrain(info.name, info.ty, &info.constraints, Input::Value(value)) {
            Ok(value) => {
                self.changes[index] = Some(value);
                self.explicit[index] = true;
            }
            Err(mut errors) => self.errors.append(&mut errors),
        }
    }

    /// Adds an error: the changeset becomes invalid and `run` will refuse it
    /// (from a `before_action` hook: the action stops before the write).
    pub fn add_error(&mut self, error: FieldError) {
        self.errors.push(error);
    }

    /// The context changes and validations are given (outside the transaction).
    fn context_with<'d>(&self, domain: &'d Domain, in_transaction: bool) -> ActionContext<'d> {
        ActionContext { domain, resource: self.resource, action: self.action, in_transaction }
    }

    /// A panic in `what` (`change Slugify`, `after_action hook`) of this action.
    fn panicked(&self, what: &str, message: String) -> Error {
        Error::Panicked { during: format!("{what} of {}.{}", self.resource.name, self.action.name), message }
    }

    /// An argument's value (nil if not given).
    pub fn get_argument(&self, name: &str) -> Value {
        self.action
            .arguments
            .iter()
            .position(|a| a.name == name)
            .and_then(|i| self.arguments[i].clone())
            .unwrap_or(Value::Nil)
    }

    /// An argument if the action has one by that name, else the attribute.
    fn get_field(&self, name: &str) -> Value {
        if self.action.arguments.iter().any(|a| a.name == name) {
            self.get_argument(name)
        } else {
            self.get_attribute(name)
        }
    }

    fn cast_inputs(&mut self, inputs: Vec<(String, Input)>) {
        for (name, input) in inputs {
            if let Err(mut errors) = self.cast_input(&name, input) {
                self.errors.append(&mut errors);
            }
        }
    }

    fn cast_input(&mut self, name: &str, input: Input) -> Result<(), Vec<FieldError>> {
        let action = self.action;
        if action.accept.contains(&name)
            && let Some(index) = self.resource.attribute_index(name)
        {
            let attribute = &self.resource.attributes[index];
            let value = cast_and_constrain(name, attribute.ty, &attribute.constraints, input)?;
            self.changes[index] = Some(value);
            self.explicit[index] = true;
            return Ok(());
        }
        if let Some(index) = action.arguments.iter().position(|a| a.name == name) {
            let argument = &action.arguments[index];
            self.arguments[index] = Some(cast_and_constrain(name, argument.ty, &argument.constraints, input)?);
            return Ok(());
        }
        let message = if self.resource.attribute(name).is_some() {
            format!("cannot be changed by action `{}`", action.name)
        } else {
            format!("no such input for action `{}`", action.name)
        };
        let kind = if self.resource.attribute(name).is_some() {
            FieldErrorKind::NotAccepted
        } else {
            FieldErrorKind::NoSuchInput
        };
        Err(vec![FieldError::new(name, kind, message)])
    }

    /// Create: `default` for attributes not given. Update: `update_default`.
    fn apply_defaults(&mut self) {
        let creating = self.action.kind == ActionKind::Create;
        let mut shared: Option<Value> = None;
        for (index, attribute) in self.resource.attributes.iter().enumerate() {
            let default = if creating { attribute.default } else { attribute.update_default };
            if self.changes[index].is_some() {
                continue;
            }
            let Some(default) = default else { continue };
            let value = match (&shared, attribute.match_other_defaults) {
                (Some(value), true) => value.clone(),
                (None, true) => shared.insert(default()).clone(),
                (_, false) => default(),
            };
            // Cast like input, so a default is stored as a value would be
            // (a timestamp cut to microseconds on every layer).
            let value = cast_value(attribute.ty, value.clone()).unwrap_or(value);
            self.changes[index] = Some(value);
        }
    }

    fn has_error_on(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.fields.iter().any(|f| f == field))
    }

    fn apply_argument_defaults(&mut self) {
        for (index, argument) in self.action.arguments.iter().enumerate() {
            // An argument whose input was invalid is not also "required".
            if self.arguments[index].as_ref().is_none_or(Value::is_nil) && !self.has_error_on(argument.name) {
                if let Some(default) = argument.default {
                    self.arguments[index] = Some(default());
                } else if !argument.allow_nil {
                    self.errors.push(FieldError::required(argument.name));
                }
            }
        }
    }

    /// The action's changes in order. The macros list the resource-wide
    /// changes (`changes { .. }`) that apply to the action after its own, as Ash runs them.
    fn run_changes(&mut self) -> Result<()> {
        let domain = self.domain.clone();
        for change in self.action.changes {
            let (attribute, value, only_if_new) = match change {
                ChangeInfo::Custom(custom) => {
                    let custom_change = change_of(custom)?;
                    let context = self.context_with(&domain, false);
                    guarded(|| custom_change.change(self, &context))
                        .map_err(|message| self.panicked(&format!("change {}", custom.name), message))?;
                    continue;
                }
                ChangeInfo::SetAttribute { attribute, value } => (*attribute, value(), false),
                ChangeInfo::SetNewAttribute { attribute, value } => (*attribute, value(), true),
                ChangeInfo::SetAttributeFromArgument { attribute, argument } => {
                    (*attribute, self.get_argument(argument), false)
                }
            };
            let Some(index) = self.resource.attribute_index(attribute) else { continue };
            if only_if_new && self.explicit[index] {
                continue;
            }
            let info = &self.resource.attributes[index];
            match cast_and_constrain(attribute, info.ty, &info.constraints, Input::Value(value)) {
                Ok(value) => {
                    self.changes[index] = Some(value);
                    self.explicit[index] = true;
                }
                Err(mut errors) => self.errors.append(&mut errors),
            }
        }
        Ok(())
    }

    /// `allow_nil: false` attributes must end up with a value, and so must
    /// the action's `require_attributes`, as in Ash, on updates too (there
    /// the record's value counts); a create must also be given them.
    /// Whether a change copies into `attribute` an argument that already has
    /// an error: the argument's error is the one cause (Ash reports it once).
    fn copies_a_failed_argument(&self, attribute: &str) -> bool {
        self.action.changes.iter().any(|change| {
            matches!(change, ChangeInfo::SetAttributeFromArgument { attribute: a, argument }
                if *a == attribute && self.has_error_on(argument))
        })
    }

    fn check_required(&mut self, given: &[String]) {
        let creating = self.action.kind == ActionKind::Create;
        for (index, attribute) in self.resource.attributes.iter().enumerate() {
            if self.has_error_on(attribute.name) || self.copies_a_failed_argument(attribute.name) {
                continue;
            }
            let checked = creating || self.changes[index].is_some();
            let missing_value =
                checked && !attribute.allow_nil && !attribute.generated && self.attribute_at(index).is_nil();
            let missing_input = self.action.require_attributes.contains(&attribute.name)
                && (self.attribute_at(index).is_nil() || (creating && !given.iter().any(|g| g == attribute.name)));
            if missing_value || missing_input {
                self.errors.push(FieldError::required(attribute.name));
            }
        }
    }

    /// Resource-wide validations, then the action's, each on the kinds its
    /// `on` names. A validation is skipped when one of its `where`
    /// conditions fails, or with `only_when_valid` when the changeset
    /// already has errors (those found so far: input, changes, required
    /// values and the validations before it).
    fn run_validations(&mut self) -> Result<()> {
        let kind = self.action.kind;
        let all = self.resource.validations.iter().chain(self.action.validations);
        for validation in all.filter(|v| v.on.contains(&kind)) {
            if validation.only_when_valid && !self.errors.is_empty() {
                continue;
            }
            let mut skipped = false;
            for condition in validation.conditions {
                if !self.check(condition, None)?.is_empty() {
                    skipped = true;
                    break;
                }
            }
            if !skipped {
                let errors = self.check(&validation.rule, Some(validation))?;
                self.errors.extend(errors);
            }
        }
        Ok(())
    }

    /// The errors of one rule (with `info`'s message, when given).
    fn check(&self, rule: &Validation, info: Option<&ValidationInfo>) -> Result<Vec<FieldError>> {
        let mut errors = match rule {
            Validation::Custom(custom) => {
                let custom_validation = validation_of(custom)?;
                let context = self.context_with(&self.domain, false);
                guarded(|| custom_validation.validate(self, &context))
                    .map_err(|message| self.panicked(&format!("validation {}", custom.name), message))?
                    .err()
                    .into_iter()
                    .collect()
            }
            rule => validation::check(rule, &|name| self.get_field(name)),
        };
        if let Some(message) = info.and_then(|i| i.message) {
            for error in &mut errors {
                error.message = message.to_string();
            }
        }
        Ok(errors)
    }

    /// The full row to insert: every attribute's new value or nil.
    /// Where the write goes: the resource, in the action's table if it names one.
    pub(crate) fn target(&self) -> Target<'_> {
        Target { resource: self.resource, table: self.table.as_deref() }
    }

    /// What the identity checks read of this changeset.
    fn identity_write(&self) -> identity::Write<'_> {
        identity::Write {
            domain: &self.domain,
            target: self.target(),
            action: self.action,
            data: self.data.as_deref(),
            new_row: self.new_row(),
        }
    }

    pub(crate) fn new_row(&self) -> Row {
        (0..self.resource.attributes.len()).map(|i| self.attribute_at(i)).collect()
    }

    fn primary_key_of_data(&self) -> Result<Vec<Value>> {
        let row = self.data.as_ref().ok_or_else(|| Error::DataLayer("no record given to the action".into()))?;
        Ok(self.resource.primary_key().map(|i| row[i].clone()).collect())
    }

    /// Runs a create or update; returns the stored row. The
    /// `before_action` hooks, the pre-checks, the write and the
    /// `after_action` hooks run in one transaction of the resource's data
    /// layer: they commit together or not at all. The `after_transaction`
    /// hooks then see the outcome.
    pub fn run(self) -> Result<Row> {
        if !self.is_valid() {
            return Err(Error::Invalid(self.errors));
        }
        let layer = self.domain.data_layer(self.resource)?;
        let mut this = self;
        let outcome = this.write_in_transaction(&*layer);
        this.after_transaction_hooks(outcome)
    }

    /// `write_with_hooks` in a transaction of `layer`, unless the action is
    /// one data-layer call and nothing else: each call is atomic (a failed
    /// one writes nothing, `DataLayer`), so a transaction of its own adds
    /// nothing but `BEGIN`/`COMMIT`, or inside `Domain::transaction` a
    /// savepoint and its release, per action. With a hook or a pre-check
    /// there is more than the write to keep together (an `after_action`
    /// failure must undo the write), so those keep the transaction.
    fn write_in_transaction(&mut self, layer: &dyn DataLayer) -> Result<Row> {
        if self.is_one_call(layer) {
            return self.write_with_hooks(layer);
        }
        layer.transact(|| self.write_with_hooks(layer))
    }

    /// Whether running this changeset is exactly one data-layer write: no
    /// `before_action` or `after_action` hook, no identity pre-check, and
    /// not an upsert the layer does in steps.
    fn is_one_call(&self, layer: &dyn DataLayer) -> bool {
        let capabilities = layer.capabilities();
        let every = !capabilities.native_identities;
        let upsert_in_steps = self.action.kind == ActionKind::Create && self.action.upsert && !capabilities.upsert;
        self.hooks.before_action.is_empty()
            && self.hooks.after_action.is_empty()
            && !upsert_in_steps
            && !identity::any(self.resource, |i| every || i.pre_check)
    }

    /// Inside the caller's transaction: `before_action` hooks, then the
    /// pre-checks and the write (or the destroy), then `after_action` hooks.
    pub(crate) fn write_with_hooks(&mut self, layer: &dyn DataLayer) -> Result<Row> {
        let domain = self.domain.clone();
        let in_transaction = layer.capabilities().transactions;
        let mut index = 0;
        while let Some(hook) = self.hooks.before_action.get(index).cloned() {
            let context = self.context_with(&domain, in_transaction);
            guarded(|| hook(self, &context)).map_err(|message| self.panicked("before_action hook", message))??;
            index += 1;
        }
        if !self.is_valid() {
            return Err(Error::Invalid(self.errors.clone()));
        }
        let mut row = if self.action.kind == ActionKind::Destroy {
            let pk = self.primary_key_of_data()?;
            layer.destroy(self.target(), &pk)?;
            self.data.clone().ok_or_else(|| Error::DataLayer("no record given to the action".into()))?
        } else {
            self.write(layer)?
        };
        let context = self.context_with(&domain, in_transaction);
        for hook in &self.hooks.after_action {
            guarded(|| hook(self, &mut row, &context))
                .map_err(|message| self.panicked("after_action hook", message))??;
        }
        Ok(row)
    }

    /// Runs the `after_transaction` hooks with the outcome; the first
    /// error one returns (or its panic) replaces a successful outcome.
    pub(crate) fn after_transaction_hooks(&self, outcome: Result<Row>) -> Result<Row> {
        let domain = self.domain.clone();
        let context = self.context_with(&domain, false);
        let mut result = outcome.clone();
        for hook in &self.hooks.after_transaction {
            let ran = guarded(|| hook(self, &outcome, &context));
            let ran = ran.map_err(|message| self.panicked("after_transaction hook", message));
            if let Err(error) = ran.and_then(|r| r)
                && result.is_ok()
            {
                result = Err(error);
            }
        }
        result
    }

    /// Pre-checks, then the one data-layer call of a create or update.
    pub(crate) fn write(&self, layer: &dyn DataLayer) -> Result<Row> {
        // A layer that does not enforce identities atomically gets every
        // identity checked here, inside its transaction (Ash's ETS needs
        // `pre_check_with` for the same reason).
        let every = !layer.capabilities().native_identities;
        if identity::any(self.resource, |i| every || i.pre_check) {
            let pre_check_errors = identity::pre_check(&self.identity_write(), every)?;
            if !pre_check_errors.is_empty() {
                return Err(Error::Invalid(pre_check_errors));
            }
        }
        match self.action.kind {
            ActionKind::Create if self.action.upsert => {
                let (keys, fields) = identity::upsert_plan(self.resource, self.action, &self.explicit)?;
                if layer.capabilities().upsert {
                    layer.upsert(self.target(), self.new_row(), &keys, &fields)
                } else {
                    upsert_by_steps(layer, self.target(), self.new_row(), &keys, &fields)
                }
            }
            ActionKind::Create => layer.create(self.target(), self.new_row()),
            ActionKind::Update => {
                let changes: Vec<(usize, Value)> =
                    self.changes.iter().enumerate().filter_map(|(i, v)| Some((i, v.clone()?))).collect();
                let pk = self.primary_key_of_data()?;
                if changes.is_empty() {
                    return self.data.clone().ok_or_else(|| Error::DataLayer("no record given to the action".into()));
                }
                layer.update(self.target(), &pk, &changes)
            }
            kind => Err(Error::NoSuchAction {
                resource: self.resource.name,
                action: self.action.name.to_string(),
                kind: kind.as_str(),
            }),
        }
    }

    /// Runs a destroy, in a transaction of the resource's data layer, with
    /// its hooks as [`DynChangeset::run`] runs them (`after_action` hooks
    /// get the destroyed record).
    pub fn run_destroy(self) -> Result<()> {
        if !self.is_valid() {
            return Err(Error::Invalid(self.errors));
        }
        self.primary_key_of_data()?;
        let layer = self.domain.data_layer(self.resource)?;
        let mut this = self;
        let outcome = this.write_in_transaction(&*layer);
        this.after_transaction_hooks(outcome).map(drop)
    }
}

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

/// An upsert for a layer that has no atomic one (its capabilities say so):
/// look the conflict keys up, then update the found row's `update_fields`
/// or create the row, inside the caller's transaction.
fn upsert_by_steps(
    layer: &dyn DataLayer,
    target: Target<'_>,
    row: Row,
    keys: &[usize],
    update_fields: &[usize],
) -> Result<Row> {
    let resource = target.resource;
    let values: Vec<Value> = keys.iter().map(|&k| row[k].clone()).collect();
    let Some(found) = layer.get(target, keys, &values)? else { return layer.create(target, row) };
    let pk: Vec<Value> = resource.primary_key().map(|i| found[i].clone()).collect();
    let changes: Vec<(usize, Value)> = update_fields.iter().map(|&i| (i, row[i].clone())).collect();
    if changes.is_empty() {
        return Ok(found);
    }
    layer.update(target, &pk, &changes)
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
        let data = input.record.as_ref().map(Resource::to_row);
        let inputs = input.inputs.into_iter().map(|(name, value)| (name.to_string(), Input::Value(value))).collect();
        let table = input.table.as_deref();
        let inner = DynChangeset::build_in(domain, R::info(), table, input.action, input.kind, data, inputs);
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
