//! Values to SQLite storage and back.
//!
//! | type | stored as |
//! |---|---|
//! | string, atom | TEXT |
//! | ci_string | TEXT (column `COLLATE ci`: Unicode lowercase) |
//! | integer | INTEGER |
//! | boolean | INTEGER 0 / 1 |
//! | float | REAL |
//! | decimal | TEXT, as written (`"0.10"`), column `COLLATE decimal` |
//! | uuid | TEXT, lowercase hyphenated |
//! | date | TEXT `YYYY-MM-DD` |
//! | utc_datetime_usec | TEXT `YYYY-MM-DDTHH:MM:SS.ffffffZ` (fixed width: text order is time order) |
//! | map (json) | TEXT, JSON |
//!
//! Writes check each value against its attribute's type first ([`encode`]);
//! reads decode by the attribute's type ([`decode`]). Both report a mismatch
//! naming the field. Filter parameters, whose column is not known here, go
//! through [`param`].

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use rusqlite::types::{ToSqlOutput, Value as SqlValue, ValueRef};
use rust_decimal::Decimal;
use uuid::Uuid;

pub use super::decimal_text::decimal_text;
use crate::info::Type;
use crate::info::cast::embedded::cast_embedded;
use crate::info::embedded::stored_text;
use crate::info::value::Value;

/// How a datetime is stored: RFC 3339, UTC, always six fractional digits.
pub fn datetime_text(datetime: &DateTime<Utc>) -> String {
    datetime.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn date_text(date: &NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Lowercase hyphenated, written straight into the text (`to_string`
/// goes through the formatting machinery: 40% more instructions per get's key).
pub fn uuid_text(uuid: &Uuid) -> String {
    uuid.hyphenated().encode_lower(&mut Uuid::encode_buffer()).to_owned()
}

pub fn parse_decimal(text: &str) -> Option<Decimal> {
    // Text that starts and ends with a visible ASCII character has no white
    // space to trim (`trim`'s scan of both ends was a third of a read's decimal).
    let text = match text.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    };
    Decimal::from_str(text).ok().or_else(|| Decimal::from_scientific(text).ok())
}

/// A value bound as a parameter when its column is not known (filters):
/// each kind in the form the storage table above gives it.
pub fn param(value: &Value) -> ToSqlOutput<'_> {
    match value {
        Value::Nil => ToSqlOutput::Borrowed(ValueRef::Null),
        Value::Bool(b) => ToSqlOutput::Owned(SqlValue::Integer(i64::from(*b))),
        Value::Int(i) => ToSqlOutput::Owned(SqlValue::Integer(*i)),
        Value::Float(f) => ToSqlOutput::Owned(SqlValue::Real(*f)),
        Value::Decimal(d) => ToSqlOutput::Owned(SqlValue::Text(decimal_text(d))),
        Value::String(s) | Value::CiString(s) | Value::Atom(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        Value::Uuid(u) => ToSqlOutput::Owned(SqlValue::Text(uuid_text(u))),
        Value::Date(d) => ToSqlOutput::Owned(SqlValue::Text(date_text(d))),
        Value::DateTime(d) => ToSqlOutput::Owned(SqlValue::Text(datetime_text(d))),
        Value::Json(j) => ToSqlOutput::Owned(SqlValue::Text(j.to_string())),
    }
}

/// Room for a uuid's hyphenated text.
pub type UuidText = [u8; uuid::fmt::Hyphenated::LENGTH];

/// `param(value)`, a uuid's text written into `text` rather than a new
/// `String` (a get's or a destroy's key: one allocation fewer).
pub fn param_in<'a>(value: &'a Value, text: &'a mut UuidText) -> ToSqlOutput<'a> {
    match value {
        Value::Uuid(uuid) => uuid_param(uuid, text),
        _ => param(value),
    }
}

/// `encode(ty, value)`, a uuid's text written into `text` (as `param_in`).
pub fn encode_in<'a>(ty: Type, value: &'a Value, text: &'a mut UuidText) -> Result<ToSqlOutput<'a>, String> {
    match (ty, value) {
        (Type::Uuid, Value::Uuid(uuid)) => Ok(uuid_param(uuid, text)),
        _ => encode(ty, value),
    }
}

fn uuid_param<'a>(uuid: &Uuid, text: &'a mut UuidText) -> ToSqlOutput<'a> {
    ToSqlOutput::Borrowed(ValueRef::Text(uuid.hyphenated().encode_lower(text).as_bytes()))
}

