//! Loaded relationships on typed records, held without naming the related
//! resource's traits.
//!
//! A record's `author` field is `Loaded<Related<Option<Author>>>`: the
//! related value sits behind a box that carries its own `Clone`, `Debug`,
//! `PartialEq` and `Serialize`, so the record's derives and auto traits ask
//! nothing of `Author`. That is what keeps a mistake about `Author` (a
//! plain struct where a resource was meant) to one error at the user's
//! token, and what keeps a long chain of resources from overflowing rustc's
//! trait solver (`Post: Send` no longer looks into every related type).
//!
//! Everything that does need `Author` to be a resource goes through one
//! [`Destination`] table per relationship, built by [`destination`] in one
//! generated function: the one place rustc checks it.

use std::any::Any;
use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::info::ResourceInfo;
use crate::info::error::{Error, Result};
use crate::typed::loaded::{Loaded, mismatch};
use crate::typed::record::LoadedValue;
use crate::typed::resource::Resource;

/// The related record of a to-one relationship (`Related<Option<Author>>`)
/// or the records of a to-many one (`Related<Vec<Tag>>`). It dereferences to
/// the value; [`into_inner`](Related::into_inner) takes it out.
pub struct Related<T> {
    value: Box<dyn ErasedValue>,
    _type: PhantomData<fn() -> T>,
}

/// What a related value can do once its type is forgotten.
trait ErasedValue: Any + Send + Sync {
    fn clone_box(&self) -> Box<dyn ErasedValue>;
    fn debug(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
    fn equals(&self, other: &dyn ErasedValue) -> bool;
    fn to_json(&self) -> serde_json::Result<serde_json::Value>;
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
}

impl<T: Any + Send + Sync + Clone + fmt::Debug + PartialEq + Serialize> ErasedValue for T {
    fn clone_box(&self) -> Box<dyn ErasedValue> {
        Box::new(self.clone())
    }

    fn debug(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }

    fn equals(&self, other: &dyn ErasedValue) -> bool {
        other.as_any().downcast_ref::<T>().is_some_and(|other| self == other)
    }

    fn to_json(&self) -> serde_json::Result<serde_json::Value> {
        serde_json::to_value(self)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }

    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }
}

const HOLDS_ITS_TYPE: &str = "a `Related<T>` is only made from a `T`";

impl<T: Any + Send + Sync + Clone + fmt::Debug + PartialEq + Serialize> Related<T> {
    /// Wraps a related value.
    pub fn new(value: T) -> Self {
        Related { value: Box::new(value), _type: PhantomData }
    }
}

impl<T: 'static> Related<T> {
    /// The related value.
    pub fn into_inner(self) -> T {
        *self.value.into_any().downcast::<T>().expect(HOLDS_ITS_TYPE)
    }
}

impl<T: 'static> Deref for Related<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.value.as_any().downcast_ref::<T>().expect(HOLDS_ITS_TYPE)
    }
}

impl<T: 'static> DerefMut for Related<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.value.as_any_mut().downcast_mut::<T>().expect(HOLDS_ITS_TYPE)
    }
}

impl<T: Any + Send + Sync + Clone + fmt::Debug + PartialEq + Serialize> From<T> for Related<T> {
    fn from(value: T) -> Self {
        Related::new(value)
    }
}

impl<T> Clone for Related<T> {
    fn clone(&self) -> Self {
        Related { value: self.value.clone_box(), _type: PhantomData }
    }
}

impl<T> fmt::Debug for Related<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.debug(f)
    }
}

impl<T> PartialEq for Related<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value.equals(&*other.value)
    }
}

/// Written as the related records' JSON (the form a record's `Serialize`
/// gives; records with loaded values are for self-describing formats, as
/// their `skip_serializing_if` already makes them).
impl<T> Serialize for Related<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.value.to_json().map_err(serde::ser::Error::custom)?.serialize(serializer)
    }
}

/// Converts a loaded relationship (resource and relationship name for the
/// error) into the record's field.
pub type FromLoaded<T> = fn(&'static str, &'static str, LoadedValue) -> Result<Loaded<Related<T>>>;

