//! Embedded fields (`profile.first_name`, `exists(tags, ..)`) in memory and
//! through a SQL layer, row by row: a hand-written resource with a single
//! and a list embed, rows stored by the layer (its codec writes the JSON),
//! each expression evaluated in memory and read back as a computed value
//! and as a filter. `postgres/expr_tests.rs` runs the same table.

use crate::data_layer::query::DataQuery;
use crate::data_layer::{DataLayer, Target};
use crate::expr::tests::{bin, call, date, datetime, dec, f, nil, s, v};
use crate::expr::{BinaryOp, Expr, Function, SortOrder};
use crate::info::value::Value;
use crate::info::{AttributeInfo, DataLayerKind, Embed, ResourceInfo, SqlInfo, Type};

use BinaryOp::{And, Eq, Gt, Lt, Or};

const fn attr(name: &'static str, ty: Type) -> AttributeInfo {
    AttributeInfo::new(name, ty)
}

fn describe_profile() -> &'static (dyn std::any::Any + Send + Sync) {
    &PROFILE
}

fn describe_tag() -> &'static (dyn std::any::Any + Send + Sync) {
    &TAG
}

const TAG_EMBED: Embed = Embed { name: "Tag", list: true, nil_values: true, describe: describe_tag };

/// Without nil keys in the stored JSON (`embed_nil_values: false`).
static PROFILE: ResourceInfo = ResourceInfo {
    attributes: &[
        attr("first", Type::String),
        attr("born", Type::Date),
        attr("balance", Type::Decimal),
        attr("nick", Type::CiString),
        attr("age", Type::Integer),
        attr("vip", Type::Boolean),
        attr("seen", Type::UtcDatetime),
        attr("badges", Type::Embedded(TAG_EMBED)),
    ],
    ..ResourceInfo::new("Profile", DataLayerKind::Embedded)
};

static TAG: ResourceInfo = ResourceInfo {
    attributes: &[attr("name", Type::String), attr("weight", Type::Integer)],
    ..ResourceInfo::new("Tag", DataLayerKind::Embedded)
};

/// The resource holding them: `profile` (single) and `tags` (list).
pub(crate) static MEMBER: ResourceInfo = ResourceInfo {
    attributes: &[
        AttributeInfo { allow_nil: false, primary_key: true, ..AttributeInfo::new("id", Type::Integer) },
        attr("limit", Type::Integer),
        attr(
            "profile",
            Type::Embedded(Embed { name: "Profile", list: false, nil_values: false, describe: describe_profile }),
        ),
        attr("tags", Type::Embedded(TAG_EMBED)),
    ],
    sql: SqlInfo { table: Some("members"), ..SqlInfo::DEFAULT },
    ..ResourceInfo::new("Member", DataLayerKind::Sqlite)
};

fn json(text: &str) -> Value {
    Value::Json(serde_json::from_str(text).unwrap())
}

