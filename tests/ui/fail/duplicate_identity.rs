use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute email: String;
            attribute name: String;
        }
        identities {
            identity unique [email];
            identity unique [name];
        }
    }
}

fn main() {}
