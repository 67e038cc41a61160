use resource::dsl::resource;

resource! {
    pub Tag {
        attributes {
            uuid_primary_key id;
            attribute name: Option<String> { public: true }
        }
        actions {
            update rename {
                accept [name];
                validate present(name) { on: [update] };
            }
        }
    }
}

fn main() {}
