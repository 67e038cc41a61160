//! Identity checks with Ash's semantics: *eager* checks when the changeset is
//! built, *pre* checks just before the write. The data layer still enforces
//! identities at the write itself; these checks give the early, friendly error.

use crate::data_layer::Target;
use crate::data_layer::query::DataQuery;
use crate::domain::Domain;
use crate::expr::tree::{BinaryOp, Expr};
use crate::info::error::{Error, FieldError, FieldErrorKind, Result};
use crate::info::value::{Row, Value};
use crate::info::{ActionInfo, ActionKind, IdentityInfo, ResourceInfo, UpsertFields};

/// What the identity checks read of a changeset: the write it is about to make.
pub struct Write<'a> {
    pub domain: &'a Domain,
    /// The resource, and a polymorphic one's table.
    pub target: Target<'a>,
    pub action: &'static ActionInfo,
    /// The record being updated; `None` on create.
    pub data: Option<&'a [Value]>,
    /// The row as it will be written.
    pub new_row: Row,
    /// The identity an upsert resolves conflicts on (the action's, or the
    /// call's override); `None`: the primary key, or no upsert.
    pub upsert_identity: Option<&'a str>,
}

impl Write<'_> {
    fn is_changing(&self, index: usize) -> bool {
        self.data.is_none_or(|old| old[index] != self.new_row[index])
    }
}

/// Whether any identity of `resource` is selected: only then is a [`Write`] worth making.
pub fn any(resource: &ResourceInfo, selected: impl Fn(&IdentityInfo) -> bool) -> bool {
    resource.identities.iter().any(selected)
}

/// Errors of the identities marked `eager_check`.
pub fn eager_check(changeset: &Write<'_>) -> Result<Vec<FieldError>> {
    check(changeset, |identity| identity.eager_check)
}

/// Errors of the identities marked `pre_check`, or of every identity when
/// `every` (a layer that does not enforce identities itself).
pub fn pre_check(changeset: &Write<'_>, every: bool) -> Result<Vec<FieldError>> {
    check(changeset, |identity| every || identity.pre_check)
}

fn check(changeset: &Write<'_>, selected: impl Fn(&IdentityInfo) -> bool) -> Result<Vec<FieldError>> {
    let mut errors = Vec::new();
    for identity in changeset.target.resource.identities.iter().filter(|i| selected(i)) {
        if applies(changeset, identity) && is_taken(changeset, identity)? {
            errors.push(FieldError::on_fields(identity.error_fields(), FieldErrorKind::Taken, identity.message()));
        }
    }
    Ok(errors)
}

/// Creates check every identity except the one an upsert resolves conflicts
/// on; updates check an identity only when one of its keys is changing.
fn applies(changeset: &Write<'_>, identity: &IdentityInfo) -> bool {
    let action = changeset.action;
    match action.kind {
        ActionKind::Create => !(action.upsert && changeset.upsert_identity == Some(identity.name)),
        ActionKind::Update => {
            key_indices(changeset.target.resource, identity).iter().any(|&i| changeset.is_changing(i))
        }
        ActionKind::Read | ActionKind::Destroy => false,
    }
}

fn key_indices(resource: &ResourceInfo, identity: &IdentityInfo) -> Vec<usize> {
    identity.keys.iter().filter_map(|k| resource.attribute_index(k)).collect()
}

/// Looks the identity's new key values up (by index) and reports whether
/// another record holds them.
fn is_taken(changeset: &Write<'_>, identity: &IdentityInfo) -> Result<bool> {
    let resource = changeset.target.resource;
    let keys = key_indices(resource, identity);
    let values: Vec<Value> = keys.iter().map(|&i| changeset.new_row[i].clone()).collect();
    if identity.nils_distinct && values.iter().any(Value::is_nil) {
        return Ok(false);
    }
    let layer = changeset.domain.data_layer(resource)?;
    let own = changeset.data;
    let is_self = |found: &[Value]| own.is_some_and(|row| resource.primary_key().all(|i| row[i] == found[i]));
    if values.iter().any(Value::is_nil) {
        // `nils_distinct: false`: a nil key matches a nil key, which no
        // index lookup says (nil equals nothing there): read by filter.
        let filter = keys.iter().zip(&values).map(|(&i, value)| {
            let field = Expr::field(resource.attributes[i].name);
            if value.is_nil() {
                Expr::is_nil(field)
            } else {
                Expr::binary(BinaryOp::Eq, field, Expr::Value(value.clone()))
            }
        });
        let query = DataQuery { filter: filter.reduce(Expr::and), limit: Some(2), ..DataQuery::default() };
        let found = layer.read(changeset.target, &query)?;
        return Ok(found.iter().any(|row| !is_self(row)));
    }
    let Some(found) = layer.get(changeset.target, &keys, &values)? else {
        return Ok(false);
    };
    Ok(!is_self(&found))
}

