use resource::prelude::*;

#[resource]
#[action(create, signup, accept(email), require_attributes(name))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub email: String,
    pub name: Option<String>,
}

fn main() {}
