use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute name: String { alow_nil: false, public: true }
        }
    }
}

fn main() {}
