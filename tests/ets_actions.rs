//! Actions on the ETS-like layer: defaults, required values, constraints,
//! changes, validations, arguments, upserts, reads.

use resource::dsl::resource;
use resource::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, resource::Atom)]
pub enum Role {
    Member,
    Owner,
}

resource! {
    pub Account {
        attributes {
            uuid_primary_key id;
            attribute email: CiString { allow_nil: false, public: true }
            attribute name: String { allow_nil: false, public: true, constraints { max_length: 10 } }
            attribute nickname: Option<String> { public: true }
            attribute visits: i64 { default: 0, public: true, constraints { min: 0 } }
            attribute role: Role { default: Role::Member, public: true }
            attribute note: Option<String> { public: true }
            create_timestamp inserted_at;
            update_timestamp updated_at;
        }
        identities {
            identity unique_email [email];
        }
        validations {
            validate string_length(nickname, min: 2);
        }
        actions {
            default_accept [email, name, nickname, visits];
            defaults [create, read, update, destroy];
            create register {
                accept [email, name];
                argument password: String { allow_nil: false, constraints { min_length: 8 } }
                argument password_confirmation: String { allow_nil: false }
                validate confirm(password, password_confirmation);
                change set_attribute(role, Role::Owner);
                change set_attribute(note, "registered");
            }
            create import {
                accept [email, name, visits];
                upsert: true;
                upsert_identity: unique_email;
                upsert_fields: [visits];
            }
            create sync {
                accept [email, name, visits];
                upsert: true;
                upsert_identity: unique_email;
            }
            read owners {
                filter: expr(role == "owner");
            }
            update rename {
                accept [name];
                require_attributes [name];
            }
        }
    }
}

fn domain() -> Domain {
    Domain::new().register::<Account>().build().unwrap()
}

#[test]
fn defaults_fill_what_is_not_given() {
    let d = domain();
    let a = Account::create().email("a@x.io").name("Ann").run(&d).unwrap();
    assert_eq!(a.visits, 0);
    assert_eq!(a.role, Role::Member);
    assert_eq!(a.nickname, None);
    assert_eq!(a.inserted_at, a.updated_at);
}

#[test]
fn required_attributes_are_reported_together() {
    let d = domain();
    let err = Account::create().run(&d).unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* email: is required\n* name: is required");
}

#[test]
fn constraints_trim_and_bound_values() {
    let d = domain();
    let err = Account::create().email("a@x.io").name("A name that is too long").visits(-1).run(&d).unwrap_err();
    assert_eq!(err.message_for("name"), Some("length must be less than or equal to 10"));
    assert_eq!(err.message_for("visits"), Some("must be greater than or equal to 0"));
    let blank = Account::create().email("a@x.io").name("   ").run(&d).unwrap_err();
    assert_eq!(blank.message_for("name"), Some("is required"), "a blank string becomes nil");
    let trimmed = Account::create().email("a@x.io").name("  Ann  ").run(&d).unwrap();
    assert_eq!(trimmed.name, "Ann");
}

#[test]
fn resource_validations_run_on_create_and_update() {
    let d = domain();
    let err = Account::create().email("a@x.io").name("Ann").nickname("A").run(&d).unwrap_err();
    assert_eq!(err.message_for("nickname"), Some("must have length of at least 2"));
    let a = Account::create().email("a@x.io").name("Ann").nickname("Annie").run(&d).unwrap();
    let err = a.update().nickname("A").run(&d).unwrap_err();
    assert_eq!(err.message_for("nickname"), Some("must have length of at least 2"));
}

