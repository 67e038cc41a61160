use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute name: String;
            attribute email: String;
        }
        actions {
            create signup {
                accept [name];
                require_attributes [email];
            }
        }
    }
}

fn main() {}
