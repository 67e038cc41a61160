use resource::prelude::*;

#[resource]
#[actions(defaults(create, read, read))]
#[action(create, create)]
#[action(update, rename, accept(name))]
#[action(destroy, rename)]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(public)]
    pub name: String,
}

fn main() {}
