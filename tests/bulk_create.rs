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

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Product>())
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