/// What one call changes of its upsert action (`Changeset::upsert_identity`,
/// `upsert_fields`, `touch_update_defaults`); `None`: the action's own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UpsertOverride {
    /// The identity deciding the conflict.
    pub identity: Option<String>,
    /// The attributes overwritten on conflict (`{:replace, [..]}`).
    pub fields: Option<Vec<String>>,
    /// Ash's `touch_update_defaults?`.
    pub touch_update_defaults: Option<bool>,
}

/// An upsert's plan: the attribute indices that decide a conflict and the
/// ones overwritten on conflict.
#[derive(Debug, Clone, PartialEq)]
pub struct UpsertPlan {
    /// The upsert identity's keys, else the primary key.
    pub keys: Vec<usize>,
    /// Overwritten on conflict; empty: the conflicting row stays as it is.
    pub fields: Vec<usize>,
}

/// The identity an upsert resolves conflicts on: the call's, else the action's.
pub fn upsert_identity<'a>(action: &'static ActionInfo, call: &'a UpsertOverride) -> Option<&'a str> {
    call.identity.as_deref().or(action.upsert_identity)
}

/// For an upsert: its [`UpsertPlan`]. Update defaults (`updated_at`) are
/// added to the fields as Ash does, unless `touch_update_defaults` is false
/// or `upsert_fields` is written as `[]` (Ash's `set_on_upsert`: nothing to
/// set, nothing touched). A call's override naming no identity or no
/// attribute is `Error::Invalid` naming it.
pub fn upsert_plan(
    resource: &ResourceInfo,
    action: &'static ActionInfo,
    call: &UpsertOverride,
    explicit: impl Fn(usize) -> bool,
) -> Result<UpsertPlan> {
    let keys: Vec<usize> = match upsert_identity(action, call) {
        Some(name) => {
            let identity = resource.identity(name).ok_or_else(|| match &call.identity {
                Some(_) => {
                    let known: Vec<&str> = resource.identities.iter().map(|i| i.name).collect();
                    Error::invalid(FieldError::new(
                        "upsert_identity",
                        FieldErrorKind::NoSuchField,
                        format!("no identity `{name}` on {} (identities: {})", resource.name, known.join(", ")),
                    ))
                }
                None => Error::DataLayer(format!("upsert identity `{name}` does not exist on {}", resource.name)),
            })?;
            key_indices(resource, identity)
        }
        None => resource.primary_key().collect(),
    };
    let candidates = 0..resource.attributes.len();
    let named = |names: &[&str]| -> Vec<usize> { names.iter().filter_map(|n| resource.attribute_index(n)).collect() };
    let (mut fields, written_empty): (Vec<usize>, bool) = match &call.fields {
        Some(names) => {
            let unknown: Vec<&str> =
                names.iter().map(String::as_str).filter(|n| resource.attribute_index(n).is_none()).collect();
            if !unknown.is_empty() {
                let errors = unknown
                    .iter()
                    .map(|n| {
                        let message = format!("`{n}` in `upsert_fields` is no attribute of {}", resource.name);
                        FieldError::new(*n, FieldErrorKind::NoSuchField, message)
                    })
                    .collect();
                return Err(Error::Invalid(errors));
            }
            (names.iter().filter_map(|n| resource.attribute_index(n)).collect(), names.is_empty())
        }
        None => match action.upsert_fields {
            UpsertFields::Changing => (candidates.filter(|&i| explicit(i)).collect(), false),
            // Not-writable attributes without an update default (create timestamps) keep their first value.
            UpsertFields::ReplaceAll => (
                candidates
                    .filter(|&i| resource.attributes[i].writable || resource.attributes[i].update_default.is_some())
                    .collect(),
                false,
            ),
            UpsertFields::Replace(names) => (named(names), names.is_empty()),
            UpsertFields::ReplaceAllExcept(names) => {
                let except = named(names);
                (candidates.filter(|i| !except.contains(i)).collect(), false)
            }
        },
    };
    // Keys and the primary key never change on conflict.
    fields.retain(|i| !keys.contains(i) && !resource.attributes[*i].primary_key);
    let touch = call.touch_update_defaults.unwrap_or(action.touch_update_defaults) && !written_empty;
    if touch {
        for (i, attribute) in resource.attributes.iter().enumerate() {
            if attribute.update_default.is_some() && !fields.contains(&i) && !keys.contains(&i) {
                fields.push(i);
            }
        }
    }
    Ok(UpsertPlan { keys, fields })
}
