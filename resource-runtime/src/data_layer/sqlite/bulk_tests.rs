//! `create_many` on SQLite (`bulk.rs`): the rows, errors and statements of
//! multi-row inserts against one-by-one creates.

use std::sync::{Arc, Mutex};

use chrono::{TimeZone, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::bulk::most_rows;
use super::*;
use crate::data_layer::query::DataQuery;
use crate::info::{AttributeInfo, DataLayerKind, IdentityInfo, RelationshipInfo, RelationshipKind, SqlInfo, Type};

const fn attr(name: &'static str, ty: Type, allow_nil: bool) -> AttributeInfo {
    AttributeInfo { allow_nil, ..AttributeInfo::new(name, ty) }
}

const ROLES: &[&str] = &["member", "owner"];

// Column positions in `ITEM` rows.
const EMAIL: usize = 1;
const NAME: usize = 2;

static ITEM_ATTRS: [AttributeInfo; 11] = [
    AttributeInfo { primary_key: true, writable: false, ..attr("id", Type::Uuid, false) },
    attr("email", Type::CiString, false),
    attr("name", Type::String, false),
    attr("note", Type::String, true),
    attr("price", Type::Decimal, true),
    attr("score", Type::Float, true),
    attr("seen_at", Type::UtcDatetime, true),
    attr("other", Type::Uuid, true),
    attr("qty", Type::Integer, true),
    attr("active", Type::Boolean, true),
    attr("role", Type::Atom(ROLES), true),
];

static ITEM: ResourceInfo = ResourceInfo {
    sql: SqlInfo { table: Some("bulk_items"), ..SqlInfo::DEFAULT },
    attributes: &ITEM_ATTRS,
    identities: &[IdentityInfo::new("unique_email", &["email"])],
    ..ResourceInfo::new("BulkItem", DataLayerKind::Sqlite)
};

static COUNTER: ResourceInfo = ResourceInfo {
    sql: SqlInfo { table: Some("bulk_counters"), ..SqlInfo::DEFAULT },
    attributes: &[
        AttributeInfo { primary_key: true, writable: false, generated: true, ..attr("id", Type::Integer, false) },
        attr("label", Type::String, true),
    ],
    ..ResourceInfo::new("BulkCounter", DataLayerKind::Sqlite)
};

fn node() -> &'static ResourceInfo {
    &NODE
}

/// A table whose rows reference rows of the same table.
static NODE: ResourceInfo = ResourceInfo {
    sql: SqlInfo { table: Some("bulk_nodes"), ..SqlInfo::DEFAULT },
    attributes: &[
        AttributeInfo { primary_key: true, writable: false, ..attr("id", Type::Integer, false) },
        attr("parent_id", Type::Integer, true),
    ],
    relationships: &[RelationshipInfo {
        name: "parent",
        kind: RelationshipKind::BelongsTo,
        destination: node,
        source_attribute: "parent_id",
        destination_attribute: "id",
        through: None,
        context_table: None,
        allow_nil: true,
        public: true,
        description: None,
    }],
    ..ResourceInfo::new("BulkNode", DataLayerKind::Sqlite)
};

fn db() -> Sqlite {
    let db = Sqlite::memory().unwrap();
    for resource in [&ITEM, &COUNTER, &NODE] {
        db.register(Target::from(resource)).unwrap();
    }
    db
}

/// Row `i`, every value kind in turn: decimals with their scale or given
/// as integers, ci strings, floats or integers for floats, nils,
/// datetimes with nanoseconds (stored to the microsecond), uuids or their
/// text in upper case, atoms or their names as strings.
fn item(i: usize) -> Row {
    let n = i as i64;
    let nil_or = |every: usize, value: Value| if i.is_multiple_of(every) { Value::Nil } else { value };
    vec![
        Value::Uuid(Uuid::from_u128(0x1000 + i as u128)),
        Value::CiString(format!("User{i}@Example.com")),
        Value::String(format!("item {i}")),
        nil_or(3, Value::String(format!("note {i}"))),
        match i % 4 {
            0 => Value::Nil,
            1 => Value::Decimal(Decimal::new(n * 100 + 50, 2)),
            2 => Value::Int(n),
            _ => Value::Decimal(Decimal::new(n, 4)),
        },
        match i % 3 {
            0 => Value::Float(n as f64 / 3.0),
            1 => Value::Int(-n),
            _ => Value::Nil,
        },
        nil_or(5, Value::DateTime(Utc.timestamp_opt(1_700_000_000 + n, (i as u32 * 7919) % 1_000_000_000).unwrap())),
        match i % 3 {
            0 => Value::Uuid(Uuid::from_u128(i as u128)),
            1 => Value::String(Uuid::from_u128(i as u128 * 31).hyphenated().to_string().to_uppercase()),
            _ => Value::Nil,
        },
        nil_or(7, Value::Int(n * 1_000_003)),
        nil_or(2, Value::Bool(i % 4 == 1)),
        match i % 3 {
            0 => Value::Atom("owner".into()),
            1 => Value::String("member".into()),
            _ => Value::Nil,
        },
    ]
}

