// Through a relationship, the destination's field is typed too.
use resource::dsl::resource;
use resource::prelude::*;

resource! {
    pub Post {
        attributes {
            uuid_primary_key id;
            attribute author_id: Option<Uuid>;
        }
        relationships {
            belongs_to author: Author;
        }
        actions { defaults [read]; }
    }
}

resource! {
    pub Author {
        attributes {
            uuid_primary_key id;
            attribute name: String;
        }
        actions { defaults [read]; }
    }
}

fn main() {
    let _ = Post::read().filter(expr!(author.name == 5));
}
