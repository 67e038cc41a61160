//! Tests of how the SQLite layer stores values: every type round trips,
//! decimals compare exactly, a value of the wrong type or a stored value that
//! does not decode is refused naming the field, and the values a create
//! hands back as bound decode to themselves.

use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::codec::{decode, read_bool, read_decimal, read_f64, read_i64, read_string, read_uuid};
use super::rows::read_as_bound;
use super::tests::{AGE, COUNTER, FIRST, ID, PRICE, ROLES, USER, count, db, s, user};
use super::*;
use crate::data_layer::Target;
use crate::expr::tree::{BinaryOp, Expr, SortOrder};
use crate::info::Type;

#[test]
fn every_type_round_trips() {
    let db = db();
    let mut row = user("Ann@Example.com", "Ann", None, "Lee");
    row[AGE] = Value::Int(42);
    row[PRICE] = Value::Decimal("12.50".parse().unwrap());
    row[7] = Value::Bool(true);
    row[8] = Value::Float(0.25);
    row[9] = Value::Date(NaiveDate::from_ymd_opt(1990, 2, 3).unwrap());
    row[10] = Value::DateTime(Utc.with_ymd_and_hms(2024, 5, 1, 12, 30, 0).unwrap());
    row[11] = Value::Atom("owner".into());
    let stored = db.create(Target::from(&USER), row.clone()).unwrap();
    assert_eq!(stored, row);
    let found = db.get(Target::from(&USER), &[ID], &[row[ID].clone()]).unwrap().unwrap();
    assert_eq!(found, row);
    assert_eq!(found[PRICE].to_string(), "Decimal.new(\"12.50\")", "the scale is kept");
    let json = serde_json::json!({"a": [1, 2], "b": null});
    let counter = db.create(Target::from(&COUNTER), vec![Value::Nil, s("x"), Value::Json(json.clone())]).unwrap();
    assert_eq!(counter[2], Value::Json(json));
}

#[test]
fn datetimes_are_fixed_width_so_text_order_is_time_order() {
    let early = Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap();
    let late = early + chrono::Duration::microseconds(1);
    assert_eq!(datetime_text(&early), "2024-05-01T12:00:00.000000Z");
    assert!(datetime_text(&early) < datetime_text(&late));
}

#[test]
fn decimals_compare_by_value_exactly() {
    assert_eq!(compare_decimal_text("10", "9.5"), std::cmp::Ordering::Greater);
    assert_eq!(compare_decimal_text("1.0", "1.00"), std::cmp::Ordering::Equal);
    assert_eq!(compare_decimal_text("0.1000000000000000000000000001", "0.1"), std::cmp::Ordering::Greater);
    assert_eq!(compare_decimal_text("-2", "1"), std::cmp::Ordering::Less);
    assert_eq!(compare_decimal_text("abc", "1"), std::cmp::Ordering::Greater, "non-decimals sort last");
    let db = db();
    for (first, price) in [("a", "10"), ("b", "9.5"), ("c", "0.1000000000000000000000000001"), ("d", "0.1")] {
        let mut row = user(&format!("{first}@x.io"), first, None, "X");
        row[PRICE] = Value::Decimal(price.parse().unwrap());
        db.create(Target::from(&USER), row).unwrap();
    }
    let query = DataQuery { sort: vec![("price".into(), SortOrder::Asc)], ..DataQuery::default() };
    let firsts: Vec<Value> =
        db.read(Target::from(&USER), &query).unwrap().into_iter().map(|r| r[FIRST].clone()).collect();
    assert_eq!(firsts, [s("d"), s("c"), s("b"), s("a")]);
    // Integer and decimal parameters compare numerically, not as text.
    let over = |value: Value| {
        let filter = Expr::binary(BinaryOp::Gt, Expr::field("price"), Expr::Value(value));
        db.read(Target::from(&USER), &DataQuery { filter: Some(filter), ..DataQuery::default() }).unwrap().len()
    };
    assert_eq!(over(Value::Int(9)), 2);
    assert_eq!(over(Value::Decimal(Decimal::new(1, 1))), 3);
    let equal =
        Expr::binary(BinaryOp::Eq, Expr::field("price"), Expr::Value(Value::Decimal("10.000".parse().unwrap())));
    assert_eq!(
        db.read(Target::from(&USER), &DataQuery { filter: Some(equal), ..DataQuery::default() }).unwrap().len(),
        1
    );
}

