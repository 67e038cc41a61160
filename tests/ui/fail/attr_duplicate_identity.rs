use resource::prelude::*;

#[resource]
#[identity(unique_email, keys(email))]
#[identity(unique_email, keys(name))]
#[action(create, signup, argument(code: String), argument(code: i64))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub email: String,
    pub name: String,
}

fn main() {}
