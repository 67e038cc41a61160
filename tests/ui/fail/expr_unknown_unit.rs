// An unknown time unit is an error at the unit, with a suggestion.
use resource::dsl::resource;
use resource::prelude::*;

resource! {
    pub Post {
        attributes {
            uuid_primary_key id;
            attribute inserted_at: Option<resource::chrono::DateTime<resource::chrono::Utc>> { public: true }
        }
        actions {
            defaults [read];
        }
    }
}

fn main() {
    let _ = Post::read().filter(expr!(inserted_at > ago(1, days)));
}
