//! Changesets: the lifecycle of one create, update or destroy.
//!
//! Building a changeset casts the accepted input, applies defaults, runs the
//! action's changes, checks required values, runs validations and eager
//! identity checks, collecting every field error. Running it refuses an
//! invalid changeset, runs pre-checks, then asks the data layer to write.

use std::marker::PhantomData;

use crate::data_layer::{DataLayer, Target};
use crate::domain::Domain;
use crate::info::cast::{Input, cast_and_constrain};
use crate::info::error::{Error, FieldError, FieldErrorKind, Result};
use crate::info::value::{Row, Value};
use crate::info::{ActionInfo, ActionKind, ChangeInfo, ResourceInfo};
use crate::typed::resource::Resource;
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
    /// row for updates and destroys. Fails only if the action does not exist
    /// or is of another kind; bad input becomes field errors on the changeset.
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
        };
        if kind == ActionKind::Destroy {
            changeset.cast_inputs(inputs);
            changeset.apply_argument_defaults();
            changeset.run_validations();
            return Ok(changeset);
        }
        let given: Vec<String> = inputs.iter().map(|(name, _)| name.clone()).collect();
        changeset.cast_inputs(inputs);
        changeset.apply_defaults();
        changeset.apply_argument_defaults();
        changeset.run_changes();
        changeset.check_required(&given);
        changeset.run_validations();
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

    fn run_changes(&mut self) {
        for change in self.action.changes {
            let (attribute, value, only_if_new) = match change {
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
    }

    /// `allow_nil: false` attributes must end up with a value, and so must
    /// the action's `require_attributes`, as in Ash, on updates too (there
    /// the record's value counts); a create must also be given them.
    fn check_required(&mut self, given: &[String]) {
        let creating = self.action.kind == ActionKind::Create;
        for (index, attribute) in self.resource.attributes.iter().enumerate() {
            if self.has_error_on(attribute.name) {
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

    fn run_validations(&mut self) {
        let kind = self.action.kind;
        let resource_wide = self.resource.validations.iter().filter(|v| v.on.contains(&kind));
        let mut found = Vec::new();
        for validation in resource_wide.chain(self.action.validations) {
            found.extend(validation::run(validation, &|name| self.get_field(name)));
        }
        self.errors.extend(found);
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

    /// Runs a create or update; returns the stored row. The pre-checks and
    /// the write run in one transaction of the resource's data layer: they
    /// commit together or not at all.
    pub fn run(self) -> Result<Row> {
        if !self.is_valid() {
            return Err(Error::Invalid(self.errors));
        }
        let layer = self.domain.data_layer(self.resource)?;
        layer.transact(|| self.write(&*layer))
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

    /// Runs a destroy, in a transaction of the resource's data layer.
    pub fn run_destroy(self) -> Result<()> {
        if !self.is_valid() {
            return Err(Error::Invalid(self.errors));
        }
        let pk = self.primary_key_of_data()?;
        let layer = self.domain.data_layer(self.resource)?;
        layer.transact(|| layer.destroy(self.target(), &pk))
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
