//! The identity scenarios of seeds 000 and 001, run on every data layer:
//! ETS, SQLite in memory and a SQLite file. On SQLite the unique indexes
//! enforce identities and their violations come back as the same field errors.

use resource::chrono::NaiveDate;
use resource::dsl::resource;
use resource::prelude::*;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Product {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
            attribute price: Decimal { allow_nil: false, public: true }
        }
        identities {
            identity unique_name [name] { pre_check: true }
        }
        actions {
            default_accept [name, price];
            defaults [create, read, update, destroy];
        }
    }
}

// The same product without `pre_check`: the data layer enforces identities itself.
resource! {
    pub PlainProduct {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
        }
        identities {
            identity unique_name [name];
        }
        actions {
            default_accept [name];
            defaults [create, read, update, destroy];
        }
    }
}

resource! {
    pub Reservation {
        attributes {
            uuid_primary_key id;
            attribute passenger_id: Option<i64> { public: true }
            attribute flight_number: Option<String> { public: true }
            attribute date: Option<NaiveDate> { public: true }
        }
        identities {
            identity unique_booking [passenger_id, flight_number, date] { pre_check: true }
        }
        actions {
            default_accept [passenger_id, flight_number, date];
            defaults [create, read, update, destroy];
        }
    }
}

resource! {
    pub Customer {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
            attribute email: CiString { allow_nil: false, public: true }
        }
        identities {
            identity unique_email [email] { eager_check: true }
        }
        actions {
            default_accept [name, email];
            defaults [create, read, update, destroy];
        }
    }
}

