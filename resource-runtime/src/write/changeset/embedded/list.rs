//! A list embed (`tags: Vec<Tag>`) edited with a JSON list: with a primary
//! key, items matching a current item update it, the other maps create new
//! items, and current items no new item matches are destroyed (their
//! destroy validations run). Without a primary key every item is created
//! and every current item destroyed, as in Ash.

use std::collections::HashMap;
use std::sync::Arc;

use super::{given_key, json_row, run_action, wrong_shape};
use crate::info::embedded::{describe, row_to_json};
use crate::info::error::{FieldError, PathStep};
use crate::info::value::{IndexKey, Value};
use crate::info::{ActionKind, Embed};
use crate::write::changeset::DynChangeset;

pub(super) fn cast_list(
    parent: &Arc<DynChangeset>,
    path: &[PathStep],
    embed: Embed,
    current: &Value,
    json: &serde_json::Value,
) -> Result<Value, Vec<FieldError>> {
    let info = describe(&embed);
    let old: Vec<serde_json::Value> = match current {
        Value::Json(serde_json::Value::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    let new = match json {
        serde_json::Value::Null => None,
        serde_json::Value::Array(items) => Some(items),
        other => return Err(vec![wrong_shape(path, embed, other)]),
    };
    // Current items by primary key, to match new items in one pass.
    let mut by_key: HashMap<Vec<IndexKey>, usize> = HashMap::new();
    let old_rows: Vec<_> = old.iter().map(|item| json_row(info, item)).collect();
    for (index, row) in old_rows.iter().enumerate() {
        let key: Vec<IndexKey> = info.primary_key().map(|i| row[i].index_key()).collect();
        if !key.is_empty() {
            by_key.entry(key).or_insert(index);
        }
    }
    let mut matched = vec![false; old_rows.len()];
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for (position, item) in new.into_iter().flatten().enumerate() {
        let item_path: Vec<PathStep> = path.iter().cloned().chain([PathStep::Index(position)]).collect();
        let serde_json::Value::Object(object) = item else {
            errors.push(wrong_shape(&item_path, embed.item(), item));
            continue;
        };
        let current = given_key(info, object)
            .map(|key| key.iter().map(Value::index_key).collect::<Vec<_>>())
            .and_then(|key| by_key.get(&key).copied())
            .filter(|&index| !matched[index]);
        let result = match current {
            Some(index) => {
                matched[index] = true;
                run_action(parent, &item_path, info, ActionKind::Update, Some(old_rows[index].clone()), object)
            }
            None => run_action(parent, &item_path, info, ActionKind::Create, None, object),
        };
        match result {
            Ok(row) => items.push(row_to_json(info, &row)),
            Err(mut found) => errors.append(&mut found),
        }
    }
    for (index, row) in old_rows.into_iter().enumerate() {
        if !matched[index] {
            let no_input = serde_json::Map::new();
            // Ash reports a destroy's errors without an index: the item is gone from the input.
            if let Err(mut found) = run_action(parent, path, info, ActionKind::Destroy, Some(row), &no_input) {
                errors.append(&mut found);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(match new {
        None => Value::Nil,
        Some(_) => Value::Json(serde_json::Value::Array(items)),
    })
}
