//! Loaded values on typed records. A record struct has one `Loaded<T>` field
//! per calculation, aggregate and relationship: `NotLoaded` until a read
//! asks for it (`Ticket::read().load(ticket::representative)`), and then
//! `Loaded(value)`. Records made by actions start with everything not loaded.
//!
//! Between the data layer and the struct, a record is a [`Record`](crate::typed::record::Record): its row
//! and the loaded values by name, which `Resource::from_record` converts.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::info::error::{Error, Result};
use crate::info::value::Value;
use crate::typed::record::LoadedValue;
use crate::typed::resource::AttributeValue;

/// A calculation, aggregate or relationship of a record: not loaded, or
/// loaded with its value. Serialized as the value when loaded (and skipped
/// when not: the generated struct says `skip_serializing_if`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Loaded<T> {
    /// The read did not ask for it (or the record came from an action).
    NotLoaded,
    /// Loaded, with its value (`None` for a to-one relationship with no record).
    Loaded(T),
}

// Written out so that `Loaded<T>: Default` needs no `T: Default` (serde's `default`).
#[allow(clippy::derivable_impls)]
impl<T> Default for Loaded<T> {
    fn default() -> Self {
        Loaded::NotLoaded
    }
}

impl<T> Loaded<T> {
    /// Whether the value was loaded.
    pub fn is_loaded(&self) -> bool {
        matches!(self, Loaded::Loaded(_))
    }

    /// Whether the value was not loaded.
    pub fn is_not_loaded(&self) -> bool {
        !self.is_loaded()
    }

    /// The value, if loaded.
    pub fn get(&self) -> Option<&T> {
        match self {
            Loaded::Loaded(value) => Some(value),
            Loaded::NotLoaded => None,
        }
    }

    /// The value, mutably, if loaded.
    pub fn get_mut(&mut self) -> Option<&mut T> {
        match self {
            Loaded::Loaded(value) => Some(value),
            Loaded::NotLoaded => None,
        }
    }

    /// The value if loaded, as an `Option`.
    pub fn into_option(self) -> Option<T> {
        match self {
            Loaded::Loaded(value) => Some(value),
            Loaded::NotLoaded => None,
        }
    }

    /// The value; panics with `message` when it was not loaded.
    #[track_caller]
    pub fn expect(&self, message: &str) -> &T {
        self.get().unwrap_or_else(|| panic!("{message}"))
    }

    /// The value; panics when it was not loaded (load it with `Query::load`).
    #[track_caller]
    pub fn unwrap(&self) -> &T {
        self.expect("the value was not loaded: add it to the read with `.load(..)`")
    }
}

impl<T> From<T> for Loaded<T> {
    fn from(value: T) -> Self {
        Loaded::Loaded(value)
    }
}

impl<T: Serialize> Serialize for Loaded<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Loaded::Loaded(value) => value.serialize(serializer),
            Loaded::NotLoaded => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Loaded<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        T::deserialize(deserializer).map(Loaded::Loaded)
    }
}

/// A Rust type a calculation or aggregate may have: every attribute type,
/// `Vec<T>` of them included (`list` aggregates, loaded as a JSON array;
/// `typed/embedded.rs`).
pub trait LoadValue: Sized {
    /// Converts a loaded value; `None` when it does not fit the type.
    fn from_loaded(value: Value) -> Option<Self>;
}

impl<T: AttributeValue> LoadValue for T {
    fn from_loaded(value: Value) -> Option<Self> {
        T::from_value(value)
    }
}

/// A loaded value that does not fit its field (`what`: a value, records).
pub(crate) fn mismatch(resource: &'static str, name: &'static str, what: &str) -> Error {
    Error::DataLayer(format!("{resource}.{name}: the loaded {what} does not fit the field's type"))
}

/// Generated `from_record`: a calculation's or aggregate's value.
pub fn loaded_value<T: LoadValue>(resource: &'static str, name: &'static str, value: LoadedValue) -> Result<Loaded<T>> {
    match value {
        LoadedValue::Value(value) => {
            let shown = value.to_string();
            T::from_loaded(value).map(Loaded::Loaded).ok_or_else(|| mismatch(resource, name, &format!("value {shown}")))
        }
        _ => Err(mismatch(resource, name, "records")),
    }
}
