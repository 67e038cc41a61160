//! Casting to an embedded resource's shape without running its actions: a
//! typed record given directly, an argument, or a value read back from
//! storage. Each attribute is cast to its type; a missing key takes the
//! attribute's default (so data stored before the attribute existed reads
//! back); unknown keys are dropped, as Ash's `cast_stored` ignores them.
//! The actions (create, update, destroy) run in the write wing (`write/embedded`).

use super::cast_json;
use crate::info::embedded::{describe, json_kind};
use crate::info::value::Value;
use crate::info::{Embed, Type};

/// `json` as a value of `embed`, or why it has the wrong shape: the message
/// starts with the path inside the value (`[2].name: is invalid`).
pub fn cast_embedded(embed: Embed, json: &serde_json::Value) -> Result<Value, String> {
    Ok(match shape(embed, json)? {
        serde_json::Value::Null => Value::Nil,
        json => Value::Json(json),
    })
}

fn shape(embed: Embed, json: &serde_json::Value) -> Result<serde_json::Value, String> {
    use serde_json::Value as J;
    match (embed.list, json) {
        (_, J::Null) => Ok(J::Null),
        (true, J::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(index, item)| match item {
                J::Null => Err(format!("[{index}]: is invalid")),
                item => shape(embed.item(), item).map_err(|e| format!("[{index}]{}", dotted(&e))),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(J::Array),
        (false, J::Object(object)) => {
            let info = describe(&embed);
            let mut out = serde_json::Map::new();
            for attribute in info.attributes {
                let value = match object.get(attribute.name) {
                    Some(field) => match attribute.ty {
                        Type::Embedded(inner) => shape(inner, field).map_err(|e| format!("{}{e}", attribute.name))?,
                        ty => cast_json(ty, field).map_err(|e| format!("{}: {e}", attribute.name))?.to_json(),
                    },
                    None => attribute.default.map_or(J::Null, |default| default().to_json()),
                };
                out.insert(attribute.name.to_string(), value);
            }
            Ok(J::Object(out))
        }
        (true, other) => Err(format!(": expected a list of {}, got {}", embed.name, json_kind(other))),
        (false, other) => Err(format!(": expected a {} object, got {}", embed.name, json_kind(other))),
    }
}

/// `name: ..` after an index reads `[0].name: ..`; `[1]: ..` stays as it is.
fn dotted(rest: &str) -> String {
    if rest.starts_with(':') || rest.starts_with('[') { rest.to_string() } else { format!(".{rest}") }
}
