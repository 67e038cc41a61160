use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute email: String;
            attribute email: String;
        }
    }
}

fn main() {}