#[test]
fn a_value_of_another_type_is_refused_naming_the_field() {
    let db = db();
    let mut row = user("a@x.io", "Ann", None, "Lee");
    row[AGE] = s("forty-two");
    let err = db.create(Target::from(&USER), row).unwrap_err();
    assert!(matches!(&err, Error::ValueType { resource: "User", field: "age", .. }), "{err:?}");
    assert_eq!(err.to_string(), "User.age: the string \"forty-two\" does not fit a column of type integer");
    let mut row = user("a@x.io", "Ann", None, "Lee");
    row[11] = Value::Atom("admin".into());
    let err = db.create(Target::from(&USER), row).unwrap_err();
    assert!(matches!(&err, Error::ValueType { field: "role", .. }), "{err:?}");
    assert_eq!(count(&db, &USER), 0, "nothing was written");
}

#[test]
fn a_stored_value_that_does_not_decode_is_an_error_naming_the_field() {
    let db = db();
    let row = user("a@x.io", "Ann", None, "Lee");
    db.create(Target::from(&USER), row.clone()).unwrap();
    db.execute_batch("UPDATE users SET age = 'old', price = 'cheap'").unwrap();
    let err = db.get(Target::from(&USER), &[ID], &[row[ID].clone()]).unwrap_err();
    assert_eq!(err.to_string(), "User.age: stored text \"old\" cannot be read as integer");
    db.execute_batch("UPDATE users SET age = NULL, role = 'admin'").unwrap();
    let err = db.read(Target::from(&USER), &DataQuery::default()).unwrap_err();
    assert!(matches!(&err, Error::ValueType { field: "price", .. }), "{err:?}");
}

#[test]
fn strings_that_look_like_sql_are_stored_verbatim() {
    let db = db();
    let bobby = "Robert'); DROP TABLE users;--";
    let row = user("bobby@x.io", bobby, Some("\"; DELETE FROM users; --"), "O'Brien");
    let stored = db.create(Target::from(&USER), row.clone()).unwrap();
    assert_eq!(stored[FIRST], s(bobby));
    let filter = Expr::binary(BinaryOp::Eq, Expr::field("first_name"), Expr::Value(s(bobby)));
    let found = db.read(Target::from(&USER), &DataQuery { filter: Some(filter), ..DataQuery::default() }).unwrap();
    assert_eq!(found, [row]);
    assert!(db.has_table(&USER).unwrap());
}

