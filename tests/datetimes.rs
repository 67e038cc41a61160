//! Dates and datetimes are the same on every layer (issue 8, items 8 and
//! 14): datetimes carry microseconds (Ash's `utc_datetime_usec`), so a value
//! written and read back is equal on ETS and on SQLite; a date or datetime a
//! layer could not store and read back is a field error at the cast, and
//! nothing is written.

use resource::chrono::{DateTime, NaiveDate, TimeZone, Utc};
use resource::dsl::resource;
use resource::prelude::*;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Event {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
            attribute at: Option<DateTime<Utc>> { public: true }
            attribute on: Option<NaiveDate> { public: true }
            create_timestamp inserted_at;
        }
        actions {
            default_accept [name, at, on];
            defaults [create, read];
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Event>())
}

on_every_layer!(domain;
    datetimes_keep_microseconds_and_read_back_equal,
    dates_a_layer_cannot_store_are_field_errors,
);

fn datetimes_keep_microseconds_and_read_back_equal(d: &Domain) {
    let nanos = Utc.with_ymd_and_hms(2026, 12, 1, 10, 30, 0).unwrap() + std::time::Duration::from_nanos(123_456_789);
    let micros = Utc.with_ymd_and_hms(2026, 12, 1, 10, 30, 0).unwrap() + std::time::Duration::from_micros(123_456);
    let typed = Event::create().name("typed").at(nanos).run(d).unwrap();
    assert_eq!(typed.at, Some(micros));
    let json = serde_json::json!({"name": "json", "at": "2026-12-01T10:30:00.123456789Z"});
    let dynamic = Changeset::<Event>::for_create(d, "create", &json).run().unwrap();
    assert_eq!(dynamic.at, Some(micros));
    // What the actions returned is what a read gives back, timestamps included.
    let mut read = Event::read().run(d).unwrap();
    read.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(read, vec![dynamic, typed.clone()]);
    assert_eq!(typed.inserted_at.timestamp_subsec_nanos() % 1_000, 0, "{}", typed.inserted_at);
}

fn dates_a_layer_cannot_store_are_field_errors(d: &Domain) {
    let far = serde_json::json!({"name": "far", "on": "+10000-01-01"});
    let err = Changeset::<Event>::for_create(d, "create", &far).run().unwrap_err();
    assert!(matches!(&err, Error::Invalid(_)), "{err:?}");
    let date = NaiveDate::from_ymd_opt(12_000, 1, 1).unwrap();
    let err = Event::create().name("typed far").on(date).run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: on: year must be between 0 and 9999");
    let before = Utc.with_ymd_and_hms(-1, 1, 1, 0, 0, 0).unwrap();
    let err = Event::create().name("bc").at(before).run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: at: year must be between 0 and 9999");
    // Nothing was written, and the edges of the range are fine.
    assert!(Event::read().run(d).unwrap().is_empty());
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    assert_eq!(Event::create().name("edge").on(last).run(d).unwrap().on, Some(last));
    assert_eq!(Event::read().run(d).unwrap()[0].on, Some(last));
}
