//! Runtime of the `resource` crate: values and types, changesets, actions,
//! queries, expressions, errors and data layers. Every behaviour lives here,
//! driven by the static `ResourceInfo` that the macros generate.
//!
//! The modules are layers, each importing only from those above it in this
//! list (`tests/layers.rs` checks it; `docs/architecture.md` has the map):
//!
//! 1. [`info`]: the description (`ResourceInfo`), types, values, errors, casting;
//!    with [`expr`]'s tree, which descriptions hold, as plain data;
//! 2. [`expr`]: what names in an expression mean, and evaluation in memory;
//! 3. [`typed`]: the typed skin generated code implements (`Resource`, field handles, `Loaded`);
//! 4. [`data_layer`]: the `DataLayer` trait, the built-in ETS-like store, the
//!    shared SQL compiler and, behind cargo features, each SQL database;
//! 5. [`domain`]: the registry of resources and their layers;
//! 6. [`write`](mod@write) and [`read`]: the two wings of actions.

#![warn(missing_docs)]

#[cfg(feature = "cli")]
pub mod cli;
pub mod data_layer;
pub mod domain;
pub mod expr;
pub mod info;
pub mod migrate;
pub mod read;
pub mod typed;
pub mod write;

pub use data_layer::ets::Ets;
#[cfg(feature = "postgres")]
pub use data_layer::postgres::{Postgres, PostgresOptions};
#[cfg(feature = "sqlite")]
pub use data_layer::sqlite::{Sqlite, SqliteOptions};
pub use data_layer::{Capabilities, DataLayer, DataQuery, IntoDataLayer};
pub use domain::{Domain, DomainBuilder};
pub use expr::{BinaryOp, Expr, SortOrder};
pub use info::ci_string::CiString;
pub use info::error::{Error, FieldError, FieldErrorKind, PathStep, Result};
pub use info::value::{Row, Value};
pub use info::{DataLayerKind, Repo, ResourceInfo};
pub use read::load::{IntoLoad, Load, RelationLoad};
pub use read::page::{Page, PageRequest};
pub use read::query::Query;
pub use read::select::{Select, Selected, Selection};
pub use typed::embed_path::EmbeddedField;
pub use typed::field::{Field, Relation, Sort};
pub use typed::field_list::FieldList;
pub use typed::loaded::Loaded;
pub use typed::record::{LoadedValue, Record};
pub use typed::related::Related;
pub use typed::resource::{Atom, AttributeValue, Decoded, Resource, ResourceFields, RowValues};
pub use write::change::{ActionContext, Change, Validation};
pub use write::changeset::{Changeset, DynChangeset};
pub use write::input::ActionInput;

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
    pub use crate::domain::Domain;
    pub use crate::expr::{AggregateKind, BinaryOp, Expr, Function, SortOrder};
    pub use crate::expr_check;
    pub use crate::info::ci_string::CiString;
    pub use crate::info::error::{Error, Result};
    pub use crate::info::value::{Row, Value};
    pub use crate::info::*;
    pub use crate::read::query::Query;
    pub use crate::typed::embed_path::PathStart;
    pub use crate::typed::embedded::{
        EmbeddedResource, HoldsEmbed, embed_of, embedded_from_value, embedded_into_value, with_loaded,
    };
    pub use crate::typed::field::{Field, Relation, role};
    pub use crate::typed::field_list::FieldList;
    pub use crate::typed::loaded::{Loaded, loaded_value};
    pub use crate::typed::operand::{Comparable, ExprValue, Numeric, Textual, kind};
    pub use crate::typed::record::{LoadedValue, Record};
    pub use crate::typed::related::{
        Destination, Related, deserialize_related, destination, related_many, related_one,
    };
    pub use crate::typed::resource::{
        Atom, AttributeValue, Average, FieldType, IsResource, RelatedTo, Resource, ResourceFields, attribute_serde,
        has_relationship,
    };
    pub use crate::typed::resource::{Decoded, RowValues};
    pub use crate::write::change::{as_change, as_validation};
    pub use crate::write::changeset::Changeset;
    pub use crate::write::input::ActionInput;
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

    /// The next value of a row handed over value by value, for a field of
    /// type `T`: `(&Take::<T>::new()).take(values)` is `T::next_from` for an
    /// attribute type (`TakeTyped`), else `next_value` (`TakeValue`, found
    /// one autoref later). So a type that is no attribute type is reported
    /// once, by `field_from_value`, not once more here.
    pub struct Take<T>(core::marker::PhantomData<fn() -> T>);

    impl<T> Take<T> {
        #[inline]
        pub const fn new() -> Self {
            Take(core::marker::PhantomData)
        }
    }

    impl<T> Default for Take<T> {
        fn default() -> Self {
            Self::new()
        }
    }

    /// [`Take`] for an attribute type: its typed call.
    pub trait TakeTyped<T> {
        fn take(&self, values: &mut dyn RowValues) -> Result<Decoded<T>>;
    }

    impl<T: AttributeValue> TakeTyped<T> for Take<T> {
        #[inline]
        fn take(&self, values: &mut dyn RowValues) -> Result<Decoded<T>> {
            T::next_from(values)
        }
    }

    /// [`Take`] for any other type: the `Value`, for `field_from_value`'s error.
    pub trait TakeValue<T> {
        fn take(&self, values: &mut dyn RowValues) -> Result<Decoded<T>>;
    }

    impl<T> TakeValue<T> for &Take<T> {
        #[inline]
        fn take(&self, values: &mut dyn RowValues) -> Result<Decoded<T>> {
            values.next_value().map(Decoded::Value)
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

/// The trait of one type check that `expr!` and the declarations expand to
/// (`resource-macros/src/expand/filter_types.rs`; the kinds are in `typed/operand.rs`): `$name`, with the message
/// the macro wrote, implemented for the types whose kind meets the bound
/// (`compare Integer`: comparable with an integer; `numeric`; `textual`;
/// `binary`: comparable with the trait's parameter). Its blanket impl is
/// `do_not_recommend`, so rustc reports `$name` itself, with its message.
#[doc(hidden)]
#[macro_export]
macro_rules! expr_check {
    ($name:ident, $message:tt, $label:tt, binary) => {
        #[diagnostic::on_unimplemented(message = $message, label = $label)]
        #[allow(dead_code)]
        trait $name<A>: ::core::marker::Sized {
            fn check<R, R2, K, K2>(_: &$crate::__private::Field<R, Self, K>, _: &$crate::__private::Field<R2, A, K2>) {}
            fn is<R, K>(_: &$crate::__private::Field<R, A, K>) {}
            fn copy() {}
            fn pin<R, K>(_: &$crate::__private::Field<R, Self, K>, value: A) -> $crate::__private::Expr;
            fn pins<R, K, I: ::core::iter::IntoIterator<Item = A>>(
                _: &$crate::__private::Field<R, Self, K>,
                values: I,
            ) -> ::std::vec::Vec<$crate::__private::Expr>;
        }
        #[diagnostic::do_not_recommend]
        impl<T: $crate::__private::ExprValue, A: $crate::__private::ExprValue> $name<A> for T
        where
            <T as $crate::__private::ExprValue>::Kind: $crate::__private::Comparable<<A as $crate::__private::ExprValue>::Kind>,
        {
            fn pin<R, K>(_: &$crate::__private::Field<R, Self, K>, value: A) -> $crate::__private::Expr {
                $crate::__private::Expr::Value($crate::__private::ExprValue::into_value(value))
            }
            fn pins<R, K, I: ::core::iter::IntoIterator<Item = A>>(
                _: &$crate::__private::Field<R, Self, K>,
                values: I,
            ) -> ::std::vec::Vec<$crate::__private::Expr> {
                ::core::iter::Iterator::collect(::core::iter::Iterator::map(
                    ::core::iter::IntoIterator::into_iter(values),
                    |value| $crate::__private::Expr::Value($crate::__private::ExprValue::into_value(value)),
                ))
            }
        }
    };
    ($name:ident, $message:tt, $label:tt, compare $kind:ident) => {
        $crate::expr_check!(@unary $name, $message, $label, $crate::__private::Comparable<$crate::__private::kind::$kind>);
    };
    ($name:ident, $message:tt, $label:tt, numeric) => {
        $crate::expr_check!(@unary $name, $message, $label, $crate::__private::Numeric);
    };
    ($name:ident, $message:tt, $label:tt, textual) => {
        $crate::expr_check!(@unary $name, $message, $label, $crate::__private::Textual);
    };
    (@unary $name:ident, $message:tt, $label:tt, $bound:path) => {
        #[diagnostic::on_unimplemented(message = $message, label = $label)]
        #[allow(dead_code)]
        trait $name: ::core::marker::Sized {
            fn check<R, K>(_: &$crate::__private::Field<R, Self, K>) {}
            fn is() {}
            fn pin(value: Self) -> $crate::__private::Expr;
        }
        #[diagnostic::do_not_recommend]
        impl<T: $crate::__private::ExprValue> $name for T
        where
            <T as $crate::__private::ExprValue>::Kind: $bound,
        {
            fn pin(value: Self) -> $crate::__private::Expr {
                $crate::__private::Expr::Value($crate::__private::ExprValue::into_value(value))
            }
        }
    };
}
