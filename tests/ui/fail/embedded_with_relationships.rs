use resource::dsl::resource;

resource! {
    pub Tag {
        data_layer: Embedded,
        attributes {
            attribute name: String;
        }
        relationships {
            has_many users: User;
        }
        aggregates {
            count user_count: users;
        }
    }
}

resource! {
    pub User {
        attributes { uuid_primary_key id; attribute tag_id: Option<resource::Uuid>; }
        actions { defaults [read]; }
    }
}

fn main() {}
