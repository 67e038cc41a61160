use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: true }
        }
        actions {
            create signup {
                argument code: i64 { allow_nil: true }
            }
        }
    }
}

fn main() {}
