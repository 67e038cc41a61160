use resource::dsl::resource;

resource! {
    pub Representative {
        attributes {
            uuid_primary_key id;
            attribute name: String;
        }
        relationships {
            has_many tickets: Ticket;
        }
        aggregates {
            count name_count: name;
            sum total: tickets;
        }
        actions { defaults [read]; }
    }
}

resource! {
    pub Ticket {
        attributes { uuid_primary_key id; attribute representative_id: Option<resource::Uuid>; }
        actions { defaults [read]; }
    }
}

fn main() {}
