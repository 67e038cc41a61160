//! In-memory evaluation: three-valued logic and every function, against a
//! hand-written resource (no macros). `sql_tests.rs` runs the same resource
//! through SQLite.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::{BinaryOp, Expr, Function};
use crate::info::error::Error;
use crate::info::value::Value;
use crate::info::{AttributeInfo, DataLayerKind, ResourceInfo, SqlInfo, Type};

const fn attr(name: &'static str, ty: Type, primary_key: bool) -> AttributeInfo {
    AttributeInfo { allow_nil: !primary_key, primary_key, ..AttributeInfo::new(name, ty) }
}

/// One attribute of every storage kind.
pub(crate) static ITEM: ResourceInfo = ResourceInfo {
    name: "Item",
    short_name: "item",
    description: None,
    data_layer: DataLayerKind::Sqlite,
    attributes: &[
        attr("id", Type::Integer, true),
        attr("name", Type::String, false),
        attr("email", Type::CiString, false),
        attr("price", Type::Decimal, false),
        attr("qty", Type::Integer, false),
        attr("rating", Type::Float, false),
        attr("active", Type::Boolean, false),
        attr("status", Type::Atom(&["open", "closed"]), false),
        attr("code", Type::Uuid, false),
        attr("born", Type::Date, false),
        attr("seen_at", Type::UtcDatetime, false),
    ],
    identities: &[],
    actions: &[],
    validations: &[],
    calculations: &[],
    relationships: &[],
    aggregates: &[],
    sql: SqlInfo { table: Some("items"), ..SqlInfo::DEFAULT },
};

pub(crate) fn dec(s: &str) -> Value {
    Value::Decimal(s.parse::<Decimal>().unwrap())
}

pub(crate) fn date(y: i32, m: u32, d: u32) -> Value {
    Value::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

pub(crate) fn datetime(s: &str) -> Value {
    Value::DateTime(DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc))
}

pub(crate) fn s(text: &str) -> Value {
    Value::String(text.to_string())
}

pub(crate) fn f(name: &str) -> Expr {
    Expr::field(name)
}

pub(crate) fn v(value: impl Into<Value>) -> Expr {
    Expr::value(value)
}

pub(crate) fn nil() -> Expr {
    Expr::nil()
}

pub(crate) fn bin(op: BinaryOp, left: Expr, right: Expr) -> Expr {
    Expr::binary(op, left, right)
}

pub(crate) fn call(function: Function, args: Vec<Expr>) -> Expr {
    Expr::call(function, args)
}

/// A row of `ITEM` with only the given attributes set.
fn row(values: &[(&str, Value)]) -> Vec<Value> {
    let mut row = vec![Value::Nil; ITEM.attributes.len()];
    for (name, value) in values {
        row[ITEM.attribute_index(name).unwrap()] = value.clone();
    }
    row
}

fn eval(expr: &Expr, row: &[Value]) -> Value {
    expr.try_eval(&ITEM, row).unwrap_or_else(|e| panic!("{expr:?}: {e}"))
}

/// Evaluates against an empty row (every attribute nil).
fn eval0(expr: &Expr) -> Value {
    eval(expr, &row(&[]))
}

const T: Value = Value::Bool(true);
const F: Value = Value::Bool(false);
const N: Value = Value::Nil;

