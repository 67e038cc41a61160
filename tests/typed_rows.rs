//! Reads and gets build records as the layer hands each row over value by
//! value (`DataLayer::read_each` / `get_each` into `Resource::from_values`),
//! without a `Vec` per row. These check that the records are the ones the
//! row path (`from_row`, `from_record`) gives, for every kind of value, on
//! every layer; that a layer which does not override the two calls (their
//! defaults hand over its `read` / `get` rows) gives the same; and that a
//! row of the wrong length is an error, not a panic or a half-built record.

use std::sync::Arc;

use resource::chrono::{DateTime, NaiveDate, TimeZone, Utc};
use resource::data_layer::DataQuery;
use resource::data_layer::layer::CommitCheck;
use resource::dsl::resource;
use resource::expr::related::Related;
use resource::prelude::*;
use resource::{Capabilities, DataLayer, Ets, Row, Value};
use resource::{data_layer::Target, domain::Domain};

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

#[derive(Debug, Clone, Copy, PartialEq, Eq, resource::Atom)]
pub enum Size {
    Small,
    Large,
}

resource! {
    pub Item {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
            attribute code: CiString { allow_nil: false, public: true }
            attribute price: Decimal { allow_nil: false, public: true }
            attribute weight: f64 { allow_nil: false, public: true }
            attribute count: i64 { allow_nil: false, public: true }
            attribute fragile: bool { allow_nil: false, public: true }
            attribute size: Size { allow_nil: false, public: true }
            attribute made_on: Option<NaiveDate> { public: true }
            attribute checked_at: Option<DateTime<Utc>> { public: true }
            attribute note: Option<String> { public: true }
        }
        calculations {
            calculate shown: String = expr(name || "?");
        }
        identities {
            identity unique_code [code];
        }
        actions {
            default_accept [name, code, price, weight, count, fragile, size, made_on, checked_at, note];
            defaults [create, read];
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Item>())
}

/// Three items: every kind of value, nils and not.
fn create_items(domain: &Domain) -> Vec<Item> {
    let at = Utc.with_ymd_and_hms(2026, 12, 2, 10, 30, 0).unwrap();
    let made = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
    let rows = [
        ("Lamp", "LAMP-1", dec!(12.50), 1.25, 3, true, Size::Small, Some(made), Some(at), Some("handle with care")),
        ("Desk", "desk-2", dec!(0.001), -0.5, -7, false, Size::Large, None, None, None),
        ("Ünïcode", "ÜN-3", dec!(1e3), 1e-300, i64::MAX, false, Size::Small, Some(made), None, Some("")),
    ];
    rows.into_iter()
        .map(|(name, code, price, weight, count, fragile, size, made_on, checked_at, note)| {
            let mut create = Item::create()
                .name(name)
                .code(code)
                .price(price)
                .weight(weight)
                .count(count)
                .fragile(fragile)
                .size(size);
            if let Some(made_on) = made_on {
                create = create.made_on(made_on);
            }
            if let Some(checked_at) = checked_at {
                create = create.checked_at(checked_at);
            }
            if let Some(note) = note {
                create = create.note(note);
            }
            create.run(domain).expect("the item is created")
        })
        .collect()
}

fn sorted(mut items: Vec<Item>) -> Vec<Item> {
    items.sort_by(|a, b| a.name.cmp(&b.name));
    items
}

