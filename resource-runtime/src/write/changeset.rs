//! Changesets: the lifecycle of one create, update or destroy.
//!
//! Building a changeset casts the accepted input, applies defaults, runs the
//! action's changes (built-in and custom, in order), checks required values,
//! runs validations and eager identity checks, collecting every field error.
//! Running it refuses an invalid changeset, then inside one transaction runs
//! the `before_action` hooks, the pre-checks, the data-layer write and the
//! `after_action` hooks; the `after_transaction` hooks run after it
//! (`changeset/hooks.rs`). Building is here; running is `changeset/run.rs`;
//! the typed `Changeset<R>` and the builders' endings are `changeset/typed.rs`.

pub mod change;
mod embedded;
pub mod hooks;
mod run;
mod typed;

pub use typed::Changeset;

use std::sync::Arc;

use self::change::{ActionContext, change_of, guarded, validation_of};
use self::hooks::Hooks;
use crate::domain::Domain;
use crate::info::cast::{Input, cast_and_constrain, cast_or_keep};
use crate::info::error::{Error, FieldError, FieldErrorKind, PathStep, Result};
use crate::info::value::{Row, Value};
use crate::info::{ActionInfo, ActionKind, ChangeInfo, DataLayerKind, ResourceInfo, Type, Validation, ValidationInfo};
use crate::typed::field::Field;
use crate::typed::resource::AttributeValue;
use crate::write::identity;
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
    /// New values per attribute index, nil where the attribute is not
    /// changing (`changing` says which are), so that a create's are its
    /// row as they stand. Empty while none is (a destroy's, until a change
    /// sets one) and once moved out for the write: read through `change`,
    /// written through `set_change`.
    pub(crate) changes: Vec<Value>,
    /// Which attributes are changing (input, a change or a default).
    pub(crate) changing: Bits,
    /// Which changes came from input or changes, as opposed to defaults.
    pub(crate) explicit: Bits,
    /// Argument values per argument index.
    pub(crate) arguments: Vec<Option<Value>>,
    pub(crate) errors: Vec<FieldError>,
    /// Hooks registered by changes, run by `run`.
    pub(crate) hooks: Hooks,
    /// Whether foreign keys involve the resource in its domain (it
    /// references a registered resource or one references it): read when
    /// its layer does not enforce them.
    pub(crate) related: bool,
    /// This call's upsert options, over the action's.
    pub(crate) upsert: identity::UpsertOverride,
    /// An embedded resource's changeset: the parent's (Ash's `__source__`).
    pub(crate) source: Option<Arc<DynChangeset>>,
}

impl std::fmt::Debug for DynChangeset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DynChangeset")
            .field("resource", &self.resource.name)
            .field("action", &self.action.name)
            // One entry per attribute, also while none was allocated (`changes`).
            .field("changes", &(0..self.resource.attributes.len()).map(|i| self.change(i)).collect::<Vec<_>>())
            .field("errors", &self.errors)
            .finish_non_exhaustive()
    }
}

/// One flag per attribute (which are changing, which explicitly), kept
/// inline for up to 64 attributes: a `Vec<bool>` was an allocation and a
/// free per action.
#[derive(Clone, Debug)]
pub(crate) enum Bits {
    Inline(u64),
    Many(Vec<bool>),
}

impl Bits {
    fn new(attributes: usize) -> Self {
        if attributes <= 64 { Bits::Inline(0) } else { Bits::Many(vec![false; attributes]) }
    }

    /// Whether attribute `index`'s flag is set.
    #[inline(always)]
    pub(crate) fn get(&self, index: usize) -> bool {
        match self {
            Bits::Inline(bits) => index < 64 && bits >> index & 1 == 1,
            Bits::Many(flags) => flags[index],
        }
    }

    #[inline(always)]
    fn set(&mut self, index: usize) {
        match self {
            Bits::Inline(bits) => *bits |= 1 << index,
            Bits::Many(flags) => flags[index] = true,
        }
    }
}

