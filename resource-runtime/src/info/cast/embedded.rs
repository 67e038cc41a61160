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

/// `json` as a value of `embed`, or why it has the wrong shape: the path
/// inside the value, then what is wrong (`[2].name: is invalid`; just the
/// reason when the value itself is wrong).
pub fn cast_embedded(embed: Embed, json: &serde_json::Value) -> Result<Value, String> {
    match shape(embed, json) {
        Ok(serde_json::Value::Null) => Ok(Value::Nil),
        Ok(json) => Ok(Value::Json(json)),
        Err((path, message)) if path.is_empty() => Err(message),
        Err((path, message)) => Err(format!("{path}: {message}")),
    }
}

/// A problem: where inside the value (`[2].name`, empty for the value itself), and what.
type Problem = (String, String);

fn shape(embed: Embed, json: &serde_json::Value) -> Result<serde_json::Value, Problem> {
    use serde_json::Value as J;
    match (embed.list, json) {
        (_, J::Null) => Ok(J::Null),
        (true, J::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(index, item)| match item {
                J::Null => Err((format!("[{index}]"), "is invalid".to_string())),
                item => {
                    shape(embed.item(), item).map_err(|(path, message)| (join(&format!("[{index}]"), &path), message))
                }
            })
            .collect::<Result<Vec<_>, _>>()
            .map(J::Array),
        (false, J::Object(object)) => {
            let info = describe(&embed);
            let mut out = serde_json::Map::new();
            for attribute in info.attributes {
                let at = |(path, message): Problem| (join(attribute.name, &path), message);
                let value = match object.get(attribute.name) {
                    Some(field) => match attribute.ty {
                        Type::Embedded(inner) => shape(inner, field).map_err(at)?,
                        ty => cast_json(ty, field).map_err(|message| at((String::new(), message)))?.to_json(),
                    },
                    None => attribute.default.map_or(J::Null, |default| default().to_json()),
                };
                out.insert(attribute.name.to_string(), value);
            }
            Ok(J::Object(out))
        }
        (true, other) => Err((String::new(), format!("expected a list of {}, got {}", embed.name, json_kind(other)))),
        (false, other) => Err((String::new(), format!("expected a {} object, got {}", embed.name, json_kind(other)))),
    }
}

/// `outer` then `inner` as a path: `[0]` + `name` is `[0].name`, `tags` + `[1]` is `tags[1]`.
fn join(outer: &str, inner: &str) -> String {
    match inner.chars().next() {
        None => outer.to_string(),
        Some('[') => format!("{outer}{inner}"),
        Some(_) => format!("{outer}.{inner}"),
    }
}
