use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute email: String;
        }
        identities {
            identity unique_email [emial] { field_names: [mail] }
        }
    }
}

fn main() {}