#[test]
fn three_valued_logic() {
    let (t, fa, n) = (|| v(true), || v(false), nil);
    let and = |a: Expr, b: Expr| eval0(&a.and(b));
    let or = |a: Expr, b: Expr| eval0(&a.or(b));
    // Ash's (Elixir's) `&&`/`||`: the left value decides (issue 8, item 4).
    assert_eq!(and(t(), t()), T);
    assert_eq!(and(t(), fa()), F);
    assert_eq!(and(n(), fa()), N, "nil && false is nil: nil stops &&");
    assert_eq!(and(fa(), n()), F);
    assert_eq!(and(t(), n()), N);
    assert_eq!(and(n(), t()), N);
    assert_eq!(and(n(), n()), N);
    assert_eq!(or(n(), t()), T, "nil || true is true");
    assert_eq!(or(t(), n()), T);
    assert_eq!(or(n(), fa()), F, "nil || false is false: || passes over nil");
    assert_eq!(or(fa(), n()), N);
    assert_eq!(or(fa(), fa()), F);
    // On other values: the first truthy one, or where `&&` stopped.
    assert_eq!(or(n(), v("anon")), s("anon"));
    assert_eq!(or(v("ann"), v("anon")), s("ann"));
    assert_eq!(and(v("ann"), v(2)), Value::Int(2));
    assert_eq!(and(n(), v(2)), N);
    // Only true passes a filter either way: `!(nil && false)` keeps nothing.
    assert!(!(!n().and(fa())).matches(&ITEM, &row(&[])).unwrap());
    assert_eq!(eval0(&!n()), N, "not nil is nil");
    assert_eq!(eval0(&!t()), F);
    assert_eq!(eval0(&Expr::is_nil(n())), T, "is_nil is never nil");
    assert_eq!(eval0(&Expr::is_nil(v(0))), F);
    // Comparisons with nil are nil, even nil == nil.
    for op in [BinaryOp::Eq, BinaryOp::NotEq, BinaryOp::Lt, BinaryOp::Le, BinaryOp::Gt, BinaryOp::Ge] {
        assert_eq!(eval0(&bin(op, n(), v(1))), N, "{op:?}");
        assert_eq!(eval0(&bin(op, v(1), f("qty"))), N, "{op:?} with a nil field");
    }
    assert_eq!(eval0(&bin(BinaryOp::Eq, n(), n())), N);
    // Only true passes a filter.
    let r = row(&[]);
    assert!(!bin(BinaryOp::Eq, f("qty"), nil()).matches(&ITEM, &r).unwrap());
    assert!(!(!bin(BinaryOp::Eq, f("qty"), nil())).matches(&ITEM, &r).unwrap());
    assert!(Expr::is_nil(f("qty")).matches(&ITEM, &r).unwrap());
}

#[test]
fn comparisons_across_kinds() {
    let r = row(&[("price", dec("1.50")), ("qty", Value::Int(2)), ("email", Value::CiString("Ann@X.org".into()))]);
    assert_eq!(eval(&bin(BinaryOp::Eq, f("price"), v(dec("1.5"))), &r), T);
    assert_eq!(eval(&bin(BinaryOp::Lt, f("price"), v(2)), &r), T);
    assert_eq!(eval(&bin(BinaryOp::Gt, f("price"), v(1.25)), &r), T);
    assert_eq!(eval(&bin(BinaryOp::Le, f("qty"), v(2.0)), &r), T);
    assert_eq!(eval(&bin(BinaryOp::Eq, f("email"), v("ann@x.org")), &r), T, "ci_string");
    assert_eq!(eval(&bin(BinaryOp::NotEq, f("email"), v("ann@x.org")), &r), F);
    assert_eq!(eval(&bin(BinaryOp::Eq, f("qty"), v("2")), &r), N, "different kinds do not compare");
}

#[test]
fn arithmetic_across_number_kinds() {
    let r = row(&[("price", dec("1.50")), ("qty", Value::Int(3)), ("rating", Value::Float(0.5))]);
    assert_eq!(eval(&(f("qty") + v(2)), &r), Value::Int(5));
    assert_eq!(eval(&(f("qty") - v(5)), &r), Value::Int(-2));
    assert_eq!(eval(&(f("qty") * v(4)), &r), Value::Int(12));
    assert_eq!(eval(&(f("qty") / v(2)), &r), Value::Float(1.5), "a true division");
    assert_eq!(eval(&(f("qty") + f("rating")), &r), Value::Float(3.5));
    assert_eq!(eval(&(f("price") * f("qty")), &r), dec("4.50"), "decimals stay exact");
    assert_eq!(eval(&(f("price") + v(0.25)), &r), dec("1.75"));
    assert_eq!(eval(&(f("price") / v(3)), &r), dec("0.5"));
    assert_eq!(eval(&(f("qty") / v(0)), &r), N, "division by zero is nil");
    assert_eq!(eval(&(f("rating") / v(0.0)), &r), N);
    assert_eq!(eval(&(f("price") / v(dec("0"))), &r), N);
    assert_eq!(eval(&(v(i64::MAX) + v(1)), &r), Value::Float(i64::MAX as f64 + 1.0), "overflow becomes a float");
    assert_eq!(eval0(&(f("qty") + v(1))), N, "arithmetic with nil is nil");
    assert_eq!(eval0(&(v(1) * nil())), N);
    assert_eq!(eval(&(v("a") + v(1)), &r), N, "not numbers");
}

