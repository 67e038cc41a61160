//! The compile-time type checks of `expr!`: what an operand's Rust type is
//! to an expression (its [`ExprValue::Kind`]), and which kinds meet.
//!
//! Generated code checks a field against the other side of a comparison (a
//! literal, a pinned value) with a trait of its own whose message names the
//! field (`` `title` has type `String`; it cannot be compared with an integer ``),
//! implemented for every `T: ExprValue` whose kind is [`Comparable`] with the
//! other side's; its blanket impl is `#[diagnostic::do_not_recommend]`, so
//! rustc reports that trait, at the user's token, and nothing under it.
//! The kinds follow [`Value::compare`](crate::info::value::Value::compare):
//! numbers meet across integers, floats and decimals, strings across
//! `String`, `CiString` and atoms, a UUID, a date and a datetime meet a
//! string (cast to the field's type when the read runs, as Ash casts a
//! literal to the attribute's type: a malformed one is `Error::Invalid`).

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::info::ci_string::CiString;
use crate::info::value::Value;
use crate::typed::resource::{Atom, AttributeValue};

/// What a Rust type is to an expression: the kinds of values it gives.
pub mod kind {
    /// `i64`, `i32`, an integer literal.
    pub struct Integer;
    /// `f64`, a float literal.
    pub struct Float;
    /// `Decimal`.
    pub struct Decimal;
    /// `String`, `&str`, `CiString`, an atom, a string literal.
    pub struct Text;
    /// `Uuid`.
    pub struct Uuid;
    /// `bool`, `true`, `false`.
    pub struct Bool;
    /// `NaiveDate`.
    pub struct Date;
    /// `DateTime<Utc>`.
    pub struct DateTime;
    /// `serde_json::Value`, an embedded resource.
    pub struct Json;
    /// A list attribute (`Vec<T>`).
    pub struct List;
    /// A `Value`, whose kind is known only when it runs.
    pub struct Any;
}

/// A Rust type an expression can hold: a field's type, a pinned value's.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a value in an expression",
    label = "not an expression value",
    note = "pinned values are strings, numbers, booleans, `Decimal`, `Uuid`, dates, atoms, and `Option` of each"
)]
pub trait ExprValue {
    /// What it is to an expression; `Option<T>` is `T`'s kind (nil meets everything).
    type Kind;
    /// The value a pinned operand puts in the expression.
    fn into_value(self) -> Value;
}

macro_rules! operands {
    ($($rust:ty => $kind:ident),* $(,)?) => {$(
        impl ExprValue for $rust {
            type Kind = kind::$kind;
            fn into_value(self) -> Value {
                Value::from(self)
            }
        }
    )*};
}

operands!(
    i64 => Integer, i32 => Integer, f64 => Float, Decimal => Decimal,
    String => Text, &str => Text, CiString => Text, Uuid => Uuid, bool => Bool,
    NaiveDate => Date, DateTime<Utc> => DateTime,
);

impl ExprValue for serde_json::Value {
    type Kind = kind::Json;
    fn into_value(self) -> Value {
        Value::Json(self)
    }
}

impl ExprValue for Value {
    type Kind = kind::Any;
    fn into_value(self) -> Value {
        self
    }
}

impl<T: ExprValue> ExprValue for Option<T> {
    type Kind = T::Kind;
    fn into_value(self) -> Value {
        self.map_or(Value::Nil, T::into_value)
    }
}

impl<T: AttributeValue> ExprValue for Vec<T> {
    type Kind = kind::List;
    fn into_value(self) -> Value {
        AttributeValue::into_value(self)
    }
}

/// Atoms are compared with strings (their names) and with each other.
impl<A: Atom> ExprValue for A {
    type Kind = kind::Text;
    fn into_value(self) -> Value {
        Value::Atom(self.name().to_string())
    }
}

/// Kinds a comparison (or arithmetic) may put side by side: `Self` against `K`.
pub trait Comparable<K> {}

macro_rules! comparable {
    ($($a:ident <=> [$($b:ident),*]);* $(;)?) => {$($(
        impl Comparable<kind::$b> for kind::$a {}
    )*)*};
}

comparable!(
    Integer <=> [Integer, Float, Decimal, Any];
    Float <=> [Integer, Float, Decimal, Any];
    Decimal <=> [Integer, Float, Decimal, Any];
    Text <=> [Text, Uuid, Date, DateTime, Any];
    Uuid <=> [Uuid, Text, Any];
    Bool <=> [Bool, Any];
    Date <=> [Date, Text, Any];
    DateTime <=> [DateTime, Text, Any];
    Json <=> [Json, Any];
    List <=> [List, Any];
    Any <=> [Integer, Float, Decimal, Text, Uuid, Bool, Date, DateTime, Json, List, Any];
);

/// Kinds arithmetic (`+ - * /`, `rem`, `round`) takes.
pub trait Numeric {}

impl Numeric for kind::Integer {}
impl Numeric for kind::Float {}
impl Numeric for kind::Decimal {}
impl Numeric for kind::Any {}

/// Kinds the string functions (`like`, `string_length`, `lower`, ..) take.
pub trait Textual {}

impl Textual for kind::Text {}
impl Textual for kind::Any {}