/// A read's records (built value by value) equal the created ones and
/// those of a read with a load (built from rows through `from_record`),
/// field for field; gets by primary key and identity too.
fn records_read_value_by_value_are_the_row_path_records(domain: &TestDomain) {
    let created = sorted(create_items(domain));
    let read = sorted(Item::read().run(domain).unwrap());
    assert_eq!(read, created);
    let through_rows: Vec<Item> = sorted(Item::read().load(item::shown).run(domain).unwrap())
        .into_iter()
        .map(|mut item| {
            assert_eq!(item.shown.get(), Some(&item.name));
            item.shown = Loaded::NotLoaded;
            item
        })
        .collect();
    assert_eq!(through_rows, created);
    for item in &created {
        assert_eq!(&Item::get(domain, item.id).unwrap(), item);
        assert_eq!(&Item::get_by_unique_code(domain, item.code.as_str().to_lowercase()).unwrap(), item);
    }
    // Filtered, sorted and limited reads go the same way.
    let wanted = Size::Small;
    let small = Item::read().filter(expr!(size == ^wanted)).run(domain).unwrap();
    assert_eq!(sorted(small), created.iter().filter(|i| i.size == Size::Small).cloned().collect::<Vec<_>>());
    let none = Item::read().filter(expr!(count > 1000 and count < 0)).run(domain).unwrap();
    assert!(none.is_empty());
    let missing = Item::get(domain, Uuid::new_v4()).unwrap_err();
    assert!(matches!(missing, resource::Error::NotFound { .. }), "{missing:?}");
}

on_every_layer!(domain; records_read_value_by_value_are_the_row_path_records);

/// A layer that overrides neither `read_each` nor `get_each`: ETS through
/// its required calls only, optionally cutting or padding every row it reads.
struct RowsOnly {
    inner: Ets,
    reshape: fn(Row) -> Row,
}

impl DataLayer for RowsOnly {
    fn name(&self) -> &'static str {
        "rows-only"
    }
    fn capabilities(&self) -> Capabilities {
        self.inner.capabilities()
    }
    fn register(&self, target: Target<'_>) -> resource::Result<()> {
        self.inner.register(target)
    }
    fn create(&self, target: Target<'_>, row: Row) -> resource::Result<Row> {
        self.inner.create(target, row)
    }
    fn upsert(&self, target: Target<'_>, row: Row, keys: &[usize], fields: &[usize]) -> resource::Result<Row> {
        self.inner.upsert(target, row, keys, fields)
    }
    fn read(&self, target: Target<'_>, query: &DataQuery) -> resource::Result<Vec<Row>> {
        Ok(self.inner.read(target, query)?.into_iter().map(self.reshape).collect())
    }
    fn read_related(&self, target: Target<'_>, query: &DataQuery, related: &Related) -> resource::Result<Vec<Row>> {
        Ok(self.inner.read_related(target, query, related)?.into_iter().map(self.reshape).collect())
    }
    fn get(&self, target: Target<'_>, keys: &[usize], values: &[Value]) -> resource::Result<Option<Row>> {
        Ok(self.inner.get(target, keys, values)?.map(self.reshape))
    }
    fn update(&self, target: Target<'_>, pk: &[Value], changes: &[(usize, Value)]) -> resource::Result<Row> {
        self.inner.update(target, pk, changes)
    }
    fn destroy(&self, target: Target<'_>, pk: &[Value]) -> resource::Result<()> {
        self.inner.destroy(target, pk)
    }
    fn transaction(&self, f: &mut dyn FnMut() -> resource::Result<()>) -> resource::Result<()> {
        self.inner.transaction(f)
    }
    fn check_at_commit(&self, check: CommitCheck) -> resource::Result<()> {
        self.inner.check_at_commit(check)
    }
}

fn rows_only(reshape: fn(Row) -> Row) -> Domain {
    let layer = Arc::new(RowsOnly { inner: Ets::new(), reshape });
    Domain::new().with_data_layer(layer as Arc<dyn DataLayer>).register::<Item>().build().unwrap()
}

#[test]
fn a_layer_without_read_each_gives_the_same_records() {
    let domain = rows_only(|row| row);
    let created = sorted(create_items(&domain));
    assert_eq!(sorted(Item::read().run(&domain).unwrap()), created);
    for item in &created {
        assert_eq!(&Item::get(&domain, item.id).unwrap(), item);
    }
}

