//! Identities on the ETS-like data layer, as seeds 000 and 001 describe them.

use resource::chrono::NaiveDate;
use resource::dsl::resource;
use resource::prelude::*;

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

// The same product without `pre_check`: our ETS enforces identities itself.
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

fn domain() -> Domain {
    Domain::new()
        .register::<Product>()
        .register::<PlainProduct>()
        .register::<Reservation>()
        .register::<Customer>()
        .register::<Code>()
        .build()
        .expect("the domain builds")
}

#[test]
fn a_duplicate_name_has_already_been_taken() {
    let shop = domain();
    Product::create().name("Banana").price(dec!(0.1)).run(&shop).unwrap();
    let err = Product::create().name("Banana").price(dec!(0.2)).run(&shop).unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* name: has already been taken");
    assert_eq!(Product::read().run(&shop).unwrap().len(), 1, "nothing was written");
}

#[test]
fn identities_hold_without_pre_check() {
    let shop = domain();
    PlainProduct::create().name("Banana").run(&shop).unwrap();
    let err = PlainProduct::create().name("Banana").run(&shop).unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* name: has already been taken");
    assert_eq!(PlainProduct::read().run(&shop).unwrap().len(), 1);
}

#[test]
fn a_multi_key_identity_takes_all_keys_together() {
    let airline = domain();
    let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
    let book = |passenger: i64, flight: &str, date: NaiveDate| {
        Reservation::create().passenger_id(passenger).flight_number(flight).date(date).run(&airline)
    };
    book(1, "LH 400", day).unwrap();
    let err = book(1, "LH 400", day).unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* passenger_id, flight_number, date: has already been taken");
    book(2, "LH 400", day).unwrap();
    book(1, "LH 401", day).unwrap();
    book(1, "LH 400", day.succ_opt().unwrap()).unwrap();
    assert_eq!(Reservation::read().run(&airline).unwrap().len(), 4);
}

#[test]
fn nil_keys_are_distinct_by_default() {
    let airline = domain();
    Reservation::create().passenger_id(1).flight_number("LH 400").run(&airline).unwrap();
    Reservation::create().passenger_id(1).flight_number("LH 400").run(&airline).unwrap();
    assert_eq!(Reservation::read().run(&airline).unwrap().len(), 2);
}

#[test]
fn a_ci_string_identity_ignores_case_and_keeps_it() {
    let shop = domain();
    let first = Customer::create().name("Stefan").email("Stefan@Example.com").run(&shop).unwrap();
    assert_eq!(first.email.as_str(), "Stefan@Example.com");
    let err = Customer::create().name("Other").email("stefan@example.COM").run(&shop).unwrap_err();
    assert_eq!(err.message_for("email"), Some("has already been taken"));
    let found = Customer::get_by_unique_email(&shop, CiString::from("STEFAN@example.com")).unwrap();
    assert_eq!(found.id, first.id);
}

#[test]
fn an_eager_check_fails_when_the_changeset_is_built() {
    let shop = domain();
    Customer::create().name("Stefan").email("stefan@example.com").run(&shop).unwrap();
    let changeset = Customer::create().name("Other").email("STEFAN@example.com").changeset(&shop);
    assert!(!changeset.is_valid());
    assert_eq!(changeset.errors()[0].to_string(), "email: has already been taken");
}

#[test]
fn a_pre_check_fails_just_before_the_write() {
    let shop = domain();
    // Built while the name is free: valid.
    let changeset = Product::create().name("Kiwi").price(dec!(1)).changeset(&shop);
    assert!(changeset.is_valid());
    // Someone else takes the name before it runs.
    Product::create().name("Kiwi").price(dec!(2)).run(&shop).unwrap();
    let err = changeset.run().unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* name: has already been taken");
}

#[test]
fn an_update_checks_an_identity_only_when_a_key_changes() {
    let shop = domain();
    let banana = Product::create().name("Banana").price(dec!(0.1)).run(&shop).unwrap();
    Product::create().name("Apple").price(dec!(0.5)).run(&shop).unwrap();
    let banana = banana.update().price(dec!(0.2)).run(&shop).unwrap();
    assert_eq!(banana.price, dec!(0.2));
    let banana = banana.update().name("Banana").run(&shop).unwrap();
    assert_eq!(banana.name, "Banana", "re-setting its own name is no conflict");
    let err = banana.update().name("Apple").run(&shop).unwrap_err();
    assert_eq!(err.message_for("name"), Some("has already been taken"));
    assert_eq!(Product::get(&shop, banana.id).unwrap().name, "Banana", "the record is unchanged");
    let renamed = banana.update().name("Plantain").run(&shop).unwrap();
    Product::create().name("Banana").price(dec!(0.3)).run(&shop).expect("the old name is free again");
    assert_eq!(renamed.name, "Plantain");
}

#[test]
fn destroying_frees_the_identity() {
    let shop = domain();
    let banana = Product::create().name("Banana").price(dec!(0.1)).run(&shop).unwrap();
    banana.destroy().run(&shop).unwrap();
    assert!(matches!(Product::get(&shop, banana.id), Err(Error::NotFound { .. })));
    Product::create().name("Banana").price(dec!(0.1)).run(&shop).unwrap();
}

#[test]
fn a_duplicate_primary_key_is_an_error_not_an_overwrite() {
    let shop = domain();
    Code::create().code("A1").label("first").run(&shop).unwrap();
    let err = Code::create().code("A1").label("second").run(&shop).unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* code: has already been taken");
    assert_eq!(Code::get(&shop, "A1").unwrap().label.as_deref(), Some("first"));
}

#[test]
fn eight_threads_racing_for_one_email_leave_one_record() {
    let shop = domain();
    let results: Vec<Result<PlainProduct, Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> =
            (0..8).map(|_| scope.spawn(|| PlainProduct::create().name("Contested").run(&shop))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    for err in results.iter().filter_map(|r| r.as_ref().err()) {
        assert_eq!(err.message_for("name"), Some("has already been taken"));
    }
    assert_eq!(PlainProduct::read().run(&shop).unwrap().len(), 1);
}

#[test]
fn eight_threads_racing_with_pre_check_leave_one_record() {
    let shop = &domain();
    let results: Vec<Result<Customer, Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|i| scope.spawn(move || Customer::create().name(format!("n{i}")).email("same@example.com").run(shop)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    assert_eq!(Customer::read().run(shop).unwrap().len(), 1);
}
