use resource::prelude::*;

#[resource]
#[attribute(public)]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[identity(unique_name, keys(name))]
    pub name: String,
}

#[resource]
pub enum Role {
    Admin,
}

#[resource]
pub struct Pair(Uuid, String);

fn main() {}