/// What generated code needs of a relationship's destination (or join
/// resource), as plain functions: its description, and the conversions of
/// loaded and deserialized records into the record's field.
pub struct Destination<D> {
    /// The destination's `ResourceInfo`.
    pub info: fn() -> &'static ResourceInfo,
    /// A loaded to-one relationship into its field.
    pub one: FromLoaded<Option<D>>,
    /// A loaded to-many relationship into its field.
    pub many: FromLoaded<Vec<D>>,
    /// A deserialized to-one relationship.
    pub one_from_json: fn(serde_json::Value) -> serde_json::Result<Related<Option<D>>>,
    /// A deserialized to-many relationship.
    pub many_from_json: fn(serde_json::Value) -> serde_json::Result<Related<Vec<D>>>,
}

/// The table of a destination. `checks` is never called: its body names the
/// destination's fields (the keys a relationship joins on), so that rustc
/// checks them here, and says nothing more once `D` is not a resource.
pub fn destination<D: Resource>(checks: fn(&'static D::Fields)) -> Destination<D> {
    let _ = checks;
    Destination {
        info: D::info,
        one: loaded_one::<D>,
        many: loaded_many::<D>,
        one_from_json: |json| serde_json::from_value::<Option<D>>(json).map(Related::new),
        many_from_json: |json| serde_json::from_value::<Vec<D>>(json).map(Related::new),
    }
}

fn loaded_one<D: Resource>(
    resource: &'static str,
    name: &'static str,
    value: LoadedValue,
) -> Result<Loaded<Related<Option<D>>>> {
    match value {
        LoadedValue::One(None) => Ok(Loaded::Loaded(Related::new(None))),
        LoadedValue::One(Some(record)) => Ok(Loaded::Loaded(Related::new(Some(D::from_record(*record)?)))),
        _ => Err(mismatch(resource, name, "value")),
    }
}

fn loaded_many<D: Resource>(
    resource: &'static str,
    name: &'static str,
    value: LoadedValue,
) -> Result<Loaded<Related<Vec<D>>>> {
    match value {
        LoadedValue::Many(records) => {
            Ok(Loaded::Loaded(Related::new(records.into_iter().map(D::from_record).collect::<Result<_>>()?)))
        }
        _ => Err(mismatch(resource, name, "value")),
    }
}

/// Generated `deserialize_with` of a relationship field: the JSON of the
/// related records, converted by the destination's table.
pub fn deserialize_related<'de, De: Deserializer<'de>, T>(
    deserializer: De,
    from_json: fn(serde_json::Value) -> serde_json::Result<Related<T>>,
) -> std::result::Result<Loaded<Related<T>>, De::Error> {
    let json = serde_json::Value::deserialize(deserializer)?;
    from_json(json).map(Loaded::Loaded).map_err(serde::de::Error::custom)
}

/// Generated accessor of a `belongs_to` or `has_one` relationship
/// (`ticket.representative()?`): the related record, or `None` when there is
/// none; `Error::NotLoaded` when the read did not load it.
pub fn related_one<'a, D: 'static>(
    loaded: &'a Loaded<Related<Option<D>>>,
    resource: &'static str,
    module: &'static str,
    field: &'static str,
) -> Result<Option<&'a D>> {
    match loaded {
        Loaded::Loaded(value) => Ok(value.as_ref()),
        Loaded::NotLoaded => Err(Error::NotLoaded { resource, field, module }),
    }
}

/// Generated accessor of a `has_many` or `many_to_many` relationship
/// (`representative.tickets()?`): the related records; `Error::NotLoaded`
/// when the read did not load them.
pub fn related_many<'a, D: 'static>(
    loaded: &'a Loaded<Related<Vec<D>>>,
    resource: &'static str,
    module: &'static str,
    field: &'static str,
) -> Result<&'a [D]> {
    match loaded {
        Loaded::Loaded(value) => Ok(value),
        Loaded::NotLoaded => Err(Error::NotLoaded { resource, field, module }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Serialize)]
    struct Tag {
        name: String,
    }

    fn tags(names: &[&str]) -> Related<Vec<Tag>> {
        Related::new(names.iter().map(|name| Tag { name: name.to_string() }).collect())
    }

    #[test]
    fn a_related_value_acts_as_its_value() {
        let mut related = tags(&["a", "b"]);
        assert_eq!(related.len(), 2);
        related.push(Tag { name: "c".into() });
        let copy = related.clone();
        assert_eq!(copy, related);
        assert_ne!(copy, tags(&["a"]));
        assert_eq!(format!("{related:?}"), format!("{:?}", *related));
        assert_eq!(
            serde_json::to_value(&related).unwrap(),
            serde_json::json!([{"name": "a"}, {"name": "b"}, {"name": "c"}])
        );
        assert_eq!(related.into_inner().len(), 3);
    }
}
