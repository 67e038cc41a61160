use resource::prelude::*;

#[resource]
#[many_to_many(tags: Tag)]
pub struct Post {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

#[resource]
pub struct Tag {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

fn main() {}
