//! Upsert options (issue 8 item 1), run on every data layer:
//! `upsert_fields: []` keeps the existing record (its `updated_at` too),
//! `touch_update_defaults: false`, `upsert_condition`, and one call's
//! overrides of `upsert_identity` / `upsert_fields` on the typed builders
//! and the JSON changeset.

use resource::dsl::resource;
use resource::prelude::*;
use serde_json::json;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Member {
        attributes {
            uuid_primary_key id;
            attribute email: String { allow_nil: false, public: true }
            attribute handle: String { allow_nil: false, public: true }
            attribute name: String { allow_nil: false, public: true }
            attribute score: i64 { default: 0, public: true }
            create_timestamp inserted_at;
            update_timestamp updated_at;
        }
        identities {
            identity unique_email: [email];
            identity unique_handle: [handle];
        }
        actions {
            defaults [read, destroy];
            create create {
                accept [email, handle, name, score];
            }
            create ensure {
                accept [email, handle, name, score];
                upsert: true;
                upsert_identity: unique_email;
                upsert_fields: [];
            }
            create quiet {
                accept [email, handle, name, score];
                upsert: true;
                upsert_identity: unique_email;
                upsert_fields: [name];
                touch_update_defaults: false;
            }
            create sync {
                accept [email, handle, name, score];
                upsert: true;
                upsert_identity: unique_email;
                upsert_fields: [name, score];
            }
            create raise {
                accept [email, handle, name, score];
                upsert: true;
                upsert_identity: unique_email;
                upsert_fields: [name, score];
                upsert_condition: expr(score < 10);
            }
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Member>())
}

on_every_layer!(domain;
    empty_upsert_fields_keep_everything_and_updated_at,
    touch_update_defaults_false_keeps_updated_at,
    the_update_timestamp_is_touched_by_default,
    upsert_condition_true_updates,
    upsert_condition_false_returns_the_existing_record,
    upsert_condition_does_not_stop_an_insert,
    a_call_overrides_the_identity,
    a_call_overrides_the_fields,
    a_call_overrides_touch_update_defaults,
    the_json_changeset_takes_the_same_overrides,
    invalid_override_names_are_invalid_errors,
    overrides_need_an_upsert_action,
);

fn first(d: &Domain) -> Member {
    let member = Member::create().email("a@x.io").handle("ann").name("Ann").score(1).run(d).unwrap();
    // Let the clock move, so a touched `updated_at` differs.
    std::thread::sleep(std::time::Duration::from_millis(5));
    member
}

fn stored(d: &Domain) -> Vec<Member> {
    Member::read().run(d).unwrap()
}

fn empty_upsert_fields_keep_everything_and_updated_at(d: &Domain) {
    let before = first(d);
    let again = Member::ensure().email("a@x.io").handle("other").name("Other").score(9).run(d).unwrap();
    assert_eq!(again, before, "nothing changes on conflict, updated_at included");
    assert_eq!(stored(d), vec![before]);
}

fn touch_update_defaults_false_keeps_updated_at(d: &Domain) {
    let before = first(d);
    let again = Member::quiet().email("a@x.io").handle("ann").name("Anna").run(d).unwrap();
    assert_eq!(again.id, before.id);
    assert_eq!(again.name, "Anna");
    assert_eq!(again.updated_at, before.updated_at);
    assert_eq!(stored(d), vec![again]);
}

fn the_update_timestamp_is_touched_by_default(d: &Domain) {
    let before = first(d);
    let again = Member::sync().email("a@x.io").handle("ann").name("Anna").score(2).run(d).unwrap();
    assert_eq!((again.id, again.score), (before.id, 2));
    assert!(again.updated_at > before.updated_at);
    assert_eq!(again.inserted_at, before.inserted_at);
}

fn upsert_condition_true_updates(d: &Domain) {
    let before = first(d);
    let again = Member::raise().email("a@x.io").handle("ann").name("Anna").score(20).run(d).unwrap();
    assert_eq!((again.id, again.name.as_str(), again.score), (before.id, "Anna", 20));
    assert_eq!(stored(d), vec![again]);
}

fn upsert_condition_false_returns_the_existing_record(d: &Domain) {
    first(d);
    let raised = Member::raise().email("a@x.io").handle("ann").name("Anna").score(20).run(d).unwrap();
    // The stored score is now 20: the condition `score < 10` is false.
    let skipped = Member::raise().email("a@x.io").handle("ann").name("Bob").score(30).run(d).unwrap();
    assert_eq!(skipped, raised, "the existing record, untouched");
    assert_eq!(stored(d), vec![raised]);
}

