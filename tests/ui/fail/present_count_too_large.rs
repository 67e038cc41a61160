use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute first_name: Option<String>;
            attribute last_name: Option<String>;
        }
        validations {
            validate present([first_name, last_name], at_least: 3);
            validate absent(first_name, exactly: 2);
            validate string_length(first_name, min: 10, max: 2);
        }
    }
}

fn main() {}