#[test]
fn string_functions() {
    let r = row(&[("name", s("Banana")), ("email", Value::CiString("Ann@Example.com".into())), ("qty", Value::Int(3))]);
    let like = |subject: Expr, pattern: &str| eval(&call(Function::Like, vec![subject, v(pattern)]), &r);
    assert_eq!(like(f("name"), "%an%"), T);
    assert_eq!(like(f("name"), "b%"), F, "like is case-sensitive");
    assert_eq!(like(f("name"), "B_n%"), T);
    assert_eq!(like(f("qty"), "3"), T, "a number matches as text");
    assert_eq!(like(nil(), "%"), N);
    assert_eq!(eval(&call(Function::Like, vec![f("name"), nil()]), &r), N);
    let ilike = |pattern: &str| eval(&call(Function::ILike, vec![f("name"), v(pattern)]), &r);
    assert_eq!(ilike("b%"), T);
    assert_eq!(ilike("%NAN_"), T);
    assert_eq!(ilike("%x%"), F);
    let contains = |subject: Expr, part: &str| eval(&call(Function::Contains, vec![subject, v(part)]), &r);
    assert_eq!(contains(f("name"), "nan"), T);
    assert_eq!(contains(f("name"), "NAN"), F, "case-sensitive on strings");
    assert_eq!(contains(f("email"), "EXAMPLE"), T, "case-insensitive on ci_strings");
    assert_eq!(contains(f("name"), "%"), F, "no pattern characters");
    assert_eq!(contains(f("name"), ""), T);
    assert_eq!(contains(nil(), "a"), N);
    assert_eq!(eval(&call(Function::Lower, vec![f("name")]), &r), s("banana"));
    assert_eq!(eval(&call(Function::Upper, vec![f("email")]), &r), s("ANN@EXAMPLE.COM"));
    assert_eq!(eval(&call(Function::Length, vec![f("name")]), &r), Value::Int(6));
    assert_eq!(eval(&call(Function::Length, vec![v("ñandú")]), &r), Value::Int(5), "characters, not bytes");
    for function in [Function::Lower, Function::Upper, Function::Length] {
        assert_eq!(eval0(&call(function, vec![f("name")])), N, "{function:?} of nil");
    }
}

#[test]
fn concatenation() {
    let r = row(&[("name", s("Banana")), ("qty", Value::Int(3)), ("active", T), ("price", dec("0.10"))]);
    assert_eq!(eval(&f("name").concat(v("!")), &r), s("Banana!"));
    assert_eq!(eval(&f("name").concat(f("qty")), &r), s("Banana3"));
    assert_eq!(eval(&f("name").concat(f("active")), &r), s("Bananatrue"));
    assert_eq!(eval(&f("name").concat(f("price")), &r), s("Banana0.10"), "decimals as written");
    assert_eq!(eval(&f("name").concat(f("email")), &r), N, "<> with nil is nil");
    let concat = call(Function::Concat, vec![f("name"), v("-"), f("email"), f("qty")]);
    assert_eq!(eval(&concat, &r), s("Banana-3"), "concat skips nil");
    assert_eq!(eval0(&call(Function::Concat, vec![f("name")])), s(""), "concat is never nil");
    let join = Expr::string_join(vec![f("name"), f("email"), v("x"), f("qty")], v(", "));
    assert_eq!(eval(&join, &r), s("Banana, x, 3"), "string_join skips nil");
    assert_eq!(eval0(&Expr::string_join(vec![f("name")], v("-"))), s(""));
    assert_eq!(eval(&Expr::string_join(vec![f("name")], nil()), &r), N, "a nil separator is nil");
}