fn all(db: &Sqlite, resource: &'static ResourceInfo) -> Vec<Row> {
    db.read(Target::from(resource), &DataQuery::default()).unwrap()
}

/// `rows` created one by one inside one transaction: the rows handed back,
/// or the first error and the rows before it.
fn one_by_one(db: &Sqlite, resource: &'static ResourceInfo, rows: &[Row]) -> (Vec<Row>, Result<()>) {
    let mut created = Vec::new();
    let outcome = db.transaction(&mut || {
        created.clear();
        for row in rows {
            created.push(db.create(Target::from(resource), row.clone())?);
        }
        Ok(())
    });
    (created, outcome)
}

/// `rows` through `create_many` inside one transaction, with the rows
/// each `INSERT` it ran had.
fn many(db: &Sqlite, resource: &'static ResourceInfo, rows: &[Row]) -> (Vec<Row>, Result<()>, Vec<usize>) {
    let mut created = Vec::new();
    let (outcome, inserts) = inserts(|| {
        db.transaction(&mut || {
            created.clear();
            db.create_many(Target::from(resource), rows.to_vec(), &mut created)
        })
    });
    (created, outcome, inserts)
}

/// Runs `f`, counting the `INSERT`s the layer logs (target
/// `resource::sqlite`): the rows of each, in order.
fn inserts<T>(f: impl FnOnce() -> T) -> (T, Vec<usize>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let subscriber = Inserts(seen.clone());
    let out = tracing::subscriber::with_default(subscriber, f);
    let seen = seen.lock().unwrap().clone();
    (out, seen)
}

struct Inserts(Arc<Mutex<Vec<usize>>>);

struct Message(String);

impl tracing::field::Visit for Message {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0 = format!("{value:?}");
        }
    }
}