/// `read_as_bound` lets a create hand back the values it was given: each
/// must come out of `decode(encode(..))` exactly (a decimal with its scale
/// and sign, a float with its bits, text with a NUL in it).
#[test]
fn values_read_as_bound_decode_to_themselves() {
    let decimals = ["0", "-0", "0.00", "-0.000", "1.50", "-1.5", "0.0000000000000000000000000001", "1e3"];
    let mut decimals: Vec<Decimal> = decimals.iter().map(|d| codec::parse_decimal(d).unwrap()).collect();
    decimals.extend([Decimal::MAX, Decimal::MIN, Decimal::new(i64::MAX, 28), Decimal::new(-123_456_789, 9)]);
    let mut values: Vec<(Type, Value)> = decimals.into_iter().map(|d| (Type::Decimal, Value::Decimal(d))).collect();
    values.extend([
        (Type::String, s("plain")),
        (Type::String, s("nul \0 inside, ünïcode")),
        (Type::String, s("")),
        (Type::CiString, Value::CiString("MiXed".into())),
        (Type::Integer, Value::Int(i64::MIN)),
        (Type::Boolean, Value::Bool(true)),
        (Type::Float, Value::Float(-0.0)),
        (Type::Float, Value::Float(f64::MIN_POSITIVE)),
        (Type::Float, Value::Float(0.1 + 0.2)),
        (Type::Uuid, Value::Uuid(Uuid::new_v4())),
        (Type::Uuid, Value::Uuid(Uuid::max())),
        (Type::Atom(ROLES), Value::Atom("owner".into())),
        (Type::Atom(&[]), Value::Atom("any".into())),
        (Type::Date, Value::Nil),
    ]);
    for (ty, value) in values {
        assert!(read_as_bound(ty, &value), "{value:?}");
        let param = codec::encode(ty, &value).unwrap();
        let stored = match &param {
            ToSqlOutput::Borrowed(stored) => *stored,
            ToSqlOutput::Owned(stored) => stored.into(),
            _ => unreachable!(),
        };
        let read = codec::decode(ty, stored).unwrap();
        assert_eq!(format!("{read:?}"), format!("{value:?}"));
        match (&read, &value) {
            (Value::Decimal(a), Value::Decimal(b)) => {
                assert_eq!((a.serialize(), a.to_string()), (b.serialize(), b.to_string()))
            }
            (Value::Float(a), Value::Float(b)) => assert_eq!(a.to_bits(), b.to_bits()),
            (a, b) => assert_eq!(a, b),
        }
    }
    // And those it decodes.
    assert!(!read_as_bound(Type::Uuid, &s("6f3c0d52-0000-4000-8000-000000000000")));
    assert!(!read_as_bound(Type::Decimal, &Value::Int(3)));
    assert!(!read_as_bound(Type::CiString, &s("text")));
    assert!(!read_as_bound(Type::UtcDatetime, &Value::DateTime(Utc::now())));
}

/// Stored values of every storage class, fitting and not.
fn stored_samples() -> Vec<rusqlite::types::ValueRef<'static>> {
    use rusqlite::types::ValueRef;
    let texts: &[&'static str] = &[
        "",
        "Lamp",
        "Ünïcode",
        "12.50",
        " 1.50 ",
        "\t2\n",
        "\u{a0}3\u{a0}",
        "1e3",
        "-0.001",
        "abc",
        "6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b",
        "6F1C2B9E-3A4D-4E5F-8A7B-1C2D3E4F5A6B",
        "6f1c2b9e3a4d4e5f8a7b1c2d3e4f5a6b",
        "not-a-uuid",
        "1",
        "0",
    ];
    let mut samples = vec![
        ValueRef::Null,
        ValueRef::Integer(0),
        ValueRef::Integer(1),
        ValueRef::Integer(2),
        ValueRef::Integer(-1),
        ValueRef::Integer(i64::MAX),
        ValueRef::Integer(i64::MIN),
        ValueRef::Real(0.5),
        ValueRef::Real(-2.0),
        ValueRef::Real(1e300),
        ValueRef::Text(b"\xff"),
        ValueRef::Blob(b""),
        ValueRef::Blob(b"\x6f\x1c\x2b\x9e\x3a\x4d\x4e\x5f\x8a\x7b\x1c\x2d\x3e\x4f\x5a\x6b"),
        ValueRef::Blob(b"\x6f\x1c"),
    ];
    samples.extend(texts.iter().map(|t| ValueRef::Text(t.as_bytes())));
    samples
}

