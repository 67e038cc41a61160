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
