//! The action scenarios (defaults, required values,
//! constraints, changes, validations, arguments, upserts, reads), run on every
//! data layer, and a domain that keeps Ets resources in memory beside
//! Sqlite ones.

use resource::dsl::resource;
use resource::prelude::*;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

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

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Account>())
}

on_every_layer!(domain; defaults_fill_what_is_not_given, required_attributes_are_reported_together, constraints_trim_and_bound_values, resource_validations_run_on_create_and_update, arguments_changes_and_action_validations, upsert_updates_the_existing_record_on_its_identity, upsert_without_fields_overwrites_what_it_sets, updates_touch_the_update_timestamp_and_require_attributes, reads_filter_sort_limit_and_offset);

fn defaults_fill_what_is_not_given(d: &Domain) {
    let a = Account::create().email("a@x.io").name("Ann").run(d).unwrap();
    assert_eq!(a.visits, 0);
    assert_eq!(a.role, Role::Member);
    assert_eq!(a.nickname, None);
    assert_eq!(a.inserted_at, a.updated_at);
}

fn required_attributes_are_reported_together(d: &Domain) {
    let err = Account::create().run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: email: is required; name: is required");
}

fn constraints_trim_and_bound_values(d: &Domain) {
    let err = Account::create().email("a@x.io").name("A name that is too long").visits(-1).run(d).unwrap_err();
    assert_eq!(err.message_for("name"), Some("length must be less than or equal to 10"));
    assert_eq!(err.message_for("visits"), Some("must be greater than or equal to 0"));
    let blank = Account::create().email("a@x.io").name("   ").run(d).unwrap_err();
    assert_eq!(blank.message_for("name"), Some("is required"), "a blank string becomes nil");
    let trimmed = Account::create().email("a@x.io").name("  Ann  ").run(d).unwrap();
    assert_eq!(trimmed.name, "Ann");
}

fn resource_validations_run_on_create_and_update(d: &Domain) {
    let err = Account::create().email("a@x.io").name("Ann").nickname("A").run(d).unwrap_err();
    assert_eq!(err.message_for("nickname"), Some("must have length of at least 2"));
    let a = Account::create().email("a@x.io").name("Ann").nickname("Annie").run(d).unwrap();
    let err = a.update().nickname("A").run(d).unwrap_err();
    assert_eq!(err.message_for("nickname"), Some("must have length of at least 2"));
}

fn arguments_changes_and_action_validations(d: &Domain) {
    let err = Account::register()
        .email("o@x.io")
        .name("Owen")
        .password("secret-pass")
        .password_confirmation("other-pass")
        .run(d)
        .unwrap_err();
    assert_eq!(err.to_string(), "invalid input: password_confirmation: confirmation did not match value");
    let err = Account::register().email("o@x.io").name("Owen").password("short").run(d).unwrap_err();
    assert_eq!(err.message_for("password"), Some("length must be greater than or equal to 8"));
    assert_eq!(err.message_for("password_confirmation"), Some("is required"));
    let owner = Account::register()
        .email("o@x.io")
        .name("Owen")
        .password("secret-pass")
        .password_confirmation("secret-pass")
        .run(d)
        .unwrap();
    assert_eq!(owner.role, Role::Owner);
    assert_eq!(owner.note.as_deref(), Some("registered"));
    let owners = Account::owners().run(d).unwrap();
    assert_eq!(owners.len(), 1);
    assert_eq!(owners[0].id, owner.id);
}

fn upsert_updates_the_existing_record_on_its_identity(d: &Domain) {
    let first = Account::import().email("u@x.io").name("Una").visits(1).run(d).unwrap();
    let again = Account::import().email("U@X.IO").name("Changed").visits(5).run(d).unwrap();
    assert_eq!(again.id, first.id, "the same record");
    assert_eq!(again.visits, 5, "upsert_fields are written");
    assert_eq!(again.name, "Una", "fields outside upsert_fields are kept");
    assert_eq!(again.email.as_str(), "u@x.io", "keys are kept");
    assert_eq!(Account::read().run(d).unwrap().len(), 1);
}

fn upsert_without_fields_overwrites_what_it_sets(d: &Domain) {
    let first = Account::sync().email("s@x.io").name("Sam").visits(1).run(d).unwrap();
    let again = Account::sync().email("s@x.io").name("Samuel").run(d).unwrap();
    assert_eq!(again.id, first.id);
    assert_eq!(again.name, "Samuel");
    assert_eq!(again.visits, 1, "defaults are not written over existing values");
    assert!(again.updated_at >= first.updated_at);
    assert_eq!(again.inserted_at, first.inserted_at);
}

