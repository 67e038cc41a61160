use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute admin: bool;
        }
        actions {
            create signup {
                filter: expr(admin == true);
                get: true;
            }
        }
    }
}

fn main() {}
