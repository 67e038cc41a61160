use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute starts_at: i64;
            attribute ends_at: i64;
        }
        validations {
            validate present([start_at]);
            validate compare(ends_at, greater_than: MIN_DURATION);
        }
    }
}

fn main() {}
