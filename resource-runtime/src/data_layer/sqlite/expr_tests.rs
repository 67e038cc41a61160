//! The same expressions in memory and in SQLite, row by row.
//!
//! A scratch table follows the SQLite layer's storage conventions (booleans
//! 0/1, decimals TEXT `COLLATE decimal`, ci_strings `COLLATE ci`, uuids,
//! dates and datetimes as TEXT) and holds a few rows, one of them all NULL,
//! some with Unicode case (`"ÄRGER"`, Turkish `İ`/`ı`, German `ß`), NUL
//! characters and decimals that floating point cannot hold (`0.1`).
//! Every expression of the table is evaluated in memory and compiled to SQL
//! (selected as a value, and used as a `WHERE`), and the results must agree.

use chrono::Utc;
use rusqlite::Connection;
use rusqlite::types::Value as Sql;
use uuid::Uuid;

use super::{SQLITE, register_functions};
use crate::data_layer::sql::compile::{SqlFragment, fragment_placeholders};
use crate::expr::functions::datetime_text;
use crate::expr::tests::{ITEM, bin, call, date, datetime, dec, f, nil, s, v};
use crate::expr::{BinaryOp, Expr, Function};
use crate::info::ResourceInfo;
use crate::info::value::Value;

use BinaryOp::{Eq, Ge, Gt, Le, Lt, NotEq};

/// The shared compiler in SQLite's dialect, numbering from the first parameter.
fn compile(expr: &Expr, resource: &'static ResourceInfo, alias: &str) -> crate::info::error::Result<SqlFragment> {
    crate::data_layer::sql::compile(&SQLITE, expr, resource, alias, 1)
}

fn compile_filter(
    expr: &Expr,
    resource: &'static ResourceInfo,
    alias: &str,
) -> crate::info::error::Result<SqlFragment> {
    crate::data_layer::sql::compile_filter(&SQLITE, expr, resource, alias, 1)
}

fn json(text: &str) -> Value {
    Value::Json(serde_json::from_str(text).unwrap())
}

const INJECTION: &str = "x'); DROP TABLE items; --";

fn uuid(n: u8) -> Uuid {
    Uuid::from_bytes([n; 16])
}

/// Rows of `ITEM` (id, name, email, price, qty, rating, active, status, code, born, seen_at).
pub(crate) fn rows() -> Vec<Vec<Value>> {
    let ci = |s: &str| Value::CiString(s.to_string());
    let atom = |s: &str| Value::Atom(s.to_string());
    vec![
        vec![
            Value::Int(1),
            s("Banana"),
            ci("Ann@Example.com"),
            dec("0.10"),
            Value::Int(3),
            Value::Float(4.5),
            Value::Bool(true),
            atom("open"),
            Value::Uuid(uuid(0xab)),
            date(2000, 1, 2),
            datetime("2024-05-01T09:30:00Z"),
        ],
        vec![
            Value::Int(2),
            s("apple"),
            ci("bob@example.com"),
            dec("1.50"),
            Value::Int(0),
            Value::Float(2.0),
            Value::Bool(false),
            atom("closed"),
            Value::Uuid(uuid(0x01)),
            date(1990, 12, 31),
            datetime("2023-01-01T00:00:00.5Z"),
        ],
        // Everything nil.
        std::iter::once(Value::Int(3)).chain(std::iter::repeat_n(Value::Nil, 10)).collect(),
        vec![
            Value::Int(4),
            s("Cherry pie"),
            ci("CAROL@x.org"),
            dec("12.00"),
            Value::Int(-2),
            Value::Nil,
            Value::Bool(true),
            atom("open"),
            Value::Nil,
            Value::Nil,
            Value::Nil,
        ],
        vec![
            Value::Int(5),
            s(INJECTION),
            Value::Nil,
            dec("100"),
            Value::Nil,
            Value::Float(0.0),
            Value::Nil,
            atom("closed"),
            Value::Uuid(uuid(0xff)),
            date(2030, 6, 1),
            datetime("2099-12-31T23:59:59.999999Z"),
        ],
        // Unicode case, NUL characters, decimals past floating point.
        vec![
            Value::Int(6),
            s("ÄRGER straße"),
            ci("ÄRGER@Example.com"),
            dec("0.1"),
            Value::Int(3),
            Value::Float(0.1),
            Value::Bool(true),
            atom("open"),
            Value::Nil,
            Value::Nil,
            Value::Nil,
        ],
        vec![
            Value::Int(7),
            s("a\0b%c"),
            ci("İstanbul\0ı"),
            dec("12345678901234567890.123456789"),
            Value::Int(7),
            Value::Nil,
            Value::Bool(false),
            atom("closed"),
            Value::Nil,
            Value::Nil,
            Value::Nil,
        ],
    ]
}

/// A value as the SQLite layer binds it (`data_layer/sqlite/codec.rs`).
fn bind(value: &Value) -> Sql {
    match value {
        Value::Nil => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Int(i) => Sql::Integer(*i),
        Value::Float(f) => Sql::Real(*f),
        Value::Decimal(d) => Sql::Text(d.to_string()),
        Value::String(s) | Value::CiString(s) | Value::Atom(s) => Sql::Text(s.clone()),
        Value::Uuid(u) => Sql::Text(u.hyphenated().to_string()),
        Value::Date(d) => Sql::Text(d.format("%Y-%m-%d").to_string()),
        Value::DateTime(dt) => Sql::Text(datetime_text(dt)),
        Value::Json(j) => Sql::Text(j.to_string()),
    }
}