fn updates_touch_the_update_timestamp_and_require_attributes(d: &Domain) {
    let a = Account::create().email("t@x.io").name("Tim").run(d).unwrap();
    let renamed = a.rename().name("Tom").run(d).unwrap();
    assert_eq!(renamed.name, "Tom");
    assert!(renamed.updated_at >= a.updated_at);
    assert_eq!(renamed.inserted_at, a.inserted_at);
}

fn reads_filter_sort_limit_and_offset(d: &Domain) {
    for (email, name, visits) in [("c@x.io", "Cy", 3), ("a@x.io", "Al", 1), ("b@x.io", "Bo", 2), ("d@x.io", "Di", 4)] {
        Account::create().email(email).name(name).visits(visits).run(d).unwrap();
    }
    let names = |accounts: Vec<Account>| accounts.into_iter().map(|a| a.name).collect::<Vec<_>>();
    assert_eq!(names(Account::read().sort(account::name.asc()).run(d).unwrap()), ["Al", "Bo", "Cy", "Di"]);
    assert_eq!(names(Account::read().sort(account::visits.desc()).limit(2).run(d).unwrap()), ["Di", "Cy"]);
    assert_eq!(names(Account::read().sort(account::name.asc()).offset(1).limit(2).run(d).unwrap()), ["Bo", "Cy"]);
    let busy = Account::read().filter_expr(account::visits.ge(2)).sort(account::name.desc()).run(d).unwrap();
    assert_eq!(names(busy), ["Di", "Cy", "Bo"]);
    let first = Account::read().sort(account::name.asc()).first(d).unwrap().unwrap();
    assert_eq!(first.name, "Al");
    let by_email = Account::get_by_unique_email(d, CiString::from("B@X.IO")).unwrap();
    assert_eq!(by_email.name, "Bo");
    assert!(matches!(Account::get_by_unique_email(d, CiString::from("zz@x.io")), Err(Error::NotFound { .. })));
}

resource! {
    /// Declares SQLite: stored in the domain's `with_sqlite` database.
    pub Ticket {
        data_layer: Sqlite,
        attributes {
            integer_primary_key id;
            attribute subject: String { allow_nil: false, public: true }
            attribute price: Option<Decimal> { public: true }
        }
        actions {
            default_accept [subject, price];
            defaults [create, read, update, destroy];
        }
        sqlite {
            table: "tickets";
        }
    }
}

#[test]
fn a_domain_keeps_sqlite_resources_in_its_database_and_ets_ones_in_memory() {
    let db = Sqlite::memory().unwrap();
    let d = Domain::new().with_sqlite(db.clone()).register::<Ticket>().register::<Account>().build().unwrap();
    assert_eq!(d.data_layer(Ticket::info()).unwrap().name(), "sqlite");
    assert_eq!(d.data_layer(Account::info()).unwrap().name(), "ets");
    let first = Ticket::create().subject("Printer on fire").price(dec!(10.50)).run(&d).unwrap();
    let second = Ticket::create().subject("Coffee").run(&d).unwrap();
    assert_eq!((first.id, second.id), (1, 2), "integer keys are generated");
    assert_eq!(first.price, Some(dec!(10.50)));
    let cheap = Ticket::read().filter_expr(ticket::price.lt(dec!(11))).run(&d).unwrap();
    assert_eq!(cheap.len(), 1);
    let stored: String =
        db.with_connection(|c| c.query_row("SELECT price FROM tickets WHERE id = 1", [], |r| r.get(0))).unwrap();
    assert_eq!(stored, "10.50", "decimals are stored exactly, as text");
    Account::create().email("a@x.io").name("Ann").run(&d).unwrap();
    let in_sqlite = db.with_connection(|c| c.prepare("SELECT 1 FROM account").map(drop));
    assert_eq!(in_sqlite, Err(Error::MissingTable { table: "account".into() }), "accounts stay in ETS");
}

#[test]
fn a_sqlite_resource_without_a_database_is_a_clear_build_error() {
    let Err(err) = Domain::new().register::<Ticket>().build() else { panic!("the domain should not build") };
    assert!(err.to_string().contains("with_sqlite(Sqlite::open(path)?)"), "{err}");
}