#[test]
fn in_lists_follow_sql() {
    let r = row(&[("qty", Value::Int(3)), ("status", Value::Atom("open".into()))]);
    let is_in = |left: Expr, items: Vec<Expr>| eval(&Expr::in_list(left, items), &r);
    assert_eq!(is_in(f("qty"), vec![v(1), v(3)]), T);
    assert_eq!(is_in(f("qty"), vec![v(1), v(2)]), F);
    assert_eq!(is_in(f("qty"), vec![v(1), nil()]), N, "not found beside a nil is nil");
    assert_eq!(is_in(f("qty"), vec![v(3), nil()]), T);
    assert_eq!(is_in(f("qty"), vec![]), F);
    assert_eq!(is_in(nil(), vec![v(1)]), N);
    assert_eq!(is_in(nil(), vec![]), F, "an empty list is false, even for nil");
    assert_eq!(is_in(f("status"), Expr::values(["open", "closed"])), T, "atoms match their names");
    assert_eq!(is_in(f("qty"), vec![v(dec("3.0"))]), T);
}

#[test]
fn if_and_dates() {
    let r = row(&[("active", T), ("qty", Value::Int(3)), ("born", date(2000, 1, 2))]);
    let choose = |cond: Expr| eval(&Expr::if_else(cond, v("yes"), v("no")), &r);
    assert_eq!(choose(f("active")), s("yes"));
    assert_eq!(choose(!f("active")), s("no"));
    assert_eq!(choose(f("name")), s("no"), "a nil condition takes the else branch");
    assert_eq!(eval(&Expr::if_else(v(true), f("qty"), nil()), &r), Value::Int(3));
    let now = eval0(&call(Function::Now, vec![]));
    let Value::DateTime(now) = now else { panic!("now() is a datetime: {now:?}") };
    assert!((Utc::now() - now).num_seconds().abs() < 5);
    assert_eq!(eval0(&call(Function::Today, vec![])), Value::Date(Utc::now().date_naive()));
    assert_eq!(eval(&bin(BinaryOp::Lt, f("born"), call(Function::Today, vec![])), &r), T);
    assert_eq!(eval(&bin(BinaryOp::Gt, v(datetime("2030-01-01T00:00:00Z")), call(Function::Now, vec![])), &r), T);
}

