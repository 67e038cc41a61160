use resource::dsl::resource;

resource! {
    pub User {
        attributes
            uuid_primary_key id;
    }
}

fn main() {}
