//! Casting input to an attribute's type, then applying its constraints,
//! with Ash's message texts.

pub mod embedded;

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::info::error::{FieldError, FieldErrorKind};
use crate::info::value::Value;
use crate::info::{Constraints, Number, Type};

/// Input as it arrives: already a typed value (from a generated setter or a
/// change) or JSON from outside.
#[derive(Debug, Clone)]
pub enum Input {
    /// A runtime value, cast losslessly (an integer to a decimal, a string to a uuid).
    Value(Value),
    /// JSON from outside; `null` is nil, strings are parsed to the field's type.
    Json(serde_json::Value),
}

/// Casts `input` to `ty` and applies `constraints`. On failure returns the
/// field errors (with `field` as their field), never a partial value.
pub fn cast_and_constrain(
    field: &str,
    ty: Type,
    constraints: &Constraints,
    input: Input,
) -> Result<Value, Vec<FieldError>> {
    let value = match input {
        Input::Value(v) => cast_value(ty, v),
        Input::Json(j) => cast_json(ty, &j),
    }
    .map_err(|message| vec![FieldError::new(field, FieldErrorKind::InvalidType, message)])?;
    apply_constraints(ty, constraints, value).map_err(|messages| {
        messages.into_iter().map(|m| FieldError::new(field, FieldErrorKind::Constraint, m)).collect()
    })
}

const INVALID: &str = "is invalid";

/// Casts a JSON value (dynamic input) to `ty`. JSON `null` is nil.
pub fn cast_json(ty: Type, json: &serde_json::Value) -> Result<Value, String> {
    use serde_json::Value as J;
    if json.is_null() {
        return Ok(Value::Nil);
    }
    let value = match (ty, json) {
        (Type::Json, j) => Value::Json(j.clone()),
        (Type::Embedded(embed), j) => return embedded::cast_embedded(embed, j),
        (_, J::String(s)) => Value::String(s.clone()),
        (_, J::Bool(b)) => Value::Bool(*b),
        (_, J::Number(n)) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => match n.as_f64() {
                Some(f) => Value::Float(f),
                None => return Err(INVALID.into()),
            },
        },
        _ => return Err(INVALID.into()),
    };
    cast_value(ty, value)
}

/// Converts a value to `ty` where the conversion is lossless and obvious
/// (a string to a uuid, an integer to a decimal); anything else is invalid.
pub fn cast_value(ty: Type, value: Value) -> Result<Value, String> {
    if value.is_nil() {
        return Ok(Value::Nil);
    }
    let invalid = || INVALID.to_string();
    Ok(match (ty, value) {
        (Type::String, Value::String(s) | Value::CiString(s)) => Value::String(s),
        (Type::CiString, Value::String(s) | Value::CiString(s)) => Value::CiString(s),
        (Type::Integer, Value::Int(i)) => Value::Int(i),
        (Type::Integer, Value::String(s)) => Value::Int(s.trim().parse().map_err(|_| invalid())?),
        (Type::Integer, Value::Float(f)) if f.fract() == 0.0 && f.abs() < 9.0e15 => Value::Int(f as i64),
        (Type::Float, Value::Float(f)) => Value::Float(finite(f)?),
        (Type::Float, Value::Int(i)) => Value::Float(i as f64),
        (Type::Float, Value::Decimal(d)) => Value::Float(finite(d.to_string().parse().map_err(|_| invalid())?)?),
        (Type::Float, Value::String(s)) => Value::Float(finite(s.trim().parse().map_err(|_| invalid())?)?),
        (Type::Decimal, Value::Decimal(d)) => Value::Decimal(d),
        (Type::Decimal, Value::Int(i)) => Value::Decimal(Decimal::from(i)),
        (Type::Decimal, Value::Float(f)) => Value::Decimal(Decimal::from_str(&f.to_string()).map_err(|_| invalid())?),
        (Type::Decimal, Value::String(s)) => Value::Decimal(parse_decimal(s.trim()).ok_or_else(invalid)?),
        (Type::Boolean, Value::Bool(b)) => Value::Bool(b),
        (Type::Boolean, Value::String(s)) => match s.trim() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(invalid()),
        },
        (Type::Uuid, Value::Uuid(u)) => Value::Uuid(u),
        (Type::Uuid, Value::String(s)) => Value::Uuid(Uuid::parse_str(s.trim()).map_err(|_| invalid())?),
        (Type::Date, Value::Date(d)) => Value::Date(storable_year(d)?),
        (Type::Date, Value::String(s)) => {
            Value::Date(storable_year(NaiveDate::from_str(s.trim()).map_err(|_| invalid())?)?)
        }
        // Ash's `utc_datetime_usec`: cut to microseconds, as every layer stores them.
        (Type::UtcDatetime, Value::DateTime(d)) => Value::DateTime(storable_instant(d)?),
        (Type::UtcDatetime, Value::String(s)) => {
            let parsed = DateTime::parse_from_rfc3339(s.trim()).map_err(|_| invalid())?;
            Value::DateTime(storable_instant(parsed.with_timezone(&Utc))?)
        }
        (Type::Atom(names), Value::Atom(s) | Value::String(s)) => {
            if names.contains(&s.as_str()) {
                Value::Atom(s)
            } else {
                let shown = Value::String(s).to_string();
                return Err(format!("atom must be one of {}, got: {shown}", names.join(", ")));
            }
        }
        (Type::Json, v) => Value::Json(v.to_json()),
        // A typed record (or a `Value::Json` given as one) is used as it is,
        // no action run: only its shape is checked.
        (Type::Embedded(embed), Value::Json(j)) => return embedded::cast_embedded(embed, &j),
        _ => return Err(invalid()),
    })
}

