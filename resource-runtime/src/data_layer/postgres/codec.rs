//! Values to PostgreSQL's wire format and back.
//!
//! | type | column |
//! |---|---|
//! | string, atom | `text COLLATE "C"` |
//! | ci_string | `text COLLATE ci` (ICU, case-insensitive) |
//! | integer | `bigint` |
//! | boolean | `boolean` |
//! | float | `double precision` |
//! | decimal | `numeric` (exact, any scale) |
//! | uuid | `uuid` |
//! | date | `date` |
//! | utc_datetime_usec | `timestamptz` (microseconds) |
//! | map (json) | `jsonb` |
//! | embedded resource | `jsonb` (its JSON object, or an array of them) |
//!
//! A parameter is sent in the type the server gives its placeholder (the
//! column's, or the `$1::bigint` the compiler wrote), converted where
//! memory would convert (an integer into a decimal or float column, a uuid
//! written as text); writes check each value against its attribute's type
//! first ([`check`]), naming the field. A result column is read by its
//! server type ([`Cell`]), then as the attribute's type ([`decode`]).

use std::error::Error as StdError;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use postgres::types::{FromSql, IsNull, Kind, ToSql, Type as PgType, to_sql_checked};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::info::Type;
use crate::info::cast::embedded::cast_embedded;
use crate::info::embedded::stored_text;
use crate::info::value::Value;

type BoxError = Box<dyn StdError + Sync + Send>;

/// A value bound to a placeholder, encoded as the server's type for it.
#[derive(Debug)]
pub struct Param<'a>(pub &'a Value);

impl ToSql for Param<'_> {
    fn to_sql(&self, ty: &PgType, out: &mut postgres::types::private::BytesMut) -> Result<IsNull, BoxError> {
        let value = self.0;
        let mismatch = || -> BoxError { format!("{} cannot be sent as {}", describe(value), ty.name()).into() };
        if value.is_nil() {
            return Ok(IsNull::Yes);
        }
        if is_text(ty) {
            let text: std::borrow::Cow<'_, str> = match value {
                Value::String(s) | Value::CiString(s) | Value::Atom(s) => s.as_str().into(),
                Value::Uuid(u) => u.hyphenated().to_string().into(),
                _ => return Err(mismatch()),
            };
            out.extend_from_slice(text.as_bytes());
            return Ok(IsNull::No);
        }
        match (ty, value) {
            (&PgType::BOOL, Value::Bool(b)) => b.to_sql(ty, out),
            (&PgType::INT8, Value::Int(i)) => i.to_sql(ty, out),
            (&PgType::INT4, Value::Int(i)) => i32::try_from(*i).map_err(|_| mismatch())?.to_sql(ty, out),
            (&PgType::INT2, Value::Int(i)) => i16::try_from(*i).map_err(|_| mismatch())?.to_sql(ty, out),
            (&PgType::FLOAT8, Value::Float(f)) => f.to_sql(ty, out),
            (&PgType::FLOAT8, Value::Int(i)) => (*i as f64).to_sql(ty, out),
            (&PgType::FLOAT4, Value::Float(f)) => (*f as f32).to_sql(ty, out),
            (&PgType::NUMERIC, Value::Decimal(d)) => d.to_sql(ty, out),
            (&PgType::NUMERIC, Value::Int(i)) => Decimal::from(*i).to_sql(ty, out),
            (&PgType::UUID, Value::Uuid(u)) => u.to_sql(ty, out),
            (&PgType::UUID, Value::String(s)) => Uuid::parse_str(s).map_err(|_| mismatch())?.to_sql(ty, out),
            (&PgType::DATE, Value::Date(d)) => d.to_sql(ty, out),
            (&PgType::TIMESTAMPTZ, Value::DateTime(d)) => d.to_sql(ty, out),
            (&PgType::TIMESTAMP, Value::DateTime(d)) => d.naive_utc().to_sql(ty, out),
            (&PgType::JSONB | &PgType::JSON, Value::Json(j)) => j.to_sql(ty, out),
            (&PgType::JSONB | &PgType::JSON, other) => other.to_json().to_sql(ty, out),
            _ => Err(mismatch()),
        }
    }

    fn accepts(_: &PgType) -> bool {
        true
    }

    to_sql_checked!();
}

