// A misspelt later step of an aggregate's path, with no field or filter
// to check it through: one error, at the step.
use resource::prelude::*;

#[resource]
#[belongs_to(post: Post)]
#[aggregate(count siblings: post.comentss)]
pub struct Comment {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

#[resource]
#[has_many(comments: Comment)]
pub struct Post {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

fn main() {}
