// The key of `belongs_to author` is `author_id`: declared as a field, it
// must have the destination's key type.
use resource::prelude::*;

#[resource]
#[belongs_to(author: Author)]
pub struct Post {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub author_id: i64,
}

#[resource]
pub struct Author {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

fn main() {}