#[test]
fn datetime_arithmetic_follows_ash() {
    use crate::expr::functions::{TimeUnit, date_add, datetime_add};
    let at = |text: &str| match datetime(text) {
        Value::DateTime(dt) => dt,
        _ => unreachable!(),
    };
    let add = |text: &str, n: i64, unit: TimeUnit| datetime_add(at(text), n, unit);
    assert_eq!(add("2024-01-31T10:00:00Z", 1, TimeUnit::Month), Some(at("2024-02-29T10:00:00Z")));
    assert_eq!(add("2023-01-31T10:00:00Z", 1, TimeUnit::Month), Some(at("2023-02-28T10:00:00Z")));
    assert_eq!(add("2024-01-31T10:00:00Z", -2, TimeUnit::Month), Some(at("2023-11-30T10:00:00Z")));
    assert_eq!(add("2024-01-15T00:00:00Z", -13, TimeUnit::Month), Some(at("2022-12-15T00:00:00Z")));
    assert_eq!(add("2024-02-29T08:00:00Z", 1, TimeUnit::Year), Some(at("2025-03-01T08:00:00Z")), "Ash: Mar 1");
    assert_eq!(add("2024-02-29T08:00:00Z", 4, TimeUnit::Year), Some(at("2028-02-29T08:00:00Z")));
    assert_eq!(add("2024-05-01T09:30:00Z", -1, TimeUnit::Week), Some(at("2024-04-24T09:30:00Z")));
    assert_eq!(add("2024-05-01T09:30:00Z", 36, TimeUnit::Hour), Some(at("2024-05-02T21:30:00Z")));
    assert_eq!(add("2024-05-01T09:30:00Z", 1, TimeUnit::Microsecond), Some(at("2024-05-01T09:30:00.000001Z")));
    assert_eq!(add("2024-05-01T09:30:00Z", -1, TimeUnit::Millisecond), Some(at("2024-05-01T09:29:59.999Z")));
    assert_eq!(add("2024-05-01T09:30:00Z", i64::MAX, TimeUnit::Day), None);
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(date_add(day(2024, 3, 31), -1, TimeUnit::Month), Some(day(2024, 2, 29)));
    assert_eq!(date_add(day(2024, 3, 31), 23, TimeUnit::Hour), Some(day(2024, 3, 31)));
    assert_eq!(date_add(day(2024, 3, 31), -1, TimeUnit::Second), Some(day(2024, 3, 30)));

    let eval_call = |function, args| eval0(&call(function, args));
    assert_eq!(
        eval_call(Function::DatetimeAdd, vec![v(datetime("2024-01-31T10:00:00Z")), v(1), v("month")]),
        datetime("2024-02-29T10:00:00Z")
    );
    assert_eq!(eval_call(Function::DatetimeAdd, vec![nil(), v(1), v("month")]), N);
    assert_eq!(eval_call(Function::DateAdd, vec![v(date(2024, 1, 31)), v(1), v("month")]), date(2024, 2, 29));
    assert_eq!(
        eval_call(Function::StartOfDay, vec![v(datetime("2024-05-01T09:30:00Z"))]),
        datetime("2024-05-01T00:00:00Z")
    );
    assert_eq!(eval_call(Function::StartOfDay, vec![v(date(2024, 5, 1))]), datetime("2024-05-01T00:00:00Z"));
    let Value::DateTime(ago) = eval_call(Function::Ago, vec![v(1), v("day")]) else { panic!() };
    assert!((Utc::now() - chrono::Duration::days(1) - ago).num_seconds().abs() < 5);
    let Value::DateTime(later) = eval_call(Function::FromNow, vec![v(2), v("hour")]) else { panic!() };
    assert!((later - Utc::now() - chrono::Duration::hours(2)).num_seconds().abs() < 5);

    let bad_unit = call(Function::Ago, vec![v(1), v("days")]);
    let message = bad_unit.check_eval(&ITEM).unwrap_err().to_string();
    assert!(message.contains("ago(..) takes a constant time unit, one of year, month"), "{message}");
    let field_unit = call(Function::DateAdd, vec![f("born"), v(1), f("name")]);
    assert!(field_unit.try_eval(&ITEM, &row(&[])).is_err());
    let zone = call(Function::StartOfDay, vec![f("seen_at"), v("Europe/Paris")]);
    assert!(zone.check_eval(&ITEM).unwrap_err().to_string().contains("only the time zone \"Etc/UTC\""));
}

#[test]
fn error_fails_when_evaluated() {
    let r = row(&[("qty", Value::Int(3))]);
    let guarded = |limit: i64| {
        Expr::if_else(bin(BinaryOp::Gt, f("qty"), v(limit)), call(Function::Error, vec![v("too many")]), f("qty"))
    };
    assert_eq!(guarded(5).try_eval(&ITEM, &r), Ok(Value::Int(3)), "the branch not taken is not evaluated");
    assert_eq!(guarded(1).try_eval(&ITEM, &r), Err(Error::InvalidExpression { message: "too many".into() }));
    assert_eq!(guarded(1).try_eval(&ITEM, &r).unwrap_err().to_string(), "invalid expression: too many");
    assert!(guarded(1).check_eval(&ITEM).is_ok(), "only evaluating it fails");
}

