use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute name: String;
        }
        identites {
            identity unique_name [name];
        }
    }
}

fn main() {}
