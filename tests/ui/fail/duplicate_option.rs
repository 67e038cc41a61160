use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute name: String { public: true, public: false }
        }
    }
}

fn main() {}
