//! Names that must refer to something declared: attributes, arguments, identities.

use syn::Ident;

use crate::errors::{Errors, did_you_mean};
use crate::model::{
    Accept, Action, Change, ChangeValue, Form, Operand, Resource, UpsertFields, Validation, ValidationRule,
};
use crate::surface::common::list_all;

/// The names a reference may resolve to at one spot.
pub(super) struct Scope<'a> {
    /// The surface the hints are written for.
    form: Form,
    attributes: Vec<&'a Ident>,
    /// The action's arguments, where Ash allows them (validations); empty elsewhere.
    arguments: Vec<&'a Ident>,
}

impl<'a> Scope<'a> {
    pub(super) fn attributes(resource: &'a Resource) -> Self {
        Scope {
            form: resource.form,
            attributes: resource.attributes.iter().map(|a| &a.ident).collect(),
            arguments: Vec::new(),
        }
    }

    fn with_arguments(resource: &'a Resource, action: &'a Action) -> Self {
        Scope { arguments: action.arguments.iter().map(|a| &a.ident).collect(), ..Scope::attributes(resource) }
    }

    /// Reports `ident` unless it names something in scope; `extra_hint`
    /// is added when there is no close name to suggest.
    pub(super) fn check(&self, ident: &Ident, errors: &mut Errors, extra_hint: Option<&str>) {
        let names = self.attributes.iter().chain(&self.arguments);
        if names.clone().any(|name| *name == ident) {
            return;
        }
        let what = if self.arguments.is_empty() { "attribute" } else { "attribute or argument" };
        let candidates: Vec<String> = names.map(|name| name.to_string()).collect();
        let hint = match did_you_mean(&ident.to_string(), candidates.iter().map(String::as_str)) {
            Some(name) => format!("did you mean `{name}`?"),
            None => match extra_hint {
                Some(hint) => hint.to_owned(),
                None if !self.arguments.is_empty() => {
                    let (declare, argument) = (self.form.declare_attribute(), self.form.argument(ident));
                    format!("{declare}, or in this action as `{argument}`")
                }
                None => self.listing(),
            },
        };
        errors.error(ident.span(), format_args!("unknown {what} `{ident}`; {hint}"));
    }

    /// "the attributes are `id` and `name`", or how to add one when there are none.
    fn listing(&self) -> String {
        let names: Vec<String> = self.attributes.iter().map(|name| name.to_string()).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        match names.len() {
            0 => self.form.declare_attribute().to_owned(),
            1 => format!("the only attribute is {}", list_all(&names)),
            _ => format!("the attributes are {}", list_all(&names)),
        }
    }

    pub(super) fn check_all<'i>(&self, idents: impl IntoIterator<Item = &'i Ident>, errors: &mut Errors) {
        for ident in idents {
            self.check(ident, errors, None);
        }
    }
}

/// `accept [naem]`, `default_accept [naem]`, `require_attributes [naem]`.
pub fn check_accepted_attributes(resource: &Resource, errors: &mut Errors) {
    let scope = Scope::attributes(resource);
    if let Some(Accept::List(idents)) = &resource.actions.default_accept {
        scope.check_all(idents, errors);
    }
    for action in &resource.actions.actions {
        if let Some(Accept::List(idents)) = &action.accept {
            scope.check_all(idents, errors);
        }
        scope.check_all(&action.require_attributes, errors);
    }
}

/// `identity unique_email [emial]`, and its `field_names`.
pub fn check_identity_keys(resource: &Resource, errors: &mut Errors) {
    let scope = Scope::attributes(resource);
    for identity in &resource.identities {
        scope.check_all(&identity.keys, errors);
        scope.check_all(identity.field_names.iter().flatten(), errors);
    }
}

/// `upsert_identity: emial` and `upsert_fields: [naem]`.
pub fn check_upsert_references(resource: &Resource, errors: &mut Errors) {
    let scope = Scope::attributes(resource);
    for action in &resource.actions.actions {
        if let Some(identity) = &action.upsert_identity {
            check_identity(resource, identity, errors);
        }
        match &action.upsert_fields {
            Some(UpsertFields::Replace(idents) | UpsertFields::ReplaceAllExcept(idents)) => {
                scope.check_all(idents, errors)
            }
            Some(UpsertFields::ReplaceAll(_)) | None => {}
        }
    }
}