/// Text on the wire: `text`, `varchar`, `name`, `citext`, an enum's label.
fn is_text(ty: &PgType) -> bool {
    matches!(*ty, PgType::TEXT | PgType::VARCHAR | PgType::BPCHAR | PgType::NAME | PgType::UNKNOWN)
        || ty.name() == "citext"
        || matches!(ty.kind(), Kind::Enum(_))
}

/// A value a write may store in a column of type `ty`, or why not (as
/// SQLite's codec checks them).
pub fn check(ty: Type, value: &Value) -> Result<(), String> {
    if let Value::String(s) | Value::CiString(s) | Value::Atom(s) = value
        && s.contains('\0')
    {
        return Err(format!("{} contains a NUL character, which PostgreSQL text cannot hold", describe(value)));
    }
    let fits = match (ty, value) {
        (_, Value::Nil) => true,
        (Type::String | Type::CiString, Value::String(_) | Value::CiString(_)) => true,
        (Type::Integer, Value::Int(_)) => true,
        (Type::Float, Value::Float(_) | Value::Int(_)) => true,
        (Type::Decimal, Value::Decimal(_) | Value::Int(_)) => true,
        (Type::Boolean, Value::Bool(_)) => true,
        (Type::Uuid, Value::Uuid(_)) => true,
        (Type::Uuid, Value::String(s)) => {
            return Uuid::parse_str(s).map(drop).map_err(|_| format!("{value} is not a uuid"));
        }
        (Type::Date, Value::Date(_)) => true,
        (Type::UtcDatetime, Value::DateTime(_)) => true,
        (Type::Atom(names), Value::Atom(name) | Value::String(name)) => {
            if !names.is_empty() && !names.contains(&name.as_str()) {
                return Err(format!("{value} is not one of {}", names.join(", ")));
            }
            true
        }
        (Type::Json, _) => true,
        (Type::Embedded(embed), Value::Json(json)) => {
            return stored_text(&embed, json).map(drop).map_err(|e| format!("{value} is not a {}{e}", embed.name));
        }
        _ => false,
    };
    if fits { Ok(()) } else { Err(format!("{} does not fit a column of type {}", describe(value), ty.ash_name())) }
}

/// The value a write binds for a column of type `ty`, checked by
/// [`check`]: an embedded value in its canonical form, the JSON of
/// `stored_text` (nil keys left out under `embed_nil_values: false`, as
/// SQLite stores them), so that filters read the same keys on both.
pub fn stored(ty: Type, value: &Value) -> Result<std::borrow::Cow<'_, Value>, String> {
    check(ty, value)?;
    match (ty, value) {
        (Type::Embedded(embed), Value::Json(json)) => {
            let text = stored_text(&embed, json).map_err(|e| format!("{value} is not a {}{e}", embed.name))?;
            let canonical = serde_json::from_str(&text).map_err(|e| format!("{value}: {e}"))?;
            Ok(std::borrow::Cow::Owned(Value::Json(canonical)))
        }
        _ => Ok(std::borrow::Cow::Borrowed(value)),
    }
}

/// One result column, read by its server type.
#[derive(Debug)]
pub struct Cell(pub Value);

