use resource::dsl::resource;

resource! {
    pub Ticket {
        attributes {
            uuid_primary_key id;
            attribute representative_id: Option<Uuid>;
        }
        actions { defaults [read]; }
    }
}

resource! {
    pub Representative {
        attributes { uuid_primary_key id; }
        relationships {
            has_many tickets: Ticket { destination_attribute: reprsentative_id }
        }
        actions { defaults [read]; }
    }
}

use resource::Uuid;

fn main() {}