/// A value for a column of type `ty`, or why it does not fit.
pub fn encode(ty: Type, value: &Value) -> Result<ToSqlOutput<'_>, String> {
    let fits = match (ty, value) {
        (_, Value::Nil) => true,
        (Type::String | Type::CiString, Value::String(_) | Value::CiString(_)) => true,
        (Type::Integer, Value::Int(_)) => true,
        (Type::Float, Value::Float(_) | Value::Int(_)) => true,
        (Type::Decimal, Value::Decimal(_) | Value::Int(_)) => true,
        (Type::Boolean, Value::Bool(_)) => true,
        (Type::Uuid, Value::Uuid(_)) => true,
        (Type::Uuid, Value::String(s)) => {
            let uuid = Uuid::parse_str(s).map_err(|_| format!("{value} is not a uuid"))?;
            return Ok(ToSqlOutput::Owned(SqlValue::Text(uuid_text(&uuid))));
        }
        (Type::Date, Value::Date(_)) => true,
        (Type::UtcDatetime, Value::DateTime(_)) => true,
        (Type::Atom(names), Value::Atom(name) | Value::String(name)) => {
            if !names.is_empty() && !names.contains(&name.as_str()) {
                return Err(format!("{value} is not one of {}", names.join(", ")));
            }
            true
        }
        (Type::Json, Value::Json(_)) => true,
        (Type::Embedded(embed), Value::Json(json)) => {
            let text = stored_text(&embed, json).map_err(|e| format!("{value} is not a {}{e}", embed.name))?;
            return Ok(ToSqlOutput::Owned(SqlValue::Text(text)));
        }
        (Type::Json, other) => return Ok(ToSqlOutput::Owned(SqlValue::Text(other.to_json().to_string()))),
        _ => false,
    };
    if fits {
        Ok(match (ty, value) {
            (Type::Decimal, Value::Int(i)) => ToSqlOutput::Owned(SqlValue::Text(i.to_string())),
            (Type::Float, Value::Int(i)) => ToSqlOutput::Owned(SqlValue::Real(*i as f64)),
            _ => param(value),
        })
    } else {
        Err(format!("{} does not fit a column of type {}", describe(value), ty.ash_name()))
    }
}

/// A stored value read as type `ty`, or why it cannot be.
pub fn decode(ty: Type, stored: ValueRef<'_>) -> Result<Value, String> {
    let fail = || format!("stored {} cannot be read as {}", describe_stored(stored), ty.ash_name());
    if let ValueRef::Null = stored {
        return Ok(Value::Nil);
    }
    let text = || match stored {
        ValueRef::Text(bytes) => std::str::from_utf8(bytes).ok(),
        _ => None,
    };
    // The types a field can read straight (`read_*`) decode through the same reads.
    let value = match ty {
        Type::String => Value::String(read_string(stored).ok_or_else(fail)?),
        Type::CiString => Value::CiString(text().ok_or_else(fail)?.to_string()),
        Type::Atom(names) => {
            let name = text().ok_or_else(fail)?;
            if !names.is_empty() && !names.contains(&name) {
                return Err(format!("stored {} is not one of {}", describe_stored(stored), names.join(", ")));
            }
            Value::Atom(name.to_string())
        }
        Type::Integer => Value::Int(read_i64(stored).ok_or_else(fail)?),
        Type::Boolean => Value::Bool(read_bool(stored).ok_or_else(fail)?),
        Type::Float => Value::Float(read_f64(stored).ok_or_else(fail)?),
        Type::Decimal => match stored {
            ValueRef::Real(f) => Value::Decimal(parse_decimal(&f.to_string()).ok_or_else(fail)?),
            _ => Value::Decimal(read_decimal(stored).ok_or_else(fail)?),
        },
        Type::Uuid => Value::Uuid(read_uuid(stored).ok_or_else(fail)?),
        Type::Date => Value::Date(text().and_then(parse_date).ok_or_else(fail)?),
        Type::UtcDatetime => Value::DateTime(text().and_then(parse_datetime).ok_or_else(fail)?),
        Type::Json => Value::Json(text().and_then(|t| serde_json::from_str(t).ok()).ok_or_else(fail)?),
        // The stored text is not shown: it may be large, or hold what the record hides.
        Type::Embedded(embed) => {
            let json: serde_json::Value = serde_json::from_str(text().ok_or_else(fail)?)
                .map_err(|e| format!("stored text is not valid JSON (line {}, column {})", e.line(), e.column()))?;
            cast_embedded(embed, &json).map_err(|e| format!("stored JSON is not a {}: {e}", embed.name))?
        }
    };
    Ok(value)
}

