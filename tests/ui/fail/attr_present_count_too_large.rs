use resource::prelude::*;

#[resource]
#[validate(present(first_name, last_name, at_least = 3))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
}

fn main() {}
