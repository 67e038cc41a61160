// A relationship's destination must be a resource: one error, at the type.
use resource::dsl::resource;

pub struct Author {
    pub id: u32,
}

resource! {
    pub Post {
        attributes { uuid_primary_key id; }
        relationships {
            belongs_to author: Author;
            has_many drafts: Author;
        }
        actions { defaults [read]; }
    }
}

fn main() {}
