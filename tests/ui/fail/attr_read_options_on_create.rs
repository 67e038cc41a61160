use resource::prelude::*;

#[resource]
#[action(create, signup, get, filter(name == "x"), pagination(offset))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub name: String,
}

fn main() {}
