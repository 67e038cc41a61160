//! A relationship named like one of the resource's actions keeps its field
//! but gets no accessor method (the action's method has the name), and the
//! expansion still compiles.

#![deny(warnings)]

use resource::dsl::resource;
use resource::prelude::*;

resource! {
    pub Owner {
        data_layer: Ets,
        attributes { uuid_primary_key id; }
        actions { defaults [create, read]; }
    }
}

resource! {
    pub Pet {
        data_layer: Ets,
        attributes { uuid_primary_key id; }
        relationships {
            belongs_to owner: Owner;
            belongs_to adopt: Owner;
        }
        actions {
            defaults [create, read];
            update adopt { accept [adopt_id]; }
        }
    }
}

fn main() {
    let pet = Pet { id: Uuid::nil(), owner_id: None, adopt_id: None, owner: Loaded::NotLoaded, adopt: Loaded::NotLoaded };
    assert!(pet.owner().is_err(), "the accessor exists");
    let _builder = pet.adopt(); // the update action, not the relationship
    assert!(pet.adopt.is_not_loaded());
}