#[test]
fn a_row_of_the_wrong_length_is_an_error_naming_the_resource() {
    for (reshape, len) in [
        (
            (|mut row: Row| {
                row.pop();
                row
            }) as fn(Row) -> Row,
            10,
        ),
        (
            |mut row: Row| {
                row.push(Value::Nil);
                row
            },
            12,
        ),
    ] {
        let domain = rows_only(reshape);
        let created = create_items(&domain);
        let expected = format!("data layer error: Item: a row has {len} values, expected 11");
        let read = Item::read().run(&domain).unwrap_err();
        assert_eq!(read.to_string(), expected);
        let got = Item::get(&domain, created[0].id).unwrap_err();
        assert_eq!(got.to_string(), expected);
        // The row path (`from_row`) says the same of such a row.
        let from_row = <Item as resource::Resource>::from_row(vec![Value::Nil; len]).unwrap_err();
        assert_eq!(from_row.to_string(), expected);
    }
}

// Odd stored values: rows written with raw SQL into a table without column
// types or constraints, so that any value can sit in any column. A read
// (value by value) gives the same record, or the same error, as the row
// path (a read with a load) and as noted before reads took typed values.

resource! {
    pub Odd {
        data_layer: Sqlite,
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
            attribute code: CiString { allow_nil: false, public: true }
            attribute price: Decimal { allow_nil: false, public: true }
            attribute weight: f64 { allow_nil: false, public: true }
            attribute count: i64 { allow_nil: false, public: true }
            attribute small: i32 { allow_nil: false, public: true }
            attribute fragile: bool { allow_nil: false, public: true }
            attribute note: Option<String> { public: true }
            attribute discount: Option<Decimal> { public: true }
            attribute parent: Option<Uuid> { public: true }
            attribute ratio: Option<f64> { public: true }
            attribute rank: Option<i64> { public: true }
            attribute seen: Option<bool> { public: true }
        }
        calculations {
            calculate shown: String = expr(name || "?");
        }
        actions {
            defaults [read];
        }
        sqlite {
            table: "odds";
        }
    }
}

const ODD_COLUMNS: [&str; 14] = [
    "id", "name", "code", "price", "weight", "count", "small", "fragile", "note", "discount", "parent", "ratio",
    "rank", "seen",
];

/// A row that reads back as a record: each column's SQL literal.
const GOOD: [&str; 14] = [
    "'6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b'",
    "'Lamp'",
    "'LAMP-1'",
    "'12.50'",
    "1.25",
    "3",
    "-4",
    "1",
    "'fragile'",
    "'0.10'",
    "'0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c'",
    "0.5",
    "-9",
    "0",
];

/// The outcome of reading `GOOD` with `changes`, on both paths: the record
/// (as its Debug) or the error (as its Debug).
fn read_odd(changes: &[(&str, &str)]) -> String {
    let sqlite = Sqlite::memory().unwrap();
    let domain = Domain::new().with_sqlite(sqlite.clone()).register::<Odd>().build().unwrap();
    let mut literals = GOOD;
    for (column, literal) in changes {
        let col = ODD_COLUMNS.iter().position(|c| c == column).expect("a column of odds");
        literals[col] = literal;
    }
    let columns = ODD_COLUMNS.map(|c| format!("\"{c}\"")).join(", ");
    let sql = format!(
        "DROP TABLE \"odds\"; CREATE TABLE \"odds\" ({columns}); INSERT INTO \"odds\" ({columns}) VALUES ({});",
        literals.join(", ")
    );
    sqlite.with_connection(|conn| conn.execute_batch(&sql)).unwrap();
    let value_by_value = Odd::read().run(&domain).map(|mut odds| odds.pop().unwrap());
    let row_path = Odd::read().load(odd::shown).run(&domain).map(|mut odds| {
        let mut odd = odds.pop().unwrap();
        odd.shown = Loaded::NotLoaded;
        odd
    });
    assert_eq!(value_by_value, row_path, "{changes:?}");
    match value_by_value {
        Ok(odd) => format!("{odd:?}"),
        Err(err) => format!("{err:?}"),
    }
}

