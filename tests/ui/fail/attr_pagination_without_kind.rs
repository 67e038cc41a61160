use resource::prelude::*;

#[resource]
#[action(read, listing, pagination(default_limit = 20))]
pub struct Post {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

fn main() {}
