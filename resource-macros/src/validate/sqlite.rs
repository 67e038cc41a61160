//! The `sqlite` section: the attributes, identities and relationships its
//! options name, the nested sections' rules, and what has no Rust
//! counterpart (`code: true`).

use std::collections::HashSet;

use syn::Ident;

use super::references::{Scope, check_identity};
use crate::errors::{Errors, did_you_mean};
use crate::model::{Form, IndexField, KeyValue, ReferenceAction, RelationshipKind, Resource, Sqlite};
use crate::resolve::effective;
use crate::surface::common::list_all;

fn section(resource: &Resource) -> Option<&Sqlite> {
    resource.sqlite.as_ref()
}

/// Reports each name listed before in the option `option`, at its later occurrence.
fn check_listed_once<'a>(option: &str, idents: impl IntoIterator<Item = &'a Ident>, errors: &mut Errors) {
    let mut seen = HashSet::new();
    for ident in idents {
        if !seen.insert(ident.to_string()) {
            errors.error(ident.span(), format_args!("`{ident}` is listed twice in `{option}`; remove one"));
        }
    }
}

fn keys(entries: &[KeyValue]) -> impl Iterator<Item = &Ident> {
    entries.iter().map(|entry| &entry.key)
}

/// `unique_index_names: [([emial], "..")]`, `foreign_key_names: [(auther_id, "..")]`,
/// `exclusion_constraint_names`: the keys errors are reported on.
pub fn check_constraint_keys(resource: &Resource, errors: &mut Errors) {
    let Some(sqlite) = section(resource) else { return };
    let scope = Scope::attributes(resource);
    for index in &sqlite.unique_index_names {
        scope.check_all(&index.keys, errors);
    }
    for name in sqlite.foreign_key_names.iter().chain(&sqlite.exclusion_constraint_names) {
        scope.check(&name.key, errors, None);
    }
}

/// `migration_types: [prise: "NUMERIC"]`, `migration_defaults`,
/// `migration_ignore_attributes`: attributes, each once per option.
pub fn check_migration_keys(resource: &Resource, errors: &mut Errors) {
    let Some(sqlite) = section(resource) else { return };
    let scope = Scope::attributes(resource);
    for (option, entries) in
        [("migration_types", &sqlite.migration_types), ("migration_defaults", &sqlite.migration_defaults)]
    {
        scope.check_all(keys(entries), errors);
        check_listed_once(option, keys(entries), errors);
    }
    scope.check_all(&sqlite.migration_ignore_attributes, errors);
    check_listed_once("migration_ignore_attributes", &sqlite.migration_ignore_attributes, errors);
}

/// `skip_unique_indexes: [unique_emial]`, `identity_index_names: [unique_emial: ".."]`.
pub fn check_identity_options(resource: &Resource, errors: &mut Errors) {
    let Some(sqlite) = section(resource) else { return };
    for identity in sqlite.skip_unique_indexes.iter().chain(keys(&sqlite.identity_index_names)) {
        check_identity(resource, identity, errors);
    }
    check_listed_once("skip_unique_indexes", &sqlite.skip_unique_indexes, errors);
    check_listed_once("identity_index_names", keys(&sqlite.identity_index_names), errors);
}

/// `custom_indexes { index [titel]; index []; }`: fields and `include` name
/// attributes (a string is SQL, not checked); an index has a field; two
/// indexes do not share a name.
pub fn check_custom_indexes(resource: &Resource, errors: &mut Errors) {
    let Some(sqlite) = section(resource) else { return };
    let scope = Scope::attributes(resource);
    let mut names = HashSet::new();
    for index in &sqlite.custom_indexes {
        if index.fields.is_empty() {
            let example = match resource.form {
                Form::Block => "index [a, b]",
                Form::Attribute => "index([a, b])",
            };
            errors.error(
                index.span,
                format_args!("list the fields the index is on: `{example}` (a string is a SQL expression)"),
            );
        }
        for field in index.fields.iter().chain(&index.include) {
            if let IndexField::Attribute(ident) = field {
                scope.check(ident, errors, None);
            }
        }
        if let Some(name) = &index.name
            && !names.insert(name.value())
        {
            errors.error(name.span(), format_args!("two custom indexes are named `{}`; rename one", name.value()));
        }
    }
}

