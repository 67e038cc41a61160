use resource::prelude::*;

#[resource]
#[action(create, signup, argument(code: String, allow_nil = true))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(allow_nil)]
    pub name: String,
    #[attribute(allow_nil = false)]
    pub nickname: Option<String>,
}

fn main() {}
