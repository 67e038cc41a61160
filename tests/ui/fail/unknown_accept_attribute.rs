use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute name: String;
            attribute email: String;
        }
        actions {
            default_accept [nmae, email];
            create signup {
                accept [name, emial];
                require_attributes [phone];
            }
        }
    }
}

fn main() {}