impl<'a> FromSql<'a> for Cell {
    fn from_sql(ty: &PgType, raw: &'a [u8]) -> Result<Cell, BoxError> {
        if is_text(ty) {
            return Ok(Cell(Value::String(std::str::from_utf8(raw)?.to_string())));
        }
        let value = match *ty {
            PgType::BOOL => Value::Bool(bool::from_sql(ty, raw)?),
            PgType::INT8 => Value::Int(i64::from_sql(ty, raw)?),
            PgType::INT4 => Value::Int(i64::from(i32::from_sql(ty, raw)?)),
            PgType::INT2 => Value::Int(i64::from(i16::from_sql(ty, raw)?)),
            PgType::FLOAT8 => Value::Float(f64::from_sql(ty, raw)?),
            PgType::FLOAT4 => Value::Float(f64::from(f32::from_sql(ty, raw)?)),
            PgType::NUMERIC => Value::Decimal(Decimal::from_sql(ty, raw)?),
            PgType::UUID => Value::Uuid(Uuid::from_sql(ty, raw)?),
            PgType::DATE => Value::Date(NaiveDate::from_sql(ty, raw)?),
            PgType::TIMESTAMPTZ => Value::DateTime(DateTime::<Utc>::from_sql(ty, raw)?),
            PgType::TIMESTAMP => Value::DateTime(NaiveDateTime::from_sql(ty, raw)?.and_utc()),
            PgType::JSONB | PgType::JSON => Value::Json(serde_json::Value::from_sql(ty, raw)?),
            _ => return Err(format!("a column of type {} cannot be read", ty.name()).into()),
        };
        Ok(Cell(value))
    }

    fn from_sql_null(_: &PgType) -> Result<Cell, BoxError> {
        Ok(Cell(Value::Nil))
    }

    fn accepts(_: &PgType) -> bool {
        true
    }
}

/// A value read from the server as type `ty`, or why it cannot be.
pub fn decode(ty: Type, stored: Value) -> Result<Value, String> {
    let fail = |stored: &Value| format!("stored {} cannot be read as {}", describe(stored), ty.ash_name());
    Ok(match (ty, stored) {
        (_, Value::Nil) => Value::Nil,
        (Type::String, Value::String(s)) => Value::String(s),
        (Type::CiString, Value::String(s) | Value::CiString(s)) => Value::CiString(s),
        (Type::Atom(names), Value::String(name) | Value::Atom(name)) => {
            if !names.is_empty() && !names.contains(&name.as_str()) {
                return Err(format!("stored text {name:?} is not one of {}", names.join(", ")));
            }
            Value::Atom(name)
        }
        (Type::Integer, Value::Int(i)) => Value::Int(i),
        (Type::Boolean, Value::Bool(b)) => Value::Bool(b),
        (Type::Float, Value::Float(f)) => Value::Float(f),
        (Type::Float, Value::Int(i)) => Value::Float(i as f64),
        (Type::Decimal, Value::Decimal(d)) => Value::Decimal(d),
        (Type::Decimal, Value::Int(i)) => Value::Decimal(Decimal::from(i)),
        (Type::Uuid, Value::Uuid(u)) => Value::Uuid(u),
        (Type::Uuid, Value::String(s)) => Value::Uuid(Uuid::parse_str(&s).map_err(|_| fail(&Value::String(s)))?),
        (Type::Date, Value::Date(d)) => Value::Date(d),
        (Type::UtcDatetime, Value::DateTime(d)) => Value::DateTime(d),
        (Type::Json, Value::Json(j)) => Value::Json(j),
        (Type::Json, Value::String(s)) => {
            Value::Json(serde_json::from_str(&s).map_err(|_| fail(&Value::String(s.clone())))?)
        }
        // The stored value is not shown: it may be large, or hold what the record hides.
        (Type::Embedded(embed), Value::Json(json)) => {
            cast_embedded(embed, &json).map_err(|e| format!("stored JSON is not a {}: {e}", embed.name))?
        }
        (_, other) => return Err(fail(&other)),
    })
}

/// `the string "high"`, `the integer 3`, for messages.
fn describe(value: &Value) -> String {
    let kind = match value {
        Value::Nil => "nil",
        Value::Bool(_) => "the boolean",
        Value::Int(_) => "the integer",
        Value::Float(_) => "the float",
        Value::Decimal(_) => "the decimal",
        Value::String(_) => "the string",
        Value::CiString(_) => "the ci_string",
        Value::Uuid(_) => "the uuid",
        Value::Date(_) => "the date",
        Value::DateTime(_) => "the datetime",
        Value::Atom(_) => "the atom",
        Value::Json(_) => "the map",
    };
    format!("{kind} {value}")
}