impl tracing::Subscriber for Inserts {
    fn enabled(&self, metadata: &tracing::Metadata<'_>) -> bool {
        metadata.target() == "resource::sqlite"
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut message = Message(String::new());
        event.record(&mut message);
        if message.0.starts_with("INSERT") {
            self.0.lock().unwrap().push(message.0.matches("VALUES (").count() + message.0.matches("), (").count());
        }
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

/// The chunks `create_many` writes `n` batched rows of `width` values in.
fn chunks(n: usize, width: usize) -> Vec<usize> {
    let most = most_rows(width);
    let mut sizes = vec![most; n / most];
    let mut rest = n % most;
    while rest > 0 {
        let size = 1 << rest.ilog2();
        sizes.push(size);
        rest -= size;
    }
    sizes
}

#[test]
fn chunks_are_powers_of_two_within_the_parameter_limit() {
    assert_eq!(most_rows(ITEM_ATTRS.len()), 512);
    assert_eq!(most_rows(1), 512);
    assert_eq!(most_rows(100), 64);
    assert_eq!(most_rows(20_000), 1);
    assert_eq!(chunks(5000, 11), [vec![512; 9], vec![256, 128, 8]].concat());
    assert_eq!(chunks(1025, 11), [512, 512, 1]);
}

#[test]
fn rows_are_those_of_one_by_one_creates_across_chunk_boundaries() {
    for n in [1, 2, 3, 511, 512, 513, 1023, 1025, 5000] {
        let rows: Vec<Row> = (0..n).map(item).collect();
        let (single, batched) = (db(), db());
        let (expected, outcome) = one_by_one(&single, &ITEM, &rows);
        outcome.unwrap();
        let (created, outcome, inserts) = many(&batched, &ITEM, &rows);
        outcome.unwrap();
        assert_eq!(created, expected, "{n} rows");
        assert_eq!(all(&batched, &ITEM), all(&single, &ITEM), "{n} rows");
        // And the rows handed back are what a read gives back.
        assert_eq!(all(&batched, &ITEM), created, "{n} rows");
        assert_eq!(inserts, chunks(n, ITEM_ATTRS.len()), "{n} rows");
    }
}

#[test]
fn the_statements_of_a_bulk_of_5000_are_a_dozen() {
    let rows: Vec<Row> = (0..5000).map(item).collect();
    let (_, outcome, inserts) = many(&db(), &ITEM, &rows);
    outcome.unwrap();
    // 9 x 512 + 256 + 128 + 8.
    assert_eq!(inserts.len(), 12);
    assert_eq!(inserts.iter().sum::<usize>(), 5000);
}

#[test]
fn integer_keys_sqlite_assigns_are_written_alone_and_come_back_as_one_by_one() {
    let label = |i: usize| Value::String(format!("c{i}"));
    let rows: Vec<Row> = (0..40)
        .map(|i| match i % 10 {
            // Given keys, in runs of three between the ones SQLite assigns.
            1..=3 => vec![Value::Int(1000 + i as i64), label(i)],
            _ => vec![Value::Nil, label(i)],
        })
        .collect();
    let (single, batched) = (db(), db());
    let (expected, outcome) = one_by_one(&single, &COUNTER, &rows);
    outcome.unwrap();
    let (created, outcome, inserts) = many(&batched, &COUNTER, &rows);
    outcome.unwrap();
    assert_eq!(created, expected);
    assert!(created.iter().all(|row| matches!(row[0], Value::Int(_))));
    assert_eq!(all(&batched, &COUNTER), all(&single, &COUNTER));
    // Per ten rows: one alone, a chunk of 2 and one of 1 (the given keys), six alone.
    assert_eq!(inserts, [1, 2, 1, 1, 1, 1, 1, 1, 1].repeat(4));
}

#[test]
fn a_unique_violation_in_the_middle_of_a_chunk_fails_as_one_by_one_and_keeps_nothing() {
    let mut rows: Vec<Row> = (0..600).map(item).collect();
    // The same email as row 10, in another case (a ci identity).
    rows[300][EMAIL] = Value::CiString("USER10@example.COM".into());
    let (single, batched) = (db(), db());
    let (expected, expected_error) = one_by_one(&single, &ITEM, &rows);
    let expected_error = expected_error.unwrap_err();
    assert_eq!(expected_error.to_string(), "invalid input: email: has already been taken");
    let (created, outcome, inserts) = many(&batched, &ITEM, &rows);
    assert_eq!(outcome.unwrap_err(), expected_error);
    assert_eq!(created.len(), 300);
    assert_eq!(created, expected);
    assert!(all(&batched, &ITEM).is_empty(), "the transaction rolled back");
    // The chunk of 512, which kept its first 300 rows, then the failing row alone.
    assert_eq!(inserts, [512, 1]);
}

#[test]
fn other_refusals_in_a_chunk_fail_as_one_by_one() {
    let nil_name = |row: &mut Row| row[NAME] = Value::Nil;
    let not_a_string = |row: &mut Row| row[NAME] = Value::Bool(true);
    let not_an_atom = |row: &mut Row| row[10] = Value::String("admin".into());
    for (spoil, message) in [
        (&nil_name as &dyn Fn(&mut Row), "name: is required"),
        (&not_a_string, "does not fit a column of type string"),
        (&not_an_atom, "is not one of member, owner"),
    ] {
        let mut rows: Vec<Row> = (0..100).map(item).collect();
        spoil(&mut rows[70]);
        let (single, batched) = (db(), db());
        let (expected, expected_error) = one_by_one(&single, &ITEM, &rows);
        let expected_error = expected_error.unwrap_err();
        assert!(expected_error.to_string().contains(message), "{expected_error}");
        let (created, outcome, _) = many(&batched, &ITEM, &rows);
        assert_eq!(outcome.unwrap_err(), expected_error);
        assert_eq!(created, expected);
        assert!(all(&batched, &ITEM).is_empty());
    }
}

#[test]
fn a_chunk_written_outside_a_transaction_is_kept() {
    let db = db();
    let rows: Vec<Row> = (0..20).map(item).collect();
    let mut created = Vec::new();
    db.create_many(Target::from(&ITEM), rows, &mut created).unwrap();
    assert_eq!(all(&db, &ITEM), created);
    // A failure outside a transaction keeps the rows before it, as one by one.
    let mut rows: Vec<Row> = (20..40).map(item).collect();
    rows[5][EMAIL] = Value::CiString("user3@example.com".into());
    let mut more = Vec::new();
    let error = db.create_many(Target::from(&ITEM), rows, &mut more).unwrap_err();
    assert_eq!(error.to_string(), "invalid input: email: has already been taken");
    assert_eq!(more.len(), 5);
    assert_eq!(all(&db, &ITEM).len(), 25);
}

#[test]
fn a_row_referencing_a_later_row_of_its_table_fails_as_one_by_one() {
    let node = |id: i64, parent: Option<i64>| vec![Value::Int(id), parent.map_or(Value::Nil, Value::Int)];
    // Row 2 references row 3, not yet written one by one.
    let rows = vec![node(1, None), node(2, Some(3)), node(3, Some(1)), node(4, None)];
    let (single, batched) = (db(), db());
    let (expected, expected_error) = one_by_one(&single, &NODE, &rows);
    let expected_error = expected_error.unwrap_err();
    assert_eq!(expected_error.to_string(), "invalid input: parent_id: does not exist");
    let (created, outcome, _) = many(&batched, &NODE, &rows);
    assert_eq!(outcome.unwrap_err(), expected_error);
    assert_eq!(created, expected);
    // Rows referencing nothing still go together.
    let rows: Vec<Row> = (1..=8).map(|id| node(id, None)).collect();
    let (created, outcome, inserts) = many(&batched, &NODE, &rows);
    outcome.unwrap();
    assert_eq!(created, rows);
    assert_eq!(inserts, [8]);
}
