//! An update returns the row the store holds after the write, whatever the
//! record it started from held. The update hands the layer the record as
//! the caller saw it (`DataLayer::update_seen`); SQLite then writes with one
//! `UPDATE` that also requires every other column to hold the seen value
//! bytewise, and only when it does returns the seen row with the changes
//! without reading it back. These check, on every layer, that a fresh
//! record, a stale one, one whose values differ from the stored ones only
//! in spelling (case, a decimal's scale, -0.0, nanoseconds) and one whose
//! row is gone all give what a get gives after the write; and on SQLite
//! how many statements each took.

use resource::chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use resource::dsl::resource;
use resource::prelude::*;
use resource::{Domain, Sqlite};

mod sqlite_common;

use sqlite_common::{Layer, TempDb, TestDomain, domain_on};

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
        identities {
            identity unique_code [code];
        }
        actions {
            default_accept [name, code, price, weight, count, fragile, size, made_on, checked_at, note];
            defaults [create, read, update, destroy];
        }
    }
}

resource! {
    /// A writable primary key: an update that changes it goes the plain way.
    pub Code {
        attributes {
            attribute code: CiString { primary_key: true, allow_nil: false, public: true }
            attribute label: Option<String> { public: true }
        }
        actions {
            default_accept [code, label];
            defaults [create, read, update, destroy];
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Item>().register::<Code>())
}

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 7, 15, 0).unwrap() + Duration::microseconds(250)
}

fn create(domain: &Domain, code: &str) -> Item {
    Item::create()
        .name("Lamp")
        .code(code)
        .price(dec!(12.50))
        .weight(0.0)
        .count(3)
        .fragile(true)
        .size(Size::Small)
        .made_on(NaiveDate::from_ymd_opt(2026, 1, 31).unwrap())
        .checked_at(at())
        .note("handle with care")
        .run(domain)
        .expect("the item is created")
}

/// A record as it was read: the update returns it with the change, and a
/// get after gives the same record.
fn a_fresh_record_comes_back_with_its_change(domain: &TestDomain) {
    let item = create(domain, "LAMP-1");
    let updated = item.update().count(4).run(domain).unwrap();
    assert_eq!(updated, Item { count: 4, ..item.clone() });
    assert_eq!(Item::get(domain, item.id).unwrap(), updated);
    // Every kind of value changed at once, nils among them.
    let again = updated
        .update()
        .name("Desk")
        .code("desk-2")
        .price(dec!(0.001))
        .weight(-2.5)
        .fragile(false)
        .size(Size::Large)
        .note_opt(None::<String>)
        .run(domain)
        .unwrap();
    assert_eq!(again.note, None);
    assert_eq!(again.price.scale(), 3);
    assert_eq!(Item::get(domain, item.id).unwrap(), again);
}

/// A record read before another update: what comes back is the stored
/// row with this change, not the old copy with it.
fn a_stale_record_comes_back_as_stored(domain: &TestDomain) {
    let item = create(domain, "LAMP-1");
    let other = item.update().note("moved").count(9).run(domain).unwrap();
    assert_eq!(other.note.as_deref(), Some("moved"));
    let updated = item.update().name("Lamp II").run(domain).unwrap();
    assert_eq!(updated, Item { name: "Lamp II".into(), ..other });
    assert_eq!(Item::get(domain, item.id).unwrap(), updated);
}

/// A record whose values equal the stored ones but are spelled otherwise
/// (one difference at a time): the stored spelling comes back (a get's),
/// never the copy's.
fn a_copy_spelled_otherwise_comes_back_as_stored(domain: &TestDomain) {
    let item = create(domain, "LAMP-1");
    let copies = [
        Item { code: "lamp-1".into(), ..item.clone() },
        Item { price: dec!(12.5), ..item.clone() },
        Item { weight: -0.0, ..item.clone() },
        Item { checked_at: Some(at() + Duration::nanoseconds(999)), ..item.clone() },
    ];
    for (count, copy) in (10..).zip(copies) {
        let updated = copy.update().count(count).run(domain).unwrap();
        let stored = Item::get(domain, item.id).unwrap();
        assert_eq!(updated, stored);
        assert_eq!(updated, Item { count, ..item.clone() });
        assert_eq!(updated.code.as_str(), "LAMP-1");
        assert_eq!(updated.price.scale(), 2);
        assert!(updated.weight.is_sign_positive());
    }
}

