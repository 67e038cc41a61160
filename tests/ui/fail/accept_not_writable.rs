use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute secret: String { writable: false }
            attribute name: String;
            create_timestamp inserted_at;
        }
        actions {
            default_accept [id, name];
            create signup {
                accept [name, secret, inserted_at];
            }
        }
    }
}

fn main() {}
