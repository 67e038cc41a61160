//! Tests of the SQLite data layer against hand-written resource descriptions.

use crate::data_layer::Target;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Duration;

use chrono::{TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::expr::tree::SortOrder;
use crate::expr::tree::{BinaryOp, Expr};
use crate::info::error::FieldErrorKind;
use crate::info::{AttributeInfo, DataLayerKind, IdentityInfo, SqlInfo, Type, UniqueIndexName};

const fn attr(name: &'static str, ty: Type, allow_nil: bool, primary_key: bool) -> AttributeInfo {
    AttributeInfo { allow_nil, primary_key, writable: !primary_key, ..AttributeInfo::new(name, ty) }
}

const fn identity(name: &'static str, keys: &'static [&'static str], nils_distinct: bool) -> IdentityInfo {
    IdentityInfo { nils_distinct, ..IdentityInfo::new(name, keys) }
}

const fn resource(
    name: &'static str,
    table: &'static str,
    attributes: &'static [AttributeInfo],
    identities: &'static [IdentityInfo],
) -> ResourceInfo {
    ResourceInfo {
        sql: SqlInfo { table: Some(table), ..SqlInfo::DEFAULT },
        attributes,
        identities,
        ..ResourceInfo::new(name, DataLayerKind::Sqlite)
    }
}

pub(super) const ROLES: &[&str] = &["member", "owner"];

// Column positions in `USER` rows.
pub(super) const ID: usize = 0;
const EMAIL: usize = 1;
pub(super) const FIRST: usize = 2;
const MIDDLE: usize = 3;
const LAST: usize = 4;
pub(super) const AGE: usize = 5;
pub(super) const PRICE: usize = 6;

static ATTRS: [AttributeInfo; 12] = [
    attr("id", Type::Uuid, false, true),
    attr("email", Type::CiString, false, false),
    attr("first_name", Type::String, false, false),
    attr("middle_name", Type::String, true, false),
    attr("last_name", Type::String, false, false),
    attr("age", Type::Integer, true, false),
    attr("price", Type::Decimal, true, false),
    attr("active", Type::Boolean, true, false),
    attr("score", Type::Float, true, false),
    attr("born", Type::Date, true, false),
    attr("seen_at", Type::UtcDatetime, true, false),
    attr("role", Type::Atom(ROLES), true, false),
];
const NAME_KEYS: &[&str] = &["first_name", "middle_name", "last_name"];

pub(super) static USER: ResourceInfo = resource(
    "User",
    "users",
    &ATTRS,
    &[identity("unique_email", &["email"], true), identity("names", NAME_KEYS, true)],
);

/// Like `USER`, but a nil middle name is an ordinary value of `names`.
static STRICT_USER: ResourceInfo = resource(
    "StrictUser",
    "strict_users",
    &ATTRS,
    &[IdentityInfo { message: Some("name already used"), ..identity("names", NAME_KEYS, false) }],
);

pub(super) static COUNTER: ResourceInfo = resource(
    "Counter",
    "counters",
    &[
        AttributeInfo { generated: true, ..attr("id", Type::Integer, false, true) },
        attr("label", Type::String, true, false),
        attr("meta", Type::Json, true, false),
    ],
    &[],
);

/// A unique index made outside the identities, named in `unique_index_names`.
static SKU: ResourceInfo = ResourceInfo {
    sql: SqlInfo {
        table: Some("items"),
        unique_index_names: &[UniqueIndexName {
            keys: &["code"],
            name: "items_lower_code_index",
            message: Some("is already in the catalogue"),
        }],
        ..SqlInfo::DEFAULT
    },
    ..resource("Item", "items", &[attr("id", Type::Uuid, false, true), attr("code", Type::String, false, false)], &[])
};

static COMPOSITE: ResourceInfo =
    resource("Seat", "seats", &[attr("row", Type::Integer, false, true), attr("seat", Type::String, false, true)], &[]);

static NO_PK: ResourceInfo = resource("NoPk", "no_pks", &[attr("name", Type::String, false, false)], &[]);

pub(super) fn db() -> Sqlite {
    let db = Sqlite::memory().unwrap();
    for resource in [&USER, &STRICT_USER, &COUNTER, &SKU, &COMPOSITE] {
        db.register(Target::from(resource)).unwrap();
    }
    db
}

pub(super) fn s(text: &str) -> Value {
    Value::String(text.into())
}

pub(super) fn user(email: &str, first: &str, middle: Option<&str>, last: &str) -> Row {
    let mut row = vec![Value::Nil; ATTRS.len()];
    row[ID] = Value::Uuid(Uuid::new_v4());
    row[EMAIL] = Value::CiString(email.into());
    row[FIRST] = s(first);
    row[MIDDLE] = middle.map_or(Value::Nil, s);
    row[LAST] = s(last);
    row
}

pub(super) fn count(db: &Sqlite, resource: &'static ResourceInfo) -> usize {
    db.read(Target::from(resource), &DataQuery::default()).unwrap().len()
}

fn taken_fields(error: &Error) -> Vec<String> {
    match error {
        Error::Invalid(errors) => {
            assert!(errors.iter().all(|e| e.kind == FieldErrorKind::Taken), "{error:?}");
            errors[0].fields.clone()
        }
        other => panic!("expected a taken error, got {other:?}"),
    }
}

fn temp_path(name: &str) -> std::path::PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let unique = format!("resource-sqlite-unit-{}-{}-{name}.db", std::process::id(), N.fetch_add(1, Relaxed));
    let path = std::env::temp_dir().join(unique);
    remove_db(&path);
    path
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

// ---------------------------------------------------------------- schema

#[test]
fn the_ddl_follows_ashs_mapping() {
    // The primary key first, then the columns by name (as migrations write them).
    let sql = schema::create_table(&USER, true).unwrap();
    assert_eq!(
        sql,
        "CREATE TABLE IF NOT EXISTS \"users\" (\n  \"id\" TEXT NOT NULL PRIMARY KEY,\n  \"active\" INTEGER,\
         \n  \"age\" INTEGER,\n  \"born\" TEXT,\n  \"email\" TEXT COLLATE ci NOT NULL,\
         \n  \"first_name\" TEXT NOT NULL,\n  \"last_name\" TEXT NOT NULL,\n  \"middle_name\" TEXT,\
         \n  \"price\" TEXT COLLATE decimal,\n  \"role\" TEXT,\n  \"score\" REAL,\n  \"seen_at\" TEXT\n);"
    );
    let statements = schema::create_statements(&USER, true).unwrap();
    assert_eq!(
        statements[1..],
        [
            "CREATE UNIQUE INDEX IF NOT EXISTS \"users_names_index\" ON \"users\" (\"first_name\", \"middle_name\", \"last_name\");",
            "CREATE UNIQUE INDEX IF NOT EXISTS \"users_unique_email_index\" ON \"users\" (\"email\");",
        ]
    );
    let strict = schema::table_def(&STRICT_USER).unwrap();
    let names = strict.index("strict_users_names_index").unwrap();
    assert_eq!(names.terms, ["\"first_name\"", "IFNULL(\"middle_name\", x'')", "\"last_name\""]);
}

#[test]
fn generated_integer_keys_autoincrement_and_composite_keys_are_table_constraints() {
    let counters = schema::create_table(&COUNTER, false).unwrap();
    assert!(counters.contains("\"id\" INTEGER PRIMARY KEY AUTOINCREMENT"), "{counters}");
    let seats = schema::create_table(&COMPOSITE, false).unwrap();
    assert!(seats.contains("\"row\" INTEGER NOT NULL,"), "{seats}");
    assert!(seats.ends_with("PRIMARY KEY (\"row\", \"seat\")\n);"), "{seats}");
    assert!(matches!(schema::create_table(&NO_PK, true), Err(Error::DataLayer(_))));
    assert!(Sqlite::memory().unwrap().register(Target::from(&NO_PK)).is_err());
}

#[test]
fn quoted_identifiers_double_their_quotes() {
    assert_eq!(schema::quote_ident("we\"ird"), "\"we\"\"ird\"");
}

#[test]
fn registering_twice_is_harmless() {
    let db = db();
    db.register(Target::from(&USER)).unwrap();
    assert!(db.has_table(&USER).unwrap());
}

// ---------------------------------------------------------------- identities

#[test]
fn a_unique_violation_is_the_identitys_field_error() {
    let db = db();
    db.create(Target::from(&USER), user("Ann@Example.com", "Ann", None, "Lee")).unwrap();
    let err = db.create(Target::from(&USER), user("ann@example.COM", "Other", None, "Person")).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: email: has already been taken");
    assert_eq!(taken_fields(&err), ["email"]);
    let err = db.create(Target::from(&USER), user("b@x.io", "Ann", Some("M"), "Lee")).map(drop);
    assert!(err.is_ok(), "a different middle name is another name");
    let err = db.create(Target::from(&USER), user("c@x.io", "Ann", Some("M"), "Lee")).unwrap_err();
    assert_eq!(taken_fields(&err), ["first_name", "middle_name", "last_name"]);
    assert_eq!(count(&db, &USER), 2);
}

#[test]
fn a_primary_key_violation_is_taken_on_the_key() {
    let db = db();
    let row = user("a@x.io", "Ann", None, "Lee");
    db.create(Target::from(&USER), row.clone()).unwrap();
    let mut again = user("b@x.io", "Bo", None, "Lee");
    again[ID] = row[ID].clone();
    let err = db.create(Target::from(&USER), again).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: id: has already been taken");
    let seat = vec![Value::Int(1), s("A")];
    db.create(Target::from(&COMPOSITE), seat.clone()).unwrap();
    assert_eq!(taken_fields(&db.create(Target::from(&COMPOSITE), seat).unwrap_err()), ["row", "seat"]);
}

#[test]
fn nils_are_distinct_unless_the_identity_says_otherwise() {
    let db = db();
    db.create(Target::from(&USER), user("a@x.io", "Ann", None, "Lee")).unwrap();
    db.create(Target::from(&USER), user("b@x.io", "Ann", None, "Lee")).unwrap();
    db.create(Target::from(&STRICT_USER), user("a@x.io", "Ann", None, "Lee")).unwrap();
    let err = db.create(Target::from(&STRICT_USER), user("b@x.io", "Ann", None, "Lee")).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: first_name, middle_name, last_name: name already used");
    db.create(Target::from(&STRICT_USER), user("c@x.io", "Ann", Some(""), "Lee")).expect("an empty string is not nil");
}

#[test]
fn a_declared_unique_index_reports_its_keys_and_message() {
    let db = db();
    db.execute_batch("CREATE UNIQUE INDEX items_lower_code_index ON items (lower(code))").unwrap();
    db.create(Target::from(&SKU), vec![Value::Uuid(Uuid::new_v4()), s("AB-1")]).unwrap();
    let err = db.create(Target::from(&SKU), vec![Value::Uuid(Uuid::new_v4()), s("ab-1")]).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: code: is already in the catalogue");
    // An index nobody declared says how to declare it.
    db.execute_batch("CREATE UNIQUE INDEX users_age_index ON users (age + 0)").unwrap();
    let mut first = user("a@x.io", "A", None, "A");
    first[AGE] = Value::Int(3);
    let mut second = user("b@x.io", "B", None, "B");
    second[AGE] = Value::Int(3);
    db.create(Target::from(&USER), first).unwrap();
    let err = db.create(Target::from(&USER), second).unwrap_err();
    assert!(err.to_string().contains("`users_age_index`") && err.to_string().contains("unique_index_names"), "{err}");
}

#[test]
fn a_missing_required_value_is_required() {
    let db = db();
    let mut row = user("a@x.io", "Ann", None, "Lee");
    row[LAST] = Value::Nil;
    assert_eq!(db.create(Target::from(&USER), row).unwrap_err().to_string(), "invalid input: last_name: is required");
}

// ---------------------------------------------------------------- operations

/// `create` returns no `RETURNING` row: it rebuilds the stored row from what
/// it bound, which must be exactly what a read gives back.
#[test]
fn create_returns_the_row_a_read_gives_back() {
    let db = db();
    let mut row = user("Ann@Example.com", "Ann", None, "Lee");
    row[ID] = s("6F9619FF-8B86-D011-B42D-00C04FC964FF");
    row[EMAIL] = s("Ann@Example.com");
    row[PRICE] = Value::Int(3);
    row[8] = Value::Int(2);
    row[10] = Value::DateTime(Utc.with_ymd_and_hms(2024, 5, 1, 12, 30, 0).unwrap() + Duration::from_nanos(1_234_567));
    row[11] = s("owner");
    let created = db.create(Target::from(&USER), row).unwrap();
    let id = Value::Uuid("6f9619ff-8b86-d011-b42d-00c04fc964ff".parse().unwrap());
    assert_eq!(created[ID], id);
    assert_eq!(created, db.get(Target::from(&USER), &[ID], &[id]).unwrap().unwrap());
    assert_eq!(created[10].to_string(), "~U[2024-05-01 12:30:00.001234Z]", "microseconds, as stored");
    let counter = db.create(Target::from(&COUNTER), vec![Value::Nil, Value::Nil, Value::Int(5)]).unwrap();
    assert_eq!(counter, db.get(Target::from(&COUNTER), &[0], &[counter[0].clone()]).unwrap().unwrap());
    assert_eq!(counter[2], Value::Json(serde_json::json!(5)));
}

#[test]
fn integer_keys_are_generated() {
    let db = db();
    let first = db.create(Target::from(&COUNTER), vec![Value::Nil, s("a"), Value::Nil]).unwrap();
    let second = db.create(Target::from(&COUNTER), vec![Value::Nil, s("b"), Value::Nil]).unwrap();
    assert_eq!((first[0].clone(), second[0].clone()), (Value::Int(1), Value::Int(2)));
    db.create(Target::from(&COUNTER), vec![Value::Int(10), s("c"), Value::Nil]).unwrap();
    assert_eq!(db.create(Target::from(&COUNTER), vec![Value::Nil, s("d"), Value::Nil]).unwrap()[0], Value::Int(11));
}

#[test]
fn update_and_destroy_by_primary_key() {
    let db = db();
    let row = db.create(Target::from(&USER), user("a@x.io", "Ann", None, "Lee")).unwrap();
    let pk = [row[ID].clone()];
    let updated = db.update(Target::from(&USER), &pk, &[(AGE, Value::Int(7)), (MIDDLE, s("M"))]).unwrap();
    assert_eq!((updated[AGE].clone(), updated[MIDDLE].clone()), (Value::Int(7), s("M")));
    assert_eq!(db.update(Target::from(&USER), &pk, &[]).unwrap(), updated);
    db.destroy(Target::from(&USER), &pk).unwrap();
    assert!(matches!(db.destroy(Target::from(&USER), &pk), Err(Error::NotFound { resource: "User", .. })));
    assert!(matches!(db.update(Target::from(&USER), &pk, &[(AGE, Value::Int(1))]), Err(Error::NotFound { .. })));
    assert!(matches!(
        db.update(Target::from(&USER), &[Value::Nil], &[(AGE, Value::Int(1))]),
        Err(Error::NotFound { .. })
    ));
}

/// `update_seen` returns what `update` returns, whatever the seen row:
/// as stored, stale, of the wrong length, with a column set twice.
#[test]
fn an_update_of_a_seen_row_returns_the_stored_row() {
    let db = db();
    let target = Target::from(&USER);
    let row = db.create(target, user("a@x.io", "Ann", None, "Lee")).unwrap();
    let pk = [row[ID].clone()];
    let stored = |db: &Sqlite| db.get(target, &[ID], &pk).unwrap().unwrap();
    let before = db.statements_run();
    let updated = db.update_seen(target, &pk, &row, &[(AGE, Value::Int(7))]).unwrap();
    assert_eq!(db.statements_run() - before, 1);
    assert_eq!(updated, stored(&db));
    // `row` is stale now (age): the plain update, the same stored row.
    let renamed = db.update_seen(target, &pk, &row, &[(FIRST, s("Bo"))]).unwrap();
    assert_eq!((renamed[AGE].clone(), renamed[FIRST].clone()), (Value::Int(7), s("Bo")));
    assert_eq!(renamed, stored(&db));
    let twice = db.update_seen(target, &pk, &renamed, &[(MIDDLE, s("X")), (MIDDLE, s("Y"))]).unwrap();
    assert_eq!(twice, stored(&db));
    let short = db.update_seen(target, &pk, &renamed[..3], &[(MIDDLE, s("Z"))]).unwrap();
    assert_eq!((short[MIDDLE].clone(), short.clone()), (s("Z"), stored(&db)));
    db.destroy(target, &pk).unwrap();
    let gone = db.update_seen(target, &pk, &short, &[(AGE, Value::Int(8))]).unwrap_err();
    assert!(matches!(gone, Error::NotFound { resource: "User", .. }), "{gone:?}");
}

#[test]
fn an_update_that_takes_an_identity_changes_nothing() {
    let db = db();
    db.create(Target::from(&USER), user("a@x.io", "Ann", None, "Lee")).unwrap();
    let bo = db.create(Target::from(&USER), user("b@x.io", "Bo", None, "Lee")).unwrap();
    let err =
        db.update(Target::from(&USER), &[bo[ID].clone()], &[(EMAIL, Value::CiString("A@X.IO".into()))]).unwrap_err();
    assert_eq!(taken_fields(&err), ["email"]);
    assert_eq!(db.get(Target::from(&USER), &[ID], &[bo[ID].clone()]).unwrap().unwrap(), bo);
}

#[test]
fn get_uses_the_keys_and_finds_ci_strings_in_any_case() {
    let db = db();
    let row = db.create(Target::from(&USER), user("Ann@Example.com", "Ann", None, "Lee")).unwrap();
    let found = db.get(Target::from(&USER), &[EMAIL], &[Value::CiString("ANN@example.COM".into())]).unwrap();
    assert_eq!(found, Some(row.clone()));
    let by_names = db.get(Target::from(&USER), &[FIRST, LAST], &[s("Ann"), s("Lee")]).unwrap();
    assert_eq!(by_names, Some(row));
    assert_eq!(db.get(Target::from(&USER), &[EMAIL], &[Value::Nil]).unwrap(), None);
    assert!(db.get(Target::from(&USER), &[EMAIL], &[]).is_err());
    assert!(db.get(Target::from(&USER), &[99], &[s("x")]).is_err());
}

#[test]
fn upsert_inserts_then_updates_the_conflicting_row() {
    let db = db();
    let mut row = user("u@x.io", "Una", None, "Lee");
    row[AGE] = Value::Int(1);
    let first = db.upsert(Target::from(&USER), row, &[EMAIL], &[AGE]).unwrap();
    let mut again = user("U@X.IO", "Changed", None, "Other");
    again[AGE] = Value::Int(5);
    let second = db.upsert(Target::from(&USER), again.clone(), &[EMAIL], &[AGE]).unwrap();
    assert_eq!(second[ID], first[ID], "the same record");
    assert_eq!(second[AGE], Value::Int(5));
    assert_eq!(second[FIRST], s("Una"), "fields outside the update list are kept");
    assert_eq!(second[EMAIL], Value::CiString("u@x.io".into()), "keys are kept");
    let third = db.upsert(Target::from(&USER), again, &[EMAIL], &[]).unwrap();
    assert_eq!(third, second, "nothing to update still returns the row");
    assert_eq!(count(&db, &USER), 1);
}

#[test]
fn upsert_on_a_nils_not_distinct_identity_matches_nil_keys() {
    let db = db();
    let keys = [FIRST, MIDDLE, LAST];
    let first = db.upsert(Target::from(&STRICT_USER), user("a@x.io", "Ann", None, "Lee"), &keys, &[EMAIL]).unwrap();
    let second = db.upsert(Target::from(&STRICT_USER), user("b@x.io", "Ann", None, "Lee"), &keys, &[EMAIL]).unwrap();
    assert_eq!(second[ID], first[ID]);
    assert_eq!(second[EMAIL], Value::CiString("b@x.io".into()));
    assert_eq!(count(&db, &STRICT_USER), 1);
    // On an identity where nils are distinct, a nil key never conflicts.
    db.upsert(Target::from(&USER), user("a@x.io", "Ann", None, "Lee"), &[FIRST, MIDDLE, LAST], &[EMAIL]).unwrap();
    db.upsert(Target::from(&USER), user("b@x.io", "Ann", None, "Lee"), &[FIRST, MIDDLE, LAST], &[EMAIL]).unwrap();
    assert_eq!(count(&db, &USER), 2);
}

#[test]
fn an_upsert_conflicting_on_another_identity_is_taken() {
    let db = db();
    db.create(Target::from(&USER), user("a@x.io", "Ann", None, "Lee")).unwrap();
    let err = db.upsert(Target::from(&USER), user("a@x.io", "Bo", None, "Lee"), &[ID], &[FIRST]).unwrap_err();
    assert_eq!(taken_fields(&err), ["email"]);
}

#[test]
fn reads_filter_sort_with_nils_limit_and_offset() {
    let db = db();
    for (first, age) in [("c", Some(3)), ("a", Some(1)), ("n", None), ("b", Some(2))] {
        let mut row = user(&format!("{first}@x.io"), first, None, "X");
        row[AGE] = age.map_or(Value::Nil, Value::Int);
        db.create(Target::from(&USER), row).unwrap();
    }
    let firsts = |query: DataQuery| -> Vec<Value> {
        db.read(Target::from(&USER), &query).unwrap().into_iter().map(|r| r[FIRST].clone()).collect()
    };
    let by_age = |order| DataQuery { sort: vec![("age".into(), order)], ..DataQuery::default() };
    assert_eq!(firsts(by_age(SortOrder::Asc)), [s("a"), s("b"), s("c"), s("n")]);
    assert_eq!(firsts(by_age(SortOrder::Desc)), [s("n"), s("c"), s("b"), s("a")]);
    assert_eq!(firsts(by_age(SortOrder::AscNilsFirst)), [s("n"), s("a"), s("b"), s("c")]);
    assert_eq!(firsts(by_age(SortOrder::DescNilsLast)), [s("c"), s("b"), s("a"), s("n")]);
    assert_eq!(firsts(DataQuery { limit: Some(2), offset: 1, ..by_age(SortOrder::Asc) }), [s("b"), s("c")]);
    assert_eq!(firsts(DataQuery { offset: 3, ..by_age(SortOrder::Asc) }), [s("n")]);
    let filter = Expr::binary(BinaryOp::Ge, Expr::field("age"), Expr::value(2i64));
    assert_eq!(firsts(DataQuery { filter: Some(filter), ..by_age(SortOrder::Desc) }), [s("c"), s("b")]);
    let unknown = DataQuery { sort: vec![("nope".into(), SortOrder::Asc)], ..DataQuery::default() };
    assert!(matches!(db.read(Target::from(&USER), &unknown), Err(Error::DataLayer(_))));
}

// ---------------------------------------------------------------- errors

#[test]
fn a_missing_table_says_to_run_the_migrations() {
    let db = Sqlite::memory_with(SqliteOptions::memory().create_schema(false)).unwrap();
    db.register(Target::from(&USER)).unwrap();
    let err = db.create(Target::from(&USER), user("a@x.io", "Ann", None, "Lee")).unwrap_err();
    assert_eq!(err, Error::MissingTable { table: "users".into() });
    assert_eq!(err.to_string(), "table `users` does not exist; run the migrations (or create the schema) first");
    assert!(matches!(db.read(Target::from(&USER), &DataQuery::default()), Err(Error::MissingTable { .. })));
    db.create_schema([&USER]).unwrap();
    db.create(Target::from(&USER), user("a@x.io", "Ann", None, "Lee")).unwrap();
}

#[test]
fn a_read_only_database_refuses_writes() {
    let path = temp_path("read-only");
    let writer = Sqlite::open(&path).unwrap();
    writer.create_schema([&USER]).unwrap();
    writer.create(Target::from(&USER), user("a@x.io", "Ann", None, "Lee")).unwrap();
    drop(writer);
    let reader = Sqlite::open_with(&path, SqliteOptions::file().read_only(true)).unwrap();
    let err = reader.create(Target::from(&USER), user("b@x.io", "Bo", None, "Lee")).unwrap_err();
    assert!(matches!(err, Error::ReadOnly { .. }), "{err:?}");
    assert!(err.to_string().starts_with("the database is read-only: "), "{err}");
    assert_eq!(count(&reader, &USER), 1, "nothing was written");
    drop(reader);
    remove_db(&path);
}

#[test]
fn a_database_locked_past_the_busy_timeout_is_busy() {
    let path = temp_path("busy");
    let quick = SqliteOptions::file().busy_timeout(Duration::from_millis(50));
    let db = Sqlite::open_with(&path, quick).unwrap();
    db.create_schema([&USER]).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = db.create(Target::from(&USER), user("a@x.io", "Ann", None, "Lee")).unwrap_err();
    assert!(matches!(err, Error::Busy { .. }), "{err:?}");
    let err = db.transaction(&mut || Ok(())).unwrap_err();
    assert!(matches!(err, Error::Busy { .. }), "{err:?}");
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(count(&db, &USER), 0, "nothing was written");
    db.create(Target::from(&USER), user("a@x.io", "Ann", None, "Lee")).expect("free again");
    drop((db, other));
    remove_db(&path);
}

#[test]
fn a_file_database_keeps_its_rows_and_uses_wal() {
    let path = temp_path("file");
    let db = Sqlite::open(&path).unwrap();
    assert!(!db.has_table(&USER).unwrap(), "open does not create tables");
    db.create_schema([&USER, &COUNTER]).unwrap();
    let row = db.create(Target::from(&USER), user("a@x.io", "Ann", None, "Lee")).unwrap();
    let mode: String = db.with_connection(|c| c.query_row("PRAGMA journal_mode", [], |r| r.get(0))).unwrap();
    assert_eq!(mode, "wal");
    drop(db);
    let again = Sqlite::open(&path).unwrap();
    assert_eq!(again.get(Target::from(&USER), &[ID], &[row[ID].clone()]).unwrap(), Some(row));
    drop(again);
    remove_db(&path);
}

#[test]
fn like_is_case_sensitive() {
    let db = db();
    let hits: i64 = db.with_connection(|c| c.query_row("SELECT 'Banana' LIKE 'banana'", [], |r| r.get(0))).unwrap();
    assert_eq!(hits, 0);
}

// ---------------------------------------------------------------- transactions

#[test]
fn a_failing_transaction_writes_nothing() {
    let db = db();
    let err = db
        .transaction(&mut || {
            db.create(Target::from(&USER), user("a@x.io", "Ann", None, "Lee"))?;
            db.create(Target::from(&USER), user("b@x.io", "Bo", None, "Lee"))?;
            Err(Error::DataLayer("changed my mind".into()))
        })
        .unwrap_err();
    assert_eq!(err, Error::DataLayer("changed my mind".into()));
    assert_eq!(count(&db, &USER), 0);
    db.transaction(&mut || db.create(Target::from(&USER), user("a@x.io", "Ann", None, "Lee")).map(drop)).unwrap();
    assert_eq!(count(&db, &USER), 1);
}

#[test]
fn a_nested_transaction_is_a_savepoint() {
    let db = db();
    db.transaction(&mut || {
        db.create(Target::from(&USER), user("a@x.io", "Ann", None, "Lee"))?;
        let inner = db.transaction(&mut || {
            db.create(Target::from(&USER), user("b@x.io", "Bo", None, "Lee"))?;
            Err(Error::DataLayer("inner fails".into()))
        });
        assert!(inner.is_err());
        assert_eq!(count(&db, &USER), 1, "the inner write is undone, the outer one kept");
        db.transaction(&mut || db.create(Target::from(&USER), user("c@x.io", "Cy", None, "Lee")).map(drop))
    })
    .unwrap();
    assert_eq!(count(&db, &USER), 2);
}

#[test]
fn a_panicking_transaction_rolls_back_and_frees_the_connection() {
    let db = db();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = db.transaction(&mut || {
            db.create(Target::from(&USER), user("a@x.io", "Ann", None, "Lee"))?;
            panic!("boom");
        });
    }));
    assert!(result.is_err());
    assert_eq!(count(&db, &USER), 0);
    let seen = std::thread::scope(|scope| scope.spawn(|| count(&db, &USER)).join().unwrap());
    assert_eq!(seen, 0, "another thread gets the connection");
}