/// `n` nils (not `vec![Value::Nil; n]`, which clones its nil n times).
fn nils(n: usize) -> Vec<Value> {
    std::iter::repeat_with(|| Value::Nil).take(n).collect()
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
        Self::build_from(domain, resource, table, action_name, kind, data, inputs, None)
    }

    /// [`DynChangeset::build_in`], for an embedded resource edited inside
    /// `source`'s record. Input names are any text: a generated builder's
    /// are `&'static str`, not copied into a `String` each.
    #[expect(clippy::too_many_arguments, reason = "build_in's, and the parent")]
    pub(crate) fn build_from<N: AsRef<str>>(
        domain: &Domain,
        resource: &'static ResourceInfo,
        table: Option<&str>,
        action_name: &str,
        kind: ActionKind,
        data: Option<Row>,
        inputs: impl IntoIterator<Item = (N, Input)>,
        source: Option<Arc<DynChangeset>>,
    ) -> Result<DynChangeset> {
        // An embedded resource has no table: its changesets (`changeset/embedded.rs`)
        // build a row for the parent and are never run.
        let embedded = resource.data_layer == DataLayerKind::Embedded;
        let table = if embedded { None } else { domain.target(resource, table)?.table.map(str::to_string) };
        let action = resource.action(action_name).filter(|a| a.kind == kind).ok_or_else(|| Error::NoSuchAction {
            resource: resource.name,
            action: action_name.to_string(),
            kind: kind.as_str(),
        })?;
        let related = !embedded && domain.registered(resource)?.related;
        let mut changeset = DynChangeset {
            domain: domain.clone(),
            resource,
            table,
            action,
            data,
            // None for a destroy until a change sets one (`set_change`).
            changes: match kind {
                ActionKind::Destroy => Vec::new(),
                _ => nils(resource.attributes.len()),
            },
            changing: Bits::new(resource.attributes.len()),
            explicit: Bits::new(resource.attributes.len()),
            arguments: std::iter::repeat_with(|| None).take(action.arguments.len()).collect(),
            errors: Vec::new(),
            hooks: Hooks::default(),
            related,
            upsert: identity::UpsertOverride::default(),
            source,
        };
        if kind == ActionKind::Destroy {
            changeset.cast_inputs(inputs);
            changeset.apply_argument_defaults();
            changeset.run_changes()?;
            changeset.run_validations()?;
            return Ok(changeset);
        }
        // The names given matter only to `require_attributes` (`check_required`).
        let given: Vec<String> = if changeset.action.require_attributes.is_empty() {
            changeset.cast_inputs(inputs);
            Vec::new()
        } else {
            let inputs: Vec<(N, Input)> = inputs.into_iter().collect();
            let given = inputs.iter().map(|(name, _)| name.as_ref().to_string()).collect();
            changeset.cast_inputs(inputs);
            given
        };
        changeset.apply_defaults();
        changeset.apply_argument_defaults();
        changeset.run_changes()?;
        changeset.check_required(&given);
        changeset.run_validations()?;
        if !embedded && identity::any(changeset.resource, |i| i.eager_check) {
            let errors = identity::eager_check(&changeset.identity_write())?;
            changeset.errors.extend(errors);
        }
        Ok(changeset)
    }

    /// Resolves this call's upsert conflicts on identity `name` instead of
    /// the action's `upsert_identity` (Ash's `upsert_identity` option of
    /// `Ash.create`). An identity the resource does not have is
    /// `Error::Invalid` on `upsert_identity` when the changeset runs; so is
    /// any upsert override on an action without `upsert`.
    pub fn set_upsert_identity(&mut self, name: impl Into<String>) {
        self.upsert.identity = Some(name.into());
    }

    /// Overwrites exactly these attributes on conflict in this call
    /// (`{:replace, [..]}`; `[]`: the existing record stays as it is,
    /// update defaults included). Unknown names are `Error::Invalid` naming
    /// them when the changeset runs.
    pub fn set_upsert_fields<S: Into<String>>(&mut self, names: impl IntoIterator<Item = S>) {
        self.upsert.fields = Some(names.into_iter().map(Into::into).collect());
    }

    /// Ash's `touch_update_defaults?` for this call.
    pub fn set_touch_update_defaults(&mut self, touch: bool) {
        self.upsert.touch_update_defaults = Some(touch);
    }

    /// For an embedded resource's action run by JSON input on its parent
    /// (`changeset/embedded.rs`): the parent's changeset as it was when the
    /// input reached the embed (Ash's `changeset.context.__source__`); for a
    /// nested embed, the immediate parent's. `None` for a top-level action.
    pub fn source(&self) -> Option<&DynChangeset> {
        self.source.as_deref()
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
        match (self.change(index), &self.data) {
            (Some(value), _) => value.clone(),
            (None, Some(row)) => row[index].clone(),
            (None, None) => Value::Nil,
        }
    }

    /// Attribute `index`'s new value, if it is changing.
    #[inline(always)]
    fn change(&self, index: usize) -> Option<&Value> {
        if self.changing.get(index) { self.changes.get(index) } else { None }
    }

    /// Sets attribute `index`'s new value (`explicit`: from input or a
    /// change, not a default). A destroy's changes are allocated here, on
    /// the first (few destroys set any).
    #[inline(always)]
    fn set_change(&mut self, index: usize, value: Value, explicit: bool) {
        if self.changes.is_empty() {
            self.allocate_changes();
        }
        self.changes[index] = value;
        self.changing.set(index);
        if explicit {
            self.explicit.set(index);
        }
    }

    #[cold]
    fn allocate_changes(&mut self) {
        self.changes = nils(self.resource.attributes.len());
    }

    /// Whether `attribute_at(index)` is nil, without copying the value.
    fn attribute_is_nil(&self, index: usize) -> bool {
        match (self.change(index), &self.data) {
            (Some(value), _) => value.is_nil(),
            (None, Some(row)) => row[index].is_nil(),
            (None, None) => true,
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
        self.resource.attribute_index(name).is_some_and(|i| self.change(i).is_some())
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
                self.set_change(index, value, true);
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

    fn cast_inputs<N: AsRef<str>>(&mut self, inputs: impl IntoIterator<Item = (N, Input)>) {
        // Without an embedded attribute the order stands: no list, no look-up per input.
        if !self.resource.attributes.iter().any(|a| matches!(a.ty, Type::Embedded(_))) {
            for (name, input) in inputs {
                if let Err(mut errors) = self.cast_input(name.as_ref(), input) {
                    self.errors.append(&mut errors);
                }
            }
            return;
        }
        let inputs: Vec<(N, Input)> = inputs.into_iter().collect();
        // Embedded values last, so that their actions' `source()` holds the
        // parent's other input (Ash's `__source__` sees the parent changeset).
        let embedded = |name: &str| self.resource.attribute(name).is_some_and(|a| matches!(a.ty, Type::Embedded(_)));
        // Without an embedded value the order stands: no second list.
        let (embeds, others): (Vec<_>, Vec<_>) = if inputs.iter().any(|(name, _)| embedded(name.as_ref())) {
            inputs.into_iter().partition(|(name, _)| embedded(name.as_ref()))
        } else {
            (Vec::new(), inputs)
        };
        for (name, input) in others.into_iter().chain(embeds) {
            if let Err(mut errors) = self.cast_input(name.as_ref(), input) {
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
            let value = match (attribute.ty, input) {
                (Type::Embedded(embed), Input::Json(json)) => {
                    embedded::cast_input(self, name, embed, &self.attribute_at(index), &json)?
                }
                (ty, input) => {
                    let value = cast_and_constrain(name, ty, &attribute.constraints, input)?;
                    if let Type::Embedded(embed) = ty {
                        let path = [PathStep::Field(name.to_string())];
                        let errors = embedded::unique_errors(embed, &path, &value);
                        if !errors.is_empty() {
                            return Err(errors);
                        }
                    }
                    value
                }
            };
            // Re-sending the value an embed already has is no change (Ash's `equal?`).
            if matches!(attribute.ty, Type::Embedded(_)) && self.data.as_ref().is_some_and(|row| row[index] == value) {
                return Ok(());
            }
            self.set_change(index, value, true);
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
            if self.change(index).is_some() {
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
            let value = cast_or_keep(attribute.ty, value);
            self.set_change(index, value, false);
        }
    }

    /// Whether an error is on `field`, or inside its embedded value.
    fn has_error_on(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.fields.iter().any(|f| f == field) || e.is_under(field))
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
            if only_if_new && self.explicit.get(index) {
                continue;
            }
            let info = &self.resource.attributes[index];
            match cast_and_constrain(attribute, info.ty, &info.constraints, Input::Value(value)) {
                Ok(value) => {
                    self.set_change(index, value, true);
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
            // Without errors so far (this loop's own included) neither skip can apply: both look for one.
            let skipped = !self.errors.is_empty()
                && (self.has_error_on(attribute.name) || self.copies_a_failed_argument(attribute.name));
            if skipped {
                continue;
            }
            let checked = creating || self.change(index).is_some();
            let missing_value = checked && !attribute.allow_nil && !attribute.generated && self.attribute_is_nil(index);
            let missing_input = self.action.require_attributes.contains(&attribute.name)
                && (self.attribute_is_nil(index) || (creating && !given.iter().any(|g| g == attribute.name)));
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
}
