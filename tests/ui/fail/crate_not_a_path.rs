use resource::prelude::*;

#[resource(crate = 5)]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

fn main() {}
