//! Semantic checks of a `model::Resource`, the same for both surfaces.
//!
//! One `check_*` function per rule. Each reports at the token the user
//! wrote and keeps going, so that one compile shows every mistake; the
//! messages are lowercase, put names in backticks and say how to fix it.

mod actions;
mod embedded;
mod names;
mod references;
mod relations;
mod rules;
mod sqlite;
mod types;

use proc_macro2::Span;
use quote::ToTokens;
use syn::Type;

use crate::errors::Errors;
use crate::model::{FilterExpr, UpsertFields};
use crate::resolve::Resolved;

/// Records every error of the resolved resource in `errors`.
pub fn check(resolved: &Resolved, errors: &mut Errors) {
    let resource = resolved.resource;
    names::check_unknown_options(resource, errors);
    names::check_duplicate_attributes(resource, errors);
    names::check_duplicate_identities(resource, errors);
    names::check_duplicate_actions(resource, errors);
    names::check_duplicate_arguments(resource, errors);

    types::check_primary_key_exists(resource, errors);
    types::check_primary_key_not_optional(resource, errors);
    types::check_allow_nil(resource, errors);
    types::check_constraints(resource, errors);

    references::check_accepted_attributes(resource, errors);
    references::check_identity_keys(resource, errors);
    references::check_upsert_references(resource, errors);
    references::check_validation_fields(resource, errors);
    references::check_changes(resource, errors);
    references::check_get_by(resource, errors);

    embedded::check_no_relations(resource, errors);
    embedded::check_embed_nil_values(resource, errors);

    relations::check_unique_names(resource, errors);
    relations::check_expressions(resource, errors);
    relations::check_aggregates(resource, errors);
    relations::check_relationships(resource, errors);
    relations::check_polymorphic(resource, errors);

    sqlite::check_constraint_keys(resource, errors);
    sqlite::check_migration_keys(resource, errors);
    sqlite::check_identity_options(resource, errors);
    sqlite::check_custom_indexes(resource, errors);
    sqlite::check_custom_statements(resource, errors);
    sqlite::check_references(resource, errors);

    actions::check_defaults(resource, errors);
    actions::check_primary_actions(resource, errors);
    actions::check_upsert_options(resource, errors);
    actions::check_read_options(resource, errors);
    actions::check_pagination(resource, errors);
    actions::check_accept_writable(resource, errors);
    actions::check_required_are_accepted(resource, errors);

    rules::check_on(resource, errors);
    rules::check_action_validations_take_no_on(resource, errors);
    rules::check_change_on(resource, errors);
    rules::check_counts(resource, errors);
    rules::check_string_lengths(resource, errors);
    rules::check_patterns(resource, errors);
}

/// A type as the user would write it: `Option<String>`, not `Option < String >`.
fn type_name(ty: &Type) -> String {
    let mut name = ty.to_token_stream().to_string();
    for (spaced, tight) in [(" < ", "<"), ("< ", "<"), (" >", ">"), (" :: ", "::"), (":: ", "::"), (" ,", ",")] {
        name = name.replace(spaced, tight);
    }
    name
}

/// The span of the first token of a filter, where errors about it point.
fn filter_span(filter: &FilterExpr) -> Span {
    filter.span()
}

/// Where `upsert_fields` was written: its first field, else `fallback`.
fn upsert_fields_span(fields: &UpsertFields, fallback: Span) -> Span {
    match fields {
        UpsertFields::ReplaceAll(span) => *span,
        UpsertFields::Replace(idents) | UpsertFields::ReplaceAllExcept(idents) => {
            idents.first().map_or(fallback, |ident| ident.span())
        }
    }
}
