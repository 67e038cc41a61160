// An option's value follows `=`.
use resource::prelude::*;

#[resource]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(default false)]
    pub admin: bool,
}

fn main() {}