/// `identity` must name an identity of the resource.
pub(super) fn check_identity(resource: &Resource, identity: &Ident, errors: &mut Errors) {
    let identities: Vec<String> = resource.identities.iter().map(|i| i.ident.to_string()).collect();
    if identities.iter().any(|name| identity == name) {
        return;
    }
    let hint = match did_you_mean(&identity.to_string(), identities.iter().map(String::as_str)) {
        Some(name) => format!("did you mean `{name}`?"),
        None => match resource.form {
            Form::Block => format!("declare it in `identities`: `identity {identity} [..];`"),
            Form::Attribute => format!("declare it on the struct: `#[identity({identity}, keys(..))]`"),
        },
    };
    errors.error(identity.span(), format_args!("unknown identity `{identity}`; {hint}"));
}

/// The fields a validation names. Validations of an action may also name
/// its arguments (`confirm(password, password_confirmation)`).
pub fn check_validation_fields(resource: &Resource, errors: &mut Errors) {
    let scope = Scope::attributes(resource);
    for validation in &resource.validations {
        check_validation(&scope, validation, errors);
    }
    for action in &resource.actions.actions {
        let scope = Scope::with_arguments(resource, action);
        for validation in &action.validations {
            check_validation(&scope, validation, errors);
        }
    }
}

fn check_validation(scope: &Scope, validation: &Validation, errors: &mut Errors) {
    check_rule(scope, &validation.rule, errors);
    for condition in &validation.conditions {
        check_rule(scope, condition, errors);
    }
}

fn check_rule(scope: &Scope, rule: &ValidationRule, errors: &mut Errors) {
    match rule {
        // Its options are its type's fields, checked by rustc.
        ValidationRule::Custom(_) => {}
        ValidationRule::Present { fields, .. } | ValidationRule::Absent { fields, .. } => {
            scope.check_all(fields, errors)
        }
        ValidationRule::Compare { field, comparisons } => {
            scope.check(field, errors, None);
            for (_, operand) in comparisons {
                if let Operand::Field(other) = operand {
                    let hint = format!("to compare with a Rust value, write it in parentheses: `({other})`");
                    scope.check(other, errors, Some(&hint));
                }
            }
        }
        ValidationRule::Confirm { field, confirmation } => scope.check_all([field, confirmation], errors),
        ValidationRule::StringLength { field, .. }
        | ValidationRule::Match { field, .. }
        | ValidationRule::OneOf { field, .. }
        | ValidationRule::AttributeEquals { field, .. }
        | ValidationRule::AttributeDoesNotEqual { field, .. } => scope.check(field, errors, None),
    }
}

/// `get_by: [emial]`: attributes, each once, at least one.
pub fn check_get_by(resource: &Resource, errors: &mut Errors) {
    let scope = Scope::attributes(resource);
    for action in &resource.actions.actions {
        let Some(get_by) = &action.get_by else { continue };
        if get_by.value.is_empty() {
            errors.error(get_by.span, "`get_by` names no attribute; list the attributes to look the record up by");
        }
        for (i, field) in get_by.value.iter().enumerate() {
            if get_by.value[..i].contains(field) {
                errors.error(field.span(), format_args!("`{field}` is listed twice in `get_by`; remove one"));
            } else {
                scope.check(field, errors, None);
            }
        }
    }
}

/// `change set_attribute(naem, ..)` and `change set_attribute(name, arg(nmae))`.
pub fn check_changes(resource: &Resource, errors: &mut Errors) {
    let scope = Scope::attributes(resource);
    for action in &resource.actions.actions {
        for change in &action.changes {
            let (Change::SetAttribute { attribute, value } | Change::SetNewAttribute { attribute, value }) = change
            else {
                continue;
            };
            scope.check(attribute, errors, None);
            if let ChangeValue::Argument(argument) = value {
                check_argument(resource.form, action, argument, errors);
            }
        }
    }
    for change in &resource.changes {
        if let Change::SetAttribute { attribute, .. } | Change::SetNewAttribute { attribute, .. } = &change.change {
            scope.check(attribute, errors, None);
        }
    }
}

fn check_argument(form: Form, action: &Action, argument: &Ident, errors: &mut Errors) {
    let names: Vec<String> = action.arguments.iter().map(|a| a.ident.to_string()).collect();
    if names.iter().any(|name| argument == name) {
        return;
    }
    let hint = match did_you_mean(&argument.to_string(), names.iter().map(String::as_str)) {
        Some(name) => format!("did you mean `{name}`?"),
        None => format!("declare it with `{}`", form.argument(argument)),
    };
    errors.error(argument.span(), format_args!("action `{}` has no argument `{argument}`; {hint}", action.ident));
}