/// `custom_statements { statement add_fts { up: ".." } }`: unique names,
/// `up` and `down` written, and no `code: true` (Elixir code in Ash's
/// migrations; ours are SQL).
pub fn check_custom_statements(resource: &Resource, errors: &mut Errors) {
    let Some(sqlite) = section(resource) else { return };
    let mut seen = HashSet::new();
    for statement in &sqlite.custom_statements {
        let ident = &statement.ident;
        if !seen.insert(ident.to_string()) {
            errors.error(
                ident.span(),
                format_args!("duplicate custom statement `{ident}`; statement names must be unique"),
            );
        }
        let missing: Vec<&str> = [("up", &statement.up), ("down", &statement.down)]
            .into_iter()
            .filter(|(_, sql)| sql.is_none())
            .map(|(option, _)| option)
            .collect();
        if !missing.is_empty() {
            let needs = match missing.as_slice() {
                ["up"] => "`up`, the SQL that creates it",
                ["down"] => "`down`, the SQL that removes it",
                _ => "`up` and `down`: the SQL that creates it and the SQL that removes it",
            };
            errors.error(ident.span(), format_args!("statement `{ident}` needs {needs}"));
        }
        if let Some(code) = statement.code
            && code.value
        {
            errors.error(
                code.span,
                "Ash's `code?: true` puts Elixir code into its migrations; these migrations are SQL: \
                 write the SQL in `up` and `down` and remove `code`",
            );
        }
    }
}

/// `references { reference auther { .. } }`: a `belongs_to` of the
/// resource, configured once; `nilify` needs a key that may be nil.
pub fn check_references(resource: &Resource, errors: &mut Errors) {
    let Some(sqlite) = section(resource) else { return };
    let mut seen = HashSet::new();
    for reference in &sqlite.references.references {
        let ident = &reference.relationship;
        let Some(relationship) = resource.relationships.iter().find(|r| r.ident == *ident) else {
            unknown_relationship(resource, ident, errors);
            continue;
        };
        if relationship.kind != RelationshipKind::BelongsTo {
            errors.error(
                ident.span(),
                format_args!(
                    "`{ident}` is a {} relationship; `reference` configures the foreign key of a `belongs_to`",
                    relationship.kind.keyword()
                ),
            );
            continue;
        }
        if !seen.insert(ident.to_string()) {
            errors.error(
                ident.span(),
                format_args!("duplicate reference for `{ident}`; configure each relationship once"),
            );
        }
        let source = key_attribute(relationship);
        let allows_nil = resource.attributes.iter().find(|a| a.ident == source).is_none_or(|a| effective(a).allow_nil);
        for (option, action) in [("on_delete", reference.on_delete), ("on_update", reference.on_update)] {
            if let Some(action) = action
                && action.value == ReferenceAction::Nilify
                && !allows_nil
            {
                let (nilify, allow_nil) =
                    (resource.form.option(option, "nilify"), resource.form.option("allow_nil", true));
                errors.error(
                    action.span,
                    format_args!(
                        "`{nilify}` sets `{source}` to nil, which it does not allow; \
                         choose another action, or let `{ident}` be nil (`{allow_nil}`)"
                    ),
                );
            }
        }
    }
}

/// The attribute holding a `belongs_to`'s key: `source_attribute`, else `<name>_id`.
fn key_attribute(relationship: &crate::model::Relationship) -> Ident {
    relationship.source_attribute.clone().unwrap_or_else(|| {
        let name = crate::naming::unraw(&relationship.ident);
        quote::format_ident!("{}_id", name, span = relationship.ident.span())
    })
}

fn unknown_relationship(resource: &Resource, ident: &Ident, errors: &mut Errors) {
    let belongs_to: Vec<&crate::model::Relationship> =
        resource.relationships.iter().filter(|r| r.kind == RelationshipKind::BelongsTo).collect();
    if let Some(owner) = belongs_to.iter().find(|r| key_attribute(r) == *ident) {
        let example = match resource.form {
            Form::Block => format!("reference {}", owner.ident),
            Form::Attribute => format!("reference({}, ..)", owner.ident),
        };
        errors.error(
            ident.span(),
            format_args!(
                "`{ident}` is the key attribute of `{}`; `reference` names the relationship: `{example}`",
                owner.ident
            ),
        );
        return;
    }
    let names: Vec<String> = belongs_to.iter().map(|r| r.ident.to_string()).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let hint = match did_you_mean(&ident.to_string(), names.iter().copied()) {
        Some(name) => format!("did you mean `{name}`?"),
        None if names.is_empty() => "`reference` configures a `belongs_to`, and this resource has none".to_string(),
        None => format!("the `belongs_to` relationships are {}", list_all(&names)),
    };
    errors.error(ident.span(), format_args!("`{ident}` is no relationship of this resource; {hint}"));
}