/// A record whose row was destroyed: not found, and nothing written.
fn a_record_whose_row_is_gone_is_not_found(domain: &TestDomain) {
    let item = create(domain, "LAMP-1");
    Item::get(domain, item.id).unwrap().destroy().run(domain).unwrap();
    let error = item.update().count(5).run(domain).unwrap_err();
    assert!(matches!(error, resource::Error::NotFound { .. }), "{error:?}");
    assert!(Item::read().run(domain).unwrap().is_empty());
}

/// The identity check of an update still names the field, fresh or stale.
fn a_taken_identity_is_refused_fresh_or_stale(domain: &TestDomain) {
    let lamp = create(domain, "LAMP-1");
    create(domain, "DESK-2");
    for record in [lamp.clone(), Item { note: Some("stale".into()), ..lamp.clone() }] {
        let error = record.update().code("desk-2").run(domain).unwrap_err();
        let resource::Error::Invalid(errors) = &error else { panic!("{error:?}") };
        assert_eq!(errors[0].fields, ["code"], "{error:?}");
    }
    assert_eq!(Item::get(domain, lamp.id).unwrap(), lamp);
}

/// An update that changes the primary key returns the row under its new
/// key; one that keeps it finds the row by a key spelled otherwise (a
/// ci-string) and returns the stored spelling.
fn a_changed_or_respelled_key_comes_back_as_stored(domain: &TestDomain) {
    let code = Code::create().code("AB-1").label("first").run(domain).unwrap();
    let moved = code.update().code("CD-2").run(domain).unwrap();
    assert_eq!(moved.code.as_str(), "CD-2");
    assert_eq!(moved.label.as_deref(), Some("first"));
    assert_eq!(Code::get(domain, "cd-2").unwrap(), moved);
    assert!(matches!(Code::get(domain, "ab-1").unwrap_err(), resource::Error::NotFound { .. }));
    let respelled = Code { code: "cd-2".into(), ..moved.clone() };
    let relabelled = respelled.update().label("second").run(domain).unwrap();
    assert_eq!(relabelled.code.as_str(), "CD-2");
    assert_eq!(Code::get(domain, "CD-2").unwrap(), relabelled);
}

on_every_layer!(
    domain;
    a_changed_or_respelled_key_comes_back_as_stored,
    a_fresh_record_comes_back_with_its_change,
    a_stale_record_comes_back_as_stored,
    a_copy_spelled_otherwise_comes_back_as_stored,
    a_record_whose_row_is_gone_is_not_found,
    a_taken_identity_is_refused_fresh_or_stale,
);

/// On SQLite a fresh record's update is one statement; a stale one's is
/// that statement (changing no row), the plain `UPDATE` and the read-back.
fn statements_per_update(db: Sqlite) {
    let domain = Domain::new().with_data_layer(db.clone()).register::<Item>().build().unwrap();
    let item = create(&domain, "LAMP-1");
    let before = db.statements_run();
    let fresh = item.update().count(4).run(&domain).unwrap();
    assert_eq!(db.statements_run() - before, 1);
    let before = db.statements_run();
    let stale = item.update().name("Lamp II").run(&domain).unwrap();
    assert_eq!(db.statements_run() - before, 2, "the conditional UPDATE, then UPDATE and SELECT in one turn");
    assert_eq!(stale, Item { name: "Lamp II".into(), ..fresh });
}

#[test]
fn a_fresh_update_is_one_statement_in_memory() {
    statements_per_update(Sqlite::memory().unwrap());
}

#[test]
fn a_fresh_update_is_one_statement_in_a_file() {
    let file = TempDb::new("update-seen");
    statements_per_update(Sqlite::open_with(file.path(), resource::SqliteOptions::file().create_schema(true)).unwrap());
}
