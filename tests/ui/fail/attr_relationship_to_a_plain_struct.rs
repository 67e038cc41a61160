// A relationship's destination must be a resource: one error, at the type.
use resource::prelude::*;

pub struct Author {
    pub id: u32,
}

#[resource]
#[belongs_to(author: Author)]
#[actions(defaults(read))]
pub struct Post {
    #[attribute(primary_key)]
    pub id: Uuid,
}

fn main() {}
