use resource::prelude::*;

#[resource]
#[actions(defaults(create, read, create, delete))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

fn main() {}
