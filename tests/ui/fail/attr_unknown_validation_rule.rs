use resource::prelude::*;

#[resource]
#[validate(presnt(name))]
#[validate(string_lenght(name, max = 10))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub name: Option<String>,
}

fn main() {}
