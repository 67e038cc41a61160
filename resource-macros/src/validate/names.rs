//! Names: unknown option names, and names declared twice.

use std::collections::HashSet;

use syn::Ident;

use crate::errors::{Errors, did_you_mean};
use crate::model::Resource;
use crate::surface::common::list;
use crate::surface::common::names::{ACTION_KINDS, noun};

/// An option or section name the surface did not know.
///
/// `attribute name: String { alow_nil: false }` -> unknown option `alow_nil`; did you mean `allow_nil`?
pub fn check_unknown_options(resource: &Resource, errors: &mut Errors) {
    for unknown in &resource.unknown_options {
        let name = unknown.ident.to_string();
        let noun = noun(unknown.expected);
        let hint = match did_you_mean(&name, unknown.expected.iter().copied()) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None if unknown.expected == ACTION_KINDS && name == "delete" => {
                "did you mean `destroy`? (Ash's name for the action that deletes)".to_string()
            }
            None if unknown.expected.len() == 1 => format!("expected {}", list(unknown.expected)),
            None => format!("expected one of {}", list(unknown.expected)),
        };
        errors.error(unknown.ident.span(), format_args!("unknown {noun} `{name}`; {hint}"));
    }
}

/// `attribute email: String; attribute email: CiString;`
pub fn check_duplicate_attributes(resource: &Resource, errors: &mut Errors) {
    report_duplicates("attribute", resource.attributes.iter().map(|a| &a.ident), errors);
}

/// `identity email [email]; identity email [name];`
pub fn check_duplicate_identities(resource: &Resource, errors: &mut Errors) {
    report_duplicates("identity", resource.identities.iter().map(|i| &i.ident), errors);
}

/// `defaults [create]; create create { .. }` or two actions of one name,
/// whatever their kinds: Ash looks actions up by name.
pub fn check_duplicate_actions(resource: &Resource, errors: &mut Errors) {
    let defaults: HashSet<&str> = resource.actions.defaults.iter().map(|(kind, _)| kind.keyword()).collect();
    for action in &resource.actions.actions {
        let name = action.ident.to_string();
        if defaults.contains(name.as_str()) {
            errors.error(
                action.ident.span(),
                format_args!(
                    "duplicate action `{name}`: `defaults` already declares it; rename this action or remove `{name}` from `defaults`"
                ),
            );
        }
    }
    report_duplicates("action", resource.actions.actions.iter().map(|a| &a.ident), errors);
}

/// `argument code: String; argument code: i64;`
pub fn check_duplicate_arguments(resource: &Resource, errors: &mut Errors) {
    for action in &resource.actions.actions {
        report_duplicates("argument", action.arguments.iter().map(|a| &a.ident), errors);
    }
}

/// Reports each name seen before, at its later occurrence.
fn report_duplicates<'a>(what: &str, idents: impl Iterator<Item = &'a Ident>, errors: &mut Errors) {
    let mut seen = HashSet::new();
    for ident in idents {
        if !seen.insert(ident.to_string()) {
            errors.error(ident.span(), format_args!("duplicate {what} `{ident}`; {what} names must be unique"));
        }
    }
}
