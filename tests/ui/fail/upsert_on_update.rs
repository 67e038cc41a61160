use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute email: String;
        }
        identities {
            identity unique_email [email];
        }
        actions {
            update change_email {
                upsert: true;
                upsert_identity: unique_email;
            }
        }
    }
}

fn main() {}