#[test]
fn odd_stored_values_read_as_the_row_path_reads_them() {
    let cases: &[&[(&str, &str)]] = &[
        &[],
        &[("price", "' 1.50 '")],
        &[("price", "'1e3'")],
        &[("price", "7")],
        &[("price", "2.5")],
        &[("price", "'abc'")],
        &[("price", "X'00'")],
        &[("price", "NULL")],
        &[("id", "'6F1C2B9E-3A4D-4E5F-8A7B-1C2D3E4F5A6B'")],
        &[("id", "X'6f1c2b9e3a4d4e5f8a7b1c2d3e4f5a6b'")],
        &[("id", "X'6f1c2b'")],
        &[("id", "'not-a-uuid'")],
        &[("id", "5")],
        &[("id", "NULL")],
        &[("name", "5")],
        &[("name", "X'4c616d70'")],
        &[("name", "CAST(X'ff' AS TEXT)")],
        &[("name", "NULL")],
        &[("code", "5")],
        &[("count", "'12'")],
        &[("count", "1.5")],
        &[("count", "NULL")],
        &[("small", "1099511627776")],
        &[("small", "'5'")],
        &[("weight", "3")],
        &[("weight", "'x'")],
        &[("weight", "NULL")],
        &[("fragile", "2")],
        &[("fragile", "'1'")],
        &[("fragile", "0")],
        &[("fragile", "NULL")],
        &[("note", "NULL")],
        &[("note", "5")],
        &[("discount", "NULL")],
        &[("discount", "'abc'")],
        &[("discount", "3")],
        &[("parent", "NULL")],
        &[("parent", "'nope'")],
        &[("ratio", "NULL")],
        &[("ratio", "2")],
        &[("ratio", "'x'")],
        &[("rank", "NULL")],
        &[("rank", "2.0")],
        &[("seen", "NULL")],
        &[("seen", "1")],
        &[("seen", "-1")],
        // A nil where none may be (found when the fields are built) and a
        // value that does not decode (found as it is read): the decode error,
        // as every value is read before any field is built.
        &[("name", "NULL"), ("price", "'abc'")],
        &[("small", "1099511627776"), ("seen", "2")],
        &[("price", "'abc'"), ("weight", "'x'")],
    ];
    let got: Vec<String> = cases.iter().map(|changes| format!("{changes:?} => {}", read_odd(changes))).collect();
    let expected: Vec<&str> = ODD_EXPECTED.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if expected.len() != got.len() {
        panic!("{}", got.join("\n"));
    }
    for (got, expected) in got.iter().zip(&expected) {
        assert_eq!(got, expected);
    }
}

