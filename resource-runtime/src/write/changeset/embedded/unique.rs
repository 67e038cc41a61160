//! Identities of an embedded resource make each list unique on them (Ash's
//! `apply_constraints_array`), and so does the primary key; unlike Ash, the error names the position of
//! the repeat (`tags[2].name: has already been taken`).

use std::collections::HashSet;

use crate::info::Embed;
use crate::info::embedded::describe;
use crate::info::error::{FieldError, FieldErrorKind, PathStep};
use crate::info::value::{IndexKey, Value};

/// The repeats of each identity in list value `value` of `embed` (at `path`);
/// empty for a single embed or a unique list.
pub(crate) fn unique_errors(embed: Embed, path: &[PathStep], value: &Value) -> Vec<FieldError> {
    let Value::Json(serde_json::Value::Array(items)) = value else { return Vec::new() };
    if !embed.list {
        return Vec::new();
    }
    let info = describe(&embed);
    let key: Vec<&'static str> = info.primary_key().map(|index| info.attributes[index].name).collect();
    // The primary key too (Ash's `type: :primary_key`, nils not distinct):
    // two typed items with one id would be one item updated twice.
    let primary = (!key.is_empty()).then_some((key.as_slice(), key.as_slice(), false, "has already been taken"));
    let identities = info.identities.iter().map(|i| (i.keys, i.error_fields(), i.nils_distinct, i.message()));
    let mut errors = Vec::new();
    for (keys, fields, nils_distinct, message) in primary.into_iter().chain(identities) {
        let mut seen: HashSet<Vec<IndexKey>> = HashSet::new();
        for (position, item) in items.iter().enumerate() {
            let values: Vec<Value> = keys
                .iter()
                .map(|key| {
                    let attribute = info.attribute(key);
                    let json = item.get(*key).cloned().unwrap_or_default();
                    attribute.and_then(|a| crate::info::cast::cast_json(a.ty, &json).ok()).unwrap_or(Value::Nil)
                })
                .collect();
            if nils_distinct && values.iter().any(Value::is_nil) {
                continue;
            }
            if !seen.insert(values.iter().map(Value::index_key).collect()) {
                let item_path: Vec<PathStep> = path.iter().cloned().chain([PathStep::Index(position)]).collect();
                let error = FieldError::on_fields(fields, FieldErrorKind::Taken, message);
                errors.push(error.nested(&item_path));
            }
        }
    }
    errors
}
