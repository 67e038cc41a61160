use resource::prelude::*;

#[resource]
#[validate(present(nickname), where)]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub nickname: Option<String>,
}

fn main() {}