/// Each typed read gives, when it gives anything, the value `decode` gives
/// (so a read that takes it is the read that decodes it), and gives it for
/// every value of its type `decode` reads, so that none takes the detour.
#[test]
fn typed_reads_give_what_decode_gives() {
    fn check<T: std::fmt::Debug + PartialEq>(
        ty: Type,
        read: fn(rusqlite::types::ValueRef<'_>) -> Option<T>,
        typed: fn(&Value) -> Option<T>,
        through_decode: &[&str],
    ) {
        for stored in stored_samples() {
            let decoded = decode(ty, stored);
            match read(stored) {
                Some(value) => {
                    let decoded = decoded.expect("a typed read only of what decodes");
                    // As Debug too: a decimal's `==` ignores its scale, its Debug shows it.
                    let shown = format!("{:?}", Some(&value));
                    assert_eq!(typed(&decoded), Some(value), "{ty:?} of {stored:?}");
                    assert_eq!(format!("{:?}", typed(&decoded).as_ref()), shown, "{ty:?} of {stored:?}");
                }
                None => {
                    let shown = format!("{stored:?}");
                    let expected = decoded.as_ref().ok().and_then(typed).is_none()
                        || through_decode.iter().any(|kind| shown.starts_with(kind));
                    assert!(expected, "{ty:?} of {stored:?} decodes to {decoded:?} but is not read typed");
                }
            }
        }
    }
    check(Type::String, read_string, |v| if let Value::String(s) = v { Some(s.clone()) } else { None }, &[]);
    check(Type::Integer, read_i64, |v| if let Value::Int(i) = v { Some(*i) } else { None }, &[]);
    check(Type::Float, read_f64, |v| if let Value::Float(f) = v { Some(*f) } else { None }, &[]);
    check(Type::Boolean, read_bool, |v| if let Value::Bool(b) = v { Some(*b) } else { None }, &[]);
    // A real stored in a decimal column is parsed from its text by `decode`.
    check(Type::Decimal, read_decimal, |v| if let Value::Decimal(d) = v { Some(*d) } else { None }, &["Real"]);
    check(Type::Uuid, read_uuid, |v| if let Value::Uuid(u) = v { Some(*u) } else { None }, &[]);
}

#[test]
fn typed_reads_of_values_of_other_storage_are_none() {
    use rusqlite::types::ValueRef;
    assert_eq!(read_string(ValueRef::Integer(5)), None);
    assert_eq!(read_string(ValueRef::Text(b"\xff")), None);
    assert_eq!(read_string(ValueRef::Null), None);
    assert_eq!(read_i64(ValueRef::Text(b"12")), None);
    assert_eq!(read_i64(ValueRef::Real(1.0)), None);
    assert_eq!(read_f64(ValueRef::Integer(3)), Some(3.0));
    assert_eq!(read_f64(ValueRef::Text(b"1.5")), None);
    assert_eq!(read_bool(ValueRef::Integer(2)), None);
    assert_eq!(read_bool(ValueRef::Text(b"1")), None);
    assert_eq!(read_decimal(ValueRef::Text(b" 1.50 ")).map(|d| d.to_string()), Some("1.50".into()));
    assert_eq!(read_decimal(ValueRef::Text(b"\xc2\xa03\xc2\xa0")).map(|d| d.to_string()), Some("3".into()));
    assert_eq!(read_decimal(ValueRef::Text(b"abc")), None);
    assert_eq!(read_decimal(ValueRef::Real(2.5)), None);
    assert_eq!(read_uuid(ValueRef::Text(b"not-a-uuid")), None);
    assert_eq!(read_uuid(ValueRef::Blob(b"\x01\x02")), None);
    assert_eq!(read_uuid(ValueRef::Integer(5)), None);
}

/// `parse_decimal` skips `trim` only for text it would not change.
#[test]
fn parse_decimal_trims_as_trim_does() {
    use std::str::FromStr;
    let trimmed = |text: &str| {
        let text = text.trim();
        Decimal::from_str(text).ok().or_else(|| Decimal::from_scientific(text).ok())
    };
    for text in
        ["1.50", " 1.50", "1.50 ", "\u{a0}1.5", "1.5\u{3000}", "\t7\r\n", "1e3", " 1e3 ", "", " ", "x", "é1", "1é"]
    {
        let (got, want) = (super::codec::parse_decimal(text), trimmed(text));
        assert_eq!(format!("{got:?}"), format!("{want:?}"), "{text:?}");
    }
}