/// [`cast_value`], or `value` as it is where the cast fails. A value
/// already of the type's own kind, which `cast_value` hands back
/// unchanged, is not copied first (a default's cast, on every create).
pub(crate) fn cast_or_keep(ty: Type, value: Value) -> Value {
    match (ty, &value) {
        (_, Value::Nil)
        | (Type::String, Value::String(_))
        | (Type::CiString, Value::CiString(_))
        | (Type::Integer, Value::Int(_))
        | (Type::Decimal, Value::Decimal(_))
        | (Type::Boolean, Value::Bool(_))
        | (Type::Uuid, Value::Uuid(_)) => value,
        _ => {
            let kept = value.clone();
            cast_value(ty, value).unwrap_or(kept)
        }
    }
}

/// A float every layer stores and reads back exactly: no NaN or infinity
/// (SQLite stores NaN as NULL; JSON has neither), and `-0.0` as `0.0` (the
/// two compare equal, and a layer may not keep the sign).
fn finite(f: f64) -> Result<f64, String> {
    if !f.is_finite() {
        return Err("must be a finite number".to_string());
    }
    Ok(if f == 0.0 { 0.0 } else { f })
}

/// Dates every layer can store and read back, in order: years 0 to 9999
/// (SQL layers store them as fixed-width text, `YYYY-MM-DD`).
fn storable_year(date: NaiveDate) -> Result<NaiveDate, String> {
    use chrono::Datelike;
    if (0..=9999).contains(&date.year()) { Ok(date) } else { Err("year must be between 0 and 9999".to_string()) }
}

/// [`storable_year`] for an instant (in UTC), cut to microseconds.
fn storable_instant(instant: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    storable_year(instant.date_naive())?;
    Ok(instant.trunc_subsecs(6))
}

