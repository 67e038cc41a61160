use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
        }
        actions {
            defaults [create, read];
            create create;
            update rename;
            destroy rename;
        }
    }
}

fn main() {}
