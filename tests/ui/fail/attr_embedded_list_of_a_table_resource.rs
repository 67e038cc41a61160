use resource::prelude::*;

#[resource]
pub struct Tag {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub name: String,
}

#[resource]
pub struct Post {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub tags: Vec<Tag>,
}

fn main() {}
