use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute name: String { constraints { min_length: 10, max_length: 5 } }
            attribute score: i64 { constraints { min: 100, max: 0 } }
        }
    }
}

fn main() {}
