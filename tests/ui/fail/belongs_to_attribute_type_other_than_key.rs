// `attribute_type` must be the type of the destination's key.
use resource::dsl::resource;

resource! {
    pub Author {
        attributes { integer_primary_key id; }
        actions { defaults [read]; }
    }
}

resource! {
    pub Post {
        attributes { uuid_primary_key id; }
        relationships { belongs_to author: Author { attribute_type: String } }
        actions { defaults [read]; }
    }
}

fn main() {}
