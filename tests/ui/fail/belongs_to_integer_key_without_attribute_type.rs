// A `belongs_to` key is a uuid unless `attribute_type` says otherwise (Ash's
// default): against an integer primary key that is one error with the fix.
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
        relationships { belongs_to author: Author; }
        actions { defaults [read]; }
    }
}

fn main() {}
