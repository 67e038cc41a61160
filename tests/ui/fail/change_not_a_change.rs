use resource::dsl::resource;

/// Meant as a change, but `impl resource::Change for Slugify` was forgotten.
pub struct Slugify {
    pub from: &'static str,
}

resource! {
    pub Post {
        attributes {
            uuid_primary_key id;
            attribute title: String { public: true }
        }
        actions {
            create create {
                accept [title];
                change Slugify { from: "title" };
            }
        }
    }
}

fn main() {}
