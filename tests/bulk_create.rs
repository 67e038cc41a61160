//! `Domain::bulk_create`: many create changesets written in one transaction,
//! each checked as a single create is; the first error stops the bulk.

use resource::dsl::resource;
use resource::prelude::*;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Product {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true, constraints { max_length: 10 } }
            attribute sku: Option<String> { public: true }
            attribute price: Decimal { allow_nil: false, public: true, constraints { min: 0 } }
        }
        identities {
            identity unique_name [name];
            identity unique_sku [sku] { pre_check: true }
        }
        actions {
            default_accept [name, sku, price];
            defaults [create, read, update, destroy];
        }
    }
}

resource! {
    pub Shelf {
        attributes {
            uuid_primary_key id;
            attribute label: String { allow_nil: false, public: true }
        }
        relationships {
            has_many items: Item;
        }
        actions {
            default_accept [label];
            defaults [create, read];
        }
    }
}

resource! {
    /// No hooks, no pre-check: its bulk creates are written in batches
    /// (`DataLayer::create_many`; on PostgreSQL, multi-row `INSERT`s).
    pub Item {
        attributes {
            uuid_primary_key id;
            attribute code: String { allow_nil: false, public: true }
            attribute qty: i64 { allow_nil: false, public: true, default: 1 }
            attribute price: Option<Decimal> { public: true }
        }
        relationships {
            belongs_to shelf: Shelf;
        }
        identities {
            identity unique_code [code];
        }
        actions {
            default_accept [code, qty, price, shelf_id];
            defaults [create, read];
        }
    }
}

