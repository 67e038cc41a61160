use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute role: String;
        }
        actions {
            create signup {
                change set_attribute(rol, "user");
                change set_new_attribute(level, 1);
            }
        }
    }
}

fn main() {}