fn upsert_condition_does_not_stop_an_insert(d: &Domain) {
    let created = Member::raise().email("b@x.io").handle("bo").name("Bo").score(50).run(d).unwrap();
    assert_eq!(stored(d), vec![created]);
}

fn a_call_overrides_the_identity(d: &Domain) {
    let before = first(d);
    // `sync` resolves on `unique_email`; this call on `unique_handle`.
    let again =
        Member::sync().email("new@x.io").handle("ann").name("Anna").score(3).upsert_on_unique_handle().run(d).unwrap();
    assert_eq!(again.id, before.id);
    assert_eq!((again.email.as_str(), again.name.as_str(), again.score), ("a@x.io", "Anna", 3));
    assert_eq!(stored(d), vec![again.clone()]);
    // The same by name, on the changeset (the dynamic spelling).
    let by_name = Member::sync()
        .email("other@x.io")
        .handle("ann")
        .name("Ann")
        .score(4)
        .changeset(d)
        .upsert_identity("unique_handle")
        .run()
        .unwrap();
    assert_eq!((by_name.id, by_name.name.as_str(), by_name.score), (before.id, "Ann", 4));
}

fn a_call_overrides_the_fields(d: &Domain) {
    let before = first(d);
    let again = Member::sync().email("a@x.io").handle("ann").name("Anna").score(3).upsert_fields(member::score).run(d);
    let again = again.unwrap();
    assert_eq!((again.id, again.name.as_str(), again.score), (before.id, "Ann", 3));
    assert!(again.updated_at > before.updated_at);
    let none = Member::sync().email("a@x.io").handle("ann").name("Zed").score(7).upsert_fields(()).run(d).unwrap();
    assert_eq!(none, again, "`()` for this call: nothing changes, updated_at included");
    let both = Member::sync()
        .email("a@x.io")
        .handle("other")
        .name("Zed")
        .score(8)
        .upsert_fields((member::name, member::handle))
        .run(d)
        .unwrap();
    assert_eq!((both.name.as_str(), both.handle.as_str(), both.score), ("Zed", "other", 3));
    let by_name = Member::sync()
        .email("a@x.io")
        .handle("ann")
        .name("Yul")
        .score(9)
        .changeset(d)
        .upsert_fields(["score"])
        .run()
        .unwrap();
    assert_eq!((by_name.name.as_str(), by_name.score), ("Zed", 9), "by name, on the changeset");
    assert_eq!(stored(d), vec![by_name]);
}

fn a_call_overrides_touch_update_defaults(d: &Domain) {
    let before = first(d);
    let again =
        Member::sync().email("a@x.io").handle("ann").name("Anna").score(1).touch_update_defaults(false).run(d).unwrap();
    assert_eq!(again.name, "Anna");
    assert_eq!(again.updated_at, before.updated_at);
    let touched = Member::quiet().email("a@x.io").handle("ann").name("Ann").touch_update_defaults(true).run(d).unwrap();
    assert_eq!(touched.name, "Ann");
    assert!(touched.updated_at > before.updated_at, "this call overrides the action's `false`");
}

fn the_json_changeset_takes_the_same_overrides(d: &Domain) {
    let before = first(d);
    let input = json!({"email": "new@x.io", "handle": "ann", "name": "Anna", "score": 4});
    let again = Changeset::<Member>::for_create(d, "sync", &input)
        .upsert_identity("unique_handle")
        .upsert_fields(["name"])
        .run()
        .unwrap();
    assert_eq!(again.id, before.id);
    assert_eq!((again.email.as_str(), again.name.as_str(), again.score), ("a@x.io", "Anna", 1));
}

fn invalid_override_names_are_invalid_errors(d: &Domain) {
    first(d);
    let input = json!({"email": "a@x.io", "handle": "ann", "name": "Anna"});
    let err = Changeset::<Member>::for_create(d, "sync", &input).upsert_identity("unique_nope").run().unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    let message = err.message_for("upsert_identity").unwrap();
    assert!(message.contains("unique_nope"), "{message}");
    let err = Changeset::<Member>::for_create(d, "sync", &input).upsert_fields(["name", "nmae"]).run().unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    assert!(err.message_for("nmae").unwrap().contains("`nmae`"));
    assert_eq!(stored(d)[0].name, "Ann", "nothing was written");
}

fn overrides_need_an_upsert_action(d: &Domain) {
    let err = Member::create()
        .email("a@x.io")
        .handle("ann")
        .name("Ann")
        .changeset(d)
        .upsert_fields(["name"])
        .run()
        .unwrap_err();
    assert_eq!(err.message_for("upsert"), Some("action `create` of Member is not an upsert"));
    assert!(stored(d).is_empty());
}
