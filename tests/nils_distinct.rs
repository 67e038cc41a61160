//! `nils_distinct: false` (issue 8, item 2): a nil key conflicts with a nil
//! key, on every layer, and every check says so with the identity's
//! message: the eager check (when the changeset is built), the pre-check
//! (just before the write) and the data layer itself.

use resource::dsl::resource;
use resource::prelude::*;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Slot {
        attributes {
            uuid_primary_key id;
            attribute room: String { allow_nil: false, public: true }
            attribute day: Option<String> { public: true }
        }
        identities {
            identity by_layer [room, day] { nils_distinct: false, message: "is booked" }
        }
        actions {
            default_accept [room, day];
            defaults [create, read, update];
        }
    }
}

resource! {
    pub EagerSlot {
        attributes {
            uuid_primary_key id;
            attribute room: String { allow_nil: false, public: true }
            attribute day: Option<String> { public: true }
        }
        identities {
            identity eager [room, day] { nils_distinct: false, eager_check: true, message: "is booked" }
        }
        actions {
            default_accept [room, day];
            defaults [create, read];
        }
    }
}

resource! {
    pub CheckedSlot {
        attributes {
            uuid_primary_key id;
            attribute room: String { allow_nil: false, public: true }
            attribute day: Option<String> { public: true }
        }
        identities {
            identity pre [room, day] { nils_distinct: false, pre_check: true, message: "is booked" }
        }
        actions {
            default_accept [room, day];
            defaults [create, read];
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Slot>().register::<EagerSlot>().register::<CheckedSlot>())
}

on_every_layer!(domain; the_data_layer_refuses_a_second_nil, the_eager_check_sees_nils, the_pre_check_sees_nils);

fn the_data_layer_refuses_a_second_nil(d: &Domain) {
    Slot::create().room("A").run(d).unwrap();
    let err = Slot::create().room("A").run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: room, day: is booked");
    // A value is distinct from nil, and another room is another key.
    Slot::create().room("A").day("mon").run(d).unwrap();
    Slot::create().room("B").run(d).unwrap();
    assert_eq!(Slot::read().run(d).unwrap().len(), 3);
}

fn the_eager_check_sees_nils(d: &Domain) {
    EagerSlot::create().room("A").run(d).unwrap();
    let changeset = EagerSlot::create().room("A").changeset(d);
    assert!(!changeset.is_valid(), "the eager check runs when the changeset is built");
    assert_eq!(changeset.run().unwrap_err().to_string(), "invalid input: room, day: is booked");
    assert!(EagerSlot::create().room("A").day("mon").changeset(d).is_valid());
}

fn the_pre_check_sees_nils(d: &Domain) {
    CheckedSlot::create().room("A").run(d).unwrap();
    let changeset = CheckedSlot::create().room("A").changeset(d);
    assert!(changeset.is_valid(), "no eager check");
    assert_eq!(changeset.run().unwrap_err().to_string(), "invalid input: room, day: is booked");
    assert_eq!(CheckedSlot::read().run(d).unwrap().len(), 1);
}
