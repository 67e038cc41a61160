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
            create upsert_user {
                upsert: true;
                upsert_identity: unique_emial;
                upsert_fields: [emial];
            }
        }
    }
}

fn main() {}
