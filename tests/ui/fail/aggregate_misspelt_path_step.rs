// A misspelt later step of an aggregate's path, with no field or filter
// to check it through: still one error, at the step.
use resource::dsl::resource;

resource! {
    pub Comment {
        attributes {
            uuid_primary_key id;
            attribute post_id: Option<resource::Uuid>;
        }
        relationships {
            belongs_to post: Post;
        }
        aggregates {
            count siblings: post.comentss;
        }
        actions { defaults [read]; }
    }
}

resource! {
    pub Post {
        attributes { uuid_primary_key id; }
        relationships { has_many comments: Comment; }
        actions { defaults [read]; }
    }
}

fn main() {}
