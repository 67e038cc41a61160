//! Embedded resources as attribute types: what an embedded resource's
//! expansion implements (`EmbeddedResource`, and `AttributeValue` for the
//! record through [`embedded_into_value`] / [`embedded_from_value`]), and
//! lists of them (`Vec<Tag>`).

use crate::info::cast::cast_json;
use crate::info::embedded::{describe, value_of_row};
use crate::info::value::{Row, Value};
use crate::info::{Embed, Type};
use crate::typed::record::{LoadedValue, Record};
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
    Type::Embedded(Embed { name: R::NAME, list, nil_values: R::NIL_VALUES, describe: describe_resource::<R> })
}

fn describe_resource<R: Resource>() -> &'static (dyn std::any::Any + Send + Sync) {
    R::info()
}

/// The embedded resource an attribute type holds: `Profile` for `Profile`,
/// `Option<Profile>` and `Vec<Profile>` (generated checks of `load`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` holds no embedded resource, so its attribute can have no `load` constraint",
    label = "`load` names calculations of an embedded resource",
    note = "an embedded resource is declared with `data_layer: Embedded`"
)]
pub trait HoldsEmbed {
    /// The embedded resource.
    type Embed;
}

impl<T: HoldsEmbed> HoldsEmbed for Option<T> {
    type Embed = T::Embed;
}

impl<T: HoldsEmbed> HoldsEmbed for Vec<T> {
    type Embed = T::Embed;
}

/// An embedded record as a value: its JSON object.
pub fn embedded_into_value<R: Resource>(record: &R) -> Value {
    value_of_row(R::info(), &record.to_row())
}

/// An embedded record back from its value; `None` when the value is not an
/// object of its shape. Keys named after the embed's calculations (put
/// there by [`with_loaded`]) fill their `Loaded` fields.
pub fn embedded_from_value<R: Resource>(value: Value) -> Option<R> {
    let Value::Json(serde_json::Value::Object(object)) = value else { return None };
    let info = R::info();
    let row: Option<Row> = info
        .attributes
        .iter()
        .map(|attribute| match object.get(attribute.name) {
            Some(json) => cast_json(attribute.ty, json).ok(),
            None => Some(Value::Nil),
        })
        .collect();
    let loaded: Vec<(&'static str, LoadedValue)> = info
        .calculations
        .iter()
        .filter_map(|calculation| {
            let json = object.get(calculation.name)?;
            Some((calculation.name, LoadedValue::Value(cast_json(calculation.ty, json).ok()?)))
        })
        .collect();
    if loaded.is_empty() { R::from_row(row?).ok() } else { R::from_record(Record { row: row?, loaded }).ok() }
}

/// An attribute's value of type `ty` with the calculations `load` names
/// computed into each embedded object, under their names (Ash's `load`
/// constraint): generated `from_row` calls it for attributes with one.
/// Names that are no calculation of the embed are left out.
pub fn with_loaded(ty: Type, load: &[&str], value: Value) -> Value {
    let Type::Embedded(embed) = ty else { return value };
    let info = describe(&embed);
    let add = |item: &mut serde_json::Value| {
        let Some(object) = item.as_object() else { return };
        let row: Row = info
            .attributes
            .iter()
            .map(|attribute| {
                object.get(attribute.name).and_then(|j| cast_json(attribute.ty, j).ok()).unwrap_or(Value::Nil)
            })
            .collect();
        let computed: Vec<(String, serde_json::Value)> = load
            .iter()
            .filter_map(|name| info.calculation(name))
            .map(|calculation| (calculation.name.to_string(), (calculation.expr)().eval(info, &row).to_json()))
            .collect();
        if let Some(object) = item.as_object_mut() {
            object.extend(computed);
        }
    };
    match value {
        Value::Json(mut json) => {
            match &mut json {
                serde_json::Value::Array(items) => items.iter_mut().for_each(add),
                object => add(object),
            }
            Value::Json(json)
        }
        other => other,
    }
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
        items
            .iter()
            .map(|item| match T::TYPE {
                // An embed reads its object itself, loaded calculations included.
                Type::Embedded(_) => T::from_value(Value::Json(item.clone())),
                ty => T::from_value(cast_json(ty, item).ok()?),
            })
            .collect()
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
