use resource::prelude::*;

// One error per broken attribute, and nothing about `identity` or
// `attribute` being unknown attributes: the struct is emitted without them.
#[resource]
#[identity(unique_name)]
#[action(create)]
#[validate(present)]
pub struct User {
    #[attribute(uuid_primary_key = true)]
    pub id: Uuid,
    #[attribute(public = yes)]
    pub name: String,
}

fn main() {}