#[test]
fn other_threads_wait_for_a_transaction() {
    let db = db();
    let (started, finished) = (std::sync::Barrier::new(2), AtomicUsize::new(0));
    std::thread::scope(|scope| {
        scope.spawn(|| {
            db.transaction(&mut || {
                db.create(Target::from(&USER), user("a@x.io", "Ann", None, "Lee"))?;
                started.wait();
                std::thread::sleep(Duration::from_millis(50));
                finished.store(1, Relaxed);
                Ok(())
            })
            .unwrap();
        });
        started.wait();
        // Blocks until the transaction commits, then sees its row.
        assert_eq!(count(&db, &USER), 1);
        assert_eq!(finished.load(Relaxed), 1);
    });
}

#[test]
fn sqlite_is_send_and_sync() {
    fn shared<T: Send + Sync + 'static>() {}
    shared::<Sqlite>();
}

#[test]
fn a_failure_of_sqlite_itself_keeps_rusqlites_error_as_its_source() {
    let db = Sqlite::memory().unwrap();
    let err = db.execute_batch("SELEC 1").unwrap_err();
    let Error::Database { message, .. } = &err else { panic!("expected Error::Database, got {err:?}") };
    assert!(message.starts_with("sqlite: near \"SELEC\": syntax error"), "{message}");
    let source = std::error::Error::source(&err).expect("the driver's error");
    let rusqlite = source.downcast_ref::<rusqlite::Error>().expect("a rusqlite::Error");
    assert!(rusqlite.to_string().contains("syntax error"), "{rusqlite:?}");
}