/// A decimal in the forms Ash's `Decimal.parse` accepts: an optional sign,
/// digits with at most one `.`, an optional exponent (`1.5e3`). Nothing
/// else: `"50_50"` is not 5050 (rust_decimal's own parser skips `_`).
fn parse_decimal(s: &str) -> Option<Decimal> {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (unsigned, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => {
            (digits(whole) || whole.is_empty()) && (digits(fraction) || fraction.is_empty()) && mantissa.len() > 1
        }
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    if !(mantissa_ok && exponent_ok) {
        return None;
    }
    match exponent {
        None => Decimal::from_str(s).ok(),
        Some(_) => Decimal::from_scientific(s).ok(),
    }
}

/// Applies Ash's constraints. Strings are trimmed (unless `trim: false`) and
/// an empty string becomes nil (unless `allow_empty: true`); nil passes all.
pub fn apply_constraints(ty: Type, c: &Constraints, value: Value) -> Result<Value, Vec<String>> {
    let value = match value {
        Value::String(s) => normalize_string(s, c).map_or(Value::Nil, Value::String),
        Value::CiString(s) => normalize_string(s, c).map_or(Value::Nil, Value::CiString),
        other => other,
    };
    let mut errors = Vec::new();
    match (&value, ty) {
        (Value::Nil, _) => {}
        (Value::String(s) | Value::CiString(s), _) => check_string(s, c, &mut errors),
        (Value::Int(_) | Value::Float(_) | Value::Decimal(_), _) => check_number(&value, c, &mut errors),
        _ => {}
    }
    if errors.is_empty() { Ok(value) } else { Err(errors) }
}

fn normalize_string(s: String, c: &Constraints) -> Option<String> {
    let s = if c.trim { trim_in_place(s) } else { s };
    if s.is_empty() && !c.allow_empty { None } else { Some(s) }
}

/// `s.trim()`, in `s`'s own buffer: most input has nothing to trim, and
/// a copy per string was a fifth of casting a create's input.
fn trim_in_place(mut s: String) -> String {
    // Nothing to trim when each end is an ASCII character other than
    // whitespace (`char::is_whitespace` on ASCII: ' ' and '\t'..='\r'):
    // the common case, without decoding a char at either end.
    let kept = |byte: Option<&u8>| byte.is_some_and(|&b| b.is_ascii() && !matches!(b, b' ' | b'\t'..=b'\r'));
    if kept(s.as_bytes().first()) && kept(s.as_bytes().last()) {
        return s;
    }
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    if start > 0 {
        s.drain(..start);
    }
    s
}

fn check_string(s: &str, c: &Constraints, errors: &mut Vec<String>) {
    // The length in chars, counted only when the byte length cannot decide:
    // a string has at most as many chars as bytes and at least a quarter as many.
    let mut counted = None;
    let mut length = || *counted.get_or_insert_with(|| s.chars().count());
    if let Some(max) = c.max_length
        && s.len() > max
        && length() > max
    {
        errors.push(format!("length must be less than or equal to {max}"));
    }
    if let Some(min) = c.min_length
        && s.len() < min.saturating_mul(4)
        && length() < min
    {
        errors.push(format!("length must be greater than or equal to {min}"));
    }
    if let Some(pattern) = c.pattern
        && !pattern.regex().is_some_and(|re| re.is_match(s))
    {
        errors.push(format!("must match the pattern {}", pattern.inspect()));
    }
}

fn check_number(value: &Value, c: &Constraints, errors: &mut Vec<String>) {
    use std::cmp::Ordering::*;
    if c.min.is_none() && c.max.is_none() && c.greater_than.is_none() && c.less_than.is_none() {
        return;
    }
    let checks: [(Option<Number>, &[std::cmp::Ordering], &str); 4] = [
        (c.min, &[Greater, Equal], "must be greater than or equal to"),
        (c.max, &[Less, Equal], "must be less than or equal to"),
        (c.greater_than, &[Greater], "must be greater than"),
        (c.less_than, &[Less], "must be less than"),
    ];
    for (bound, allowed, message) in checks {
        let Some(bound) = bound else { continue };
        let ordering = value.compare(&number_value(bound));
        if !ordering.is_some_and(|o| allowed.contains(&o)) {
            errors.push(format!("{message} {}", number_text(bound)));
        }
    }
}

/// A constraint bound as a runtime value.
pub fn number_value(n: Number) -> Value {
    match n {
        Number::Int(i) => Value::Int(i),
        Number::Float(f) => Value::Float(f),
        Number::Decimal(s) => plain_decimal(s).or_else(|| parse_decimal(s)).map_or(Value::Nil, Value::Decimal),
    }
}

/// A bound written as plain digits with an optional fraction (`0`,
/// `9.99`), 18 digits at most, without `parse_decimal`'s checks and
/// rust_decimal's parser: every numeric check on a decimal attribute reads
/// its bounds (a fifth of casting a create's input). The same decimal,
/// scale included, as `parse_decimal` gives; other forms are `None`.
fn plain_decimal(s: &str) -> Option<Decimal> {
    let bytes = s.as_bytes();
    // 19 bytes: 18 digits and a point at most (19 digits fit a `u64`).
    if bytes.is_empty() || bytes.len() > 19 {
        return None;
    }
    let (mut mantissa, mut digits, mut scale, mut point) = (0u64, 0u32, 0u32, false);
    for (i, &byte) in bytes.iter().enumerate() {
        match byte {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(byte - b'0');
                digits += 1;
                scale += u32::from(point);
            }
            // One point, with digits on both sides.
            b'.' if !point && i > 0 && i + 1 < bytes.len() => point = true,
            _ => return None,
        }
    }
    let mantissa = i64::try_from(mantissa).ok().filter(|_| digits <= 18)?;
    Some(Decimal::new(mantissa, scale))
}