#[test]
fn what_cannot_run_in_memory_is_an_error() {
    let fragment = Expr::fragment("lower(?) = ?", vec![f("name"), v("x")]);
    let err = fragment.try_eval(&ITEM, &row(&[])).unwrap_err();
    assert_eq!(err, Error::DataLayer("fragment(..) can only run in SQL data layers".into()));
    assert_eq!(fragment.eval(&ITEM, &row(&[])), N, "eval gives nil");
    assert!(fragment.matches(&ITEM, &row(&[])).is_err());
    let hidden = v(false).and(fragment.clone());
    assert!(hidden.has_fragment());
    assert!(hidden.check_eval(&ITEM).is_err(), "found before any row is read");
    let unknown = bin(BinaryOp::Eq, f("nmae"), v(1));
    assert_eq!(
        unknown.check_eval(&ITEM).unwrap_err().to_string(),
        "data layer error: Item has no attribute `nmae` to use in an expression"
    );
    assert!(unknown.try_eval(&ITEM, &row(&[])).is_err());
    let arity = call(Function::Like, vec![f("name")]);
    assert_eq!(
        arity.try_eval(&ITEM, &row(&[])).unwrap_err().to_string(),
        "data layer error: like(..) takes 2 arguments, got 1"
    );
    assert!(v(true).check_eval(&ITEM).is_ok());
}

#[test]
fn field_handles_and_operators_build_the_same_tree() {
    let handle: crate::typed::field::Field<(), i64> = crate::typed::field::Field::new("qty");
    assert_eq!(Expr::from(handle), f("qty"));
    assert_eq!(f("a") + v(1), bin(BinaryOp::Add, f("a"), v(1)));
    assert_eq!(!f("a"), Expr::Not(Box::new(f("a"))));
    let mut seen = Vec::new();
    (f("a") * (v(1) - f("b"))).walk(&mut |e| seen.push(e.clone()));
    assert_eq!(seen.len(), 5);
}

#[test]
fn ashs_list_json_and_rounding_functions() {
    let json = |text: &str| Value::Json(serde_json::from_str(text).unwrap());
    let position = |s: &str, part: &str| eval0(&call(Function::StringPosition, vec![v(s), v(part)]));
    assert_eq!(position("fred", "red"), Value::Int(1), "0-based (Ash)");
    assert_eq!(position("ñandú", "dú"), Value::Int(3), "in characters");
    assert_eq!(position("fred", "x"), Value::Nil);
    assert_eq!(
        eval0(&call(Function::StringPosition, vec![v(Value::CiString("FRED".into())), v("red")])),
        Value::Int(1)
    );
    let split = |args: Vec<Expr>| eval0(&call(Function::StringSplit, args));
    assert_eq!(split(vec![v("a b  c")]), json(r#"["a", "b", "", "c"]"#), "on one space, empty parts kept");
    assert_eq!(split(vec![v("a,b"), v(",")]), json(r#"["a", "b"]"#));
    assert_eq!(split(vec![v("a"), v("")]), Value::Nil);
    let round = |args: Vec<Expr>| eval0(&call(Function::Round, args));
    assert_eq!(round(vec![v(2.5)]), Value::Float(3.0), "halves away from zero");
    assert_eq!(round(vec![v(-2.5)]), Value::Float(-3.0));
    assert_eq!(round(vec![v(1.2345), v(2)]), Value::Float(1.23));
    assert_eq!(round(vec![v(dec("1.25")), v(1)]), v(dec("1.3")).eval(&ITEM, &[]));
    assert_eq!(round(vec![v(dec("2.50"))]), v(dec("3")).eval(&ITEM, &[]));
    assert_eq!(round(vec![v(7), v(2)]), Value::Int(7), "an integer is itself");
    let at = |list: &str, i: i64| eval0(&call(Function::At, vec![v(json(list)), v(i)]));
    assert_eq!(at(r#"["a", "b"]"#, 1), s("b"));
    assert_eq!(at(r#"["a", "b"]"#, -1), s("b"), "from the end");
    assert_eq!(at(r#"["a", "b"]"#, 2), Value::Nil);
    let path = |keys: &[&str]| {
        let mut args = vec![v(json(r#"{"a": {"b": [1]}, "n": null}"#))];
        args.extend(keys.iter().map(|k| v(*k)));
        eval0(&call(Function::GetPath, args))
    };
    assert_eq!(path(&["a", "b"]), json("[1]"));
    assert_eq!(path(&["a", "c"]), Value::Nil);
    assert_eq!(path(&["n"]), Value::Nil);
    assert_eq!(path(&["a", "b", "c"]), Value::Nil, "a step that is no object");
}
