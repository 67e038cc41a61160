//! The dynamic changeset: input from outside (JSON), reported as field errors.

use resource::dsl::resource;
use resource::prelude::*;
use serde_json::json;

resource! {
    pub Ticket {
        attributes {
            uuid_primary_key id;
            attribute subject: String { allow_nil: false, public: true, constraints { max_length: 20 } }
            attribute priority: i64 { default: 1, public: true, constraints { min: 1, max: 5 } }
            attribute price: Option<Decimal> { public: true }
            attribute internal: bool { default: false }
        }
        actions {
            default_accept [subject, priority, price];
            defaults [create, read, update, destroy];
        }
    }
}

fn domain() -> Domain {
    Domain::new().register::<Ticket>().build().unwrap()
}

#[test]
fn a_valid_json_body_creates_a_record() {
    let d = domain();
    let t =
        Changeset::<Ticket>::for_create(&d, "create", &json!({"subject": "Printer", "priority": "3", "price": "9.50"}))
            .run()
            .unwrap();
    assert_eq!((t.subject.as_str(), t.priority, t.price), ("Printer", 3, Some(dec!(9.50))));
}

#[test]
fn every_bad_input_is_reported_and_nothing_is_written() {
    let d = domain();
    let changeset = Changeset::<Ticket>::for_create(
        &d,
        "create",
        &json!({"subject": "x".repeat(30), "priority": "urgent", "price": [1], "colour": "red", "internal": true}),
    );
    assert!(!changeset.is_valid());
    let err = changeset.run().unwrap_err();
    assert_eq!(err.message_for("subject"), Some("length must be less than or equal to 20"));
    assert_eq!(err.message_for("priority"), Some("is invalid"));
    assert_eq!(err.message_for("price"), Some("is invalid"));
    assert_eq!(err.message_for("colour"), Some("no such input for action `create`"));
    assert_eq!(err.message_for("internal"), Some("cannot be changed by action `create`"));
    assert_eq!(err.field_errors().len(), 5);
    assert!(Ticket::read().run(&d).unwrap().is_empty());
}

#[test]
fn missing_required_values_are_field_errors() {
    let d = domain();
    let err = Changeset::<Ticket>::for_create(&d, "create", &json!({"subject": null})).run().unwrap_err();
    assert_eq!(err.to_string(), "invalid input: subject: is required");
}

#[test]
fn input_that_is_not_an_object_is_an_error() {
    let d = domain();
    let err = Changeset::<Ticket>::for_create(&d, "create", &json!(["subject"])).run().unwrap_err();
    assert_eq!(err.message_for("input"), Some("must be a JSON object of attribute and argument values"));
}

#[test]
fn an_unknown_action_is_no_such_action() {
    let d = domain();
    let err = Changeset::<Ticket>::for_create(&d, "explode", &json!({})).run().unwrap_err();
    assert_eq!(err, Error::NoSuchAction { resource: "Ticket", action: "explode".into(), kind: "create" });
    let err = Changeset::<Ticket>::for_create(&d, "update", &json!({})).run().unwrap_err();
    assert!(matches!(err, Error::NoSuchAction { .. }), "an update action is not a create action");
}

#[test]
fn dynamic_updates_and_destroys() {
    let d = domain();
    let t = Ticket::create().subject("Printer").run(&d).unwrap();
    let t = Changeset::for_update(&d, &t, "update", &json!({"priority": 5})).run().unwrap();
    assert_eq!(t.priority, 5);
    let err = Changeset::for_update(&d, &t, "update", &json!({"priority": 6})).run().unwrap_err();
    assert_eq!(err.message_for("priority"), Some("must be less than or equal to 5"));
    assert_eq!(Ticket::get(&d, t.id).unwrap().priority, 5);
    Changeset::for_destroy(&d, &t, "destroy", &json!({})).run_destroy().unwrap();
    assert!(Ticket::read().run(&d).unwrap().is_empty());
}

#[test]
fn an_unregistered_resource_is_an_error() {
    let d = Domain::new().build().unwrap();
    let err = Ticket::create().subject("x").run(&d).unwrap_err();
    assert_eq!(err.to_string(), "resource Ticket is not registered with this domain");
}
