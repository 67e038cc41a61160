//! Embedded resources as values: the description behind an `Embed`, a record
//! as its JSON object, and the stored text (keys in declaration order).
//!
//! An embedded value is a `Value::Json` object with one key per attribute
//! (`Value::to_json` of each), or an array of such objects for a list.

use crate::info::value::{Row, Value};
use crate::info::{Embed, ResourceInfo, Type};

/// The embedded resource an attribute holds.
pub fn describe(embed: &Embed) -> &'static ResourceInfo {
    match (embed.describe)().downcast_ref::<ResourceInfo>() {
        Some(info) => info,
        // Only a hand-written `Embed` can get here; generated code names a resource.
        None => panic!("Embed `{}` does not describe a ResourceInfo", embed.name),
    }
}

/// A row of an embedded resource as its JSON object (nils included).
pub fn row_to_json(info: &ResourceInfo, row: &Row) -> serde_json::Value {
    let object = info.attributes.iter().zip(row).map(|(a, v)| (a.name.to_string(), v.to_json())).collect();
    serde_json::Value::Object(object)
}

/// The text an embedded value is stored as: keys in declaration order (so
/// the same value is always the same text), nested embeds likewise; nil
/// keys left out when the resource says `embed_nil_values: false`.
/// Fails when the value does not have the embed's shape.
pub fn stored_text(embed: &Embed, value: &serde_json::Value) -> Result<String, String> {
    let mut out = String::new();
    write_embed(embed, value, &mut out)?;
    Ok(out)
}

fn write_embed(embed: &Embed, value: &serde_json::Value, out: &mut String) -> Result<(), String> {
    use serde_json::Value as J;
    match (embed.list, value) {
        (_, J::Null) => out.push_str("null"),
        (true, J::Array(items)) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_embed(&embed.item(), item, out).map_err(|e| format!("[{index}]{e}"))?;
            }
            out.push(']');
        }
        (false, J::Object(object)) => {
            let info = describe(embed);
            out.push('{');
            let mut first = true;
            for attribute in info.attributes {
                let field = object.get(attribute.name).unwrap_or(&J::Null);
                if field.is_null() && !embed.nil_values {
                    continue;
                }
                if !first {
                    out.push(',');
                }
                first = false;
                out.push_str(&J::String(attribute.name.to_string()).to_string());
                out.push(':');
                match attribute.ty {
                    Type::Embedded(inner) => {
                        write_embed(&inner, field, out).map_err(|e| format!(".{}{e}", attribute.name))?
                    }
                    _ => out.push_str(&field.to_string()),
                }
            }
            out.push('}');
        }
        (true, other) => return Err(format!(": expected a list of {}, got {}", embed.name, json_kind(other))),
        (false, other) => return Err(format!(": expected a {} object, got {}", embed.name, json_kind(other))),
    }
    Ok(())
}

/// The kind of a JSON value, for messages: `"a list"`, `"a string"`, ..
pub fn json_kind(json: &serde_json::Value) -> &'static str {
    use serde_json::Value as J;
    match json {
        J::Null => "null",
        J::Bool(_) => "a boolean",
        J::Number(_) => "a number",
        J::String(_) => "a string",
        J::Array(_) => "a list",
        J::Object(_) => "an object",
    }
}

/// The embedded value of a typed record: `Value::Json` of its object.
pub fn value_of_row(info: &ResourceInfo, row: &Row) -> Value {
    Value::Json(row_to_json(info, row))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::info::{AttributeInfo, DataLayerKind};
    use serde_json::json;

    static ATTRIBUTES: [AttributeInfo; 3] = [
        AttributeInfo::new("zeta", Type::String),
        AttributeInfo::new("alpha", Type::Integer),
        AttributeInfo::new("mid", Type::Boolean),
    ];
    static PART: ResourceInfo =
        ResourceInfo { attributes: &ATTRIBUTES, ..ResourceInfo::new("Part", DataLayerKind::Embedded) };

    fn part() -> &'static (dyn std::any::Any + Send + Sync) {
        &PART
    }

    const ONE: Embed = Embed { name: "Part", list: false, nil_values: true, describe: part };

    #[test]
    fn stored_text_keeps_declaration_order() {
        let value = json!({"alpha": 1, "mid": null, "zeta": "z"});
        assert_eq!(stored_text(&ONE, &value).unwrap(), r#"{"zeta":"z","alpha":1,"mid":null}"#);
        let no_nils = Embed { nil_values: false, ..ONE };
        assert_eq!(stored_text(&no_nils, &value).unwrap(), r#"{"zeta":"z","alpha":1}"#);
        let list = Embed { list: true, ..ONE };
        assert_eq!(stored_text(&list, &json!([{"alpha": 2}])).unwrap(), r#"[{"zeta":null,"alpha":2,"mid":null}]"#);
    }

    #[test]
    fn stored_text_refuses_the_wrong_shape() {
        assert_eq!(stored_text(&ONE, &json!([1])).unwrap_err(), ": expected a Part object, got a list");
        let list = Embed { list: true, ..ONE };
        assert_eq!(stored_text(&list, &json!([{}, 3])).unwrap_err(), "[1]: expected a Part object, got a number");
    }
}
