use resource::dsl::resource;

resource! {
    pub Member {
        attributes {
            uuid_primary_key id;
            attribute email: String;
            attribute name: String;
        }
        identities {
            identity unique_email [email];
        }
        actions {
            create create { accept [email, name]; }
            create sync {
                accept [email, name];
                upsert: true;
                upsert_identity: unique_email;
            }
        }
    }
}

resource! {
    pub Team {
        attributes {
            uuid_primary_key id;
            attribute name: String;
        }
    }
}

fn main() {
    // A misspelt identity, another resource's field, and an action without `upsert`.
    let _ = Member::sync().email("a@x.io").upsert_on_unique_emial();
    let _ = Member::sync().email("a@x.io").upsert_fields(team::name);
    let _ = Member::create().email("a@x.io").upsert_fields(member::name);
}
