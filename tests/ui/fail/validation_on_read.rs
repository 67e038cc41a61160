use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute name: String;
        }
        validations {
            validate present([name]) { on: [create, read], message: "is needed" };
        }
        actions {
            create signup {
                change set_atribute(name, "x");
            }
        }
    }
}

fn main() {}