resource! {
    /// A key the database generates.
    pub Counter {
        attributes {
            integer_primary_key id;
            attribute label: String { allow_nil: false, public: true }
        }
        actions {
            default_accept [label];
            defaults [create, read];
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| {
        builder.register::<Product>().register::<Shelf>().register::<Item>().register::<Counter>()
    })
}

fn names(d: &Domain) -> Vec<String> {
    let mut names: Vec<String> = Product::read().run(d).unwrap().into_iter().map(|p| p.name).collect();
    names.sort();
    names
}

fn create(d: &Domain, name: &str, price: Decimal) -> Changeset<Product> {
    Product::create().name(name).price(price).changeset(d)
}

on_every_layer!(domain; bulk_create_returns_the_records_in_order, an_invalid_changeset_stops_the_bulk, a_taken_identity_stops_the_bulk, pre_checks_see_the_records_written_before_them);

on_every_layer!(domain; a_bulk_of_many_returns_what_one_by_one_returns, generated_keys_come_back_in_order, a_duplicate_in_the_middle_fails_as_one_by_one, a_taken_identity_in_the_middle_fails_as_one_by_one, a_dangling_key_in_the_middle_fails_as_one_by_one, an_invalid_changeset_after_many_fails_as_one_by_one);

fn bulk_create_returns_the_records_in_order(d: &Domain) {
    let created = d.bulk_create(["b", "a", "c"].map(|n| create(d, n, dec!(1.5)))).unwrap();
    assert_eq!(created.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["b", "a", "c"]);
    assert_eq!(created[0], Product::get(d, created[0].id).unwrap());
    assert_eq!(names(d), ["a", "b", "c"]);
    assert_eq!(d.bulk_create(std::iter::empty::<Changeset<Product>>()).unwrap(), []);
}

fn an_invalid_changeset_stops_the_bulk(d: &Domain) {
    let bulk = [create(d, "a", dec!(1)), create(d, "far too long", dec!(-1)), create(d, "c", dec!(1))];
    let err = d.bulk_create(bulk).unwrap_err();
    assert_eq!(err.field_errors().len(), 2, "{err}");
    // Nothing is written: every layer rolls the bulk back.
    assert!(d.data_layer(Product::info()).unwrap().capabilities().transactions);
    assert_eq!(names(d), Vec::<&str>::new());
}

fn a_taken_identity_stops_the_bulk(d: &Domain) {
    create(d, "a", dec!(1)).run().unwrap();
    let err = d.bulk_create([create(d, "b", dec!(1)), create(d, "a", dec!(2))]).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: name: has already been taken");
    assert_eq!(names(d), ["a"]);
}

fn pre_checks_see_the_records_written_before_them(d: &Domain) {
    let with_sku = |name: &str| Product::create().name(name).sku("S-1").price(dec!(1)).changeset(d);
    let err = d.bulk_create([with_sku("a"), with_sku("b")]).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: sku: has already been taken");
}

/// More rows than one statement takes (PostgreSQL: 1024 per `INSERT`, and
/// a remainder of 256 + 128 + 64 + 4).
const MANY: usize = 2_500;

fn item(d: &Domain, i: usize) -> Changeset<Item> {
    item_coded(d, "c", i)
}

/// The `i`th item of a bulk, coded `{prefix}-{i}`: a nil price, a default, a decimal, a negative.
fn item_coded(d: &Domain, prefix: &str, i: usize) -> Changeset<Item> {
    let builder = Item::create().code(format!("{prefix}-{i}"));
    match i % 3 {
        0 => builder.changeset(d),
        1 => builder.qty(i as i64).price(dec!(0.25) * Decimal::from(i)).changeset(d),
        _ => builder.qty(-(i as i64)).changeset(d),
    }
}

fn items(d: &Domain) -> Vec<Item> {
    let mut items = Item::read().run(d).unwrap();
    items.sort_by_key(|item| item.code.clone());
    items
}

/// What the record would be without its generated key.
fn fields(item: &Item) -> (String, i64, Option<Decimal>, Option<Uuid>) {
    (item.code.clone(), item.qty, item.price, item.shelf_id)
}

fn a_bulk_of_many_returns_what_one_by_one_returns(d: &Domain) {
    let shelf = Shelf::create().label("top").run(d).unwrap();
    let with_shelf =
        |prefix: &str, i: usize| Item::create().code(format!("{prefix}-{i}")).shelf_id(shelf.id).changeset(d);
    let input = |prefix: &str, i: usize| if i % 500 == 7 { with_shelf(prefix, i) } else { item_coded(d, prefix, i) };
    let bulk = (0..MANY).map(|i| input("b", i));
    let created = d.bulk_create(bulk).unwrap();
    assert_eq!(created.len(), MANY);

    // The same input one by one, under other codes.
    let one_by_one: Vec<Item> = (0..MANY).map(|i| input("o", i).run().unwrap()).collect();
    for (i, (bulk, single)) in created.iter().zip(&one_by_one).enumerate() {
        let mut expected = fields(single);
        expected.0 = format!("b-{i}");
        assert_eq!(fields(bulk), expected, "record {i}");
    }
    // The returned records are the stored ones, in the bulk's order.
    let stored = items(d);
    for record in &created {
        assert_eq!(Some(record), stored.iter().find(|s| s.id == record.id));
    }
    assert_eq!(stored.len(), 2 * MANY);
}

fn generated_keys_come_back_in_order(d: &Domain) {
    let created = d.bulk_create((0..MANY).map(|i| Counter::create().label(format!("n-{i}")).changeset(d))).unwrap();
    let labels: Vec<String> = created.iter().map(|c| c.label.clone()).collect();
    assert_eq!(labels, (0..MANY).map(|i| format!("n-{i}")).collect::<Vec<_>>());
    assert!(created.windows(2).all(|pair| pair[0].id < pair[1].id), "the keys in insertion order");
    for record in created.iter().step_by(97) {
        assert_eq!(&Counter::get(d, record.id).unwrap(), record);
    }
}

fn a_duplicate_in_the_middle_fails_as_one_by_one(d: &Domain) {
    let bulk = (0..MANY).map(|i| if i == 1500 { item(d, 10) } else { item(d, i) });
    let err = d.bulk_create(bulk).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: code: has already been taken");
    let single = {
        item(d, 10).run().unwrap();
        item(d, 10).run().unwrap_err()
    };
    assert_eq!(err.field_errors(), single.field_errors());
    assert_eq!(items(d).len(), 1, "nothing of the bulk is kept");
}

fn a_taken_identity_in_the_middle_fails_as_one_by_one(d: &Domain) {
    item(d, 2000).run().unwrap();
    let err = d.bulk_create((0..MANY).map(|i| item(d, i))).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: code: has already been taken");
    assert_eq!(items(d).iter().map(|i| i.code.as_str()).collect::<Vec<_>>(), ["c-2000"]);
}

fn a_dangling_key_in_the_middle_fails_as_one_by_one(d: &Domain) {
    let dangling = |i: usize| Item::create().code(format!("c-{i}")).shelf_id(Uuid::new_v4()).changeset(d);
    let err = d.bulk_create((0..MANY).map(|i| if i == 1800 { dangling(i) } else { item(d, i) })).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: shelf_id: does not exist");
    let single = dangling(0).run().unwrap_err();
    assert_eq!(err.field_errors(), single.field_errors());
    assert!(items(d).is_empty(), "nothing of the bulk is kept");
}

fn an_invalid_changeset_after_many_fails_as_one_by_one(d: &Domain) {
    // The duplicate comes first: its error, not the invalid changeset's.
    let bulk = (0..MANY).map(|i| match i {
        1200 => item(d, 3),
        2100 => Item::create().changeset(d),
        i => item(d, i),
    });
    let err = d.bulk_create(bulk).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: code: has already been taken");
    let bulk = (0..MANY).map(|i| if i == 2100 { Item::create().changeset(d) } else { item(d, i) });
    let err = d.bulk_create(bulk).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: code: is required");
    assert!(items(d).is_empty(), "nothing of either bulk is kept");
}
