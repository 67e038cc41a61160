use resource::prelude::*;

#[resource]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(constraints(max_length = 3))]
    pub age: i64,
    #[attribute(constraints(min = 0, min_length = 5, max_length = 2))]
    pub name: String,
}

fn main() {}
