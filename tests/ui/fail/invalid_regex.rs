use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute name: String { constraints { match: "[a-z" } }
        }
        validations {
            validate match(name, "(unclosed");
        }
    }
}

fn main() {}
