//! The runtime's dynamic value: what a record field holds once it leaves
//! its typed Rust struct. Rows are `Vec<Value>` in attribute order.

use std::cmp::Ordering;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

/// One field value. `Nil` is Ash's `nil`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No value (Ash's `nil`; Rust's `None`).
    Nil,
    /// A boolean (`Type::Boolean`).
    Bool(bool),
    /// A 64-bit integer (`Type::Integer`).
    Int(i64),
    /// A 64-bit float (`Type::Float`).
    Float(f64),
    /// An exact decimal (`Type::Decimal`).
    Decimal(Decimal),
    /// A string (`Type::String`), compared with its case.
    String(String),
    /// A case-insensitive string: keeps its case, compares without it.
    CiString(String),
    /// A UUID (`Type::Uuid`).
    Uuid(Uuid),
    /// A calendar date (`Type::Date`).
    Date(NaiveDate),
    /// A UTC timestamp (`Type::UtcDatetime`).
    DateTime(DateTime<Utc>),
    /// An enum value (Ash's atom), held by its name.
    Atom(String),
    /// Anything structured (embedded resources, maps, arrays).
    Json(serde_json::Value),
}

/// One row of a resource: one value per attribute, in declaration order.
pub type Row = Vec<Value>;

impl Value {
    /// Whether this is `Nil`.
    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    /// The kind of value, for messages: `"integer"`, `"string"`, ..
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Nil => "nil",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Float(_) => "float",
            Value::Decimal(_) => "decimal",
            Value::String(_) => "string",
            Value::CiString(_) => "ci_string",
            Value::Uuid(_) => "uuid",
            Value::Date(_) => "date",
            Value::DateTime(_) => "datetime",
            Value::Atom(_) => "atom",
            Value::Json(_) => "map",
        }
    }

    /// The string inside `String`, `CiString` or `Atom`.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) | Value::CiString(s) | Value::Atom(s) => Some(s),
            _ => None,
        }
    }

    /// Compares two values the way filters and sorts do. `None` means the
    /// values are not comparable (different kinds, or a nil on either side).
    pub fn compare(&self, other: &Value) -> Option<Ordering> {
        use Value::*;
        match (self, other) {
            (Nil, _) | (_, Nil) => None,
            (Bool(a), Bool(b)) => Some(a.cmp(b)),
            (Int(a), Int(b)) => Some(a.cmp(b)),
            (Float(a), Float(b)) => a.partial_cmp(b),
            (Int(a), Float(b)) => (*a as f64).partial_cmp(b),
            (Float(a), Int(b)) => a.partial_cmp(&(*b as f64)),
            (Decimal(a), Decimal(b)) => Some(a.cmp(b)),
            (Decimal(a), Int(b)) => Some(a.cmp(&rust_decimal::Decimal::from(*b))),
            (Int(a), Decimal(b)) => Some(rust_decimal::Decimal::from(*a).cmp(b)),
            (Decimal(a), Float(b)) => rust_decimal::Decimal::try_from(*b).ok().map(|b| a.cmp(&b)),
            (Float(a), Decimal(b)) => rust_decimal::Decimal::try_from(*a).ok().map(|a| a.cmp(b)),
            (CiString(a), CiString(b)) | (CiString(a), String(b)) | (String(a), CiString(b)) => Some(ci_cmp(a, b)),
            (String(a) | Atom(a), String(b) | Atom(b)) => Some(a.cmp(b)),
            (Uuid(a), Uuid(b)) => Some(a.cmp(b)),
            (Uuid(a), String(b)) | (String(b), Uuid(a)) => b.parse::<uuid::Uuid>().ok().map(|b| a.cmp(&b)),
            (Date(a), Date(b)) => Some(a.cmp(b)),
            (DateTime(a), DateTime(b)) => Some(a.cmp(b)),
            (Json(a), Json(b)) => (a == b).then_some(Ordering::Equal),
            _ => None,
        }
    }

    /// Equality as filters and identities see it (case-insensitive for ci strings,
    /// numeric across int/float/decimal). Nil equals nothing, not even nil.
    pub fn loose_eq(&self, other: &Value) -> bool {
        self.compare(other) == Some(Ordering::Equal)
    }

    /// The key this value contributes to a unique index: normalised so that
    /// values equal under `loose_eq` give equal keys.
    pub fn index_key(&self) -> IndexKey {
        match self {
            Value::Nil => IndexKey::Nil,
            Value::Bool(b) => IndexKey::Bool(*b),
            Value::Int(i) => IndexKey::Text(rust_decimal::Decimal::from(*i).normalize().to_string()),
            Value::Float(f) => match rust_decimal::Decimal::try_from(*f) {
                Ok(d) => IndexKey::Text(d.normalize().to_string()),
                Err(_) => IndexKey::Text(format!("f:{}", f.to_bits())),
            },
            Value::Decimal(d) => IndexKey::Text(d.normalize().to_string()),
            Value::String(s) | Value::Atom(s) => IndexKey::Text(s.clone()),
            Value::CiString(s) => IndexKey::Text(s.chars().flat_map(char::to_lowercase).collect()),
            Value::Uuid(u) => IndexKey::Uuid(*u),
            Value::Date(d) => IndexKey::Text(d.to_string()),
            Value::DateTime(d) => IndexKey::Text(d.to_rfc3339()),
            Value::Json(j) => IndexKey::Text(j.to_string()),
        }
    }

    /// The value as JSON, for dynamic output and embedded storage.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Nil => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => J::from(*f),
            Value::Decimal(d) => J::String(d.to_string()),
            Value::String(s) | Value::CiString(s) | Value::Atom(s) => J::String(s.clone()),
            Value::Uuid(u) => J::String(u.to_string()),
            Value::Date(d) => J::String(d.to_string()),
            Value::DateTime(d) => J::String(d.to_rfc3339()),
            Value::Json(j) => j.clone(),
        }
    }
}

