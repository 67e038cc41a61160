//! Runtime of the `resource` crate: values and types, changesets, actions,
//! queries, expressions, errors and data layers. Every behaviour lives here,
//! driven by the static `ResourceInfo` that the macros generate.

pub mod action;
pub mod cast;
pub mod changeset;
#[cfg(test)]
mod changeset_tests;
pub mod ci_string;
mod cursor;
pub mod data_layer;
pub mod domain;
pub mod error;
pub mod expr;
pub mod field;
pub mod identity;
pub mod info;
pub mod load;
pub mod loaded;
mod loader;
pub mod page;
pub mod polymorphic;
pub mod query;
mod read;
pub mod resource;
pub mod select;
pub mod validation;
pub mod value;

pub use action::{ActionInput, Query};
pub use changeset::{Changeset, DynChangeset};
pub use ci_string::CiString;
pub use data_layer::sqlite::{Sqlite, SqliteOptions};
pub use data_layer::{Capabilities, DataLayer, ets::Ets};
pub use domain::Domain;
pub use error::{Error, FieldError, FieldErrorKind, Result};
pub use expr::{BinaryOp, Expr};
pub use field::{Field, Relation};
pub use info::Repo;
pub use load::{IntoLoad, Load, RelationLoad};
pub use loaded::{Loaded, LoadedValue, Record};
pub use page::{Page, PageRequest};
pub use query::{DataQuery, SortOrder};
pub use resource::{Atom, AttributeValue, Resource, ResourceFields};
pub use select::{Select, Selected, Selection};
pub use value::{Row, Value};

pub use chrono;
pub use rust_decimal;
pub use rust_decimal::Decimal;
/// `dec!(0.1)`: a decimal literal, checked at compile time. It expands to
/// `Decimal::from_parts(..)`, so `Decimal` must be in scope (the prelude has it).
pub use rust_decimal_macros::dec;
pub use uuid;
pub use uuid::Uuid;

/// Used by generated code only; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::action::ActionInput;
    pub use crate::action::Query;
    pub use crate::changeset::Changeset;
    pub use crate::ci_string::CiString;
    pub use crate::domain::Domain;
    pub use crate::error::{Error, Result};
    pub use crate::expr::{BinaryOp, Expr, Function};
    pub use crate::field::{Field, Relation};
    pub use crate::info::*;
    pub use crate::loaded::{Loaded, LoadedValue, Record, loaded_many, loaded_one, loaded_value};
    pub use crate::query::SortOrder;
    pub use crate::resource::{Atom, AttributeValue, Resource, ResourceFields};
    pub use crate::resource::{Average, FieldType, RelatedTo};
    pub use crate::value::{Row, Value};
    pub use chrono;
    pub use rust_decimal;
    pub use serde;
    pub use serde_json;
    pub use uuid;

    /// Converts a row value back into a field's Rust type, naming the field on failure.
    ///
    /// This runs for every field of every record read, so it only notes the
    /// kind of the value (no copy, no rendering) in case it does not fit.
    #[inline]
    pub fn field_from_value<T: AttributeValue>(resource: &'static str, field: &'static str, value: Value) -> Result<T> {
        let kind = value.kind();
        match T::from_value(value) {
            Some(value) => Ok(value),
            None => Err(does_not_fit(resource, field, kind)),
        }
    }

    #[cold]
    fn does_not_fit(resource: &'static str, field: &'static str, kind: &'static str) -> Error {
        Error::DataLayer(format!("{resource}.{field}: a stored {kind} does not fit the field's type"))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_value_that_does_not_fit_is_named_in_the_error() {
            let err = field_from_value::<i32>("Item", "count", Value::Int(1 << 40)).unwrap_err();
            assert_eq!(err, Error::DataLayer("Item.count: a stored integer does not fit the field's type".into()));
            let err = field_from_value::<i64>("Item", "count", Value::String("many".into())).unwrap_err();
            assert_eq!(err, Error::DataLayer("Item.count: a stored string does not fit the field's type".into()));
            assert_eq!(field_from_value::<String>("Item", "name", Value::String("x".into())).unwrap(), "x");
        }
    }
}
