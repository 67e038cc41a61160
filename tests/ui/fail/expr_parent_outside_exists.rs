// `parent(..)` names a field of the record outside an `exists(..)` (or an
// aggregate's filter); outside of one it is an error at `parent`. A
// calculation is one value: a path through a to-many relationship is an
// error there (in a filter it means "some related record").
use resource::dsl::resource;
use resource::prelude::*;

resource! {
    pub Post {
        attributes {
            integer_primary_key id;
            attribute title: String { public: true }
        }
        relationships {
            has_many comments: Comment;
        }
        actions { defaults [read]; }
    }
}

resource! {
    pub Broken {
        attributes {
            integer_primary_key id;
            attribute title: String { public: true }
        }
        relationships {
            has_many comments: Comment { destination_attribute: post_id }
        }
        calculations {
            calculate first_body: String = expr(comments.body);
        }
        actions {
            defaults [read];
            read mine { filter: expr(exists(comments, body == parent(titel))); }
        }
    }
}

resource! {
    pub Comment {
        attributes {
            integer_primary_key id;
            attribute body: String { public: true }
        }
        relationships {
            belongs_to post: Post { attribute_type: i64 }
        }
        actions { defaults [read]; }
    }
}

fn main() {
    let _ = Post::read().filter(expr!(parent(title) == "x"));
    let _ = Post::read().filter(expr!(exists(comments, parent(bdy) == "x")));
}
