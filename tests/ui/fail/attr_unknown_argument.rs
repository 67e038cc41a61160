use resource::prelude::*;

#[resource]
#[action(create, signup,
    argument(password: String),
    change(set_attribute(nickname, arg(nickname))),
    validate(confirm(password, password_confirmation)))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub nickname: Option<String>,
}

fn main() {}
