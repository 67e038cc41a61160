//! Embedded resources as attribute types: what an embedded resource's
//! expansion implements (`EmbeddedResource`, and `AttributeValue` for the
//! record through [`embedded_into_value`] / [`embedded_from_value`]), and
//! lists of them (`Vec<Tag>`).

use crate::info::cast::cast_json;
use crate::info::embedded::value_of_row;
use crate::info::value::{Row, Value};
use crate::info::{Embed, Type};
use crate::typed::resource::{AttributeValue, Resource};

/// A resource declared with `data_layer: Embedded`: a type other resources
/// hold in an attribute (`profile: Profile`, `tags: Vec<Tag>`), stored
/// inside the parent's record.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an embedded resource",
    label = "not embedded",
    note = "a list attribute holds an embedded resource: declare `{Self}` with `data_layer: Embedded`"
)]
pub trait EmbeddedResource: Resource {
    /// The Rust name, as messages give it.
    const NAME: &'static str;
    /// Ash's `embed_nil_values?`: whether stored JSON keeps nil keys.
    const NIL_VALUES: bool = true;
}

/// The type of an attribute holding `R` (or, with `list`, a `Vec<R>`).
pub const fn embed_of<R: EmbeddedResource>(list: bool) -> Type {
    Type::Embedded(Embed { name: R::NAME, list, nil_values: R::NIL_VALUES, describe: describe::<R> })
}

fn describe<R: Resource>() -> &'static (dyn std::any::Any + Send + Sync) {
    R::info()
}

/// An embedded record as a value: its JSON object.
pub fn embedded_into_value<R: Resource>(record: &R) -> Value {
    value_of_row(R::info(), &record.to_row())
}

/// An embedded record back from its value; `None` when the value is not an
/// object of its shape.
pub fn embedded_from_value<R: Resource>(value: Value) -> Option<R> {
    let Value::Json(serde_json::Value::Object(object)) = value else { return None };
    let row: Option<Row> = R::info()
        .attributes
        .iter()
        .map(|attribute| match object.get(attribute.name) {
            Some(json) => cast_json(attribute.ty, json).ok(),
            None => Some(Value::Nil),
        })
        .collect();
    R::from_row(row?).ok()
}

/// `Vec<T>`: a list of embedded records (`Vec<Tag>`, stored as one JSON
/// array), or of other values (a `list` aggregate, a JSON array).
impl<T: AttributeValue> AttributeValue for Vec<T> {
    const TYPE: Type = list_of(T::TYPE);
    fn into_value(self) -> Value {
        Value::Json(serde_json::Value::Array(self.into_iter().map(|item| item.into_value().to_json()).collect()))
    }
    fn from_value(value: Value) -> Option<Self> {
        let Value::Json(serde_json::Value::Array(items)) = value else { return None };
        items.iter().map(|item| T::from_value(cast_json(T::TYPE, item).ok()?)).collect()
    }
}

/// The type of a list of `item`: a list embed for an embedded resource,
/// else JSON.
const fn list_of(item: Type) -> Type {
    match item {
        Type::Embedded(embed) if !embed.list => Type::Embedded(Embed { list: true, ..embed }),
        _ => Type::Json,
    }
}