resource! {
    /// A writable string primary key, to show a duplicate key is an error.
    pub Code {
        attributes {
            attribute code: String { primary_key: true, allow_nil: false, public: true }
            attribute label: Option<String> { public: true }
        }
        actions {
            default_accept [code, label];
            defaults [create, read, update, destroy];
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| {
        builder
            .register::<Product>()
            .register::<PlainProduct>()
            .register::<Reservation>()
            .register::<Customer>()
            .register::<Code>()
    })
}

on_every_layer!(domain; a_duplicate_name_has_already_been_taken, identities_hold_without_pre_check, a_multi_key_identity_takes_all_keys_together, nil_keys_are_distinct_by_default, a_ci_string_identity_ignores_case_and_keeps_it, an_eager_check_fails_when_the_changeset_is_built, a_pre_check_fails_just_before_the_write, an_update_checks_an_identity_only_when_a_key_changes, destroying_frees_the_identity, a_duplicate_primary_key_is_an_error_not_an_overwrite, eight_threads_racing_for_one_email_leave_one_record, eight_threads_racing_with_pre_check_leave_one_record);

fn a_duplicate_name_has_already_been_taken(shop: &Domain) {
    Product::create().name("Banana").price(dec!(0.1)).run(shop).unwrap();
    let err = Product::create().name("Banana").price(dec!(0.2)).run(shop).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: name: has already been taken");
    assert_eq!(Product::read().run(shop).unwrap().len(), 1, "nothing was written");
}

fn identities_hold_without_pre_check(shop: &Domain) {
    PlainProduct::create().name("Banana").run(shop).unwrap();
    let err = PlainProduct::create().name("Banana").run(shop).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: name: has already been taken");
    assert_eq!(PlainProduct::read().run(shop).unwrap().len(), 1);
}

fn a_multi_key_identity_takes_all_keys_together(airline: &Domain) {
    let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
    let book = |passenger: i64, flight: &str, date: NaiveDate| {
        Reservation::create().passenger_id(passenger).flight_number(flight).date(date).run(airline)
    };
    book(1, "LH 400", day).unwrap();
    let err = book(1, "LH 400", day).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: passenger_id, flight_number, date: has already been taken");
    book(2, "LH 400", day).unwrap();
    book(1, "LH 401", day).unwrap();
    book(1, "LH 400", day.succ_opt().unwrap()).unwrap();
    assert_eq!(Reservation::read().run(airline).unwrap().len(), 4);
}

fn nil_keys_are_distinct_by_default(airline: &Domain) {
    Reservation::create().passenger_id(1).flight_number("LH 400").run(airline).unwrap();
    Reservation::create().passenger_id(1).flight_number("LH 400").run(airline).unwrap();
    assert_eq!(Reservation::read().run(airline).unwrap().len(), 2);
}

fn a_ci_string_identity_ignores_case_and_keeps_it(shop: &Domain) {
    let first = Customer::create().name("Stefan").email("Stefan@Example.com").run(shop).unwrap();
    assert_eq!(first.email.as_str(), "Stefan@Example.com");
    let err = Customer::create().name("Other").email("stefan@example.COM").run(shop).unwrap_err();
    assert_eq!(err.message_for("email"), Some("has already been taken"));
    let found = Customer::get_by_unique_email(shop, CiString::from("STEFAN@example.com")).unwrap();
    assert_eq!(found.id, first.id);
}

fn an_eager_check_fails_when_the_changeset_is_built(shop: &Domain) {
    Customer::create().name("Stefan").email("stefan@example.com").run(shop).unwrap();
    let changeset = Customer::create().name("Other").email("STEFAN@example.com").changeset(shop);
    assert!(!changeset.is_valid());
    assert_eq!(changeset.errors()[0].to_string(), "email: has already been taken");
}

fn a_pre_check_fails_just_before_the_write(shop: &Domain) {
    // Built while the name is free: valid.
    let changeset = Product::create().name("Kiwi").price(dec!(1)).changeset(shop);
    assert!(changeset.is_valid());
    // Someone else takes the name before it runs.
    Product::create().name("Kiwi").price(dec!(2)).run(shop).unwrap();
    let err = changeset.run().unwrap_err();
    assert_eq!(err.to_string(), "invalid input: name: has already been taken");
}

fn an_update_checks_an_identity_only_when_a_key_changes(shop: &Domain) {
    let banana = Product::create().name("Banana").price(dec!(0.1)).run(shop).unwrap();
    Product::create().name("Apple").price(dec!(0.5)).run(shop).unwrap();
    let banana = banana.update().price(dec!(0.2)).run(shop).unwrap();
    assert_eq!(banana.price, dec!(0.2));
    let banana = banana.update().name("Banana").run(shop).unwrap();
    assert_eq!(banana.name, "Banana", "re-setting its own name is no conflict");
    let err = banana.update().name("Apple").run(shop).unwrap_err();
    assert_eq!(err.message_for("name"), Some("has already been taken"));
    assert_eq!(Product::get(shop, banana.id).unwrap().name, "Banana", "the record is unchanged");
    let renamed = banana.update().name("Plantain").run(shop).unwrap();
    Product::create().name("Banana").price(dec!(0.3)).run(shop).expect("the old name is free again");
    assert_eq!(renamed.name, "Plantain");
}

fn destroying_frees_the_identity(shop: &Domain) {
    let banana = Product::create().name("Banana").price(dec!(0.1)).run(shop).unwrap();
    banana.destroy().run(shop).unwrap();
    assert!(matches!(Product::get(shop, banana.id), Err(Error::NotFound { .. })));
    Product::create().name("Banana").price(dec!(0.1)).run(shop).unwrap();
}

fn a_duplicate_primary_key_is_an_error_not_an_overwrite(shop: &Domain) {
    Code::create().code("A1").label("first").run(shop).unwrap();
    let err = Code::create().code("A1").label("second").run(shop).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: code: has already been taken");
    assert_eq!(Code::get(shop, "A1").unwrap().label.as_deref(), Some("first"));
}

fn eight_threads_racing_for_one_email_leave_one_record(shop: &Domain) {
    let results: Vec<Result<PlainProduct, Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> =
            (0..8).map(|_| scope.spawn(|| PlainProduct::create().name("Contested").run(shop))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    for err in results.iter().filter_map(|r| r.as_ref().err()) {
        assert_eq!(err.message_for("name"), Some("has already been taken"));
    }
    assert_eq!(PlainProduct::read().run(shop).unwrap().len(), 1);
}

fn eight_threads_racing_with_pre_check_leave_one_record(shop: &Domain) {
    let results: Vec<Result<Customer, Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|i| scope.spawn(move || Customer::create().name(format!("n{i}")).email("same@example.com").run(shop)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    assert_eq!(Customer::read().run(shop).unwrap().len(), 1);
}
