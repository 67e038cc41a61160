//! Editing an embedded attribute with a map (Ash's `Ash.EmbeddableType`):
//! JSON input runs the embedded resource's own actions, with their changes
//! and validations, on a changeset that is never written anywhere.
//!
//! A single embed (`profile`):
//!
//! | current | new               | runs                                  |
//! |---------|-------------------|---------------------------------------|
//! | nil     | map               | create                                |
//! | present | nil (or `""`)     | destroy of the current value          |
//! | present | map, same key     | update (a merge: keys not given stay) |
//! | present | map, other key    | destroy of the current, create        |
//! | present | map, no key       | update (the embed has no primary key) |
//!
//! A list (`tags`): items whose primary key matches a current item are
//! updates of it, the other maps creates, and the current items left
//! unmatched are destroyed (`embedded/list.rs`). Then each identity of the
//! embed must be unique within the list (`embedded/unique.rs`).
//!
//! Typed records given directly (`Input::Value`) do not come here: they
//! are used as they are (`info::cast::embedded`).

mod list;
mod unique;

use std::sync::Arc;

use crate::info::cast::cast_json;
use crate::info::embedded::{describe, json_kind, row_to_json};
use crate::info::error::{FieldError, FieldErrorKind, PathStep};
use crate::info::value::{Row, Value};
use crate::info::{ActionKind, Embed, ResourceInfo};
use crate::write::changeset::DynChangeset;

pub(crate) use unique::unique_errors;

/// The new value of embedded attribute `name` for JSON input `json`, given
/// the value it has now (`current`), running the embed's actions; their
/// changesets' `source()` is `parent`.
pub(crate) fn cast_input(
    parent: &DynChangeset,
    name: &str,
    embed: Embed,
    current: &Value,
    json: &serde_json::Value,
) -> Result<Value, Vec<FieldError>> {
    let path = [PathStep::Field(name.to_string())];
    let source = Arc::new(parent.clone());
    let value = if embed.list {
        list::cast_list(&source, &path, embed, current, json)?
    } else {
        cast_single(&source, &path, embed, current, json)?
    };
    let errors = unique_errors(embed, &path, &value);
    if errors.is_empty() { Ok(value) } else { Err(errors) }
}

fn cast_single(
    parent: &Arc<DynChangeset>,
    path: &[PathStep],
    embed: Embed,
    current: &Value,
    json: &serde_json::Value,
) -> Result<Value, Vec<FieldError>> {
    let info = describe(&embed);
    let old = stored_row(info, current);
    let object = match json {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) if s.is_empty() => None,
        serde_json::Value::Object(object) => Some(object),
        other => return Err(vec![wrong_shape(path, embed, other)]),
    };
    let Some(object) = object else {
        if let Some(old) = old {
            run_action(parent, path, info, ActionKind::Destroy, Some(old), &serde_json::Map::new())?;
        }
        return Ok(Value::Nil);
    };
    let row = match old {
        None => run_action(parent, path, info, ActionKind::Create, None, object)?,
        Some(old) if same_key(info, &old, object) => {
            run_action(parent, path, info, ActionKind::Update, Some(old), object)?
        }
        Some(old) => {
            let row = run_action(parent, path, info, ActionKind::Create, None, object)?;
            run_action(parent, path, info, ActionKind::Destroy, Some(old), &serde_json::Map::new())?;
            row
        }
    };
    Ok(Value::Json(row_to_json(info, &row)))
}

/// The error for input of the wrong shape: a list for a single embed, a
/// number for an item.
fn wrong_shape(path: &[PathStep], embed: Embed, got: &serde_json::Value) -> FieldError {
    let expected = if embed.list { format!("a list of {}", embed.name) } else { format!("a {} object", embed.name) };
    FieldError::at_path(
        path.to_vec(),
        FieldErrorKind::InvalidType,
        format!("is invalid: expected {expected}, got {}", json_kind(got)),
    )
}

/// Whether an update of `old` with `object` keeps its identity: with no
/// primary key, always (an update merges); with one, when `object` gives
/// it and it casts equal to `old`'s.
fn same_key(info: &ResourceInfo, old: &Row, object: &serde_json::Map<String, serde_json::Value>) -> bool {
    let mut keys = info.primary_key().peekable();
    if keys.peek().is_none() {
        return true;
    }
    keys.all(|index| {
        let attribute = &info.attributes[index];
        let given = object.get(attribute.name).and_then(|json| cast_json(attribute.ty, json).ok());
        given.is_some_and(|given| given.loose_eq(&old[index]))
    })
}

/// The primary key of `object` as given, if it has one that casts.
pub(super) fn given_key(
    info: &ResourceInfo,
    object: &serde_json::Map<String, serde_json::Value>,
) -> Option<Vec<Value>> {
    let keys: Vec<usize> = info.primary_key().collect();
    if keys.is_empty() {
        return None;
    }
    keys.iter()
        .map(|&index| {
            let attribute = &info.attributes[index];
            cast_json(attribute.ty, object.get(attribute.name)?).ok().filter(|v| !v.is_nil())
        })
        .collect()
}

/// The current value as a row of the embed (`None` for nil).
fn stored_row(info: &ResourceInfo, value: &Value) -> Option<Row> {
    match value {
        Value::Json(json @ serde_json::Value::Object(_)) => Some(json_row(info, json)),
        _ => None,
    }
}

/// A stored JSON object of the embed as a row (its shape already checked).
pub(super) fn json_row(info: &ResourceInfo, json: &serde_json::Value) -> Row {
    info.attributes
        .iter()
        .map(|attribute| match json.get(attribute.name) {
            Some(field) => cast_json(attribute.ty, field).unwrap_or(Value::Nil),
            None => Value::Nil,
        })
        .collect()
}

/// Runs the embed's primary action of `kind` on `data` with `object` as its
/// input, in the parent's domain; the resulting row, or the errors found
/// (their paths under `path`). Primary key fields the action does not
/// accept are left out of the input (Ash keeps them out of
/// `skip_unknown_inputs`' reach): they match items, they are not written.
pub(super) fn run_action(
    parent: &Arc<DynChangeset>,
    path: &[PathStep],
    info: &'static ResourceInfo,
    kind: ActionKind,
    data: Option<Row>,
    object: &serde_json::Map<String, serde_json::Value>,
) -> Result<Row, Vec<FieldError>> {
    let Some(action) = info.primary_action(kind) else {
        let message = format!("{} has no primary {} action", info.name, kind.as_str());
        return Err(vec![FieldError::at_path(path.to_vec(), FieldErrorKind::Validation, message)]);
    };
    let inputs = object
        .iter()
        .filter(|(key, _)| {
            action.accept.contains(&key.as_str()) || !info.attribute(key).is_some_and(|attribute| attribute.primary_key)
        })
        .map(|(key, value)| (key.clone(), crate::info::cast::Input::Json(value.clone())))
        .collect::<Vec<_>>();
    let source = Some(Arc::clone(parent));
    let changeset = DynChangeset::build_from(&parent.domain, info, None, action.name, kind, data, inputs, source)
        .map_err(|error| vec![FieldError::at_path(path.to_vec(), FieldErrorKind::Validation, error.to_string())])?;
    if !changeset.is_valid() {
        return Err(changeset.errors.into_iter().map(|error| error.nested(path)).collect());
    }
    Ok((0..info.attributes.len()).map(|index| changeset.attribute_at(index)).collect())
}