/// Each case's outcome, noted on the path that decoded every value into a
/// `Value` and converted it (before typed reads).
const ODD_EXPECTED: &str = r#"
[] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 12.50, weight: 1.25, count: 3, small: -4, fragile: true, note: Some("fragile"), discount: Some(0.10), parent: Some(0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c), ratio: Some(0.5), rank: Some(-9), seen: Some(false), shown: NotLoaded }
[("price", "' 1.50 '")] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 1.50, weight: 1.25, count: 3, small: -4, fragile: true, note: Some("fragile"), discount: Some(0.10), parent: Some(0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c), ratio: Some(0.5), rank: Some(-9), seen: Some(false), shown: NotLoaded }
[("price", "'1e3'")] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 1000, weight: 1.25, count: 3, small: -4, fragile: true, note: Some("fragile"), discount: Some(0.10), parent: Some(0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c), ratio: Some(0.5), rank: Some(-9), seen: Some(false), shown: NotLoaded }
[("price", "7")] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 7, weight: 1.25, count: 3, small: -4, fragile: true, note: Some("fragile"), discount: Some(0.10), parent: Some(0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c), ratio: Some(0.5), rank: Some(-9), seen: Some(false), shown: NotLoaded }
[("price", "2.5")] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 2.5, weight: 1.25, count: 3, small: -4, fragile: true, note: Some("fragile"), discount: Some(0.10), parent: Some(0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c), ratio: Some(0.5), rank: Some(-9), seen: Some(false), shown: NotLoaded }
[("price", "'abc'")] => ValueType { resource: "Odd", field: "price", message: "stored text \"abc\" cannot be read as decimal" }
[("price", "X'00'")] => ValueType { resource: "Odd", field: "price", message: "stored blob of 1 bytes cannot be read as decimal" }
[("price", "NULL")] => DataLayer("Odd.price: a stored nil does not fit the field's type")
[("id", "'6F1C2B9E-3A4D-4E5F-8A7B-1C2D3E4F5A6B'")] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 12.50, weight: 1.25, count: 3, small: -4, fragile: true, note: Some("fragile"), discount: Some(0.10), parent: Some(0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c), ratio: Some(0.5), rank: Some(-9), seen: Some(false), shown: NotLoaded }
[("id", "X'6f1c2b9e3a4d4e5f8a7b1c2d3e4f5a6b'")] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 12.50, weight: 1.25, count: 3, small: -4, fragile: true, note: Some("fragile"), discount: Some(0.10), parent: Some(0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c), ratio: Some(0.5), rank: Some(-9), seen: Some(false), shown: NotLoaded }
[("id", "X'6f1c2b'")] => ValueType { resource: "Odd", field: "id", message: "stored blob of 3 bytes cannot be read as uuid" }
[("id", "'not-a-uuid'")] => ValueType { resource: "Odd", field: "id", message: "stored text \"not-a-uuid\" cannot be read as uuid" }
[("id", "5")] => ValueType { resource: "Odd", field: "id", message: "stored integer 5 cannot be read as uuid" }
[("id", "NULL")] => DataLayer("Odd.id: a stored nil does not fit the field's type")
[("name", "5")] => ValueType { resource: "Odd", field: "name", message: "stored integer 5 cannot be read as string" }
[("name", "X'4c616d70'")] => ValueType { resource: "Odd", field: "name", message: "stored blob of 4 bytes cannot be read as string" }
[("name", "CAST(X'ff' AS TEXT)")] => ValueType { resource: "Odd", field: "name", message: "stored text \"�\" cannot be read as string" }
[("name", "NULL")] => DataLayer("Odd.name: a stored nil does not fit the field's type")
[("code", "5")] => ValueType { resource: "Odd", field: "code", message: "stored integer 5 cannot be read as ci_string" }
[("count", "'12'")] => ValueType { resource: "Odd", field: "count", message: "stored text \"12\" cannot be read as integer" }
[("count", "1.5")] => ValueType { resource: "Odd", field: "count", message: "stored real 1.5 cannot be read as integer" }
[("count", "NULL")] => DataLayer("Odd.count: a stored nil does not fit the field's type")
[("small", "1099511627776")] => DataLayer("Odd.small: a stored integer does not fit the field's type")
[("small", "'5'")] => ValueType { resource: "Odd", field: "small", message: "stored text \"5\" cannot be read as integer" }
[("weight", "3")] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 12.50, weight: 3.0, count: 3, small: -4, fragile: true, note: Some("fragile"), discount: Some(0.10), parent: Some(0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c), ratio: Some(0.5), rank: Some(-9), seen: Some(false), shown: NotLoaded }
[("weight", "'x'")] => ValueType { resource: "Odd", field: "weight", message: "stored text \"x\" cannot be read as float" }
[("weight", "NULL")] => DataLayer("Odd.weight: a stored nil does not fit the field's type")
[("fragile", "2")] => ValueType { resource: "Odd", field: "fragile", message: "stored integer 2 cannot be read as boolean" }
[("fragile", "'1'")] => ValueType { resource: "Odd", field: "fragile", message: "stored text \"1\" cannot be read as boolean" }
[("fragile", "0")] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 12.50, weight: 1.25, count: 3, small: -4, fragile: false, note: Some("fragile"), discount: Some(0.10), parent: Some(0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c), ratio: Some(0.5), rank: Some(-9), seen: Some(false), shown: NotLoaded }
[("fragile", "NULL")] => DataLayer("Odd.fragile: a stored nil does not fit the field's type")
[("note", "NULL")] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 12.50, weight: 1.25, count: 3, small: -4, fragile: true, note: None, discount: Some(0.10), parent: Some(0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c), ratio: Some(0.5), rank: Some(-9), seen: Some(false), shown: NotLoaded }
[("note", "5")] => ValueType { resource: "Odd", field: "note", message: "stored integer 5 cannot be read as string" }
[("discount", "NULL")] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 12.50, weight: 1.25, count: 3, small: -4, fragile: true, note: Some("fragile"), discount: None, parent: Some(0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c), ratio: Some(0.5), rank: Some(-9), seen: Some(false), shown: NotLoaded }
[("discount", "'abc'")] => ValueType { resource: "Odd", field: "discount", message: "stored text \"abc\" cannot be read as decimal" }
[("discount", "3")] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 12.50, weight: 1.25, count: 3, small: -4, fragile: true, note: Some("fragile"), discount: Some(3), parent: Some(0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c), ratio: Some(0.5), rank: Some(-9), seen: Some(false), shown: NotLoaded }
[("parent", "NULL")] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 12.50, weight: 1.25, count: 3, small: -4, fragile: true, note: Some("fragile"), discount: Some(0.10), parent: None, ratio: Some(0.5), rank: Some(-9), seen: Some(false), shown: NotLoaded }
[("parent", "'nope'")] => ValueType { resource: "Odd", field: "parent", message: "stored text \"nope\" cannot be read as uuid" }
[("ratio", "NULL")] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 12.50, weight: 1.25, count: 3, small: -4, fragile: true, note: Some("fragile"), discount: Some(0.10), parent: Some(0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c), ratio: None, rank: Some(-9), seen: Some(false), shown: NotLoaded }
[("ratio", "2")] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 12.50, weight: 1.25, count: 3, small: -4, fragile: true, note: Some("fragile"), discount: Some(0.10), parent: Some(0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c), ratio: Some(2.0), rank: Some(-9), seen: Some(false), shown: NotLoaded }
[("ratio", "'x'")] => ValueType { resource: "Odd", field: "ratio", message: "stored text \"x\" cannot be read as float" }
[("rank", "NULL")] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 12.50, weight: 1.25, count: 3, small: -4, fragile: true, note: Some("fragile"), discount: Some(0.10), parent: Some(0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c), ratio: Some(0.5), rank: None, seen: Some(false), shown: NotLoaded }
[("rank", "2.0")] => ValueType { resource: "Odd", field: "rank", message: "stored real 2.0 cannot be read as integer" }
[("seen", "NULL")] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 12.50, weight: 1.25, count: 3, small: -4, fragile: true, note: Some("fragile"), discount: Some(0.10), parent: Some(0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c), ratio: Some(0.5), rank: Some(-9), seen: None, shown: NotLoaded }
[("seen", "1")] => Odd { id: 6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b, name: "Lamp", code: "LAMP-1", price: 12.50, weight: 1.25, count: 3, small: -4, fragile: true, note: Some("fragile"), discount: Some(0.10), parent: Some(0e8a7b6c-5d4e-4f3a-9b2c-1d0e9f8a7b6c), ratio: Some(0.5), rank: Some(-9), seen: Some(true), shown: NotLoaded }
[("seen", "-1")] => ValueType { resource: "Odd", field: "seen", message: "stored integer -1 cannot be read as boolean" }
[("name", "NULL"), ("price", "'abc'")] => ValueType { resource: "Odd", field: "price", message: "stored text \"abc\" cannot be read as decimal" }
[("small", "1099511627776"), ("seen", "2")] => ValueType { resource: "Odd", field: "seen", message: "stored integer 2 cannot be read as boolean" }
[("price", "'abc'"), ("weight", "'x'")] => ValueType { resource: "Odd", field: "price", message: "stored text \"abc\" cannot be read as decimal" }
"#;
