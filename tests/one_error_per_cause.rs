//! One error per cause (issue 8, item 11): an argument that a change copies
//! into a required attribute is reported once, as the argument, not again
//! as the attribute it would have filled; on every layer.

use resource::dsl::resource;
use resource::prelude::*;
use serde_json::json;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Account {
        attributes {
            uuid_primary_key id;
            attribute email: String { allow_nil: false, public: true }
            attribute secret: String { allow_nil: false }
        }
        actions {
            defaults [read];
            create sign_up {
                accept [email];
                argument password: String { allow_nil: false, constraints { min_length: 8 } }
                change set_attribute(secret, arg(password));
            }
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Account>())
}

on_every_layer!(domain; a_missing_argument_is_reported_once);

fn a_missing_argument_is_reported_once(d: &Domain) {
    let missing = Changeset::<Account>::for_create(d, "sign_up", &json!({"email": "a@x.io"})).run().unwrap_err();
    assert_eq!(missing.to_string(), "invalid input: password: is required");
    let short = json!({"email": "a@x.io", "password": "short"});
    let err = Changeset::<Account>::for_create(d, "sign_up", &short).run().unwrap_err();
    assert_eq!(err.to_string(), "invalid input: password: length must be greater than or equal to 8");
    // Both causes at once: each field once.
    let err = Changeset::<Account>::for_create(d, "sign_up", &json!({})).run().unwrap_err();
    assert_eq!(err.to_string(), "invalid input: password: is required; email: is required");
    let good = json!({"email": "a@x.io", "password": "long enough"});
    Changeset::<Account>::for_create(d, "sign_up", &good).run().unwrap();
    assert_eq!(Account::read().run(d).unwrap().len(), 1);
}
