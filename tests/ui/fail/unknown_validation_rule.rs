use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute name: String;
        }
        validations {
            validate presnt([name]);
            validate string_length(name, mni: 1);
        }
    }
}

fn main() {}
