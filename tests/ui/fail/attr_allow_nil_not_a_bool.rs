// A flag takes `true` or `false`, or nothing.
use resource::prelude::*;

#[resource]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(allow_nil = "yes")]
    pub nickname: Option<String>,
}

fn main() {}
