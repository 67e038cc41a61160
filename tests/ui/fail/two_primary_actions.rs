use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute name: String;
        }
        actions {
            defaults [create];
            create signup { primary: true; }
            update rename { primary: true; }
            update retitle { primary: true; }
        }
    }
}

fn main() {}