// Typed reads: a stored value straight into a field's Rust type, for the
// attribute type named, when `decode` would give that value (`None` for
// anything else, nil included: the caller decodes it, for its `Value` or
// its error). `decode` reads these types through them.

/// A `Type::String` column's value, as `decode` gives `Value::String`.
#[inline]
pub fn read_string(stored: ValueRef<'_>) -> Option<String> {
    match stored {
        ValueRef::Text(bytes) => std::str::from_utf8(bytes).ok().map(str::to_owned),
        _ => None,
    }
}

/// A `Type::Integer` column's value, as `decode` gives `Value::Int`.
#[inline]
pub fn read_i64(stored: ValueRef<'_>) -> Option<i64> {
    match stored {
        ValueRef::Integer(i) => Some(i),
        _ => None,
    }
}

/// A `Type::Float` column's value, as `decode` gives `Value::Float`.
#[inline]
pub fn read_f64(stored: ValueRef<'_>) -> Option<f64> {
    match stored {
        ValueRef::Real(f) => Some(f),
        ValueRef::Integer(i) => Some(i as f64),
        _ => None,
    }
}

/// A `Type::Boolean` column's value, as `decode` gives `Value::Bool`.
#[inline]
pub fn read_bool(stored: ValueRef<'_>) -> Option<bool> {
    match stored {
        ValueRef::Integer(0) => Some(false),
        ValueRef::Integer(1) => Some(true),
        _ => None,
    }
}

/// A `Type::Decimal` column's value, as `decode` gives `Value::Decimal`
/// (a real goes through `decode`: its text is parsed).
#[inline]
pub fn read_decimal(stored: ValueRef<'_>) -> Option<Decimal> {
    match stored {
        ValueRef::Text(bytes) => std::str::from_utf8(bytes).ok().and_then(parse_decimal),
        ValueRef::Integer(i) => Some(Decimal::from(i)),
        _ => None,
    }
}

/// A `Type::Uuid` column's value, as `decode` gives `Value::Uuid`.
#[inline]
pub fn read_uuid(stored: ValueRef<'_>) -> Option<Uuid> {
    match stored {
        ValueRef::Text(bytes) => std::str::from_utf8(bytes).ok().and_then(|t| Uuid::parse_str(t).ok()),
        ValueRef::Blob(bytes) => Uuid::from_slice(bytes).ok(),
        _ => None,
    }
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// RFC 3339, or SQLite's own `YYYY-MM-DD HH:MM:SS[.fff]` (read as UTC).
fn parse_datetime(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(datetime) = DateTime::parse_from_rfc3339(text) {
        return Some(datetime.with_timezone(&Utc));
    }
    ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .map(|naive| naive.and_utc())
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

fn describe_stored(stored: ValueRef<'_>) -> String {
    const SHOWN: usize = 40;
    match stored {
        ValueRef::Null => "NULL".to_string(),
        ValueRef::Integer(i) => format!("integer {i}"),
        ValueRef::Real(f) => format!("real {f:?}"),
        ValueRef::Text(bytes) => {
            let text = String::from_utf8_lossy(bytes);
            let shown: String = text.chars().take(SHOWN).collect();
            let more = if text.chars().count() > SHOWN { "…" } else { "" };
            format!("text {shown:?}{more}")
        }
        ValueRef::Blob(bytes) => format!("blob of {} bytes", bytes.len()),
    }
}
