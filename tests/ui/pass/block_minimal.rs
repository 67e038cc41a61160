use resource::dsl::resource;

resource! {
    /// A tag.
    pub Tag {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
        }
        actions {
            default_accept [name];
            defaults [create, read, update, destroy];
        }
    }
}

fn main() {}
