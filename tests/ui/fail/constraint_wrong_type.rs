use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute age: i64 { constraints { max_length: 3, trim: true } }
            attribute name: String { constraints { min: 1 } }
            attribute admin: bool { constraints { match: "^t" } }
        }
    }
}

fn main() {}