fn database() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    register_functions(&conn).unwrap();
    conn.execute_batch(
        "PRAGMA case_sensitive_like = ON;
         CREATE TABLE items (
             id INTEGER PRIMARY KEY, name TEXT, email TEXT COLLATE ci, price TEXT COLLATE decimal,
             qty INTEGER, rating REAL, active INTEGER, status TEXT, code TEXT, born TEXT, seen_at TEXT
         );",
    )
    .unwrap();
    for row in rows() {
        let params: Vec<Sql> = row.iter().map(bind).collect();
        conn.execute("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rusqlite::params_from_iter(params))
            .unwrap();
    }
    conn
}

/// The expression's value per row, computed by SQLite.
fn select(conn: &Connection, fragment: &SqlFragment) -> Vec<Sql> {
    let sql = format!("SELECT {} FROM items AS t0 ORDER BY t0.id", fragment.sql);
    let mut statement = conn.prepare(&sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    let params = fragment.params.iter().map(bind);
    let rows = statement.query_map(rusqlite::params_from_iter(params), |row| row.get::<_, Sql>(0)).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

/// The ids of the rows the expression keeps as a filter.
fn filter(conn: &Connection, fragment: &SqlFragment) -> Vec<i64> {
    let sql = format!("SELECT t0.id FROM items AS t0 WHERE {} ORDER BY t0.id", fragment.sql);
    let mut statement = conn.prepare(&sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    let params = fragment.params.iter().map(bind);
    let rows = statement.query_map(rusqlite::params_from_iter(params), |row| row.get::<_, i64>(0)).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

/// Whether SQLite's answer is the in-memory value, in SQLite's encoding.
/// Decimals are exact: the same text, scale included.
fn agree(memory: &Value, sql: &Sql) -> bool {
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(1.0);
    match (memory, sql) {
        (Value::Nil, Sql::Null) => true,
        (Value::Bool(b), Sql::Integer(i)) => i64::from(*b) == *i,
        (Value::Int(a), Sql::Integer(b)) => a == b,
        (Value::Float(a), Sql::Real(b)) => close(*a, *b),
        (Value::Float(a), Sql::Integer(b)) => close(*a, *b as f64),
        (Value::Decimal(a), Sql::Text(b)) => a.to_string() == *b,
        (Value::Decimal(a), Sql::Integer(b)) => a.scale() == 0 && *a == rust_decimal::Decimal::from(*b),
        (Value::Int(a), Sql::Text(_)) => agree(&Value::Decimal((*a).into()), sql),
        (value, Sql::Text(text)) => bind(value) == Sql::Text(text.clone()),
        _ => false,
    }
}

/// The table: each expression, evaluated in memory and in SQLite.
pub(crate) fn expressions() -> Vec<(&'static str, Expr)> {
    let like = |subject: Expr, pattern: &str| call(Function::Like, vec![subject, v(pattern)]);
    vec![
        ("name == \"apple\"", bin(Eq, f("name"), v("apple"))),
        ("name != \"apple\"", bin(NotEq, f("name"), v("apple"))),
        ("name > \"B\"", bin(Gt, f("name"), v("B"))),
        ("qty > 0", bin(Gt, f("qty"), v(0))),
        ("qty >= 0 && qty <= 3", bin(Ge, f("qty"), v(0)).and(bin(Le, f("qty"), v(3)))),
        ("qty == nil", bin(Eq, f("qty"), nil())),
        ("(qty == nil) || true", bin(Eq, f("qty"), nil()).or(v(true))),
        ("(qty == nil) && false", bin(Eq, f("qty"), nil()).and(v(false))),
        ("!(qty == nil)", !bin(Eq, f("qty"), nil())),
        ("!(qty > 0)", !bin(Gt, f("qty"), v(0))),
        ("is_nil(qty)", Expr::is_nil(f("qty"))),
        ("!is_nil(name) && qty > 0", (!Expr::is_nil(f("name"))).and(bin(Gt, f("qty"), v(0)))),
        ("price < 1", bin(Lt, f("price"), v(1))),
        ("price == ^dec!(1.5)", bin(Eq, f("price"), v(dec("1.5")))),
        ("price > 1.25", bin(Gt, f("price"), v(1.25))),
        ("price >= 12", bin(Ge, f("price"), v(12))),
        ("price in [0.1, 12]", Expr::in_list(f("price"), vec![v(0.1), v(12)])),
        ("price * 2 > 3", bin(Gt, f("price") * v(2), v(3))),
        ("price > qty", bin(Gt, f("price"), f("qty"))),
        ("^dec!(2.5) > qty", bin(Gt, v(dec("2.5")), f("qty"))),
        ("price + qty", f("price") + f("qty")),
        ("price - price", f("price") - f("price")),
        ("price / 4", f("price") / v(4)),
        ("qty * 2 - 1", f("qty") * v(2) - v(1)),
        ("qty / 2", f("qty") / v(2)),
        ("qty / 0", f("qty") / v(0)),
        ("-qty", v(0) - f("qty")),
        ("rating + 1", f("rating") + v(1)),
        ("rating / qty", f("rating") / f("qty")),
        ("qty + i64::MAX", f("qty") + v(i64::MAX)),
        ("name <> \"!\"", f("name").concat(v("!"))),
        ("name <> qty", f("name").concat(f("qty"))),
        ("name <> active", f("name").concat(f("active"))),
        ("name <> price", f("name").concat(f("price"))),
        ("concat(name, \"-\", qty)", call(Function::Concat, vec![f("name"), v("-"), f("qty")])),
        ("string_join([name, email], \", \")", Expr::string_join(vec![f("name"), f("email")], v(", "))),
        ("string_join([name, nil, status], \"/\")", Expr::string_join(vec![f("name"), nil(), f("status")], v("/"))),
        ("string_join([qty], nil)", Expr::string_join(vec![f("qty")], nil())),
        ("like(name, \"%an%\")", like(f("name"), "%an%")),
        ("like(name, \"B%\")", like(f("name"), "B%")),
        ("like(email, \"ann%\")", like(f("email"), "ann%")),
        ("ilike(name, \"b%\")", call(Function::ILike, vec![f("name"), v("b%")])),
        ("ilike(email, \"%EXAMPLE%\")", call(Function::ILike, vec![f("email"), v("%EXAMPLE%")])),
        ("contains(name, \"pie\")", call(Function::Contains, vec![f("name"), v("pie")])),
        ("contains(name, \"PIE\")", call(Function::Contains, vec![f("name"), v("PIE")])),
        ("contains(name, \"%\")", call(Function::Contains, vec![f("name"), v("%")])),
        ("contains(email, \"EXAMPLE\")", call(Function::Contains, vec![f("email"), v("EXAMPLE")])),
        ("lower(name)", call(Function::Lower, vec![f("name")])),
        ("upper(email)", call(Function::Upper, vec![f("email")])),
        ("length(name)", call(Function::Length, vec![f("name")])),
        ("lower(name) == \"banana\"", bin(Eq, call(Function::Lower, vec![f("name")]), v("banana"))),
        ("if(active, \"yes\", \"no\")", Expr::if_else(f("active"), v("yes"), v("no"))),
        ("if(qty > 1, price, 0)", Expr::if_else(bin(Gt, f("qty"), v(1)), f("price"), v(0))),
        ("if(active, qty, nil) > 0", bin(Gt, Expr::if_else(f("active"), f("qty"), nil()), v(0))),
        ("active == true", bin(Eq, f("active"), v(true))),
        ("active == false", bin(Eq, f("active"), v(false))),
        ("active", f("active")),
        ("!active", !f("active")),
        ("active || qty > 100", f("active").or(bin(Gt, f("qty"), v(100)))),
        ("active && qty > 0", f("active").and(bin(Gt, f("qty"), v(0)))),
        // Ash's functions (issue 8, item 6).
        ("string_trim(\" \\t x \\n\")", call(Function::Trim, vec![v(" \t x \n")])),
        ("string_trim(name)", call(Function::Trim, vec![f("name")])),
        ("string_starts_with(name, \"Ba\")", call(Function::StartsWith, vec![f("name"), v("Ba")])),
        ("string_starts_with(name, \"ba\")", call(Function::StartsWith, vec![f("name"), v("ba")])),
        ("string_starts_with(name, \"%\")", call(Function::StartsWith, vec![f("name"), v("%")])),
        ("string_starts_with(name, \"\")", call(Function::StartsWith, vec![f("name"), v("")])),
        ("string_starts_with(email, \"ANN\")", call(Function::StartsWith, vec![f("email"), v("ANN")])),
        ("string_ends_with(name, \"na\")", call(Function::EndsWith, vec![f("name"), v("na")])),
        ("string_ends_with(name, \"_e\")", call(Function::EndsWith, vec![f("name"), v("_e")])),
        (
            "string_ends_with(name, \"a very long suffix\")",
            call(Function::EndsWith, vec![f("name"), v("a very long suffix")]),
        ),
        ("string_ends_with(email, \".COM\")", call(Function::EndsWith, vec![f("email"), v(".COM")])),
        ("string_ends_with(name, nil)", call(Function::EndsWith, vec![f("name"), nil()])),
        ("rem(qty, 2)", call(Function::Rem, vec![f("qty"), v(2)])),
        ("rem(-7, 3)", call(Function::Rem, vec![v(-7), v(3)])),
        ("rem(qty, 0)", call(Function::Rem, vec![f("qty"), v(0)])),
        ("rem(rating, 2)", call(Function::Rem, vec![f("rating"), v(2)])),
        ("is_distinct_from(qty, 3)", call(Function::IsDistinctFrom, vec![f("qty"), v(3)])),
        ("is_distinct_from(qty, nil)", call(Function::IsDistinctFrom, vec![f("qty"), nil()])),
        (
            "is_distinct_from(email, \"BOB@EXAMPLE.COM\")",
            call(Function::IsDistinctFrom, vec![f("email"), v("BOB@EXAMPLE.COM")]),
        ),
        ("is_distinct_from(price, 0.1)", call(Function::IsDistinctFrom, vec![f("price"), v(dec("0.1"))])),
        ("count_nils([name, qty, born])", call(Function::CountNils, vec![f("name"), f("qty"), f("born")])),
        ("count_nils([])", call(Function::CountNils, vec![])),
        ("string_position(name, \"an\")", call(Function::StringPosition, vec![f("name"), v("an")])),
        ("string_position(name, \"\")", call(Function::StringPosition, vec![f("name"), v("")])),
        ("string_position(\"ñandú\", \"dú\")", call(Function::StringPosition, vec![v("ñandú"), v("dú")])),
        ("string_position(email, \"EXAMPLE\")", call(Function::StringPosition, vec![f("email"), v("EXAMPLE")])),
        ("string_position(name, nil)", call(Function::StringPosition, vec![f("name"), nil()])),
        ("string_split(name)", call(Function::StringSplit, vec![f("name")])),
        ("string_split(email, \"@\")", call(Function::StringSplit, vec![f("email"), v("@")])),
        ("string_split(\"a,,b,\", \",\")", call(Function::StringSplit, vec![v("a,,b,"), v(",")])),
        ("string_split(\"\", \",\")", call(Function::StringSplit, vec![v(""), v(",")])),
        ("string_split(name, \"\")", call(Function::StringSplit, vec![f("name"), v("")])),
        ("string_split(name, nil)", call(Function::StringSplit, vec![f("name"), nil()])),
        ("at(string_split(name), 1)", call(Function::At, vec![call(Function::StringSplit, vec![f("name")]), v(1)])),
        (
            "at(string_split(email, \"@\"), -1)",
            call(Function::At, vec![call(Function::StringSplit, vec![f("email"), v("@")]), v(-1)]),
        ),
        (
            "at(string_split(email, \"@\"), qty)",
            call(Function::At, vec![call(Function::StringSplit, vec![f("email"), v("@")]), f("qty")]),
        ),
        ("at(^json [1, true, \"x\", [2]], 3)", call(Function::At, vec![v(json(r#"[1, true, "x", [2]]"#)), v(3)])),
        ("at(^json [1, true], 1)", call(Function::At, vec![v(json("[1, true]")), v(1)])),
        ("at(^json {}, 0)", call(Function::At, vec![v(json("{}")), v(0)])),
        ("at(name, 0)", call(Function::At, vec![f("name"), v(0)])),
        (
            "get_path(^json, [\"a\", \"b\"]) > 2",
            bin(Gt, call(Function::GetPath, vec![v(json(r#"{"a": {"b": 2.5}}"#)), v("a"), v("b")]), v(2)),
        ),
        ("get_path(^json, [\"a\"])", call(Function::GetPath, vec![v(json(r#"{"a": {"b": "x"}}"#)), v("a")])),
        ("get_path(^json, [status])", call(Function::GetPath, vec![v(json(r#"{"open": "yes"}"#)), f("status")])),
        (
            "get_path(^json, [\"a\", \"c\"])",
            call(Function::GetPath, vec![v(json(r#"{"a": {"b": 1}}"#)), v("a"), v("c")]),
        ),
        ("get_path(^json array, [\"a\"])", call(Function::GetPath, vec![v(json(r#"[{"a": 1}]"#)), v("a")])),
        ("get_path(name, [\"a\"])", call(Function::GetPath, vec![f("name"), v("a")])),
        ("round(rating)", call(Function::Round, vec![f("rating")])),
        ("round(rating / 7, 2)", call(Function::Round, vec![f("rating") / v(7), v(2)])),
        ("round(-2.5)", call(Function::Round, vec![v(-2.5)])),
        ("round(price, 1)", call(Function::Round, vec![f("price"), v(1)])),
        ("round(qty, 2)", call(Function::Round, vec![f("qty"), v(2)])),
        ("round(qty, nil)", call(Function::Round, vec![f("qty"), nil()])),
        ("round(rating, -1)", call(Function::Round, vec![f("rating"), v(-1)])),
        (
            "round(if(active, qty, rating))",
            call(Function::Round, vec![Expr::if_else(f("active"), f("qty"), f("rating"))]),
        ),
        // Ash's `&&`/`||` on values, and under `!` (issue 8, item 4).
        ("name || \"anon\"", f("name").or(v("anon"))),
        ("name && \"set\"", f("name").and(v("set"))),
        ("qty || 7", f("qty").or(v(7))),
        ("!(active && qty > 0)", !f("active").and(bin(Gt, f("qty"), v(0)))),
        ("!(active || qty > 100)", !f("active").or(bin(Gt, f("qty"), v(100)))),
        ("(active && qty > 0) == false", bin(Eq, f("active").and(bin(Gt, f("qty"), v(0))), v(false))),
        ("is_nil(active || nil)", Expr::is_nil(f("active").or(nil()))),
        ("status == \"open\"", bin(Eq, f("status"), v("open"))),
        ("status != ^Atom(closed)", bin(NotEq, f("status"), v(Value::Atom("closed".into())))),
        ("status in [\"open\"]", Expr::in_list(f("status"), Expr::values(["open"]))),
        ("email == \"ANN@example.com\"", bin(Eq, f("email"), v("ANN@example.com"))),
        ("email < \"c\"", bin(Lt, f("email"), v("c"))),
        ("email in [\"BOB@example.com\"]", Expr::in_list(f("email"), vec![v("BOB@example.com")])),
        ("name == ^CiString(\"APPLE\")", bin(Eq, f("name"), v(Value::CiString("APPLE".into())))),
        ("code == uuid string (upper case)", bin(Eq, f("code"), v(uuid(0xab).to_string().to_uppercase()))),
        ("code == ^uuid", bin(Eq, f("code"), v(uuid(0x01)))),
        ("code < ^uuid", bin(Lt, f("code"), v(uuid(0x80)))),
        ("born < ^date", bin(Lt, f("born"), v(date(1995, 1, 1)))),
        ("born < today()", bin(Lt, f("born"), call(Function::Today, vec![]))),
        ("seen_at > ^datetime", bin(Gt, f("seen_at"), v(datetime("2023-06-01T00:00:00Z")))),
        ("seen_at < now()", bin(Lt, f("seen_at"), call(Function::Now, vec![]))),
        ("seen_at", f("seen_at")),
        ("qty in [0, nil]", Expr::in_list(f("qty"), vec![v(0), nil()])),
        ("!(qty in [0, nil])", !Expr::in_list(f("qty"), vec![v(0), nil()])),
        ("qty in []", Expr::in_list(f("qty"), vec![])),
        ("name == INJECTION", bin(Eq, f("name"), v(INJECTION))),
        // Exact decimals (issue 8, item 7): arithmetic, comparisons, `in`.
        ("price * 3", f("price") * v(3)),
        ("price * 3 == ^dec!(0.3)", bin(Eq, f("price") * v(3), v(dec("0.3")))),
        ("price * 3 == 0.3", bin(Eq, f("price") * v(3), v(0.3))),
        ("price + 0.2 == 0.3", bin(Eq, f("price") + v(0.2), v(0.3))),
        ("price + ^dec!(0.2) == ^dec!(0.3)", bin(Eq, f("price") + v(dec("0.2")), v(dec("0.3")))),
        ("price * price", f("price") * f("price")),
        ("price - ^dec!(0.05)", f("price") - v(dec("0.05"))),
        ("price / 3", f("price") / v(3)),
        ("price / 0", f("price") / v(0)),
        ("price / qty", f("price") / f("qty")),
        ("price * 2", f("price") * v(2)),
        ("price * ^dec!(MAX) (overflow)", f("price") * v(Value::Decimal(rust_decimal::Decimal::MAX))),
        ("0 - price", v(0) - f("price")),
        ("price * rating", f("price") * f("rating")),
        ("price * 3 >= 0.3", bin(Ge, f("price") * v(3), v(dec("0.3")))),
        ("price * 3 in [0.3, 36]", Expr::in_list(f("price") * v(3), vec![v(dec("0.3")), v(36)])),
        ("price * 3 in []", Expr::in_list(f("price") * v(3), vec![])),
        ("is_distinct_from(price * 2, 0.2)", call(Function::IsDistinctFrom, vec![f("price") * v(2), v(dec("0.2"))])),
        ("price > qty (decimal and integer columns)", bin(Gt, f("price"), f("qty"))),
        ("qty <= price", bin(Le, f("qty"), f("price"))),
        ("price == price", bin(Eq, f("price"), f("price"))),
        ("if(active, price, qty) > 1", bin(Gt, Expr::if_else(f("active"), f("price"), f("qty")), v(1))),
        ("^dec!(0.1) + ^dec!(0.2) == ^dec!(0.3)", bin(Eq, v(dec("0.1")) + v(dec("0.2")), v(dec("0.3")))),
        // Unicode case for ci strings, `lower`, `upper`, `ilike` (item 9).
        ("email == \"ärger@example.com\"", bin(Eq, f("email"), v("ärger@example.com"))),
        ("email == \"ÄRGER@EXAMPLE.COM\"", bin(Eq, f("email"), v("ÄRGER@EXAMPLE.COM"))),
        ("email == \"i̇stanbul\\0ı\" (İ folds to i̇)", bin(Eq, f("email"), v("i\u{307}stanbul\0ı"))),
        ("email == \"istanbul\\0ı\"", bin(Eq, f("email"), v("istanbul\0ı"))),
        ("email == \"İSTANBUL\\0I\" (ı is no i)", bin(Eq, f("email"), v("İSTANBUL\0I"))),
        ("email < \"b\"", bin(Lt, f("email"), v("b"))),
        ("email > \"Z\"", bin(Gt, f("email"), v("Z"))),
        ("email in [\"ärger@example.com\"]", Expr::in_list(f("email"), vec![v("ärger@example.com")])),
        (
            "name == ^CiString(\"ärger STRASSE\") (ß is not ss)",
            bin(Eq, f("name"), v(Value::CiString("ärger STRASSE".into()))),
        ),
        ("name == ^CiString(\"ärger STRAßE\")", bin(Eq, f("name"), v(Value::CiString("ärger STRAßE".into())))),
        ("ilike(name, \"ärger%\")", call(Function::ILike, vec![f("name"), v("ärger%")])),
        ("ilike(name, \"%STRASSE\")", call(Function::ILike, vec![f("name"), v("%STRASSE")])),
        ("ilike(email, \"%ÄRGER%\")", call(Function::ILike, vec![f("email"), v("%ÄRGER%")])),
        ("lower(name)", call(Function::Lower, vec![f("name")])),
        ("upper(name) (ß becomes SS)", call(Function::Upper, vec![f("name")])),
        ("lower(email)", call(Function::Lower, vec![f("email")])),
        ("contains(email, \"ärger\")", call(Function::Contains, vec![f("email"), v("ärger")])),
        ("contains(name, \"ärger\")", call(Function::Contains, vec![f("name"), v("ärger")])),
        ("string_starts_with(email, \"äR\")", call(Function::StartsWith, vec![f("email"), v("äR")])),
        ("string_starts_with(email, \"i̇s\")", call(Function::StartsWith, vec![f("email"), v("i\u{307}s")])),
        ("string_ends_with(email, \"EXAMPLE.COM\")", call(Function::EndsWith, vec![f("email"), v("EXAMPLE.COM")])),
        (
            "is_distinct_from(email, \"ärger@EXAMPLE.com\")",
            call(Function::IsDistinctFrom, vec![f("email"), v("ärger@EXAMPLE.com")]),
        ),
        // NUL characters (item 16).
        ("name == \"a\\0b%c\"", bin(Eq, f("name"), v("a\0b%c"))),
        ("name == \"a\"", bin(Eq, f("name"), v("a"))),
        ("like(name, \"a\")", like(f("name"), "a")),
        ("like(name, \"a%\")", like(f("name"), "a%")),
        ("like(name, \"a\\0_\\%c\")", like(f("name"), "a\0_%c")),
        ("like(name, \"%\\0%\")", like(f("name"), "%\0%")),
        ("like(name, \"a\\0\")", like(f("name"), "a\0")),
        ("ilike(name, \"A\\0B%\")", call(Function::ILike, vec![f("name"), v("A\0B%")])),
        ("ilike(email, \"%\\0ı\")", call(Function::ILike, vec![f("email"), v("%\0ı")])),
        ("contains(name, \"\\0\")", call(Function::Contains, vec![f("name"), v("\0")])),
        ("contains(name, \"\\0b\")", call(Function::Contains, vec![f("name"), v("\0b")])),
        ("contains(name, \"b%c\")", call(Function::Contains, vec![f("name"), v("b%c")])),
        ("contains(email, \"\\0I\")", call(Function::Contains, vec![f("email"), v("\0I")])),
        ("length(name)", call(Function::Length, vec![f("name")])),
        ("length(email)", call(Function::Length, vec![f("email")])),
        ("length(\"\\0\\0\")", call(Function::Length, vec![v("\0\0")])),
        ("string_starts_with(name, \"a\\0\")", call(Function::StartsWith, vec![f("name"), v("a\0")])),
        ("string_starts_with(name, \"a\\0x\")", call(Function::StartsWith, vec![f("name"), v("a\0x")])),
        ("string_ends_with(name, \"\\0b%c\")", call(Function::EndsWith, vec![f("name"), v("\0b%c")])),
        ("string_ends_with(name, \"x\\0b%c\")", call(Function::EndsWith, vec![f("name"), v("x\0b%c")])),
        ("string_ends_with(email, \"\\0I\")", call(Function::EndsWith, vec![f("email"), v("\0I")])),
        ("name <> \"\\0!\"", f("name").concat(v("\0!"))),
        ("string_trim(\"\\0 x \\0\")", call(Function::Trim, vec![v("\0 x \0")])),
        ("upper(name) with NUL", call(Function::Upper, vec![f("name")])),
        ("concat(name, \"\\0\", qty)", call(Function::Concat, vec![f("name"), v("\0"), f("qty")])),
        // Datetime arithmetic (issue 8, item 6): Ash's units, month-end
        // clamping, leap years, negative amounts, nil.
        ("datetime_add(seen_at, 1, day)", dt_add(f("seen_at"), v(1), "day")),
        ("datetime_add(seen_at, -1, month)", dt_add(f("seen_at"), v(-1), "month")),
        ("datetime_add(seen_at, qty, hour)", dt_add(f("seen_at"), f("qty"), "hour")),
        ("datetime_add(seen_at, qty, month)", dt_add(f("seen_at"), f("qty"), "month")),
        ("datetime_add(seen_at, 1, microsecond)", dt_add(f("seen_at"), v(1), "microsecond")),
        ("datetime_add(seen_at, -1500, millisecond)", dt_add(f("seen_at"), v(-1500), "millisecond")),
        ("datetime_add(seen_at, 90, second)", dt_add(f("seen_at"), v(90), "second")),
        ("datetime_add(seen_at, -61, minute)", dt_add(f("seen_at"), v(-61), "minute")),
        ("datetime_add(seen_at, 2, week)", dt_add(f("seen_at"), v(2), "week")),
        ("datetime_add(seen_at, -3, year)", dt_add(f("seen_at"), v(-3), "year")),
        ("datetime_add(seen_at, nil, day)", dt_add(f("seen_at"), nil(), "day")),
        ("datetime_add(seen_at, rating, day) (no integer)", dt_add(f("seen_at"), f("rating"), "day")),
        ("datetime_add(Jan 31, 1, month) (Feb 29)", dt_add(v(datetime("2024-01-31T10:00:00Z")), v(1), "month")),
        ("datetime_add(Jan 31 2023, 1, month) (Feb 28)", dt_add(v(datetime("2023-01-31T10:00:00Z")), v(1), "month")),
        ("datetime_add(Mar 31, -1, month)", dt_add(v(datetime("2023-03-31T00:00:00Z")), v(-1), "month")),
        ("datetime_add(Jan 31, -13, month)", dt_add(v(datetime("2024-01-31T00:00:00Z")), v(-13), "month")),
        ("datetime_add(Feb 29, 1, year) (Mar 1)", dt_add(v(datetime("2024-02-29T08:00:00Z")), v(1), "year")),
        ("datetime_add(Feb 29, 4, year)", dt_add(v(datetime("2024-02-29T08:00:00Z")), v(4), "year")),
        ("datetime_add(Dec 31 23:59, 1, minute)", dt_add(v(datetime("2023-12-31T23:59:30.25Z")), v(1), "minute")),
        ("datetime_add(\"2024-05-01T10:00:00+02:00\", 1, day)", dt_add(v("2024-05-01T10:00:00+02:00"), v(1), "day")),
        ("datetime_add(\"nonsense\", 1, day)", dt_add(v("nonsense"), v(1), "day")),
        ("datetime_add(seen_at, 1e6 years) (out of range)", dt_add(f("seen_at"), v(1_000_000), "year")),
        ("datetime_add(seen_at, i64::MAX, second)", dt_add(f("seen_at"), v(i64::MAX), "second")),
        ("datetime_add(seen_at, 1, day) > seen_at", bin(Gt, dt_add(f("seen_at"), v(1), "day"), f("seen_at"))),
        ("date_add(born, 1, month)", d_add(f("born"), v(1), "month")),
        ("date_add(born, -1, day)", d_add(f("born"), v(-1), "day")),
        ("date_add(born, qty, week)", d_add(f("born"), f("qty"), "week")),
        ("date_add(born, 23, hour) (same day)", d_add(f("born"), v(23), "hour")),
        ("date_add(born, -1, microsecond) (day before)", d_add(f("born"), v(-1), "microsecond")),
        ("date_add(born, nil, year)", d_add(f("born"), nil(), "year")),
        ("date_add(2024-01-31, 1, month)", d_add(v(date(2024, 1, 31)), v(1), "month")),
        ("date_add(2100-02-28, 1, day) (no leap year)", d_add(v(date(2100, 2, 28)), v(1), "day")),
        ("date_add(2000-02-29, -100, year) (Mar 1)", d_add(v(date(2000, 2, 29)), v(-100), "year")),
        ("date_add(born, 1, day) > born", bin(Gt, d_add(f("born"), v(1), "day"), f("born"))),
        ("start_of_day(seen_at)", call(Function::StartOfDay, vec![f("seen_at")])),
        ("start_of_day(seen_at, \"Etc/UTC\")", call(Function::StartOfDay, vec![f("seen_at"), v("Etc/UTC")])),
        ("start_of_day(born)", call(Function::StartOfDay, vec![f("born")])),
        ("start_of_day(seen_at) <= seen_at", bin(Le, call(Function::StartOfDay, vec![f("seen_at")]), f("seen_at"))),
        ("seen_at > ago(1, day)", bin(Gt, f("seen_at"), ago(v(1), "day"))),
        ("seen_at > ago(-100, year)", bin(Gt, f("seen_at"), ago(v(-100), "year"))),
        ("seen_at < from_now(qty, year)", bin(Lt, f("seen_at"), from_now(f("qty"), "year"))),
        ("seen_at < from_now(nil, day)", bin(Lt, f("seen_at"), from_now(nil(), "day"))),
        ("ago(1, day) < from_now(1, microsecond)", bin(Lt, ago(v(1), "day"), from_now(v(1), "microsecond"))),
        ("is_nil(ago(i64::MIN, day))", Expr::is_nil(ago(v(i64::MIN), "day"))),
        (
            "if(qty > 100, error(..), qty) (never reached)",
            Expr::if_else(bin(Gt, f("qty"), v(100)), error("big"), f("qty")),
        ),
    ]
}

fn dt_add(datetime: Expr, n: Expr, unit: &str) -> Expr {
    call(Function::DatetimeAdd, vec![datetime, n, v(unit)])
}

fn d_add(date: Expr, n: Expr, unit: &str) -> Expr {
    call(Function::DateAdd, vec![date, n, v(unit)])
}

fn ago(n: Expr, unit: &str) -> Expr {
    call(Function::Ago, vec![n, v(unit)])
}

fn from_now(n: Expr, unit: &str) -> Expr {
    call(Function::FromNow, vec![n, v(unit)])
}

fn error(message: &str) -> Expr {
    call(Function::Error, vec![v(message)])
}

#[test]
fn memory_and_sqlite_agree_row_by_row() {
    let conn = database();
    let rows = rows();
    let mut failures = Vec::new();
    let table = expressions();
    assert!(table.len() >= 40);
    for (name, expr) in &table {
        let fragment = compile(expr, &ITEM, "t0").unwrap_or_else(|e| panic!("{name}: {e}"));
        let in_memory: Vec<Value> = rows.iter().map(|row| expr.try_eval(&ITEM, row).unwrap()).collect();
        let in_sql = select(&conn, &fragment);
        for (i, (memory, sql)) in in_memory.iter().zip(&in_sql).enumerate() {
            if !agree(memory, sql) {
                failures.push(format!("{name} on row {}: memory {memory:?}, SQL {sql:?}\n    {}", i + 1, fragment.sql));
            }
        }
        // As a filter: the same rows pass; an expression that is no
        // boolean is no filter.
        if expr.static_type(&ITEM).is_some_and(|ty| ty != crate::info::Type::Boolean) {
            assert!(compile_filter(expr, &ITEM, "t0").is_err(), "{name} is no filter");
            continue;
        }
        let kept: Vec<i64> =
            (1..=rows.len() as i64).filter(|id| expr.matches(&ITEM, &rows[*id as usize - 1]).unwrap()).collect();
        let kept_by_sql = filter(&conn, &fragment);
        if kept != kept_by_sql {
            failures
                .push(format!("{name} as a filter: memory keeps {kept:?}, SQL {kept_by_sql:?}\n    {}", fragment.sql));
        }
    }
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn error_fails_the_statement_with_its_message() {
    let conn = database();
    let expr = Expr::if_else(bin(Gt, f("qty"), v(5)), error("too many"), f("qty"));
    let fragment = compile(&expr, &ITEM, "t0").unwrap();
    let sql = format!("SELECT {} FROM items AS t0 ORDER BY t0.id", fragment.sql);
    let mut statement = conn.prepare(&sql).unwrap();
    let result: rusqlite::Result<Vec<Sql>> = statement
        .query_map(rusqlite::params_from_iter(fragment.params.iter().map(bind)), |row| row.get(0))
        .unwrap()
        .collect();
    let mapped = super::errors::map_error(None, result.unwrap_err());
    assert_eq!(mapped, crate::info::error::Error::InvalidExpression { message: "too many".into() });
    // Rows that do not reach it read fine: qty 7 is the last row.
    let fine = Expr::if_else(bin(Gt, f("qty"), v(7)), error("too many"), f("qty"));
    assert_eq!(select(&conn, &compile(&fine, &ITEM, "t0").unwrap()).len(), rows().len());
}

#[test]
fn values_are_bound_never_spliced() {
    let expr = bin(Eq, f("name"), v(INJECTION)).or(Expr::in_list(f("status"), vec![v("'); --")]));
    let fragment = compile_filter(&expr, &ITEM, "t0").unwrap();
    assert_eq!(fragment.sql, r#"((t0."name" = ?) OR (t0."status" IN (?)))"#);
    assert!(!fragment.sql.contains("DROP"));
    assert_eq!(fragment.params, vec![s(INJECTION), s("'); --")]);
    let conn = database();
    assert_eq!(filter(&conn, &fragment), vec![5], "the value is compared, not run");
    let count: i64 = conn.query_row("SELECT count(*) FROM items", [], |row| row.get(0)).unwrap();
    assert_eq!(count, 7, "the table is still there");
    // Fragment arguments are bound too.
    let fragment = compile(&Expr::fragment("? = ?", vec![f("name"), v(INJECTION)]), &ITEM, "t0").unwrap();
    assert_eq!(fragment.sql, r#"(t0."name" = ?)"#);
    assert_eq!(fragment.params, vec![s(INJECTION)]);
}

#[test]
fn sql_text() {
    let sql = |expr: Expr| compile(&expr, &ITEM, "t0").unwrap().sql;
    assert_eq!(sql(bin(Lt, f("price"), v(1))), r#"(t0."price" < ?)"#, "exact: the column's decimal collation");
    assert_eq!(sql(bin(Gt, f("price") * v(2), v(3))), r#"(dec_cmp((dec_mul(t0."price", ?)), ?) > 0)"#);
    assert_eq!(sql(bin(Gt, f("price"), f("qty"))), r#"(dec_cmp(t0."price", t0."qty") > 0)"#);
    assert_eq!(sql(f("price") / v(4)), r#"(dec_div(t0."price", ?))"#);
    assert_eq!(
        sql(Expr::in_list(f("price") * v(3), vec![v(1)])),
        r#"(dec_norm((dec_mul(t0."price", ?))) IN (dec_norm(?)))"#
    );
    assert_eq!(sql(f("qty") / v(2)), r#"(CAST(t0."qty" AS REAL) / ?)"#);
    assert_eq!(sql(bin(Eq, f("email"), v("a"))), r#"(t0."email" = ? COLLATE ci)"#);
    assert_eq!(sql(call(Function::Like, vec![f("name"), v("%a%")])), r#"text_like(t0."name", ?)"#);
    assert_eq!(sql(call(Function::ILike, vec![f("name"), v("%a%")])), r#"text_ilike(t0."name", ?)"#);
    assert_eq!(sql(call(Function::Contains, vec![f("name"), v("a")])), r#"(instr(t0."name", ?) > 0)"#);
    assert_eq!(
        sql(call(Function::Contains, vec![f("email"), v("a")])),
        r#"(instr(unicode_lower(t0."email"), unicode_lower(?)) > 0)"#
    );
    assert_eq!(sql(call(Function::Length, vec![f("name")])), r#"text_length(t0."name")"#);
    assert_eq!(sql(call(Function::StartsWith, vec![f("name"), v("a")])), r#"text_starts_with(t0."name", ?)"#);
    assert_eq!(sql(f("name").concat(v("!"))), r#"(t0."name" || ?)"#);
    assert_eq!(sql(Expr::if_else(f("active"), v(1), v(2))), r#"(CASE WHEN t0."active" THEN ? ELSE ? END)"#);
    assert_eq!(sql(Expr::is_nil(f("qty"))), r#"(t0."qty" IS NULL)"#);
    assert_eq!(sql(bin(Eq, f("qty"), nil())), r#"(t0."qty" = ?)"#, "= NULL, which is NULL as in memory");
    let unaliased = compile(&bin(Eq, f("qty"), v(1)), &ITEM, "").unwrap();
    assert_eq!(unaliased.sql, r#"("qty" = ?)"#);
}

#[test]
fn now_is_one_bound_instant() {
    let expr = bin(Lt, f("seen_at"), call(Function::Now, vec![])).or(bin(Eq, f("born"), call(Function::Today, vec![])));
    let before = Utc::now();
    let fragment = compile_filter(&expr, &ITEM, "t0").unwrap();
    assert_eq!(fragment.sql, r#"((t0."seen_at" < ?) OR (t0."born" = ?))"#);
    let [Value::DateTime(now), Value::Date(today)] = fragment.params.as_slice() else { panic!("{fragment:?}") };
    assert!(*now >= before && *now <= Utc::now());
    assert_eq!(*today, now.date_naive());
}

#[test]
fn fragments_run_in_sql() {
    let conn = database();
    let expr = Expr::fragment("lower(?) = ?", vec![f("name"), v("banana")]).or(Expr::fragment("? \\? 1 : 0", vec![]));
    assert_eq!(fragment_placeholders("? \\? 1 : 0"), 1);
    assert!(compile(&expr, &ITEM, "t0").is_err(), "one placeholder, no argument");
    let expr = Expr::fragment("lower(?) = ?", vec![f("name"), v("banana")]);
    let fragment = compile(&expr, &ITEM, "t0").unwrap();
    assert_eq!(fragment.sql, r#"(lower(t0."name") = ?)"#);
    assert_eq!(filter(&conn, &fragment), vec![1]);
    let literal = compile(&Expr::fragment("instr(?, '\\?') = 0", vec![f("name")]), &ITEM, "t0").unwrap();
    assert_eq!(literal.sql, r#"(instr(t0."name", '?') = 0)"#, "\\? is a literal question mark");
    assert_eq!(filter(&conn, &literal), vec![1, 2, 4, 5, 6, 7]);
    let err = compile(&Expr::fragment("? + ?", vec![f("qty")]), &ITEM, "t0").unwrap_err();
    assert_eq!(err.to_string(), "data layer error: fragment(\"? + ?\") has 2 `?` placeholders but 1 argument");
}

#[test]
fn compile_errors() {
    let err = compile(&bin(Eq, f("nmae"), v(1)), &ITEM, "t0").unwrap_err();
    assert_eq!(err.to_string(), "data layer error: Item has no attribute `nmae` to use in an expression");
    let err = compile(&call(Function::Lower, vec![]), &ITEM, "t0").unwrap_err();
    assert_eq!(err.to_string(), "data layer error: lower(..) takes 1 argument, got 0");
}

#[test]
fn storage_text_matches_the_sqlite_layer() {
    let Value::DateTime(dt) = datetime("2023-01-01T00:00:00.5Z") else { unreachable!() };
    assert_eq!(datetime_text(&dt), crate::data_layer::sqlite::datetime_text(&dt));
}
