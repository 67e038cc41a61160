use resource::prelude::*;

#[resource]
#[actions(defaults(create))]
#[action(create, signup, primary)]
#[action(update, rename, primary)]
#[action(update, retitle, primary = true)]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub name: String,
}

fn main() {}
