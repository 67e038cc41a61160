use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute nickname: Option<String> { allow_nil: false }
        }
    }
}

fn main() {}
