use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            attribute name: String;
        }
    }
}

fn main() {}