fn number_text(n: Number) -> String {
    match n {
        Number::Int(i) => i.to_string(),
        Number::Float(f) => format!("{f:?}"),
        Number::Decimal(s) => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::info::Pattern;
    use serde_json::json;

    fn constrained(c: &Constraints, ty: Type, input: serde_json::Value) -> Result<Value, Vec<String>> {
        cast_and_constrain("f", ty, c, Input::Json(input))
            .map_err(|errors| errors.into_iter().map(|e| e.message).collect())
    }

    #[test]
    fn decimals_take_only_the_forms_ash_parses() {
        let c = Constraints::DEFAULT;
        for (input, want) in
            [("1.50", "1.50"), ("-0.5", "-0.5"), ("+3", "3"), (".5", "0.5"), ("5.", "5"), ("1.5e2", "150")]
        {
            let got = constrained(&c, Type::Decimal, json!(input));
            assert_eq!(got, Ok(Value::Decimal(Decimal::from_str(want).unwrap())), "{input}");
        }
        for input in ["50_50", "1,5", "1.2.3", "", ".", "e5", "1e", "0x10", "1.5e2.5", " 1 2", "NaN", "inf"] {
            assert_eq!(constrained(&c, Type::Decimal, json!(input)), Err(vec!["is invalid".into()]), "{input:?}");
        }
    }

    #[test]
    fn strings_are_trimmed_and_empty_becomes_nil() {
        let c = Constraints::DEFAULT;
        assert_eq!(constrained(&c, Type::String, json!("  Banana ")), Ok(Value::String("Banana".into())));
        assert_eq!(constrained(&c, Type::String, json!("   ")), Ok(Value::Nil));
        let keep = Constraints { trim: false, allow_empty: true, ..Constraints::DEFAULT };
        assert_eq!(constrained(&keep, Type::String, json!(" ")), Ok(Value::String(" ".into())));
    }

    #[test]
    fn string_length_and_pattern_use_ash_messages() {
        static DIGITS: Pattern = Pattern::new("^[0-9]+$");
        let c =
            Constraints { max_length: Some(3), min_length: Some(2), pattern: Some(&DIGITS), ..Constraints::DEFAULT };
        assert_eq!(
            constrained(&c, Type::String, json!("abcd")),
            Err(vec![
                "length must be less than or equal to 3".to_string(),
                "must match the pattern ~r/^[0-9]+$/".to_string()
            ])
        );
        assert_eq!(
            constrained(&c, Type::String, json!("1")),
            Err(vec!["length must be greater than or equal to 2".into()])
        );
        assert_eq!(constrained(&c, Type::String, json!("12")), Ok(Value::String("12".into())));
    }

    #[test]
    fn plain_decimal_bounds_are_what_parse_decimal_gives() {
        for text in ["0", "00", "7", "9.99", "0.50", "1000.5", "123456789012345678", "0.00000000000000001", "10.0"] {
            let fast = plain_decimal(text).expect(text);
            let full = parse_decimal(text).expect(text);
            assert_eq!((fast, fast.scale(), fast.to_string()), (full, full.scale(), full.to_string()), "{text}");
        }
        for text in [
            "-1",
            "+1",
            ".5",
            "5.",
            "1e3",
            "",
            ".",
            "1.2.3",
            "1234567890123456789",
            "0.000000000000000001",
            "1_0",
            " 1",
        ] {
            assert_eq!(plain_decimal(text), None, "{text:?}");
        }
    }

    #[test]
    fn trimming_in_place_is_str_trim() {
        let texts = [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta\n",
            "\x0bab\x0b",
            "\x0ca\r",
            "a b",
            "\u{a0}a\u{a0}",
            "\u{3000}日本\u{3000}",
            "\u{85}x",
            "x\u{2028}",
            "é",
            " é ",
            "\u{200b}a",
            "a\u{feff}",
        ];
        for text in texts {
            assert_eq!(trim_in_place(text.to_string()), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn string_length_counts_chars_not_bytes() {
        let c = Constraints { max_length: Some(3), min_length: Some(2), ..Constraints::DEFAULT };
        assert_eq!(constrained(&c, Type::String, json!("ééé")), Ok(Value::String("ééé".into())));
        assert_eq!(constrained(&c, Type::String, json!("日本")), Ok(Value::String("日本".into())));
        assert_eq!(
            constrained(&c, Type::String, json!("é")),
            Err(vec!["length must be greater than or equal to 2".into()])
        );
        assert_eq!(
            constrained(&c, Type::String, json!("éééé")),
            Err(vec!["length must be less than or equal to 3".into()])
        );
        assert_eq!(constrained(&c, Type::String, json!("  ab ")), Ok(Value::String("ab".into())));
    }

    #[test]
    fn cast_or_keep_is_cast_value_or_the_value() {
        let uuid = Uuid::from_u128(7);
        let instant = DateTime::parse_from_rfc3339("2024-01-02T03:04:05.123456789Z").unwrap().with_timezone(&Utc);
        let values = [
            (Type::String, Value::String("a ".into())),
            (Type::CiString, Value::CiString("A".into())),
            (Type::CiString, Value::String("A".into())),
            (Type::Integer, Value::Int(3)),
            (Type::Integer, Value::Float(3.0)),
            (Type::Decimal, Value::Decimal(Decimal::new(150, 2))),
            (Type::Decimal, Value::Int(2)),
            (Type::Boolean, Value::Bool(true)),
            (Type::Uuid, Value::Uuid(uuid)),
            (Type::Uuid, Value::String(uuid.to_string())),
            (Type::Float, Value::Float(-0.0)),
            (Type::UtcDatetime, Value::DateTime(instant)),
            (Type::Integer, Value::Nil),
            (Type::Integer, Value::String("x".into())),
        ];
        for (ty, value) in values {
            let want = cast_value(ty, value.clone()).unwrap_or(value.clone());
            let got = cast_or_keep(ty, value.clone());
            assert_eq!(format!("{got:?}"), format!("{want:?}"), "{ty:?} {value:?}");
        }
    }

    #[test]
    fn numeric_bounds() {
        let c = Constraints { min: Some(Number::Int(0)), max: Some(Number::Decimal("9.99")), ..Constraints::DEFAULT };
        assert_eq!(constrained(&c, Type::Decimal, json!("10")), Err(vec!["must be less than or equal to 9.99".into()]));
        assert_eq!(constrained(&c, Type::Decimal, json!(-1)), Err(vec!["must be greater than or equal to 0".into()]));
        assert_eq!(constrained(&c, Type::Decimal, json!("0.1")), Ok(Value::Decimal("0.1".parse().unwrap())));
    }

    #[test]
    fn wrong_types_are_invalid_not_panics() {
        let c = Constraints::DEFAULT;
        for (ty, input) in [
            (Type::Integer, json!("twelve")),
            (Type::Integer, json!([1])),
            (Type::Uuid, json!("not-a-uuid")),
            (Type::Date, json!("2024-13-40")),
            (Type::Boolean, json!(1)),
            (Type::Decimal, json!({"a": 1})),
            (Type::UtcDatetime, json!("yesterday")),
        ] {
            assert_eq!(constrained(&c, ty, input), Err(vec!["is invalid".to_string()]), "{ty:?}");
        }
    }

    #[test]
    fn casts_from_json() {
        let c = Constraints::DEFAULT;
        assert_eq!(constrained(&c, Type::Integer, json!("42")), Ok(Value::Int(42)));
        assert_eq!(constrained(&c, Type::Float, json!(2)), Ok(Value::Float(2.0)));
        assert_eq!(constrained(&c, Type::CiString, json!("A@b")), Ok(Value::CiString("A@b".into())));
        assert_eq!(constrained(&c, Type::Date, json!("2024-02-29")), Ok(Value::Date("2024-02-29".parse().unwrap())));
        assert_eq!(constrained(&c, Type::String, json!(null)), Ok(Value::Nil));
    }

    #[test]
    fn atoms_must_be_one_of() {
        let c = Constraints::DEFAULT;
        let ty = Type::Atom(&["open", "closed"]);
        assert_eq!(constrained(&c, ty, json!("open")), Ok(Value::Atom("open".into())));
        assert_eq!(
            constrained(&c, ty, json!("lost")),
            Err(vec!["atom must be one of open, closed, got: \"lost\"".into()])
        );
    }
}