/// Rows of `MEMBER`: values as the typed skin writes them (every key), one
/// profile without most keys, nil embeds, an empty list.
pub(crate) fn rows() -> Vec<Vec<Value>> {
    vec![
        vec![
            Value::Int(1),
            Value::Int(2),
            json(
                r#"{"first":"Grace","born":"1906-12-09","balance":"10.25","nick":"GRACE","age":85,"vip":true,"seen":"2024-01-01T10:00:00+00:00",
                    "badges":[{"name":"gold","weight":1}]}"#,
            ),
            json(r#"[{"name":"rust","weight":1},{"name":"go","weight":5}]"#),
        ],
        vec![
            Value::Int(2),
            Value::Int(10),
            json(
                r#"{"first":"Ada","born":"1815-12-10","balance":"9.5","nick":"ada","age":36,"vip":false,"seen":"2024-01-01T09:59:59.500+00:00",
                    "badges":[]}"#,
            ),
            json(r#"[{"name":"rust","weight":9}]"#),
        ],
        vec![
            Value::Int(3),
            Value::Nil,
            json(r#"{"first":"Keyless","born":null,"balance":null,"nick":null,"age":null,"vip":null,"badges":null}"#),
            json("[]"),
        ],
        vec![Value::Int(4), Value::Nil, Value::Nil, Value::Nil],
        vec![
            Value::Int(5),
            Value::Int(0),
            json(
                r#"{"first":null,"born":"2000-02-29","balance":"100","nick":"Turing","age":0,"vip":true,"seen":"2023-12-31T23:00:00.000001+00:00","badges":[]}"#,
            ),
            json(r#"[{"name":"go","weight":null}]"#),
        ],
    ]
}

fn at(attribute: &str, field: &str) -> Expr {
    Expr::embedded(attribute, f(field))
}

fn any(attribute: &str, filter: Expr) -> Expr {
    Expr::any_embedded(attribute, filter)
}

/// The table: each expression reaching into the embeds.
pub(crate) fn expressions() -> Vec<(&'static str, Expr)> {
    vec![
        ("profile.first", at("profile", "first")),
        ("profile.first == \"Grace\"", bin(Eq, at("profile", "first"), v("Grace"))),
        ("profile.first < \"B\"", bin(Lt, at("profile", "first"), v("B"))),
        ("is_nil(profile.first)", Expr::is_nil(at("profile", "first"))),
        ("profile.born", at("profile", "born")),
        ("profile.born > 1900-01-01", bin(Gt, at("profile", "born"), date(1900, 1, 1).into())),
        ("profile.balance", at("profile", "balance")),
        ("profile.balance > 9.5 (numeric, not text)", bin(Gt, at("profile", "balance"), dec("9.5").into())),
        ("profile.balance + 1", bin(BinaryOp::Add, at("profile", "balance"), v(1))),
        (
            "profile.nick == \"grace\" (ci)",
            bin(Eq, at("profile", "nick"), Expr::value(Value::CiString("grace".into()))),
        ),
        ("profile.nick == string", bin(Eq, at("profile", "nick"), v("ADA"))),
        ("profile.age > 30", bin(Gt, at("profile", "age"), v(30))),
        ("profile.age * 2", bin(BinaryOp::Mul, at("profile", "age"), v(2))),
        ("profile.vip", at("profile", "vip")),
        ("profile.vip && profile.age > 30", bin(And, at("profile", "vip"), bin(Gt, at("profile", "age"), v(30)))),
        ("profile.seen", at("profile", "seen")),
        (
            "profile.seen > 2024-01-01T09:59:59.6Z",
            bin(Gt, at("profile", "seen"), datetime("2024-01-01T09:59:59.6Z").into()),
        ),
        (
            "profile.seen < 2024-01-01T00:00:00Z",
            bin(Lt, at("profile", "seen"), datetime("2024-01-01T00:00:00Z").into()),
        ),
        ("lower(profile.first)", call(Function::Lower, vec![at("profile", "first")])),
        ("profile.first <> \"!\"", bin(BinaryOp::Concat, at("profile", "first"), v("!"))),
        ("profile.age == limit", bin(Eq, at("profile", "age"), f("limit"))),
        ("exists(tags, name == \"rust\")", any("tags", bin(Eq, f("name"), v("rust")))),
        (
            "exists(tags, name == \"rust\" && weight > 4)",
            any("tags", bin(And, bin(Eq, f("name"), v("rust")), bin(Gt, f("weight"), v(4)))),
        ),
        (
            "exists(tags, name == \"go\" || weight > 8)",
            any("tags", bin(Or, bin(Eq, f("name"), v("go")), bin(Gt, f("weight"), v(8)))),
        ),
        ("exists(tags, is_nil(weight))", any("tags", Expr::is_nil(f("weight")))),
        ("exists(tags)", any("tags", v(true))),
        ("!exists(tags, name == \"go\")", !any("tags", bin(Eq, f("name"), v("go")))),
        ("exists(tags, weight > parent(limit))", any("tags", bin(Gt, f("weight"), Expr::parent(f("limit"))))),
        ("exists(tags, ..) as a value", bin(Eq, any("tags", bin(Eq, f("name"), v("go"))), v(true))),
        (
            "exists(profile.badges, name == \"gold\")",
            Expr::embedded("profile", any("badges", bin(Eq, f("name"), v("gold")))),
        ),
        ("exists(profile.badges)", Expr::embedded("profile", any("badges", v(true)))),
        ("if(exists(tags), profile.first, nil)", Expr::if_else(any("tags", v(true)), at("profile", "first"), nil())),
        ("profile.first (string)", bin(Eq, at("profile", "first"), Expr::value(s("Ada")))),
    ]
}

/// Whether `layer`'s value is memory's (decimals numerically, ci strings by text).
fn agree(memory: &Value, sql: &Value) -> bool {
    match (memory, sql) {
        (Value::Decimal(a), Value::Decimal(b)) => a.normalize() == b.normalize(),
        (Value::CiString(a) | Value::String(a), Value::CiString(b) | Value::String(b)) => a == b,
        (a, b) => a == b,
    }
}

/// Runs the table against `db` (its schema created): every disagreement.
pub(crate) fn disagreements(db: &dyn DataLayer) -> Vec<String> {
    let target = Target::from(&MEMBER);
    let rows = rows();
    for row in &rows {
        db.create(target, row.clone()).expect("a row");
    }
    let mut failures = Vec::new();
    let by_id = vec![("id".to_string(), SortOrder::Asc)];
    for (name, expr) in expressions() {
        let in_memory: Vec<Value> = rows.iter().map(|row| expr.try_eval(&MEMBER, row).unwrap()).collect();
        let query = DataQuery { computed: vec![expr.clone()], sort: by_id.clone(), ..DataQuery::default() };
        match db.read(target, &query) {
            Ok(read) => {
                for (i, (memory, row)) in in_memory.iter().zip(read).enumerate() {
                    let sql = row.last().cloned().unwrap_or(Value::Nil);
                    if !agree(memory, &sql) {
                        failures.push(format!("{name} on row {}: memory {memory:?}, SQL {sql:?}", i + 1));
                    }
                }
            }
            Err(error) => failures.push(format!("{name}: {error}")),
        }
        if expr.static_type(&MEMBER) != Some(Type::Boolean) {
            continue;
        }
        let kept: Vec<Value> =
            rows.iter().filter(|row| expr.matches(&MEMBER, row).unwrap()).map(|row| row[0].clone()).collect();
        let query = DataQuery { filter: Some(expr.clone()), sort: by_id.clone(), ..DataQuery::default() };
        match db.read(target, &query) {
            Ok(read) => {
                let by_sql: Vec<Value> = read.into_iter().map(|row| row[0].clone()).collect();
                if kept != by_sql {
                    failures.push(format!("{name} as a filter: memory keeps {kept:?}, SQL {by_sql:?}"));
                }
            }
            Err(error) => failures.push(format!("{name} as a filter: {error}")),
        }
    }
    failures
}

#[test]
fn memory_and_sqlite_agree_on_embedded_fields() {
    let db = super::Sqlite::memory().unwrap();
    db.create_schema([&MEMBER]).unwrap();
    let failures = disagreements(&db);
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn embedded_fields_are_json_extract_and_json_each() {
    let sql = |expr: Expr| crate::data_layer::sql::compile(&super::SQLITE, &expr, &MEMBER, "t0", 1).unwrap().sql;
    assert_eq!(sql(at("profile", "first")), r#"json_extract(t0."profile", '$.first')"#);
    let nested = Expr::embedded("profile", any("badges", bin(Eq, f("name"), v("gold"))));
    assert_eq!(
        sql(nested),
        "(CASE WHEN EXISTS (SELECT 1 FROM json_each(CASE WHEN json_type(json_extract(t0.\"profile\", '$.badges')) = \
         'array' THEN json_extract(t0.\"profile\", '$.badges') END) AS j1 WHERE (json_extract(j1.\"value\", '$.name') = \
         ?)) THEN 1 ELSE 0 END)"
    );
    let postgres = |expr: Expr| {
        crate::data_layer::sql::compile(&crate::data_layer::sql::postgres_dialect::POSTGRES, &expr, &MEMBER, "t0", 1)
            .unwrap()
            .sql
    };
    assert_eq!(postgres(at("profile", "first")), r#"(t0."profile"->>'first')"#);
    assert_eq!(postgres(at("profile", "age")), r#"((t0."profile"->>'age')::bigint)"#);
    let filter = crate::data_layer::sql::compile_filter(
        &crate::data_layer::sql::postgres_dialect::POSTGRES,
        &any("tags", bin(Eq, f("name"), v("rust"))),
        &MEMBER,
        "t0",
        1,
    )
    .unwrap()
    .sql;
    assert_eq!(
        filter,
        "EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(t0.\"tags\") = 'array' THEN t0.\"tags\" \
         END) AS j1(\"value\") WHERE ((j1.\"value\"->>'name') = $1::text))"
    );
}