/// The same JSON as [`Value::to_json`], written straight to the serializer:
/// decimals, UUIDs, dates and timestamps as strings (exact, as Ash's JSON
/// encoding writes them), atoms by name, nil as `null`.
impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Value::Nil => serializer.serialize_none(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Int(i) => serializer.serialize_i64(*i),
            Value::Float(f) => serializer.serialize_f64(*f),
            Value::Decimal(d) => serializer.collect_str(d),
            Value::String(s) | Value::CiString(s) | Value::Atom(s) => serializer.serialize_str(s),
            Value::Uuid(u) => serializer.collect_str(u),
            Value::Date(d) => serializer.collect_str(d),
            Value::DateTime(d) => serializer.serialize_str(&d.to_rfc3339()),
            Value::Json(j) => j.serialize(serializer),
        }
    }
}

fn ci_cmp(a: &str, b: &str) -> Ordering {
    a.chars().flat_map(char::to_lowercase).cmp(b.chars().flat_map(char::to_lowercase))
}

/// A hashable, normalised form of a value, used by unique indexes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IndexKey {
    /// A nil value.
    Nil,
    /// A boolean.
    Bool(bool),
    /// A UUID.
    Uuid(Uuid),
    /// Everything else, as normalised text: numbers in their shortest
    /// decimal form, ci strings lowercased, dates and times in RFC 3339.
    Text(String),
}

impl fmt::Display for Value {
    /// Renders like Elixir's `inspect`, which Ash uses inside messages:
    /// strings quoted, numbers bare, nil as `nil`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Nil => f.write_str("nil"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x:?}"),
            Value::Decimal(d) => write!(f, "Decimal.new(\"{d}\")"),
            Value::String(s) | Value::CiString(s) => match s.char_indices().nth(SHOWN_CHARS) {
                // Like `inspect`'s printable limit: a huge input makes no huge message.
                Some((end, _)) => write!(f, "{:?} <> ...", &s[..end]),
                None => write!(f, "{s:?}"),
            },
            Value::Atom(s) => write!(f, ":{s}"),
            Value::Uuid(u) => write!(f, "\"{u}\""),
            Value::Date(d) => write!(f, "~D[{d}]"),
            Value::DateTime(d) => write!(f, "~U[{}]", d.format("%Y-%m-%d %H:%M:%S%.fZ")),
            Value::Json(j) => {
                let text = j.to_string();
                match text.char_indices().nth(SHOWN_CHARS) {
                    Some((end, _)) => write!(f, "{} ...", &text[..end]),
                    None => f.write_str(&text),
                }
            }
        }
    }
}

/// How many characters of a string or JSON value a message shows.
pub const SHOWN_CHARS: usize = 100;

#[cfg(test)]
mod tests {

    #[test]
    fn messages_show_a_prefix_of_long_values() {
        let long = Value::String("a".repeat(1_000_000));
        let shown = long.to_string();
        assert_eq!(shown, format!("{:?} <> ...", "a".repeat(SHOWN_CHARS)));
        assert_eq!(Value::String("é".repeat(SHOWN_CHARS)).to_string().chars().count(), SHOWN_CHARS + 2);
        let json = Value::Json(serde_json::json!({ "k": "v".repeat(500) }));
        assert!(json.to_string().len() < 2 * SHOWN_CHARS, "{json}");
    }

    use super::*;

    #[test]
    fn values_serialize_as_their_json() {
        let values = [
            Value::Nil,
            Value::Bool(true),
            Value::Int(-3),
            Value::Float(1.5),
            Value::Decimal(Decimal::new(120, 2)),
            Value::String("s".into()),
            Value::CiString("Ci".into()),
            Value::Uuid(Uuid::nil()),
            Value::Date(NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()),
            Value::DateTime(DateTime::from_timestamp_micros(1_764_633_600_123_456).unwrap()),
            Value::Atom("open".into()),
            Value::Json(serde_json::json!({"a": [1, null]})),
        ];
        for value in &values {
            assert_eq!(serde_json::to_value(value).unwrap(), value.to_json(), "{value:?}");
        }
        assert_eq!(
            serde_json::to_string(&values[4..10]).unwrap(),
            r#"["1.20","s","Ci","00000000-0000-0000-0000-000000000000","2026-12-02","2025-12-02T00:00:00.123456+00:00"]"#
        );
    }

    #[test]
    fn ci_strings_compare_without_case_but_keep_it() {
        let a = Value::CiString("Nyima@Example.com".into());
        let b = Value::CiString("nyima@example.com".into());
        assert!(a.loose_eq(&b));
        assert_eq!(a.index_key(), b.index_key());
        assert_eq!(a.as_str(), Some("Nyima@Example.com"));
    }

    #[test]
    fn nil_equals_nothing() {
        assert!(!Value::Nil.loose_eq(&Value::Nil));
        assert_eq!(Value::Nil.compare(&Value::Int(1)), None);
    }

    #[test]
    fn numbers_compare_across_kinds() {
        let d = Value::Decimal("0.5".parse().unwrap());
        assert_eq!(d.compare(&Value::Int(1)), Some(Ordering::Less));
        assert_eq!(Value::Float(0.5).index_key(), d.index_key());
        assert_eq!(Value::Int(2).index_key(), Value::Decimal("2.00".parse().unwrap()).index_key());
    }

    #[test]
    fn display_follows_inspect() {
        assert_eq!(Value::String("a".into()).to_string(), "\"a\"");
        assert_eq!(Value::Int(3).to_string(), "3");
        assert_eq!(Value::Nil.to_string(), "nil");
    }
}
