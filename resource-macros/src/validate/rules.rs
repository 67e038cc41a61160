//! Rules about the arguments of validations.

use syn::LitStr;

use crate::errors::Errors;
use crate::model::{ActionKind, Counts, Form, Resource, Validation, ValidationRule};

/// Every validation of the resource and of its actions.
fn all_validations(resource: &Resource) -> impl Iterator<Item = &Validation> {
    resource.validations.iter().chain(resource.actions.actions.iter().flat_map(|a| &a.validations))
}

/// `present([a, b], at_least: 3)`: a count no set of these fields can reach.
pub fn check_counts(resource: &Resource, errors: &mut Errors) {
    for validation in all_validations(resource) {
        let (ValidationRule::Present { fields, counts } | ValidationRule::Absent { fields, counts }) = &validation.rule
        else {
            continue;
        };
        let Counts { at_least, at_most, exactly } = counts;
        for (name, count) in [("at_least", at_least), ("at_most", at_most), ("exactly", exactly)] {
            if let Some(count) = count
                && count.value > fields.len()
            {
                let listed = match fields.len() {
                    1 => "1 field is".to_owned(),
                    n => format!("{n} fields are"),
                };
                let option = resource.form.option(name, count.value);
                errors.error(
                    count.span,
                    format_args!("`{option}` but only {listed} listed; lower the count or list more fields"),
                );
            }
        }
    }
}

/// `create register { validate present([a]) { on: [update] } }`: Ash's
/// action validations take no `on`; they run on their action.
pub fn check_action_validations_take_no_on(resource: &Resource, errors: &mut Errors) {
    let section = match resource.form {
        Form::Block => "the `validations` section",
        Form::Attribute => "a `#[validate(..)]` on the struct",
    };
    for validation in resource.actions.actions.iter().flat_map(|a| &a.validations) {
        if let Some(span) = validation.on_span {
            errors.error(
                span,
                format_args!(
                    "an action's validation runs on that action and takes no `on`; remove it, or move the validation to {section}"
                ),
            );
        }
    }
}

/// `changes { change X on [read] }`: changes run when data changes.
pub fn check_change_on(resource: &Resource, errors: &mut Errors) {
    for (kind, span) in resource.changes.iter().flat_map(|c| c.on.iter().flatten()) {
        if *kind == ActionKind::Read {
            errors.error(*span, "changes run on `create`, `update` and `destroy` actions, not on `read`; remove it");
        }
    }
}

/// `validate present([a]) { on: [read] }`: validations run when data changes.
pub fn check_on(resource: &Resource, errors: &mut Errors) {
    for validation in all_validations(resource) {
        for (kind, span) in validation.on.iter().flatten() {
            if *kind == ActionKind::Read {
                errors.error(
                    *span,
                    "validations run on `create`, `update` and `destroy` actions, not on `read`; remove it",
                );
            }
        }
    }
}

/// `string_length(name, min: 10, max: 5)`.
pub fn check_string_lengths(resource: &Resource, errors: &mut Errors) {
    for validation in all_validations(resource) {
        if let ValidationRule::StringLength { min: Some(min), max: Some(max), .. } = &validation.rule
            && min.value > max.value
        {
            errors.error(min.span, format_args!("`min` ({}) is greater than `max` ({})", min.value, max.value));
        }
    }
}

/// `match(email, "[a-")`: the pattern must compile, as it will at run time.
pub fn check_patterns(resource: &Resource, errors: &mut Errors) {
    for validation in all_validations(resource) {
        if let ValidationRule::Match { pattern, .. } = &validation.rule {
            check_regex(pattern, errors);
        }
    }
}

/// Reports a pattern that the `regex` crate rejects, with its reason.
pub fn check_regex(pattern: &LitStr, errors: &mut Errors) {
    if let Err(error) = regex::Regex::new(&pattern.value()) {
        // The error spans several lines (pattern, caret, reason); the last line is the reason.
        let message = error.to_string();
        let reason = message.lines().last().unwrap_or_default().trim_start_matches("error: ");
        errors.error(pattern.span(), format_args!("invalid regex in `match`: {reason}"));
    }
}
