// The key of `belongs_to author` is `author_id`: declared as an attribute, it
// must have the destination's key type.
use resource::dsl::resource;

resource! {
    pub Post {
        attributes {
            uuid_primary_key id;
            attribute author_id: i64;
        }
        relationships {
            belongs_to author: Author;
        }
        actions { defaults [read]; }
    }
}

resource! {
    pub Author {
        attributes { uuid_primary_key id; }
        actions { defaults [read]; }
    }
}

fn main() {}
