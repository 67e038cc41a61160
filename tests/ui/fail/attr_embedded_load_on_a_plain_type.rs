use resource::prelude::*;

#[resource]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(constraints(load(full_name)))]
    pub name: Option<String>,
}

fn main() {}
