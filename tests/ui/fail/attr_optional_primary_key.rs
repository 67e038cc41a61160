use resource::prelude::*;

#[resource]
pub struct User {
    #[attribute(primary_key, allow_nil = false)]
    pub id: Option<i64>,
}

fn main() {}
