use resource::prelude::*;

#[resource]
#[validate(present(name), on(create, read))]
#[action(create, signup, validate(present(name), on(update)))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub name: Option<String>,
}

fn main() {}
