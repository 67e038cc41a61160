// A misspelt option of `#[validate]` and of its rule.
use resource::prelude::*;

#[resource]
#[validate(present(name, email, at_lest = 1), mesage = "say who you are")]
#[validate(string_length(name, mx = 100), onn(create))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub name: Option<String>,
    pub email: Option<String>,
}

fn main() {}