#[test]
fn arguments_changes_and_action_validations() {
    let d = domain();
    let err = Account::register()
        .email("o@x.io")
        .name("Owen")
        .password("secret-pass")
        .password_confirmation("other-pass")
        .run(&d)
        .unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* password_confirmation: confirmation did not match value");
    let err = Account::register().email("o@x.io").name("Owen").password("short").run(&d).unwrap_err();
    assert_eq!(err.message_for("password"), Some("length must be greater than or equal to 8"));
    assert_eq!(err.message_for("password_confirmation"), Some("is required"));
    let owner = Account::register()
        .email("o@x.io")
        .name("Owen")
        .password("secret-pass")
        .password_confirmation("secret-pass")
        .run(&d)
        .unwrap();
    assert_eq!(owner.role, Role::Owner);
    assert_eq!(owner.note.as_deref(), Some("registered"));
    let owners = Account::owners().run(&d).unwrap();
    assert_eq!(owners.len(), 1);
    assert_eq!(owners[0].id, owner.id);
}

#[test]
fn upsert_updates_the_existing_record_on_its_identity() {
    let d = domain();
    let first = Account::import().email("u@x.io").name("Una").visits(1).run(&d).unwrap();
    let again = Account::import().email("U@X.IO").name("Changed").visits(5).run(&d).unwrap();
    assert_eq!(again.id, first.id, "the same record");
    assert_eq!(again.visits, 5, "upsert_fields are written");
    assert_eq!(again.name, "Una", "fields outside upsert_fields are kept");
    assert_eq!(again.email.as_str(), "u@x.io", "keys are kept");
    assert_eq!(Account::read().run(&d).unwrap().len(), 1);
}

#[test]
fn upsert_without_fields_overwrites_what_it_sets() {
    let d = domain();
    let first = Account::sync().email("s@x.io").name("Sam").visits(1).run(&d).unwrap();
    let again = Account::sync().email("s@x.io").name("Samuel").run(&d).unwrap();
    assert_eq!(again.id, first.id);
    assert_eq!(again.name, "Samuel");
    assert_eq!(again.visits, 1, "defaults are not written over existing values");
    assert!(again.updated_at >= first.updated_at);
    assert_eq!(again.inserted_at, first.inserted_at);
}

#[test]
fn updates_touch_the_update_timestamp_and_require_attributes() {
    let d = domain();
    let a = Account::create().email("t@x.io").name("Tim").run(&d).unwrap();
    let renamed = a.rename().name("Tom").run(&d).unwrap();
    assert_eq!(renamed.name, "Tom");
    assert!(renamed.updated_at >= a.updated_at);
    assert_eq!(renamed.inserted_at, a.inserted_at);
}

#[test]
fn reads_filter_sort_limit_and_offset() {
    let d = domain();
    for (email, name, visits) in [("c@x.io", "Cy", 3), ("a@x.io", "Al", 1), ("b@x.io", "Bo", 2), ("d@x.io", "Di", 4)] {
        Account::create().email(email).name(name).visits(visits).run(&d).unwrap();
    }
    let names = |accounts: Vec<Account>| accounts.into_iter().map(|a| a.name).collect::<Vec<_>>();
    assert_eq!(names(Account::read().sort(account::name.asc()).run(&d).unwrap()), ["Al", "Bo", "Cy", "Di"]);
    assert_eq!(names(Account::read().sort(account::visits.desc()).limit(2).run(&d).unwrap()), ["Di", "Cy"]);
    assert_eq!(names(Account::read().sort(account::name.asc()).offset(1).limit(2).run(&d).unwrap()), ["Bo", "Cy"]);
    let busy = Account::read().filter_expr(account::visits.ge(2)).sort(account::name.desc()).run(&d).unwrap();
    assert_eq!(names(busy), ["Di", "Cy", "Bo"]);
    let first = Account::read().sort(account::name.asc()).first(&d).unwrap().unwrap();
    assert_eq!(first.name, "Al");
    let by_email = Account::get_by_unique_email(&d, CiString::from("B@X.IO")).unwrap();
    assert_eq!(by_email.name, "Bo");
    assert!(matches!(Account::get_by_unique_email(&d, CiString::from("zz@x.io")), Err(Error::NotFound { .. })));
}
