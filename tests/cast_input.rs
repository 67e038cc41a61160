//! Bad input stops at the cast with a field error, and nothing is written
//! (issue 8, items 12, 13 and 15): after every rejected input the whole table
//! still reads back as typed records, the same on every layer.

use resource::dsl::resource;
use resource::prelude::*;
use serde_json::json;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Reading {
        attributes {
            uuid_primary_key id;
            attribute label: String { allow_nil: false, public: true }
            attribute value: Option<f64> { public: true }
            attribute price: Option<Decimal> { public: true }
            attribute count: Option<i32> { public: true }
            attribute stock: Option<i32> { public: true, constraints { min: 0 } }
        }
        actions {
            default_accept [label, value, price, count, stock];
            defaults [create, read];
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Reading>())
}

on_every_layer!(domain; floats_are_finite_and_read_back_exactly, decimals_take_only_ashs_forms, integers_must_fit_the_field);

/// Creates from `input`, expecting a field error on `field`; then the table
/// must hold exactly `rows` records, all readable.
fn rejected(d: &Domain, input: serde_json::Value, field: &str, rows: usize) {
    let err = Changeset::<Reading>::for_create(d, "create", &input).run().unwrap_err();
    assert!(err.message_for(field).is_some(), "{input}: {err}");
    assert_eq!(Reading::read().run(d).unwrap().len(), rows, "after {input}");
}

fn floats_are_finite_and_read_back_exactly(d: &Domain) {
    let err = Reading::create().label("nan").value(f64::NAN).run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: value: must be a finite number");
    assert!(Reading::create().label("inf").value(f64::INFINITY).run(d).is_err());
    assert!(Reading::create().label("-inf").value(f64::NEG_INFINITY).run(d).is_err());
    rejected(d, json!({"label": "text", "value": "NaN"}), "value", 0);
    rejected(d, json!({"label": "text", "value": "inf"}), "value", 0);
    // -0.0 is stored as 0.0 everywhere; ordinary floats come back bit for bit.
    let zero = Reading::create().label("zero").value(-0.0).run(d).unwrap();
    assert!(zero.value.unwrap().is_sign_positive());
    let tiny = Reading::create().label("tiny").value(f64::MIN_POSITIVE).run(d).unwrap();
    let mut read = Reading::read().run(d).unwrap();
    read.sort_by(|a, b| a.label.cmp(&b.label));
    assert_eq!(read, vec![tiny, zero]);
    assert_eq!(read[1].value.unwrap().to_bits(), 0.0f64.to_bits());
}

fn decimals_take_only_ashs_forms(d: &Domain) {
    rejected(d, json!({"label": "a", "price": "50_50"}), "price", 0);
    rejected(d, json!({"label": "b", "price": "1,5"}), "price", 0);
    rejected(d, json!({"label": "c", "price": "1.2.3"}), "price", 0);
    let ok = Changeset::<Reading>::for_create(d, "create", &json!({"label": "d", "price": "1.5e2"})).run().unwrap();
    assert_eq!(ok.price, Some(dec!(150)));
    assert_eq!(Reading::read().run(d).unwrap(), vec![ok]);
}

fn integers_must_fit_the_field(d: &Domain) {
    rejected(d, json!({"label": "big", "count": 3_000_000_000i64}), "count", 0);
    rejected(d, json!({"label": "small", "count": -3_000_000_000i64}), "count", 0);
    let err = Changeset::<Reading>::for_create(d, "create", &json!({"label": "x", "count": 2_147_483_648i64})).run();
    assert_eq!(err.unwrap_err().to_string(), "invalid input: count: must be less than or equal to 2147483647");
    // A user's own bound stays, and the type's other bound is added.
    rejected(d, json!({"label": "neg", "stock": -1}), "stock", 0);
    rejected(d, json!({"label": "huge", "stock": 3_000_000_000i64}), "stock", 0);
    let edge = json!({"label": "edge", "count": i32::MAX, "stock": i32::MAX});
    let stored = Changeset::<Reading>::for_create(d, "create", &edge).run().unwrap();
    assert_eq!((stored.count, stored.stock), (Some(i32::MAX), Some(i32::MAX)));
    assert_eq!(Reading::read().run(d).unwrap(), vec![stored]);
}
